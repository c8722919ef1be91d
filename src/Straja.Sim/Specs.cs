namespace Straja.Sim;

/// <summary>One-sigma measurement noise in SI units; NaN where the sensor kind does not measure it.</summary>
internal sealed record NoiseSpec(double RangeM, double AzimuthRad, double ElevationRad, double HorizontalM, double VerticalM);

/// <summary>How often the sensor's class hint is right, and the confidence it attaches to every hint.</summary>
internal sealed record ClassificationSpec(double PCorrect, double Confidence);

internal sealed record SensorSpec(
    SensorDescriptor Descriptor,
    NoiseSpec Noise,
    double Pd,
    double ClutterPerScan,
    double MinElevationRad,
    bool Horizon,
    ClassificationSpec? Classification,
    double? PhaseS);

/// <summary>A racetrack: two straights of <see cref="LengthM"/> joined by half circles of diameter <see cref="WidthM"/>.</summary>
internal sealed record RacetrackSpec(GeoPoint Centre, double LengthM, double WidthM, double HeadingRad);

internal sealed record TargetSpec(
    string Id,
    TargetClass Class,
    double SpeedMps,
    IReadOnlyList<GeoPoint> Waypoints,
    RacetrackSpec? Orbit,
    double StartS,
    bool Loop,
    string? AdsbIcao,
    string? Callsign,
    string? RemoteId,
    bool EmitsRf)
{
    /// <summary>The Remote ID Operator ID it broadcasts.</summary>
    public string? OperatorId { get; init; }

    /// <summary>Whether it signs its Remote ID with its unit key (one of the scenario's <c>registeredUnits</c>).</summary>
    public bool Signs { get; init; }
}

internal readonly record struct ValueRange(double Min, double Max)
{
    public double Sample(Random rng) => Min + (rng.NextDouble() * (Max - Min));
}

/// <summary>Where spawned traffic starts or ends: a lat/lon box, or a polyline (e.g. a stretch of border).</summary>
internal sealed record AreaSpec(double South, double North, double West, double East, IReadOnlyList<GeoPoint> Line)
{
    public GeoPoint Sample(Random rng)
    {
        if (Line.Count == 0)
        {
            return new GeoPoint(South + (rng.NextDouble() * (North - South)), West + (rng.NextDouble() * (East - West)));
        }

        // Uniform along the polyline by (flat-earth) length: good enough for a start line a few tens of km long.
        double cosLat = Math.Cos(Geo.Wgs84.DegToRad(Line[0].LatDeg));
        var lengths = new double[Line.Count - 1];
        double total = 0;
        for (int i = 0; i < lengths.Length; i++)
        {
            double dLat = Line[i + 1].LatDeg - Line[i].LatDeg, dLon = (Line[i + 1].LonDeg - Line[i].LonDeg) * cosLat;
            lengths[i] = Math.Sqrt((dLat * dLat) + (dLon * dLon));
            total += lengths[i];
        }

        double at = rng.NextDouble() * total;
        for (int i = 0; i < lengths.Length; i++)
        {
            if (at <= lengths[i] || i == lengths.Length - 1)
            {
                double f = lengths[i] > 0 ? Math.Min(1, at / lengths[i]) : 0;
                return new GeoPoint(
                    Line[i].LatDeg + (f * (Line[i + 1].LatDeg - Line[i].LatDeg)),
                    Line[i].LonDeg + (f * (Line[i + 1].LonDeg - Line[i].LonDeg)));
            }

            at -= lengths[i];
        }

        return Line[^1];
    }
}

internal sealed record SpawnerSpec(
    string Id,
    TargetClass Class,
    double IntervalS,
    double JitterS,
    double StartS,
    double StopS,
    int MaxCount,
    AreaSpec From,
    AreaSpec To,
    ValueRange SpeedMps,
    ValueRange AltM,
    bool Adsb,
    string CallsignPrefix,
    bool EmitsRf);

internal sealed record FlockSpec(
    string Id,
    int Count,
    GeoPoint Centre,
    double RadiusM,
    ValueRange AltM,
    ValueRange SpeedMps,
    double StartS);
