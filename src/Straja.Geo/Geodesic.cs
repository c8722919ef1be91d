namespace Straja.Geo;

/// <summary>The shortest path between two points on the WGS84 ellipsoid: length and the azimuths at each end.</summary>
/// <param name="DistanceM">Geodesic length, metres.</param>
/// <param name="InitialAzimuthDeg">Azimuth at the first point, degrees clockwise from true north, in (-180, 180].</param>
/// <param name="FinalAzimuthDeg">Forward azimuth at the second point, degrees clockwise from true north, in (-180, 180].</param>
public readonly record struct GeodesicResult(double DistanceM, double InitialAzimuthDeg, double FinalAzimuthDeg);

/// <summary>
/// Geodesics on the WGS84 ellipsoid by Vincenty's formulae (Survey Review 23(176), 1975), whose series are
/// good to about 0.1 mm. Vincenty's inverse iteration stalls or diverges for nearly antipodal points; there this
/// solves the same longitude equation by bracketing instead of fixed-point iteration, so it always ends with a
/// finite answer (see <see cref="SolveByBracketing"/>).
/// </summary>
public static class Geodesic
{
    private const double A = Wgs84.SemiMajorAxisM;
    private const double B = Wgs84.SemiMinorAxisM;
    private const double F = Wgs84.Flattening;
    private const double LambdaTolerance = 1e-13;
    private const int MaxFixedPointIterations = 60;

    /// <summary>Length and azimuths of the shortest path from <paramref name="a"/> to <paramref name="b"/> (altitudes ignored).</summary>
    /// <exception cref="ArgumentException">A point is not a valid WGS84 position.</exception>
    public static GeodesicResult Inverse(GeoPoint a, GeoPoint b)
    {
        RequireValid(a, nameof(a));
        RequireValid(b, nameof(b));

        // Solve for a non-negative longitude difference and mirror the azimuths back: keeps the root bracket simple.
        double l = NormalizeRad(Wgs84.DegToRad(b.LonDeg - a.LonDeg));
        double sign = l < 0 ? -1 : 1;
        l = Math.Abs(l);

        double tanU1 = (1 - F) * Math.Tan(Wgs84.DegToRad(a.LatDeg));
        double tanU2 = (1 - F) * Math.Tan(Wgs84.DegToRad(b.LatDeg));
        var s = new AuxSphere(tanU1, tanU2);

        AuxState st = default;
        double lambda = l;
        bool converged = false;
        for (int i = 0; i < MaxFixedPointIterations; i++)
        {
            st = s.Evaluate(lambda, l);
            if (st.LambdaNext > Math.PI) break;
            converged = Math.Abs(st.LambdaNext - lambda) < LambdaTolerance;
            lambda = st.LambdaNext;
            if (converged) break;
        }

        if (converged) return FromRoot(s, lambda, st, sign);
        var r = SolveByBracketing(s, l);
        return r with { InitialAzimuthDeg = MirrorAzimuthDeg(r.InitialAzimuthDeg, sign), FinalAzimuthDeg = MirrorAzimuthDeg(r.FinalAzimuthDeg, sign) };
    }

    /// <summary>The point reached by travelling <paramref name="distanceM"/> along the geodesic leaving
    /// <paramref name="start"/> at <paramref name="azimuthDeg"/>; keeps the start's altitude.</summary>
    /// <exception cref="ArgumentException">The start is not a valid position, or the azimuth or distance is not finite.</exception>
    public static GeoPoint Direct(GeoPoint start, double azimuthDeg, double distanceM) =>
        Direct(start, azimuthDeg, distanceM, out _);

