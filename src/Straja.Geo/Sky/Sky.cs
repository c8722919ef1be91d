namespace Straja.Geo.Sky;

/// <summary>A direction on the sky as an observer sees it: degrees, azimuth clockwise from true north.</summary>
public readonly record struct HorizontalDirection(double AzimuthDeg, double AltitudeDeg);

/// <summary>Right ascension and declination, degrees, in the equator and equinox of the date given with it.</summary>
public readonly record struct EquatorialDirection(double RightAscensionDeg, double DeclinationDeg);

public enum SkyObjectKind
{
    Planet = 1,
    Star = 2,
    Sun = 3,
}

/// <summary>One bright object where an observer would see it.</summary>
/// <param name="Magnitude">Apparent visual magnitude (smaller is brighter); typical values for the planets.</param>
public sealed record SkyObject(string Name, SkyObjectKind Kind, double Magnitude, HorizontalDirection Direction);

/// <summary>
/// The sky a field observer sees: the Sun, the naked-eye planets and the brightest stars, from their
/// orbital elements and catalogue coordinates. Pure: time and place are arguments. Accurate to a few
/// arcminutes for 1800–2050 — far finer than anyone pointing at a light with an arm can report, which
/// is what it is for (is that "drone" Venus?).
/// </summary>
public static class SkyCalculator
{
    /// <summary>Everything in the catalogue with its direction from <paramref name="observer"/> at <paramref name="time"/>, apparent (refracted) altitude.</summary>
    public static IReadOnlyList<SkyObject> Objects(GeoPoint observer, DateTimeOffset time)
    {
        double jd = Julian.Day(time);
        var list = new List<SkyObject>(Planets.All.Length + BrightStars.All.Length + 1);
        list.Add(new SkyObject("Sun", SkyObjectKind.Sun, -26.7, Horizontal(Planets.Sun(jd), observer, jd)));
        foreach (var p in Planets.All)
            list.Add(new SkyObject(p.Name, SkyObjectKind.Planet, p.TypicalMagnitude, Horizontal(Planets.Geocentric(p, jd), observer, jd)));
        foreach (var s in BrightStars.All)
        {
            var ofDate = Precession.FromJ2000(new EquatorialDirection(s.RightAscensionHours * 15, s.DeclinationDeg), jd);
            list.Add(new SkyObject(s.Name, SkyObjectKind.Star, s.Magnitude, Horizontal(ofDate, observer, jd)));
        }

        return list;
    }

    /// <summary>The Sun's apparent altitude, degrees: below about −6° the bright planets and stars show.</summary>
    public static double SunAltitudeDeg(GeoPoint observer, DateTimeOffset time)
    {
        double jd = Julian.Day(time);
        return Horizontal(Planets.Sun(jd), observer, jd).AltitudeDeg;
    }

    /// <summary>Equatorial (of date) to horizontal for an observer, with refraction for a standard atmosphere.</summary>
    public static HorizontalDirection Horizontal(EquatorialDirection eq, GeoPoint observer, double julianDay)
    {
        var geometric = TrueHorizontal(eq, observer, julianDay);
        return geometric with { AltitudeDeg = geometric.AltitudeDeg + RefractionDeg(geometric.AltitudeDeg) };
    }

    /// <summary>Equatorial (of date) to horizontal, geometric altitude (no refraction).</summary>
    internal static HorizontalDirection TrueHorizontal(EquatorialDirection eq, GeoPoint observer, double julianDay)
    {
        double hourAngle = Deg2Rad(Julian.MeanSiderealDeg(julianDay) + observer.LonDeg - eq.RightAscensionDeg);
        double lat = Deg2Rad(observer.LatDeg);
        double dec = Deg2Rad(eq.DeclinationDeg);
        double sinAlt = (Math.Sin(lat) * Math.Sin(dec)) + (Math.Cos(lat) * Math.Cos(dec) * Math.Cos(hourAngle));
        double alt = Rad2Deg(Math.Asin(Math.Clamp(sinAlt, -1, 1)));
        // Measured from south towards west, then turned to the navigator's north-clockwise convention.
        double fromSouth = Math.Atan2(Math.Sin(hourAngle), (Math.Cos(hourAngle) * Math.Sin(lat)) - (Math.Tan(dec) * Math.Cos(lat)));
        double az = Normalize(Rad2Deg(fromSouth) + 180);
        return new HorizontalDirection(az, alt);
    }

