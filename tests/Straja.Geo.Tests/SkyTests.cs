using CsCheck;
using Straja.Geo.Sky;

namespace Straja.Geo.Tests;

/// <summary>The sky module against worked examples of Meeus, Astronomical Algorithms (2nd ed.).</summary>
public sealed class SkyTests
{
    private static double Hms(int h, int m, double s) => (h + (m / 60.0) + (s / 3600.0)) * 15;

    private static double Dms(int d, int m, double s) => Math.Sign(d) * (Math.Abs(d) + (m / 60.0) + (s / 3600.0));

    private static double AngleDiff(double a, double b) => Math.Abs(((a - b + 540) % 360) - 180);

    [Fact]
    public void Venus_on_1992_December_20_is_where_Meeus_example_33a_puts_it()
    {
        // 1992 Dec 20, 0h TD: apparent α = 21h04m41.454s, δ = −18°53′16.84″. The approximate elements,
        // without nutation and aberration, should land within a few arcminutes.
        var venus = Planets.Geocentric(Planets.All.Single(p => p.Name == "Venus"), 2448976.5);
        Assert.True(AngleDiff(venus.RightAscensionDeg, Hms(21, 4, 41.454)) < 0.05, $"RA {venus.RightAscensionDeg}");
        Assert.True(Math.Abs(venus.DeclinationDeg - Dms(-18, 53, 16.84)) < 0.05, $"Dec {venus.DeclinationDeg}");
    }

    [Fact]
    public void Venus_over_Washington_on_1987_April_10_has_Meeus_example_13b_altitude_and_azimuth()
    {
        // α = 23h09m16.641s, δ = −6°43′11.61″ at 19:21:00 UT; observer 38°55′17″ N, 77°03′56″ W.
        // Meeus: h = 15.1249°, A = 68.0337° from the south towards the west (248.0337° from north).
        var eq = new EquatorialDirection(Hms(23, 9, 16.641), Dms(-6, 43, 11.61));
        var observer = new GeoPoint(Dms(38, 55, 17), -Dms(77, 3, 56));
        double jd = Julian.Day(new DateTimeOffset(1987, 4, 10, 19, 21, 0, TimeSpan.Zero));
        var h = SkyCalculator.TrueHorizontal(eq, observer, jd);
        Assert.Equal(15.1249, h.AltitudeDeg, 0.005);
        Assert.Equal(248.0337, h.AzimuthDeg, 0.005);
    }

    [Fact]
    public void Precession_takes_theta_Persei_to_the_equinox_of_2028_as_Meeus_example_21b()
    {
        // Input already carried forward by its proper motion: α0 = 2h44m12.975s, δ0 = +49°13′39.90″;
        // at JD 2462088.69 Meeus finds α = 2h46m11.331s, δ = +49°20′54.54″.
        var p = Precession.FromJ2000(new EquatorialDirection(Hms(2, 44, 12.975), Dms(49, 13, 39.90)), 2462088.69);
        Assert.Equal(Hms(2, 46, 11.331), p.RightAscensionDeg, 0.002);
        Assert.Equal(Dms(49, 20, 54.54), p.DeclinationDeg, 0.002);
    }

    [Fact]
    public void Midsummer_noon_sun_over_Bucharest_stands_due_south_at_69_degrees()
    {
        // Local apparent noon at 26.10° E on 2026-06-21 is about 10:17 UT; the Sun's height is
        // 90° − latitude + its declination (23.44°).
        var bucharest = new GeoPoint(44.43, 26.10);
        var noon = new DateTimeOffset(2026, 6, 21, 10, 17, 0, TimeSpan.Zero);
        var sun = SkyCalculator.Objects(bucharest, noon).Single(o => o.Kind == SkyObjectKind.Sun).Direction;
        Assert.True(AngleDiff(sun.AzimuthDeg, 180) < 2, $"azimuth {sun.AzimuthDeg}");
        Assert.Equal(90 - 44.43 + 23.44, sun.AltitudeDeg, 0.3);
        Assert.True(SkyCalculator.SunAltitudeDeg(bucharest, noon.AddHours(12)) < -15, "midnight sun below the horizon");
    }

    [Fact]
    public void Canopus_never_rises_over_Romania()
    {
        var galati = new GeoPoint(45.43, 28.05);
        var start = new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero);
        for (int hour = 0; hour < 24; hour++)
        {
            var canopus = SkyCalculator.Objects(galati, start.AddHours(hour)).Single(o => o.Name == "Canopus");
            Assert.True(canopus.Direction.AltitudeDeg < 0, $"Canopus at {canopus.Direction.AltitudeDeg}° at +{hour} h");
        }
    }

    [Fact]
    public void Kepler_solution_satisfies_Keplers_equation() =>
        Gen.Select(Gen.Double[-Math.PI, Math.PI], Gen.Double[0, 0.3]).Sample((m, e) =>
        {
            double ecc = Planets.SolveKepler(m, e);
            Assert.Equal(m, ecc - (e * Math.Sin(ecc)), 1e-10);
        });

    [Fact]
    public void Separation_is_symmetric_and_zero_only_for_the_same_direction() =>
        Gen.Select(Gen.Double[0, 360], Gen.Double[-90, 90], Gen.Double[0, 360], Gen.Double[-90, 90]).Sample((az1, alt1, az2, alt2) =>
        {
            var a = new HorizontalDirection(az1, alt1);
            var b = new HorizontalDirection(az2, alt2);
            Assert.Equal(SkyCalculator.SeparationDeg(a, b), SkyCalculator.SeparationDeg(b, a), 1e-9);
            Assert.Equal(0, SkyCalculator.SeparationDeg(a, a), 1e-5);
        });
}