    internal static GeoPoint Direct(GeoPoint start, double azimuthDeg, double distanceM, out double finalAzimuthDeg)
    {
        RequireValid(start, nameof(start));
        if (!double.IsFinite(azimuthDeg)) throw new ArgumentException($"azimuth must be finite, was {azimuthDeg}", nameof(azimuthDeg));
        if (!double.IsFinite(distanceM)) throw new ArgumentException($"distance must be finite, was {distanceM}", nameof(distanceM));

        double alpha1 = Wgs84.DegToRad(azimuthDeg);
        double sinAlpha1 = Math.Sin(alpha1), cosAlpha1 = Math.Cos(alpha1);
        double tanU1 = (1 - F) * Math.Tan(Wgs84.DegToRad(start.LatDeg));
        double cosU1 = 1 / Math.Sqrt(1 + tanU1 * tanU1), sinU1 = tanU1 * cosU1;
        double sigma1 = Math.Atan2(tanU1, cosAlpha1);
        double sinAlpha = cosU1 * sinAlpha1;
        double cos2Alpha = 1 - sinAlpha * sinAlpha;
        (double bigA, double bigB) = SeriesAB(cos2Alpha);

        double sigma0 = distanceM / (B * bigA);
        double sigma = sigma0, sinSigma = 0, cosSigma = 1, cos2SigmaM = 1;
        // Converges geometrically with ratio ~f; 10 rounds is ample at any distance.
        for (int i = 0; i < 10; i++)
        {
            cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
            sinSigma = Math.Sin(sigma);
            cosSigma = Math.Cos(sigma);
            double next = sigma0 + DeltaSigma(bigB, sinSigma, cosSigma, cos2SigmaM);
            bool done = Math.Abs(next - sigma) < 1e-14;
            sigma = next;
            if (done) break;
        }

        sinSigma = Math.Sin(sigma);
        cosSigma = Math.Cos(sigma);
        cos2SigmaM = Math.Cos(2 * sigma1 + sigma);
        double tmp = sinU1 * sinSigma - cosU1 * cosSigma * cosAlpha1;
        double lat2 = Math.Atan2(
            sinU1 * cosSigma + cosU1 * sinSigma * cosAlpha1,
            (1 - F) * Math.Sqrt(sinAlpha * sinAlpha + tmp * tmp));
        double lambda = Math.Atan2(sinSigma * sinAlpha1, cosU1 * cosSigma - sinU1 * sinSigma * cosAlpha1);
        double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
        double lon12 = lambda - (1 - c) * F * sinAlpha
            * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
        double lon2 = NormalizeRad(Wgs84.DegToRad(start.LonDeg) + lon12);
        finalAzimuthDeg = Wgs84.RadToDeg(Math.Atan2(sinAlpha, -tmp));
        return new GeoPoint(Wgs84.RadToDeg(lat2), Wgs84.RadToDeg(lon2), start.AltM);
    }

    /// <summary>
    /// Near the antipode Vincenty's fixed-point map λ ↦ L + (1 − C) f sin α (σ + …) is no longer a contraction.
    /// Its roots are still the geodesics, and for L ≥ 0 every root lies in [L, π] (the correction is non-negative
    /// and at most about π f), so sample g(λ) = λ − map(λ) there, bisect every sign change, and keep the shortest
    /// resulting geodesic. Costs a few hundred evaluations, only in this rare case.
    /// </summary>
    private static GeodesicResult SolveByBracketing(in AuxSphere s, double l)
    {
        const int Samples = 64;
        double hi = Math.Min(Math.PI, l + 1.05 * Math.PI * F);
        GeodesicResult? best = null;

        double x0 = l, g0 = x0 - s.Evaluate(x0, l).LambdaNext;
        for (int k = 1; k <= Samples; k++)
        {
            double x1 = l + (hi - l) * k / Samples;
            double g1 = x1 - s.Evaluate(x1, l).LambdaNext;
            if (g0 == 0 || (g0 < 0) != (g1 < 0))
            {
                double lo = x0, up = x1, glo = g0;
                // Bisect down to adjacent doubles: next to a nearly-mirror pair g is steep (slope ~ f π / |U1 + U2|),
                // and only a bracket this tight tells such a root from the jump at λ = π.
                for (int i = 0; i < 200; i++)
                {
                    double mid = 0.5 * (lo + up);
                    if (mid <= lo || mid >= up) break;
                    double gm = mid - s.Evaluate(mid, l).LambdaNext;
                    if ((gm < 0) == (glo < 0)) (lo, glo) = (mid, gm);
                    else up = mid;
                }

                double root = 0.5 * (lo + up);
                AuxState st = s.Evaluate(root, l);
                GeodesicResult? candidate = Math.Abs(root - st.LambdaNext) <= 1e-7 ? FromRoot(s, root, st, 1)
                    // A sign change that is a jump, not a root, can only sit at λ = π, where sin α is 0/0.
                    : Math.PI - root < 1e-9 ? AuxiliaryAntipode(s, l) : null;
                if (candidate is { } c && (best is not { } b || c.DistanceM < b.DistanceM)) best = c;
            }

            (x0, g0) = (x1, g1);
        }

        return best ?? AuxiliaryAntipode(s, l);
    }

    /// <summary>
    /// At λ = π with U2 = −U1 the two points are antipodal on the auxiliary sphere, so every great circle through the
    /// first reaches the second at σ = π; the longitude equation then fixes sin α alone:
    /// L = π − (1 − C) f π sin α. Without U2 = −U1 (or with no such α) the answer is the meridian over a pole.
    /// </summary>
    private static GeodesicResult AuxiliaryAntipode(in AuxSphere s, double l)
    {
        double sinAlpha = 0;
        // Within 1e-10 rad (0.6 mm) of a mirror pair, treat it as one: closer than that the bracketing cannot resolve.
        if (Math.Abs(s.SinU1 + s.SinU2) < 1e-10)
        {
            for (int i = 0; i < 10; i++)
            {
                double cos2Alpha = 1 - sinAlpha * sinAlpha;
                double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
                sinAlpha = (Math.PI - l) / ((1 - c) * F * Math.PI);
            }

            if (sinAlpha > s.CosU1) sinAlpha = 0;
        }

        double alpha1 = Math.Asin(Math.Min(1, sinAlpha / s.CosU1));
        (double bigA, _) = SeriesAB(1 - sinAlpha * sinAlpha);
        // On the meridian the path goes over the pole the first point is nearer to.
        double az1 = sinAlpha == 0 && s.SinU1 < 0 ? 180 : Wgs84.RadToDeg(alpha1);
        double az2 = sinAlpha == 0 ? 180 - az1 : 180 - Wgs84.RadToDeg(alpha1);
        return new GeodesicResult(B * bigA * Math.PI, az1, az2);
    }

