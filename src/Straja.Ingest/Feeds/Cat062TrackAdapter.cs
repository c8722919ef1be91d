using Straja.Geo;
using Straja.Protocols.Asterix;

namespace Straja.Ingest.Feeds;

/// <summary>
/// One CAT062 system track update → one Position detection under the source's track number, so the engine
/// fuses it track-to-track (covariance intersection: the source's errors are already filtered and correlated).
/// </summary>
internal static class Cat062TrackAdapter
{
    private const double MetresPerFt = 0.3048;

    // CAT062 as decoded carries no accuracy (I062/500 is not read): sigmas typical of an ATC SDPS track
    // (ED-142 asks for ~0.3 NM in en-route airspace; terminal trackers do better).
    internal const double SigmaHorizontalM = 150;
    internal const double SigmaVerticalM = 60;

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
            SigmaHorizontalM = SigmaHorizontalM,
            SigmaVerticalM = sigmaVerticalM,
            CooperativeId = r.TargetAddress is { } icao ? $"ICAO:{icao:X6}" : null,
            Callsign = Label(r),
            SourceTrackId = trackNumber.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        why = "";
        return true;
    }

    /// <summary>
    /// Geometric altitude (I062/130, above the WGS-84 ellipsoid as the engine wants) first; else the calculated
    /// barometric altitude or the measured flight level, which are pressure altitudes: off from geometric by the
    /// day's pressure, so they come with a wider vertical sigma.
    /// </summary>
    private static (double HeightM, double SigmaM) Height(in Cat062Record r)
    {
        if (r.GeometricAltitudeFt is { } ft)
            return (ft * MetresPerFt, SigmaVerticalM);
        if ((r.BarometricAltitudeFl ?? r.MeasuredFl) is { } fl)
            return (fl * 100 * MetresPerFt, 4 * SigmaVerticalM);
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
