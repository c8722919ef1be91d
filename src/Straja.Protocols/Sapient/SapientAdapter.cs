using System.Diagnostics.CodeAnalysis;
using Straja.Protocols.Sapient.Wire;
using static Straja.Protocols.Sapient.Wire.DetectionReport.Types;

namespace Straja.Protocols.Sapient;

/// <summary>East, north and up velocity in m/s; Up is NaN when not reported.</summary>
public readonly record struct EnuVelocityMps(double East, double North, double Up);

/// <summary>A Straja detection with what it has no field for yet: the node's own track id and the velocity.</summary>
public sealed record SapientDetection(Detection Detection, string ObjectId, EnuVelocityMps? Velocity);

/// <summary>Turns a SAPIENT DetectionReport into Straja's protocol-free <see cref="Detection"/>.</summary>
public static class SapientAdapter
{
    private const double DegToRad = Math.PI / 180;
    private const double KphToMps = 1 / 3.6;
    private const double WgsA = 6_378_137.0;
    private const double WgsE2 = 6.694_379_990_14e-3;

    /// <summary>
    /// range_bearing becomes a Polar detection (Bearing when there is no range), location a Position one. Units
    /// and north references are converted to Straja's (radians from true north, metres, WGS84 ellipsoidal
    /// heights). Anything that would need data the report and context lack — a magnetic bearing without a
    /// declination, geoid heights without an undulation, UTM without a zone — is refused with the reason,
    /// never guessed.
    /// </summary>
    public static bool TryToDetection(
        DetectionReport report,
        SensorContext context,
        [NotNullWhen(true)] out SapientDetection? result,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(context);
        error = null;
        result = null;
        var (targetClass, confidence) = Classify(report);
        var detection = new Detection
        {
            SensorId = context.SensorId,
            Time = context.Time,
            Kind = DetectionKind.Position,
            ClassHint = targetClass,
            ClassConfidence = confidence,
        };

        Detection? located = report.LocationOneofCase switch
        {
            DetectionReport.LocationOneofOneofCase.RangeBearing => FromRangeBearing(report.RangeBearing, context, detection, out error),
            DetectionReport.LocationOneofOneofCase.Location => FromLocation(report.Location, context, detection, out error),
            _ => Fail("detection_report: neither range_bearing nor location is set", out error),
        };
        if (located is null)
        {
            error ??= "detection_report: location could not be converted";
            return false;
        }

        EnuVelocityMps? velocity = null;
        if (report.EnuVelocity is { } v)
        {
            double h = context.HorizontalSpeedUnits == SpeedUnits.Kph ? KphToMps : 1;
            double up = context.VerticalSpeedUnits == SpeedUnits.Kph ? KphToMps : 1;
            velocity = new EnuVelocityMps(v.EastRate * h, v.NorthRate * h, v.HasUpRate ? v.UpRate * up : double.NaN);
        }

        result = new SapientDetection(located, report.ObjectId, velocity);
        return true;
    }

    private static Detection? FromRangeBearing(RangeBearing rb, SensorContext ctx, Detection d, out string? error)
    {
        double angle = rb.CoordinateSystem switch
        {
            RangeBearingCoordinateSystem.DegreesM or RangeBearingCoordinateSystem.DegreesKm => DegToRad,
            RangeBearingCoordinateSystem.RadiansM or RangeBearingCoordinateSystem.RadiansKm => 1,
            _ => double.NaN,
        };
        if (double.IsNaN(angle))
        {
            return Fail($"range_bearing.coordinate_system: {rb.CoordinateSystem} is not a supported system", out error);
        }

        if (!rb.HasAzimuth)
        {
            return Fail("range_bearing.azimuth: missing, a detection needs at least a bearing", out error);
        }

        double? north = rb.Datum switch
        {
            RangeBearingDatum.True => 0,
            RangeBearingDatum.Magnetic => ctx.MagneticDeclinationRad,
            RangeBearingDatum.Grid => ctx.GridConvergenceRad,
            RangeBearingDatum.Platform => ctx.PlatformHeadingRad,
            _ => null,
        };
        if (north is not { } offset)
        {
            return Fail($"range_bearing.datum: {rb.Datum} needs its north offset in the sensor context", out error);
        }

        double length = rb.CoordinateSystem is RangeBearingCoordinateSystem.DegreesKm or RangeBearingCoordinateSystem.RadiansKm ? 1000 : 1;
        error = null;
        return d with
        {
            Kind = rb.HasRange ? DetectionKind.Polar : DetectionKind.Bearing,
            AzimuthRad = NormaliseAzimuth(rb.Azimuth * angle + offset),
            ElevationRad = rb.HasElevation ? rb.Elevation * angle : double.NaN,
            RangeM = rb.HasRange ? rb.Range * length : double.NaN,
            SigmaAzimuthRad = rb.HasAzimuthError ? rb.AzimuthError * angle : double.NaN,
            SigmaElevationRad = rb.HasElevationError ? rb.ElevationError * angle : double.NaN,
            SigmaRangeM = rb.HasRangeError ? rb.RangeError * length : double.NaN,
        };
    }

