namespace Straja.Geo;

/// <summary>
/// A local East-North-Up tangent frame anchored at a WGS84 origin. Each sector tracks in one.
/// Exact (ECEF rotation), not a flat-earth approximation, so it stays right a few hundred km out.
/// </summary>
public sealed class LocalFrame
{
    private readonly Ecef _origin;
    private readonly double _sinLat, _cosLat, _sinLon, _cosLon;

    public LocalFrame(GeoPoint origin)
    {
        Origin = origin;
        _origin = Wgs84.ToEcef(origin);
        double lat = Wgs84.DegToRad(origin.LatDeg), lon = Wgs84.DegToRad(origin.LonDeg);
        _sinLat = Math.Sin(lat);
        _cosLat = Math.Cos(lat);
        _sinLon = Math.Sin(lon);
        _cosLon = Math.Cos(lon);
    }

    public GeoPoint Origin { get; }

    public Enu ToEnu(GeoPoint p) => EcefToEnu(Wgs84.ToEcef(p));

    public Enu EcefToEnu(Ecef p)
    {
        double dx = p.X - _origin.X, dy = p.Y - _origin.Y, dz = p.Z - _origin.Z;
        return new Enu(
            -_sinLon * dx + _cosLon * dy,
            -_sinLat * _cosLon * dx - _sinLat * _sinLon * dy + _cosLat * dz,
            _cosLat * _cosLon * dx + _cosLat * _sinLon * dy + _sinLat * dz);
    }

    public GeoPoint ToGeo(Enu p) => Wgs84.FromEcef(EnuToEcef(p));

    public Ecef EnuToEcef(Enu p) => new(
        _origin.X - _sinLon * p.E - _sinLat * _cosLon * p.N + _cosLat * _cosLon * p.U,
        _origin.Y + _cosLon * p.E - _sinLat * _sinLon * p.N + _cosLat * _sinLon * p.U,
        _origin.Z + _cosLat * p.N + _sinLat * p.U);

    /// <summary>Rotates a vector (not a point) from ENU at this origin into ECEF axes.</summary>
    public Ecef RotateToEcef(Enu v) => new(
        -_sinLon * v.E - _sinLat * _cosLon * v.N + _cosLat * _cosLon * v.U,
        _cosLon * v.E - _sinLat * _sinLon * v.N + _cosLat * _sinLon * v.U,
        _cosLat * v.N + _sinLat * v.U);

    /// <summary>Rotates a vector from ECEF axes into ENU at this origin.</summary>
    public Enu RotateFromEcef(Ecef v) => new(
        -_sinLon * v.X + _cosLon * v.Y,
        -_sinLat * _cosLon * v.X - _sinLat * _sinLon * v.Y + _cosLat * v.Z,
        _cosLat * _cosLon * v.X + _cosLat * _sinLon * v.Y + _sinLat * v.Z);
}