    private static GeodesicResult FromRoot(in AuxSphere s, double lambda, in AuxState st, double sign)
    {
        if (st.SinSigma == 0 && st.CosSigma > 0) return new GeodesicResult(0, 0, 0);
        double sinL = SinLambda(lambda), cosL = Math.Cos(lambda);
        double alpha1 = Math.Atan2(s.CosU2 * sinL, s.CosU1 * s.SinU2 - s.SinU1 * s.CosU2 * cosL);
        double alpha2 = Math.Atan2(s.CosU1 * sinL, -s.SinU1 * s.CosU2 + s.CosU1 * s.SinU2 * cosL);
        return new GeodesicResult(
            Distance(st),
            MirrorAzimuthDeg(Wgs84.RadToDeg(alpha1), sign),
            MirrorAzimuthDeg(Wgs84.RadToDeg(alpha2), sign));
    }

    private static double MirrorAzimuthDeg(double azDeg, double sign)
    {
        double m = sign * azDeg;
        return m <= -180 ? m + 360 : m;
    }

    private static double Distance(in AuxState st)
    {
        (double bigA, double bigB) = SeriesAB(st.Cos2Alpha);
        return B * bigA * (st.Sigma - DeltaSigma(bigB, st.SinSigma, st.CosSigma, st.Cos2SigmaM));
    }

    private static (double A, double B) SeriesAB(double cos2Alpha)
    {
        double u2 = cos2Alpha * (A * A - B * B) / (B * B);
        double bigA = 1 + u2 / 16384 * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
        double bigB = u2 / 1024 * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
        return (bigA, bigB);
    }

    private static double DeltaSigma(double bigB, double sinSigma, double cosSigma, double cos2SigmaM)
    {
        double c2 = cos2SigmaM * cos2SigmaM;
        return bigB * sinSigma * (cos2SigmaM + bigB / 4 * (cosSigma * (-1 + 2 * c2)
            - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * c2)));
    }

    /// <summary>sin(Math.PI) is 1.2e-16, not 0, which would turn the 0/0 of sin α at the antipode into ±1.</summary>
    private static double SinLambda(double lambda) => lambda >= Math.PI ? 0 : Math.Sin(lambda);

    internal static double NormalizeRad(double x)
    {
        x = Math.IEEERemainder(x, 2 * Math.PI);
        return x <= -Math.PI ? x + 2 * Math.PI : x;
    }

    private static void RequireValid(GeoPoint p, string name)
    {
        if (!p.IsValid) throw new ArgumentException($"not a valid WGS84 position: {p}", name);
    }

    /// <summary>Reduced latitudes of both ends on Vincenty's auxiliary sphere.</summary>
    private readonly struct AuxSphere
    {
        public readonly double SinU1, CosU1, SinU2, CosU2;

        public AuxSphere(double tanU1, double tanU2)
        {
            CosU1 = 1 / Math.Sqrt(1 + tanU1 * tanU1);
            SinU1 = tanU1 * CosU1;
            CosU2 = 1 / Math.Sqrt(1 + tanU2 * tanU2);
            SinU2 = tanU2 * CosU2;
        }

        /// <summary>One application of Vincenty's longitude map at auxiliary longitude difference λ.</summary>
        public AuxState Evaluate(double lambda, double l)
        {
            double sinL = SinLambda(lambda), cosL = Math.Cos(lambda);
            double t = CosU1 * SinU2 - SinU1 * CosU2 * cosL;
            double sinSigma = Math.Sqrt(CosU2 * sinL * CosU2 * sinL + t * t);
            double cosSigma = SinU1 * SinU2 + CosU1 * CosU2 * cosL;
            double sigma = Math.Atan2(sinSigma, cosSigma);
            // sinσ = 0 means coincident or auxiliary-antipodal points: the azimuth is free, a meridian serves.
            double sinAlpha = sinSigma == 0 ? 0 : CosU1 * CosU2 * sinL / sinSigma;
            double cos2Alpha = 1 - sinAlpha * sinAlpha;
            // cos²α = 0 only on the equator, where the midpoint term vanishes.
            double cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * SinU1 * SinU2 / cos2Alpha;
            double c = F / 16 * cos2Alpha * (4 + F * (4 - 3 * cos2Alpha));
            double next = l + (1 - c) * F * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            return new AuxState(next, sigma, sinSigma, cosSigma, cos2Alpha, cos2SigmaM);
        }
    }

    private readonly record struct AuxState(
        double LambdaNext, double Sigma, double SinSigma, double CosSigma, double Cos2Alpha, double Cos2SigmaM);
}