    private static Detection? FromLocation(Location l, SensorContext ctx, Detection d, out string? error)
    {
        if (!l.HasX || !l.HasY)
        {
            return Fail("location: x and y are mandatory", out error);
        }

        double latRad, lonRad, sigmaEastM, sigmaNorthM;
        switch (l.CoordinateSystem)
        {
            case LocationCoordinateSystem.LatLngDegM:
            case LocationCoordinateSystem.LatLngRadM:
                double unit = l.CoordinateSystem == LocationCoordinateSystem.LatLngDegM ? DegToRad : 1;
                latRad = l.Y * unit;
                lonRad = l.X * unit;
                double s2 = Math.Sin(latRad) * Math.Sin(latRad);
                double meridianRadius = WgsA * (1 - WgsE2) / Math.Pow(1 - WgsE2 * s2, 1.5);
                double primeVertical = WgsA / Math.Sqrt(1 - WgsE2 * s2);
                sigmaNorthM = l.HasYError ? l.YError * unit * meridianRadius : double.NaN;
                sigmaEastM = l.HasXError ? l.XError * unit * primeVertical * Math.Cos(latRad) : double.NaN;
                break;
            case LocationCoordinateSystem.UtmM:
                string? zoneText = l.HasUtmZone ? l.UtmZone : ctx.UtmZone;
                if (!Utm.TryParseZone(zoneText, out int zone, out bool northern))
                {
                    return Fail($"location.utm_zone: '{zoneText}' is not a UTM zone (e.g. 35T) and the node registered none", out error);
                }

                if (l.X is < 100_000 or > 900_000 || l.Y is < 0 or > 10_000_000)
                {
                    return Fail($"location: easting {l.X} / northing {l.Y} are outside any UTM zone", out error);
                }

                (latRad, lonRad) = Utm.ToGeodetic(zone, northern, l.X, l.Y);
                sigmaEastM = l.HasXError ? l.XError : double.NaN;
                sigmaNorthM = l.HasYError ? l.YError : double.NaN;
                break;
            default:
                return Fail($"location.coordinate_system: {l.CoordinateSystem} is not a supported system", out error);
        }

        double altM = 0;
        if (l.HasZ)
        {
            switch (l.Datum)
            {
                case LocationDatum.Wgs84E:
                    altM = l.Z;
                    break;
                case LocationDatum.Wgs84G when ctx.GeoidUndulationM is { } undulation:
                    altM = l.Z + undulation;
                    break;
                default:
                    return Fail($"location.datum: {l.Datum} heights need a geoid undulation in the sensor context", out error);
            }
        }

        var position = new GeoPoint(latRad / DegToRad, lonRad / DegToRad, altM);
        if (!position.IsValid)
        {
            return Fail($"location: {position} is not a WGS84 position", out error);
        }

        error = null;
        return d with
        {
            Kind = DetectionKind.Position,
            Position = position,
            SigmaHorizontalM = Max(sigmaEastM, sigmaNorthM),
            SigmaVerticalM = l.HasZError ? l.ZError : double.NaN,
        };
    }

