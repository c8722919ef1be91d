namespace Straja.Protocols.ModeS;

/// <summary>Outcome of a CPR decode.</summary>
public enum CprStatus
{
    Ok = 0,
    /// <summary>The pair resolves to |latitude| &gt; 90°: the two frames do not belong together.</summary>
    LatitudeOutOfRange,
    /// <summary>The even and odd latitudes fall in different longitude-zone bands (NL differs): the aircraft crossed a band edge between the frames.</summary>
    ZoneMismatch,
    /// <summary>A local decode landed more than half a latitude zone from its reference: the reference is too far away to be trusted.</summary>
    ReferenceTooFar,
    /// <summary>A CPR value outside 0..2^17−1.</summary>
    BadInput,
}

/// <summary>
/// Compact Position Reporting (DO-260B §A.1.7 / Annex 10 Vol IV C.2.6): NZ = 15 latitude zones per
/// quadrant, 17-bit coordinates. Airborne cells span 360°, surface cells 90°. Angles in degrees.
/// </summary>
public static class Cpr
{
    private const int Nz = 15;
    private const double Scale = 131072.0; // 2^17

    // Latitudes at which NL drops from n to n−1, for n = 59 down to 2, from the closed form
    // NL = floor(2π / acos(1 − (1 − cos(π/2NZ)) / cos²(lat))) solved for lat. The published table is
    // these values rounded to 8 decimals; computing them keeps full double precision.
    private static readonly double[] Transitions = BuildTransitions();

    private static double[] BuildTransitions()
    {
        var t = new double[58];
        double a = 1.0 - Math.Cos(Math.PI / (2.0 * Nz));
        for (int n = 59; n >= 3; n--)
        {
            t[59 - n] = Math.Acos(Math.Sqrt(a / (1.0 - Math.Cos(2.0 * Math.PI / n)))) * 180.0 / Math.PI;
        }

        t[57] = 87.0; // the closed form gives 87° for n = 2 up to rounding; the standard states it exactly
        return t;
    }

    /// <summary>Number of longitude zones at <paramref name="latDeg"/> (1–59), exact at the published band edges.</summary>
    public static int NL(double latDeg)
    {
        double a = Math.Abs(latDeg);
        int n = 59;
        foreach (double edge in Transitions)
        {
            if (a < edge)
            {
                return n;
            }

            n--;
        }

        return 1;
    }

    /// <summary>Global airborne decode from an even and an odd frame; the position is that of the newer one.</summary>
    public static CprStatus DecodeAirborneGlobal(
        int evenLat, int evenLon, int oddLat, int oddLon, bool oddIsNewer, out double latDeg, out double lonDeg)
    {
        latDeg = lonDeg = double.NaN;
        if (!InRange(evenLat, evenLon) || !InRange(oddLat, oddLon))
        {
            return CprStatus.BadInput;
        }

        double lat0 = LatFromPair(evenLat, oddLat, 360.0, out double lat1);
        if (lat0 >= 270.0)
        {
            lat0 -= 360.0;
        }

        if (lat1 >= 270.0)
        {
            lat1 -= 360.0;
        }

        if (Math.Abs(lat0) > 90.0 || Math.Abs(lat1) > 90.0)
        {
            return CprStatus.LatitudeOutOfRange;
        }

        if (NL(lat0) != NL(lat1))
        {
            return CprStatus.ZoneMismatch;
        }

        latDeg = oddIsNewer ? lat1 : lat0;
        lonDeg = NormaliseLon(LonFromPair(evenLon, oddLon, latDeg, oddIsNewer, 360.0));
        return CprStatus.Ok;
    }

    /// <summary>
    /// Global surface decode: the 90° cells leave four longitude and two latitude candidates, so a
    /// reference (the receiver, or the last known position) picks the nearest.
    /// </summary>
    public static CprStatus DecodeSurfaceGlobal(
        int evenLat, int evenLon, int oddLat, int oddLon, bool oddIsNewer, double refLatDeg, double refLonDeg,
        out double latDeg, out double lonDeg)
    {
        latDeg = lonDeg = double.NaN;
        if (!InRange(evenLat, evenLon) || !InRange(oddLat, oddLon) || !double.IsFinite(refLatDeg) || !double.IsFinite(refLonDeg))
        {
            return CprStatus.BadInput;
        }

        double lat0 = LatFromPair(evenLat, oddLat, 90.0, out double lat1);

        // Both latitudes lie in [0, 90) and are only defined modulo 90°: just south of the equator one
        // of them can come out near 90 and the other near 0. Bring the older into the newer's period.
        if (oddIsNewer)
        {
            lat0 += Math.Round((lat1 - lat0) / 90.0) * 90.0;
        }
        else
        {
            lat1 += Math.Round((lat0 - lat1) / 90.0) * 90.0;
        }

        // The southern solution is 90° lower and, at exactly 0, the pole 90° higher.
        double shift = NearestOf(oddIsNewer ? lat1 : lat0, refLatDeg);
        lat0 += shift;
        lat1 += shift;
        if (NL(lat0) != NL(lat1))
        {
            return CprStatus.ZoneMismatch;
        }

        latDeg = oddIsNewer ? lat1 : lat0;
        double lon = LonFromPair(evenLon, oddLon, latDeg, oddIsNewer, 90.0);

        // Four candidates 90° apart: take the one nearest the reference longitude.
        double best = lon;
        double bestDist = double.MaxValue;
        for (int k = 0; k < 4; k++)
        {
            double c = NormaliseLon(lon + (90.0 * k));
            double d = Math.Abs(NormaliseLon(c - refLonDeg));
            if (d < bestDist)
            {
                bestDist = d;
                best = c;
            }
        }

        lonDeg = best;
        return CprStatus.Ok;
    }

