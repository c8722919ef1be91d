namespace Straja.Geo.Sky;

/// <summary>
/// Keplerian elements at J2000 and their rates per Julian century, from JPL's "Approximate Positions of
/// the Planets" (E. M. Standish, table 1, valid 1800–2050): semi-major axis a (au), eccentricity e,
/// inclination I, mean longitude L, longitude of perihelion ϖ and of the ascending node Ω (degrees),
/// all on the J2000 ecliptic and equinox.
/// </summary>
internal sealed record OrbitalElements(
    string Name, double TypicalMagnitude,
    double A, double ADot, double E, double EDot, double I, double IDot,
    double L, double LDot, double Peri, double PeriDot, double Node, double NodeDot);

internal static class Planets
{
    // The Earth–Moon barycentre stands in for the Earth: the Earth is at most 4,700 km from it, which
    // moves Venus at its closest by under half an arcminute.
    private static readonly OrbitalElements EarthMoon = new("Earth", 0,
        1.00000261, 0.00000562, 0.01671123, -0.00004392, -0.00001531, -0.01294668,
        100.46457166, 35999.37244981, 102.93768193, 0.32327364, 0.0, 0.0);

    public static readonly OrbitalElements[] All =
    [
        new("Venus", -4.2,
            0.72333566, 0.00000390, 0.00677672, -0.00004107, 3.39467605, -0.00078890,
            181.97909950, 58517.81538729, 131.60246718, 0.00268329, 76.67984255, -0.27769418),
        new("Mars", 0.7,
            1.52371034, 0.00001847, 0.09339410, 0.00007882, 1.84969142, -0.00813131,
            -4.55343205, 19140.30268499, -23.94362959, 0.44441088, 49.55953891, -0.29257343),
        new("Jupiter", -2.2,
            5.20288700, -0.00011607, 0.04838624, -0.00013253, 1.30439695, -0.00183714,
            34.39644051, 3034.74612775, 14.72847983, 0.21252668, 100.47390909, 0.20469106),
        new("Saturn", 0.6,
            9.53667594, -0.00125060, 0.05386179, -0.00050991, 2.48599187, 0.00193609,
            49.95424423, 1222.49362201, 92.59887831, -0.41897216, 113.66242448, -0.28867794),
    ];

    private const double ObliquityJ2000Deg = 23.43928;
    private const double LightDaysPerAu = 0.0057755183;

    /// <summary>The planet's geocentric direction, corrected for light time, in the equinox of date.</summary>
    public static EquatorialDirection Geocentric(OrbitalElements planet, double jd)
    {
        var earth = Heliocentric(EarthMoon, jd);
        var p = Heliocentric(planet, jd);
        // The light we see left the planet a few minutes earlier.
        for (int i = 0; i < 2; i++)
        {
            double distance = Norm(Sub(p, earth));
            p = Heliocentric(planet, jd - (distance * LightDaysPerAu));
        }

        return ToEquatorialOfDate(Sub(p, earth), jd);
    }

    /// <summary>The Sun's geocentric direction in the equinox of date.</summary>
    public static EquatorialDirection Sun(double jd)
    {
        var earth = Heliocentric(EarthMoon, jd);
        return ToEquatorialOfDate((-earth.X, -earth.Y, -earth.Z), jd);
    }

    private static EquatorialDirection ToEquatorialOfDate((double X, double Y, double Z) ecliptic, double jd)
    {
        double eps = SkyCalculator.Deg2Rad(ObliquityJ2000Deg);
        double x = ecliptic.X;
        double y = (ecliptic.Y * Math.Cos(eps)) - (ecliptic.Z * Math.Sin(eps));
        double z = (ecliptic.Y * Math.Sin(eps)) + (ecliptic.Z * Math.Cos(eps));
        double ra = SkyCalculator.Normalize(SkyCalculator.Rad2Deg(Math.Atan2(y, x)));
        double dec = SkyCalculator.Rad2Deg(Math.Atan2(z, Math.Sqrt((x * x) + (y * y))));
        return Precession.FromJ2000(new EquatorialDirection(ra, dec), jd);
    }

    /// <summary>Heliocentric position on the J2000 ecliptic, au.</summary>
    internal static (double X, double Y, double Z) Heliocentric(OrbitalElements o, double jd)
    {
        double t = (jd - Julian.J2000) / 36525;
        double a = o.A + (o.ADot * t);
        double e = o.E + (o.EDot * t);
        double inc = SkyCalculator.Deg2Rad(o.I + (o.IDot * t));
        double l = o.L + (o.LDot * t);
        double peri = o.Peri + (o.PeriDot * t);
        double node = o.Node + (o.NodeDot * t);
        double w = SkyCalculator.Deg2Rad(peri - node);
        double bigOmega = SkyCalculator.Deg2Rad(node);
        double m = SkyCalculator.Deg2Rad(SkyCalculator.Normalize(l - peri + 180) - 180);
        double ecc = SolveKepler(m, e);
        double xp = a * (Math.Cos(ecc) - e);
        double yp = a * Math.Sqrt(1 - (e * e)) * Math.Sin(ecc);
        double cw = Math.Cos(w), sw = Math.Sin(w), co = Math.Cos(bigOmega), so = Math.Sin(bigOmega), ci = Math.Cos(inc), si = Math.Sin(inc);
        return (
            (((cw * co) - (sw * so * ci)) * xp) + (((-sw * co) - (cw * so * ci)) * yp),
            (((cw * so) + (sw * co * ci)) * xp) + (((-sw * so) + (cw * co * ci)) * yp),
            (sw * si * xp) + (cw * si * yp));
    }

    /// <summary>Eccentric anomaly from mean anomaly (radians) by Newton's method; converges in a few steps for planetary eccentricities.</summary>
    internal static double SolveKepler(double meanAnomaly, double e)
    {
        double ecc = meanAnomaly + (e * Math.Sin(meanAnomaly));
        for (int i = 0; i < 20; i++)
        {
            double step = (ecc - (e * Math.Sin(ecc)) - meanAnomaly) / (1 - (e * Math.Cos(ecc)));
            ecc -= step;
            if (Math.Abs(step) < 1e-12)
                break;
        }

        return ecc;
    }

    private static (double X, double Y, double Z) Sub((double X, double Y, double Z) a, (double X, double Y, double Z) b) => (a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    private static double Norm((double X, double Y, double Z) v) => Math.Sqrt((v.X * v.X) + (v.Y * v.Y) + (v.Z * v.Z));
}
