using Straja.Geo;
using Straja.Protocols.Asterix;

namespace Straja.Ingest.Feeds;

/// <summary>
/// One CAT062 system track update → one Position detection under the source's track number, so the engine
/// fuses it track-to-track (covariance intersection: the source's errors are already filtered and correlated).
/// The track's velocity (I062/185) goes along as the detection's velocity, and its stated accuracies
/// (I062/500) replace the default sigmas where present.
/// </summary>
internal static class Cat062TrackAdapter
{
    private const double MetresPerFt = 0.3048;

    // Without I062/500 the track states no accuracy: sigmas typical of an ATC SDPS track (ED-142 asks for
    // ~0.3 NM in en-route airspace; terminal trackers do better), and a few m/s for its smoothed velocity.
    internal const double SigmaHorizontalM = 150;
    internal const double SigmaVerticalM = 60;
    internal const double SigmaVelocityMps = 5;

    // A pressure altitude is off from the geometric height the engine wants by the day's pressure and
    // temperature; that allowance stays on top of whatever the SDPS says about its own altitude estimate.
    internal const double PressureAltitudeAllowanceM = 4 * SigmaVerticalM;

    // I062/500 accuracies are quantised; 0 means "below one LSB", and a zero sigma is no measurement at all.
    private const double MinSigmaM = 0.5;
    private const double MinSigmaMps = 0.25;

    // A 2-D track (no height item) still places the object on the map; the vertical sigma says "unknown".
    internal const double SigmaVertical2dM = 3000;