    private static double NearestOf(double lat, double refLat)
    {
        double best = 0;
        double bestDist = Math.Abs(lat - refLat);
        foreach (double s in (ReadOnlySpan<double>)[-90.0, 90.0])
        {
            double c = lat + s;
            if (c is >= -90.0 and <= 90.0 && Math.Abs(c - refLat) < bestDist)
            {
                best = s;
                bestDist = Math.Abs(c - refLat);
            }
        }

        return best;
    }

    /// <summary>
    /// Local decode of one frame against a reference within half a zone (airborne: 180 NM, surface: 45 NM).
    /// </summary>
    public static CprStatus DecodeLocal(
        int latCpr, int lonCpr, bool odd, bool surface, double refLatDeg, double refLonDeg, out double latDeg, out double lonDeg)
    {
        latDeg = lonDeg = double.NaN;
        if (!InRange(latCpr, lonCpr) || !double.IsFinite(refLatDeg) || !double.IsFinite(refLonDeg))
        {
            return CprStatus.BadInput;
        }

        double span = surface ? 90.0 : 360.0;
        int i = odd ? 1 : 0;
        double dLat = span / ((4 * Nz) - i);
        double yz = latCpr / Scale;

        // Round-to-nearest of (ref/dLat − yz) picks the zone whose copy of yz lies nearest the reference;
        // written as one floor so a reference exactly on a zone edge cannot split the two halves.
        double j = Math.Floor((refLatDeg / dLat) - yz + 0.5);
        double lat = dLat * (j + yz);
        if (Math.Abs(lat) > 90.0)
        {
            return CprStatus.LatitudeOutOfRange;
        }

        if (Math.Abs(lat - refLatDeg) > dLat / 2.0)
        {
            return CprStatus.ReferenceTooFar;
        }

        double dLon = span / Math.Max(NL(lat) - i, 1);
        double xz = lonCpr / Scale;
        double m = Math.Floor((refLonDeg / dLon) - xz + 0.5);
        latDeg = lat;
        lonDeg = NormaliseLon(dLon * (m + xz));
        return CprStatus.Ok;
    }

    /// <summary>
    /// Encodes a position as the 17-bit CPR pair a transponder would send (surface: the low 17 bits of the 19-bit form).
    /// </summary>
    public static (int LatCpr, int LonCpr) Encode(double latDeg, double lonDeg, bool odd, bool surface)
    {
        double span = surface ? 90.0 : 360.0;
        int i = odd ? 1 : 0;
        double dLat = span / ((4 * Nz) - i);
        int yz = (int)Math.Floor((Scale * PositiveMod(latDeg, dLat) / dLat) + 0.5);
        double rLat = dLat * ((yz / Scale) + Math.Floor(latDeg / dLat));
        double dLon = span / Math.Max(NL(rLat) - i, 1);
        int xz = (int)Math.Floor((Scale * PositiveMod(lonDeg, dLon) / dLon) + 0.5);
        return (yz & 0x1FFFF, xz & 0x1FFFF);
    }

    private static double LatFromPair(int evenLat, int oddLat, double span, out double lat1)
    {
        double dLat0 = span / 60.0;
        double dLat1 = span / 59.0;
        double j = Math.Floor((((59.0 * evenLat) - (60.0 * oddLat)) / Scale) + 0.5);
        lat1 = dLat1 * (PositiveMod(j, 59) + (oddLat / Scale));
        return dLat0 * (PositiveMod(j, 60) + (evenLat / Scale));
    }

    private static double LonFromPair(int evenLon, int oddLon, double lat, bool oddIsNewer, double span)
    {
        int nl = NL(lat);
        int i = oddIsNewer ? 1 : 0;
        int ni = Math.Max(nl - i, 1);
        double m = Math.Floor((((evenLon * (nl - 1.0)) - (oddLon * (double)nl)) / Scale) + 0.5);
        return span / ni * (PositiveMod(m, ni) + ((oddIsNewer ? oddLon : evenLon) / Scale));
    }

    private static bool InRange(int lat, int lon) => (uint)lat < 131072u && (uint)lon < 131072u;

    private static double PositiveMod(double a, double b)
    {
        double r = a - (b * Math.Floor(a / b));
        return r >= b ? r - b : r;
    }

    /// <summary>Wraps a longitude into [−180, 180).</summary>
    internal static double NormaliseLon(double lonDeg)
    {
        double l = PositiveMod(lonDeg + 180.0, 360.0) - 180.0;
        return l;
    }
}
