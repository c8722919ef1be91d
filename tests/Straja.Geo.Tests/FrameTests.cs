using CsCheck;

namespace Straja.Geo.Tests;

public sealed class FrameTests
{
    /// <summary>Points whose ECEF coordinates follow from the WGS84 defining constants alone (NIMA TR8350.2 §3):
    /// the equator/prime meridian, 90°E with height, and the poles at the semi-minor axis.</summary>
    [Theory]
    [InlineData(0.0, 0.0, 0.0, 6378137.0, 0.0, 0.0)]
    [InlineData(0.0, 90.0, 100.0, 0.0, 6378237.0, 0.0)]
    [InlineData(0.0, 180.0, 0.0, -6378137.0, 0.0, 0.0)]
    [InlineData(90.0, 0.0, 0.0, 0.0, 0.0, 6356752.314245179)]
    [InlineData(-90.0, 45.0, 10.0, 0.0, 0.0, -6356762.314245179)]
    public void Ecef_of_defining_points_follows_the_ellipsoid_constants(
        double lat, double lon, double alt, double x, double y, double z)
    {
        var e = Wgs84.ToEcef(new GeoPoint(lat, lon, alt));
        Assert.Equal(x, e.X, 1e-6);
        Assert.Equal(y, e.Y, 1e-6);
        Assert.Equal(z, e.Z, 1e-6);
    }

    [Fact]
    public void Surface_points_lie_on_the_meridian_ellipse()
    {
        Gen.Select(Gen.Double[-90.0, 90.0], Gen.Double[-180.0, 180.0]).Sample((lat, lon) =>
        {
            var e = Wgs84.ToEcef(new GeoPoint(lat, lon));
            const double a = Wgs84.SemiMajorAxisM, b = Wgs84.SemiMinorAxisM;
            return Math.Abs((e.X * e.X + e.Y * e.Y) / (a * a) + e.Z * e.Z / (b * b) - 1) < 1e-14;
        });
    }

    [Fact]
    public void Geodetic_to_ecef_and_back_round_trips_below_a_micrometre()
    {
        Gen.Select(Gen.Double[-90.0, 90.0], Gen.Double[-180.0, 180.0], Gen.Double[-500.0, 40_000.0]).Sample((lat, lon, alt) =>
        {
            var p = new GeoPoint(lat, lon, alt);
            var back = Wgs84.FromEcef(Wgs84.ToEcef(p));
            var e1 = Wgs84.ToEcef(p);
            var e2 = Wgs84.ToEcef(back);
            double dx = e1.X - e2.X, dy = e1.Y - e2.Y, dz = e1.Z - e2.Z;
            return Math.Sqrt(dx * dx + dy * dy + dz * dz) < 1e-6 && Math.Abs(back.AltM - alt) < 1e-6;
        });
    }

    [Fact]
    public void A_point_one_km_due_north_is_on_the_north_axis_and_drops_below_the_horizon()
    {
        var origin = new GeoPoint(45.17, 28.79, 50);
        var frame = new LocalFrame(origin);
        var enu = frame.ToEnu(Geodesic.Direct(origin, 0, 1000));

        Assert.Equal(0, enu.E, 1e-6);
        Assert.Equal(1000, enu.N, 0.01);
        // Earth curvature: the surface falls away by d²/2R ≈ 1000²/(2 × 6.37e6) ≈ 0.078 m.
        Assert.InRange(enu.U, -0.09, -0.07);
    }

    [Fact]
    public void A_point_one_km_due_east_is_on_the_east_axis()
    {
        var origin = new GeoPoint(45.17, 28.79, 50);
        var enu = new LocalFrame(origin).ToEnu(Geodesic.Direct(origin, 90, 1000));

        Assert.Equal(1000, enu.E, 0.01);
        // The geodesic leaving due east bends south of the parallel's tangent: ~d² tan φ / 2R ≈ 0.08 m.
        Assert.InRange(enu.N, -0.1, 0);
        Assert.InRange(enu.U, -0.09, -0.07);
    }

    [Fact]
    public void Enu_and_back_round_trips()
    {
        var frame = new LocalFrame(new GeoPoint(45.0, 28.0, 100));
        Gen.Select(Gen.Double[-300e3, 300e3], Gen.Double[-300e3, 300e3], Gen.Double[-1e3, 20e3]).Sample((e, n, u) =>
        {
            var back = frame.ToEnu(frame.ToGeo(new Enu(e, n, u)));
            return (back - new Enu(e, n, u)).Norm < 1e-6;
        });
    }

    [Fact]
    public void Radii_of_curvature_are_the_ellipsoids_at_the_equator_and_meet_at_the_pole()
    {
        // Equator: meridian a(1 − e²), prime vertical a; pole: both a²/b.
        Assert.Equal(6_335_439.327, Wgs84.MeridianRadiusM(0), 3);
        Assert.Equal(Wgs84.SemiMajorAxisM, Wgs84.PrimeVerticalRadiusM(0), 6);
        double polar = Wgs84.SemiMajorAxisM * Wgs84.SemiMajorAxisM / Wgs84.SemiMinorAxisM;
        Assert.Equal(polar, Wgs84.MeridianRadiusM(90), 3);
        Assert.Equal(polar, Wgs84.PrimeVerticalRadiusM(90), 3);
        Assert.True(Wgs84.MeridianRadiusM(45) < Wgs84.PrimeVerticalRadiusM(45));
    }
}