    /// <summary>
    /// The most confident classification of the report mapped to a <see cref="TargetClass"/> (see
    /// docs/protocols/sapient.md for the table). At each level the most confident sub-class is followed; the
    /// confidence is the product of the confidences down to the level that decided the class (sub-class
    /// confidences are conditional on their parent), falling back to detection_confidence, then 0.
    /// </summary>
    public static (TargetClass Class, double Confidence) Classify(DetectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        (TargetClass Class, double Confidence) best = (TargetClass.Unknown, 0);
        foreach (DetectionReportClassification c in report.Classification)
        {
            double confidence = c.HasConfidence ? c.Confidence : report.HasDetectionConfidence ? report.DetectionConfidence : 0;
            TargetClass decided = MapTaxonomy(c.Type);
            string path = c.Type;
            double chain = confidence;
            var subs = c.SubClass;
            while (subs.Count > 0)
            {
                SubClass sub = subs.MaxBy(s => s.HasConfidence ? s.Confidence : 0)!;
                path += "." + sub.Type;
                chain *= sub.HasConfidence ? sub.Confidence : 1;
                TargetClass deeper = MapTaxonomy(path);
                if (deeper != decided && deeper != TargetClass.Unknown)
                {
                    decided = deeper;
                    confidence = chain;
                }

                subs = sub.SubClass_;
            }

            if (confidence > best.Confidence || (best.Class == TargetClass.Unknown && decided != TargetClass.Unknown && confidence >= best.Confidence))
            {
                best = (decided, confidence);
            }
        }

        return (best.Class, Math.Clamp(best.Confidence, 0, 1));
    }

    /// <summary>
    /// A dotted taxonomy path ("Air Vehicle.UAV.Rotary Wing", "Animal.Bird", "Land vehicle") to Straja's class.
    /// Matching is on words, case-insensitive, so vendor spellings of the same class agree.
    /// </summary>
    public static TargetClass MapTaxonomy(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string p = path.ToLowerInvariant().Replace('-', ' ').Replace('_', ' ');
        if (Has(p, "bird"))
        {
            return TargetClass.Bird;
        }

        if (Has(p, "uav", "uas", "drone", "unmanned", "rpas", "rpa"))
        {
            return Has(p, "rotary", "multirotor", "multi rotor", "multicopter", "quadcopter", "hexacopter", "octocopter", "helicopter", "vtol")
                ? TargetClass.Multirotor
                : Has(p, "fixed wing", "fixedwing", "fixed")
                    ? TargetClass.FixedWing
                    : TargetClass.Unknown;
        }

        if (Has(p, "manned", "aircraft", "aeroplane", "airplane", "helicopter", "airliner", "glider"))
        {
            return TargetClass.Manned;
        }

        if (Has(p, "air vehicle", "airborne", "air"))
        {
            return TargetClass.Unknown; // airborne but not said what: the tracker's classifier decides
        }

        // Things on the ground or water are real but not air targets: the air picture treats them as clutter.
        return Has(p, "human", "person", "people", "land vehicle", "vehicle", "vessel", "boat", "ship", "animal")
            ? TargetClass.Clutter
            : TargetClass.Unknown;
    }

    private static bool Has(string text, params string[] words)
    {
        foreach (string w in words)
        {
            int i = text.IndexOf(w, StringComparison.Ordinal);
            while (i >= 0)
            {
                bool start = i == 0 || !char.IsLetter(text[i - 1]);
                bool end = i + w.Length == text.Length || !char.IsLetter(text[i + w.Length]);
                if (start && end)
                {
                    return true;
                }

                i = text.IndexOf(w, i + 1, StringComparison.Ordinal);
            }
        }

        return false;
    }

    private static double NormaliseAzimuth(double rad)
    {
        double r = rad % (2 * Math.PI);
        return r < 0 ? r + 2 * Math.PI : r;
    }

    private static double Max(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);

    private static Detection? Fail(string reason, out string? error)
    {
        error = reason;
        return null;
    }
}
