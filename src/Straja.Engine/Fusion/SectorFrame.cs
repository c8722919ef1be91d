using Straja.Geo;
using Straja.Tracking;

namespace Straja.Engine.Fusion;

/// <summary>
/// Puts sensor-geometry detections into one sector's ENU frame without losing their geometry.
/// A radar's azimuth and elevation are measured against its OWN horizon and north; a sensor 100 km
/// from the sector origin has a local vertical about 0.9° away from the sector's, which at 30 km range
/// would put a target ~470 m off in height. So each line-of-sight direction is rotated
/// sensor-ENU → ECEF → sector-ENU (range is unchanged by a rotation) and the tracker keeps its
/// polar EKF update in the sector's axes exactly.
/// </summary>
internal sealed class SectorFrame
{
    private readonly LocalFrame _frame;
    private readonly Dictionary<string, (LocalFrame Local, Vec3 Position)> _sensors = new(StringComparer.Ordinal);

    public SectorFrame(GeoPoint origin, IEnumerable<SensorDescriptor> sensors)
    {
        _frame = new LocalFrame(origin);
        foreach (var s in sensors)
        {
            var enu = _frame.ToEnu(s.Position);
            _sensors[s.Id] = (new LocalFrame(s.Position), new Vec3(enu.E, enu.N, enu.U));
        }
    }

    public GeoPoint Origin => _frame.Origin;

    public Vec3 SensorPosition(string sensorId) => _sensors[sensorId].Position;

    public GeoPoint ToGeo(Vec3 p) => _frame.ToGeo(new Enu(p.X, p.Y, p.Z));

    /// <summary>Rotates a sector-ENU velocity into the local ENU at <paramref name="at"/> (for heading and climb).</summary>
    public Enu VelocityAt(GeoPoint at, Vec3 v)
    {
        var ecef = _frame.RotateToEcef(new Enu(v.X, v.Y, v.Z));
        double lat = Wgs84.DegToRad(at.LatDeg), lon = Wgs84.DegToRad(at.LonDeg);
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat), sinLon = Math.Sin(lon), cosLon = Math.Cos(lon);
        return new Enu(
            -sinLon * ecef.X + cosLon * ecef.Y,
            -sinLat * cosLon * ecef.X - sinLat * sinLon * ecef.Y + cosLat * ecef.Z,
            cosLat * cosLon * ecef.X + cosLat * sinLon * ecef.Y + sinLat * ecef.Z);
    }

    /// <remarks>Only a position report's velocity is used: the frame it is in is the one at the reported position.</remarks>
    public Measurement ToMeasurement(Detection d) => d.Kind == DetectionKind.Position ? WithVelocity(Geometry(d), d) : Geometry(d);

    private Measurement Geometry(Detection d)
    {
        switch (d.Kind)
        {
            case DetectionKind.Position:
            {
                var p = _frame.ToEnu(d.Position);
                // Only position reports carry a sensor's track into track-to-track fusion: a bearing
                // is no track state to intersect covariances with.
                return new Measurement(MeasurementKind.Position, p.E, p.N, p.U,
                    d.SigmaHorizontalM, d.SigmaHorizontalM, d.SigmaVerticalM,
                    d.ClassHint, d.ClassConfidence, d.CooperativeId, d.Callsign, SourceTrackId: d.SourceTrackId);
            }
            case DetectionKind.Polar:
            {
                var (az, el) = RotateDirection(d.SensorId, d.AzimuthRad, d.ElevationRad);
                return new Measurement(MeasurementKind.Polar, d.RangeM, az, el,
                    d.SigmaRangeM, d.SigmaAzimuthRad, d.SigmaElevationRad,
                    d.ClassHint, d.ClassConfidence, d.CooperativeId, d.Callsign);
            }
            case DetectionKind.Bearing:
            {
                var (az, el) = RotateDirection(d.SensorId, d.AzimuthRad, d.ElevationRad);
                return new Measurement(MeasurementKind.Bearing, az, el, double.NaN,
                    d.SigmaAzimuthRad, d.SigmaElevationRad, double.NaN,
                    d.ClassHint, d.ClassConfidence, d.CooperativeId, d.Callsign);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(d), d.Kind, "unknown detection kind");
        }
    }

    /// <summary>
    /// Adds the detection's velocity, rotated from the local ENU at the detection into the sector's axes: a
    /// vector turns with the frame but, unlike a point, is not shifted by the origin. Without a vertical
    /// component the horizontal one is rotated as if level and the result keeps NaN vertical; the vertical
    /// it leaves out is the horizontal speed times the tilt between the frames (under 1° in a sector). The
    /// per-axis sigmas are kept: that small tilt barely mixes horizontal and vertical variance.
    /// </summary>
    private Measurement WithVelocity(Measurement m, Detection d)
    {
        if (double.IsNaN(d.VelocityEastMps) && double.IsNaN(d.VelocityNorthMps) && double.IsNaN(d.VelocityUpMps))
        {
            return m;
        }

        bool hasUp = !double.IsNaN(d.VelocityUpMps);
        var local = new LocalFrame(d.Position);
        var v = _frame.RotateFromEcef(local.RotateToEcef(new Enu(d.VelocityEastMps, d.VelocityNorthMps, hasUp ? d.VelocityUpMps : 0)));
        return m with
        {
            VelocityMps = new Vec3(v.E, v.N, hasUp ? v.U : double.NaN),
            SigmaVelocityMps = new Vec3(d.SigmaVelocityHorizontalMps, d.SigmaVelocityHorizontalMps, d.SigmaVelocityVerticalMps),
        };
    }

    /// <summary>
    /// Azimuth/elevation from the sensor's local axes to the sector's. A 2D measurement (no elevation)
    /// is rotated as if horizontal and keeps NaN elevation: the error that leaves is the tilt times
    /// the unknown elevation, well below a radar's azimuth noise at these distances.
    /// </summary>
    private (double Az, double El) RotateDirection(string sensorId, double az, double el)
    {
        var local = _sensors[sensorId].Local;
        double e = double.IsNaN(el) ? 0 : el;
        var dir = new Enu(Math.Sin(az) * Math.Cos(e), Math.Cos(az) * Math.Cos(e), Math.Sin(e));
        var s = _frame.RotateFromEcef(local.RotateToEcef(dir));
        double azS = Math.Atan2(s.E, s.N);
        double elS = double.IsNaN(el) ? double.NaN : Math.Atan2(s.U, Math.Sqrt(s.E * s.E + s.N * s.N));
        return (azS, elS);
    }
}
