namespace Straja.Engine.Fusion;

/// <summary>Why a detection was refused: the sensor, the field and what was wrong with it.</summary>
public sealed record DetectionRejection(string SensorId, DateTimeOffset Time, string Field, string Reason)
{
    public override string ToString() => $"sensor '{SensorId}' at {Time:O}: {Field}: {Reason}";
}

/// <summary>
/// Checks a detection against the sensor registry and physics before it may reach a tracker.
/// A refused detection is reported, never thrown: one bad sensor must not stop the others.
/// </summary>
internal sealed class DetectionValidator(IReadOnlyDictionary<string, SensorDescriptor> sensors, TimeSpan maxAhead, TimeSpan maxBehind)
{
    public DetectionRejection? Validate(Detection d, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(d.SensorId))
            return Reject(d, "SensorId", "missing");
        if (!sensors.TryGetValue(d.SensorId, out var sensor))
            return Reject(d, "SensorId", "unknown sensor (not in the configuration)");
        if (d.Time > now + maxAhead)
            return Reject(d, "Time", $"{(d.Time - now).TotalSeconds:F1} s in the future (limit {maxAhead.TotalSeconds:F0} s)");
        if (d.Time < now - maxBehind)
            return Reject(d, "Time", $"{(now - d.Time).TotalSeconds:F1} s old (limit {maxBehind.TotalSeconds:F0} s)");

        switch (d.Kind)
        {
            case DetectionKind.Polar:
                if (!double.IsFinite(d.RangeM) || d.RangeM <= 0)
                    return Reject(d, "RangeM", $"must be a positive finite number (got {d.RangeM})");
                if (sensor.MaxRangeM > 0 && d.RangeM > sensor.MaxRangeM * 1.5)
                    return Reject(d, "RangeM", $"{d.RangeM:F0} m is beyond the sensor's range {sensor.MaxRangeM:F0} m");
                if (!double.IsFinite(d.AzimuthRad))
                    return Reject(d, "AzimuthRad", $"must be finite (got {d.AzimuthRad})");
                if (!double.IsNaN(d.ElevationRad) && !(Math.Abs(d.ElevationRad) <= Math.PI / 2))
                    return Reject(d, "ElevationRad", $"must be NaN or within ±90° (got {d.ElevationRad})");
                return Sigma(d, "SigmaRangeM", d.SigmaRangeM) ?? Sigma(d, "SigmaAzimuthRad", d.SigmaAzimuthRad)
                    ?? (double.IsNaN(d.ElevationRad) ? null : Sigma(d, "SigmaElevationRad", d.SigmaElevationRad));
            case DetectionKind.Bearing:
                if (!double.IsFinite(d.AzimuthRad))
                    return Reject(d, "AzimuthRad", $"must be finite (got {d.AzimuthRad})");
                if (!double.IsNaN(d.ElevationRad) && !(Math.Abs(d.ElevationRad) <= Math.PI / 2))
                    return Reject(d, "ElevationRad", $"must be NaN or within ±90° (got {d.ElevationRad})");
                return Sigma(d, "SigmaAzimuthRad", d.SigmaAzimuthRad)
                    ?? (double.IsNaN(d.ElevationRad) ? null : Sigma(d, "SigmaElevationRad", d.SigmaElevationRad));
            case DetectionKind.Position:
                if (!d.Position.IsValid)
                    return Reject(d, "Position", $"not a valid WGS84 position ({d.Position})");
                if (d.Position.AltM is < -500 or > 30000)
                    return Reject(d, "Position.AltM", $"{d.Position.AltM:F0} m is outside -500..30000 m");
                return Sigma(d, "SigmaHorizontalM", d.SigmaHorizontalM) ?? Sigma(d, "SigmaVerticalM", d.SigmaVerticalM)
                    ?? Velocity(d);
            default:
                return Reject(d, "Kind", $"unknown detection kind {(int)d.Kind}");
        }
    }

    /// <summary>
    /// An optional velocity: east and north together or neither (a vector is rotated whole), the vertical
    /// alone may be missing; each given part finite, below 1000 m/s, with its positive sigma.
    /// </summary>
    private static DetectionRejection? Velocity(Detection d)
    {
        bool hasE = !double.IsNaN(d.VelocityEastMps), hasN = !double.IsNaN(d.VelocityNorthMps), hasU = !double.IsNaN(d.VelocityUpMps);
        if (hasE != hasN)
            return Reject(d, hasE ? "VelocityNorthMps" : "VelocityEastMps", "east and north velocity must be given together");
        if (hasU && !hasE)
            return Reject(d, "VelocityUpMps", "a vertical velocity needs the horizontal one");
        return Speed(d, "VelocityEastMps", d.VelocityEastMps) ?? Speed(d, "VelocityNorthMps", d.VelocityNorthMps) ?? Speed(d, "VelocityUpMps", d.VelocityUpMps)
            ?? (hasE ? Sigma(d, "SigmaVelocityHorizontalMps", d.SigmaVelocityHorizontalMps) : null)
            ?? (hasU ? Sigma(d, "SigmaVelocityVerticalMps", d.SigmaVelocityVerticalMps) : null);
    }

    private static DetectionRejection? Speed(Detection d, string field, double value) =>
        double.IsNaN(value) || Math.Abs(value) < 1000 ? null : Reject(d, field, $"must be NaN or a finite speed under 1000 m/s (got {value})");

    private static DetectionRejection? Sigma(Detection d, string field, double value) =>
        double.IsFinite(value) && value > 0 ? null : Reject(d, field, $"must be a positive finite noise sigma (got {value})");

    private static DetectionRejection Reject(Detection d, string field, string reason) =>
        new(d.SensorId ?? "", d.Time, field, reason);
}
