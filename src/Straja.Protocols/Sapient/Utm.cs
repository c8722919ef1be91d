namespace Straja.Protocols.Sapient;

/// <summary>
/// UTM grid to WGS84 geodetic, by Krüger's series in the third flattening n (to n³: well under a
/// millimetre inside a zone). SAPIENT allows UTM locations, so the adapter needs the inverse only.
/// </summary>
internal static class Utm
{
    private const double A = 6_378_137.0;
    private const double F = 1 / 298.257_223_563;
    private const double K0 = 0.9996;
    private const double FalseEasting = 500_000.0;
    private const double FalseNorthingSouth = 10_000_000.0;

    private static readonly double N = F / (2 - F);
    private static readonly double RectifyingRadius = A / (1 + N) * (1 + N * N / 4 + N * N * N * N / 64);
    private static readonly double[] Beta =
    [
        N / 2 - 2 * N * N / 3 + 37 * N * N * N / 96,
        N * N / 48 + N * N * N / 15,
        17 * N * N * N / 480,
    ];
    private static readonly double[] Delta =
    [
        2 * N - 2 * N * N / 3 - 2 * N * N * N,
        7 * N * N / 3 - 8 * N * N * N / 5,
        56 * N * N * N / 15,
    ];

    /// <summary>
    /// Parses "35T" or "35": zone 1–60, then an optional MGRS latitude band C–X (N and above is the northern
    /// hemisphere), the form the standard's samples use ("30U"). Without a band the zone is taken as northern.
    /// A trailing "S" is band S (32–40° N), not "south".
    /// </summary>
    public static bool TryParseZone(string? text, out int zone, out bool north)
    {
        zone = 0;
        north = true;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        string t = text.Trim().ToUpperInvariant();
        int digits = 0;
        while (digits < t.Length && char.IsAsciiDigit(t[digits]))
        {
            digits++;
        }

        if (digits is 0 or > 2 || t.Length - digits > 1 || !int.TryParse(t.AsSpan(0, digits), out zone) || zone is < 1 or > 60)
        {
            return false;
        }

        if (t.Length == digits)
        {
            return true;
        }

        char band = t[digits];
        if (band is < 'C' or > 'X' or 'I' or 'O')
        {
            return false;
        }

        north = band >= 'N';
        return true;
    }

    public static (double LatRad, double LonRad) ToGeodetic(int zone, bool north, double easting, double northing)
    {
        double xi = (northing - (north ? 0 : FalseNorthingSouth)) / (K0 * RectifyingRadius);
        double eta = (easting - FalseEasting) / (K0 * RectifyingRadius);
        double xiP = xi, etaP = eta;
        for (int j = 1; j <= 3; j++)
        {
            xiP -= Beta[j - 1] * Math.Sin(2 * j * xi) * Math.Cosh(2 * j * eta);
            etaP -= Beta[j - 1] * Math.Cos(2 * j * xi) * Math.Sinh(2 * j * eta);
        }

        double chi = Math.Asin(Math.Sin(xiP) / Math.Cosh(etaP));
        double lat = chi;
        for (int j = 1; j <= 3; j++)
        {
            lat += Delta[j - 1] * Math.Sin(2 * j * chi);
        }

        double centralMeridian = (zone * 6 - 183) * Math.PI / 180;
        double lon = centralMeridian + Math.Atan2(Math.Sinh(etaP), Math.Cos(xiP));
        return (lat, lon);
    }
}