    /// <summary>Bennett's refraction for an object at true altitude <paramref name="altDeg"/> (10 °C, 1010 hPa); none below −1°.</summary>
    internal static double RefractionDeg(double altDeg)
    {
        if (altDeg < -1)
            return 0;
        double apparent = altDeg + (10.3 / (altDeg + 5.11));
        return 1.02 / Math.Tan(Deg2Rad(apparent)) / 60.0;
    }

    /// <summary>The smallest angle between two directions on the sky, degrees.</summary>
    public static double SeparationDeg(HorizontalDirection a, HorizontalDirection b)
    {
        double a1 = Deg2Rad(a.AltitudeDeg), a2 = Deg2Rad(b.AltitudeDeg);
        double dAz = Deg2Rad(a.AzimuthDeg - b.AzimuthDeg);
        double c = (Math.Sin(a1) * Math.Sin(a2)) + (Math.Cos(a1) * Math.Cos(a2) * Math.Cos(dAz));
        return Rad2Deg(Math.Acos(Math.Clamp(c, -1, 1)));
    }

    internal static double Deg2Rad(double d) => d * Math.PI / 180;

    internal static double Rad2Deg(double r) => r * 180 / Math.PI;

    internal static double Normalize(double deg)
    {
        double d = deg % 360;
        return d < 0 ? d + 360 : d;
    }
}

/// <summary>Julian day and sidereal time (Meeus, Astronomical Algorithms, ch. 7 and 12).</summary>
internal static class Julian
{
    public const double J2000 = 2451545.0;

    /// <summary>The Julian day of an instant (UT; the 70 s between UT and TT move a planet by less than an arcsecond).</summary>
    public static double Day(DateTimeOffset time) => 2440587.5 + (time.UtcDateTime - DateTime.UnixEpoch).TotalDays;

    /// <summary>Greenwich mean sidereal time, degrees in [0, 360).</summary>
    public static double MeanSiderealDeg(double jd)
    {
        double t = (jd - J2000) / 36525;
        double theta = 280.46061837 + (360.98564736629 * (jd - J2000)) + (0.000387933 * t * t) - (t * t * t / 38710000);
        return SkyCalculator.Normalize(theta);
    }
}

/// <summary>Precession of catalogue (J2000) coordinates to the equinox of date (Meeus 21.2–21.4).</summary>
internal static class Precession
{
    public static EquatorialDirection FromJ2000(EquatorialDirection j2000, double jd)
    {
        double t = (jd - Julian.J2000) / 36525;
        double arcsec = Math.PI / 180 / 3600;
        double zeta = ((2306.2181 * t) + (0.30188 * t * t) + (0.017998 * t * t * t)) * arcsec;
        double z = ((2306.2181 * t) + (1.09468 * t * t) + (0.018203 * t * t * t)) * arcsec;
        double theta = ((2004.3109 * t) - (0.42665 * t * t) - (0.041833 * t * t * t)) * arcsec;
        double ra0 = SkyCalculator.Deg2Rad(j2000.RightAscensionDeg), dec0 = SkyCalculator.Deg2Rad(j2000.DeclinationDeg);
        double a = Math.Cos(dec0) * Math.Sin(ra0 + zeta);
        double b = (Math.Cos(theta) * Math.Cos(dec0) * Math.Cos(ra0 + zeta)) - (Math.Sin(theta) * Math.Sin(dec0));
        double c = (Math.Sin(theta) * Math.Cos(dec0) * Math.Cos(ra0 + zeta)) + (Math.Cos(theta) * Math.Sin(dec0));
        double ra = Math.Atan2(a, b) + z;
        return new EquatorialDirection(SkyCalculator.Normalize(SkyCalculator.Rad2Deg(ra)), SkyCalculator.Rad2Deg(Math.Asin(Math.Clamp(c, -1, 1))));
    }
}