    /// <summary>
    /// Builds the detection for <paramref name="r"/> reported by <paramref name="tracker"/>, dated by its time
    /// of track information against <paramref name="receivedAt"/>; false with the reason when an item it needs
    /// is missing.
    /// </summary>
    public static bool TryToDetection(in Cat062Record r, SensorDescriptor tracker, DateTimeOffset receivedAt, out Detection detection, out string why)
    {
        detection = null!;
        if (r.TimeOfTrack128 is not { } tod)
        {
            why = "CAT062 track without I062/070 (time of track information)";
            return false;
        }

        if (r.TrackNumber is not { } trackNumber)
        {
            why = "CAT062 track without I062/040 (track number)";
            return false;
        }

        var (heightM, sigmaVerticalM) = Height(r);
        var accuracy = r.Accuracy ?? default;
        GeoPoint position;
        if (r.Position is { } wgs)
        {
            position = new GeoPoint(wgs.LatDeg, wgs.LonDeg, heightM);
        }
        else if (r.CartesianPosition is { } xy)
        {
            // I062/100 is on the system's own plane about its reference point, which this fusion node knows as the
            // tracker's configured position. A tangent plane there stands in for the system's projection: within
            // 100 km of the reference the two differ by well under the track's own error.
            var frame = new LocalFrame(tracker.Position with { AltM = 0 });
            var horizontal = frame.ToGeo(new Enu(xy.XM, xy.YM, 0));
            position = horizontal with { AltM = heightM };
        }
        else
        {
            why = $"CAT062 track {trackNumber} without I062/105 (WGS-84 position) or I062/100 (Cartesian position)";
            return false;
        }

        if (!position.IsValid)
        {
            why = $"CAT062 track {trackNumber}: position {position} is not a valid WGS-84 point";
            return false;
        }

        detection = new Detection
        {
            SensorId = tracker.Id,
            Time = AsterixTime.Resolve(tod, receivedAt),
            Kind = DetectionKind.Position,
            Position = position,
            SigmaHorizontalM = HorizontalSigma(accuracy, position.LatDeg),
            SigmaVerticalM = sigmaVerticalM,
            CooperativeId = r.TargetAddress is { } icao ? $"ICAO:{icao:X6}" : null,
            Callsign = Label(r),
            SourceTrackId = trackNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (r.Velocity is { } v)
        {
            var (east, north) = VelocityAtTrack(v, tracker.Position, position);
            detection = detection with
            {
                VelocityEastMps = east,
                VelocityNorthMps = north,
                SigmaVelocityHorizontalMps = accuracy.Velocity is { } atv ? Math.Max(MinSigmaMps, Math.Max(atv.VxMps, atv.VyMps)) : SigmaVelocityMps,
            };
        }

        why = "";
        return true;
    }

    /// <summary>
    /// I062/185 is on the system plane, whose axes are east/north at its reference point (taken, as for
    /// I062/100, to be the tracker's configured position). Near the reference that is local east/north at the
    /// track; further out grid north turns against true north by the meridian convergence (~0.9° at 100 km
    /// east at 45° N, 3 m/s across a 200 m/s track), so the vector is rotated reference-ENU → ECEF → track-ENU.
    /// The vertical it picks up from the frames' tilt is dropped: the plane has no vertical speed (that is
    /// I062/220, not read here), so the detection's vertical velocity stays unmeasured.
    /// </summary>
    private static (double East, double North) VelocityAtTrack(CartesianVelocity v, GeoPoint reference, GeoPoint track)
    {
        var ecef = new LocalFrame(reference with { AltM = 0 }).RotateToEcef(new Enu(v.VxMps, v.VyMps, 0));
        var local = new LocalFrame(track with { AltM = 0 }).RotateFromEcef(ecef);
        return (local.E, local.N);
    }

    /// <summary>
    /// The larger axis of I062/500 APW (converted to metres at the track's latitude) or else APC; the
    /// constant when the track states neither.
    /// </summary>
    private static double HorizontalSigma(in Cat062Accuracy a, double latDeg)
    {
        if (a.Wgs84 is { } w)
        {
            // Metres per degree from the WGS-84 meridian and prime-vertical radii of curvature.
            double latM = Wgs84.DegToRad(w.LatDeg) * Wgs84.MeridianRadiusM(latDeg);
            double lonM = Wgs84.DegToRad(w.LonDeg) * Wgs84.PrimeVerticalRadiusM(latDeg) * Math.Cos(Wgs84.DegToRad(latDeg));
            return Math.Max(MinSigmaM, Math.Max(latM, lonM));
        }

        return a.Position is { } c ? Math.Max(MinSigmaM, Math.Max(c.XM, c.YM)) : SigmaHorizontalM;
    }

    /// <summary>
    /// Geometric altitude (I062/130, above the WGS-84 ellipsoid as the engine wants) first, with the I062/500
    /// AGA sigma when given; else the calculated barometric altitude or the measured flight level, which are
    /// pressure altitudes: off from geometric by the day's pressure, so their sigma (ABA, when given for the
    /// calculated barometric altitude) is widened by <see cref="PressureAltitudeAllowanceM"/>.
    /// </summary>
    private static (double HeightM, double SigmaM) Height(in Cat062Record r)
    {
        var a = r.Accuracy ?? default;
        if (r.GeometricAltitudeFt is { } ft)
            return (ft * MetresPerFt, a.GeometricAltitudeFt is { } aga ? Math.Max(MinSigmaM, aga * MetresPerFt) : SigmaVerticalM);
        if (r.BarometricAltitudeFl is { } baro && a.BarometricAltitudeFl is { } aba)
            return (baro * 100 * MetresPerFt, double.Hypot(aba * 100 * MetresPerFt, PressureAltitudeAllowanceM));
        if ((r.BarometricAltitudeFl ?? r.MeasuredFl) is { } fl)
            return (fl * 100 * MetresPerFt, PressureAltitudeAllowanceM);
        return (0, SigmaVertical2dM);
    }

    /// <summary>The aircraft identification when the track carries one, else the Mode 3/A code an ATC label would show.</summary>
    private static string? Label(in Cat062Record r)
    {
        if (r.TargetId is { } id && id.IsValid)
        {
            string text = id.ToString().Trim();
            if (text.Length > 0)
                return text;
        }

        return r.Mode3A is { Garbled: false, NotValidated: false } code
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A{code.Octal:D4}")
            : null;
    }
}
