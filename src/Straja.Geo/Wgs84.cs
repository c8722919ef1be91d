namespace Straja.Geo;

/// <summary>The WGS84 ellipsoid (NIMA TR8350.2) and geodetic ⇄ ECEF conversion.</summary>
public static class Wgs84
{
    public const double SemiMajorAxisM = 6378137.0;
    public const double Flattening = 1.0 / 298.257223563;
    public const double SemiMinorAxisM = SemiMajorAxisM * (1 - Flattening);
    /// <summary>First eccentricity squared.</summary>
    public const double E2 = Flattening * (2 - Flattening);
    /// <summary>Second eccentricity squared.</summary>
    public const double Ep2 = E2 / (1 - E2);

    /// <summary>Radius of curvature in the prime vertical (east-west) at a geodetic latitude, m.</summary>
    public static double PrimeVerticalRadiusM(double latDeg)
    {
        double sinLat = Math.Sin(DegToRad(latDeg));
        return SemiMajorAxisM / Math.Sqrt(1 - E2 * sinLat * sinLat);
    }

    /// <summary>Radius of curvature in the meridian (north-south) at a geodetic latitude, m.</summary>
    public static double MeridianRadiusM(double latDeg)
    {
        double sinLat = Math.Sin(DegToRad(latDeg)), w2 = 1 - E2 * sinLat * sinLat;
        return SemiMajorAxisM * (1 - E2) / (w2 * Math.Sqrt(w2));
    }

    public static Ecef ToEcef(GeoPoint p)
    {
        double lat = DegToRad(p.LatDeg), lon = DegToRad(p.LonDeg);
        double sinLat = Math.Sin(lat), cosLat = Math.Cos(lat);
        double n = PrimeVerticalRadiusM(p.LatDeg);
        return new Ecef(
            (n + p.AltM) * cosLat * Math.Cos(lon),
            (n + p.AltM) * cosLat * Math.Sin(lon),
            (n * (1 - E2) + p.AltM) * sinLat);
    }

    /// <summary>
    /// ECEF to geodetic by Bowring's parametric-latitude start followed by two Newton refinements;
    /// sub-millimetre for any point between the Earth's centre region and far above it.
    /// </summary>
    public static GeoPoint FromEcef(Ecef e)
    {
        double p = Math.Sqrt(e.X * e.X + e.Y * e.Y);
        double lon = Math.Atan2(e.Y, e.X);
        if (p < 1e-9)
        {
            double latPole = e.Z >= 0 ? Math.PI / 2 : -Math.PI / 2;
            return new GeoPoint(RadToDeg(latPole), 0, Math.Abs(e.Z) - SemiMinorAxisM);
        }

        double theta = Math.Atan2(e.Z * SemiMajorAxisM, p * SemiMinorAxisM);
        double st = Math.Sin(theta), ct = Math.Cos(theta);
        double lat = Math.Atan2(e.Z + Ep2 * SemiMinorAxisM * st * st * st, p - E2 * SemiMajorAxisM * ct * ct * ct);
        double alt = 0;
        for (int i = 0; i < 2; i++)
        {
            double sinLat = Math.Sin(lat);
            double n = SemiMajorAxisM / Math.Sqrt(1 - E2 * sinLat * sinLat);
            alt = p / Math.Cos(lat) - n;
            if (Math.Abs(lat) > 1.2) alt = e.Z / sinLat - n * (1 - E2);
            lat = Math.Atan2(e.Z, p * (1 - E2 * n / (n + alt)));
        }

        return new GeoPoint(RadToDeg(lat), RadToDeg(lon), alt);
    }

    public static double DegToRad(double deg) => deg * (Math.PI / 180.0);
    public static double RadToDeg(double rad) => rad * (180.0 / Math.PI);
}
