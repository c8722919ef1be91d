using NetTopologySuite.Geometries;

namespace Straja.Geo;

/// <summary>
/// Mercator on the WGS84 ellipsoid (x = λ, y = isometric latitude ψ), used only to pick the nearest point of a
/// line set. Being conformal, it keeps directions and ratios of small distances right at every point, so the
/// nearest facet in the plane is the nearest facet on the ground (raw degrees squash east-west by cos φ, ~30 % here,
/// and a fixed tangent plane drifts hundreds of km from its origin). The distance itself is then measured
/// geodesically to the chosen point, so the plane's varying scale never enters the answer.
/// </summary>
internal static class ConformalPlane
{
    private static readonly double E = Math.Sqrt(Wgs84.E2);

    public static double IsometricLatitude(double latRad)
    {
        double s = Math.Sin(latRad);
        return Math.Atanh(s) - E * Math.Atanh(E * s);
    }

    /// <summary>Inverse of <see cref="IsometricLatitude"/> by fixed-point iteration (contracts by e² per round).</summary>
    public static double LatitudeRad(double psi)
    {
        double lat = 2 * Math.Atan(Math.Exp(psi)) - Math.PI / 2;
        for (int i = 0; i < 6; i++)
        {
            double es = E * Math.Sin(lat);
            lat = 2 * Math.Atan(Math.Exp(psi) * Math.Pow((1 + es) / (1 - es), E / 2)) - Math.PI / 2;
        }

        return lat;
    }

    public static Coordinate Project(double latDeg, double lonDeg) =>
        new(Wgs84.DegToRad(lonDeg), IsometricLatitude(Wgs84.DegToRad(latDeg)));

    public static GeoPoint Unproject(Coordinate c) =>
        new(Wgs84.RadToDeg(LatitudeRad(c.Y)), Wgs84.RadToDeg(c.X));

    public static Geometry Project(Geometry g)
    {
        var copy = g.Copy();
        copy.Apply(new ProjectFilter());
        copy.GeometryChanged();
        return copy;
    }

    private sealed class ProjectFilter : ICoordinateSequenceFilter
    {
        public bool Done => false;
        public bool GeometryChanged => true;

        public void Filter(CoordinateSequence seq, int i)
        {
            var p = Project(seq.GetY(i), seq.GetX(i));
            seq.SetX(i, p.X);
            seq.SetY(i, p.Y);
        }
    }
}
