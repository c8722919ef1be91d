namespace Straja.Tracking;

/// <summary>
/// Mahalanobis gate: a measurement is plausible for a track when yᵀ S⁻¹ y is at most the chi-square quantile
/// for the measurement's dimension at the gate probability: d² is chi-square distributed with that many
/// degrees of freedom when the measurement is the track's (the validation gate of Bar-Shalom, Li,
/// Kirubarajan 2001). The thresholds are computed once, for 1, 2 and 3 degrees of freedom.
/// </summary>
internal sealed class ChiSquareGate
{
    private readonly double[] _thresholds;

    public ChiSquareGate(double probability)
    {
        _thresholds = [0, ChiSquare.Quantile(probability, 1), ChiSquare.Quantile(probability, 2), ChiSquare.Quantile(probability, 3)];
    }

    public double Threshold(int degreesOfFreedom) => _thresholds[degreesOfFreedom];

    public bool Accepts(in Innovation innovation) => innovation.DistanceSquared <= _thresholds[innovation.Dim];
}

/// <summary>The chi-square distribution for small integer degrees of freedom.</summary>
internal static class ChiSquare
{
    private const double UpperSearchBound = 200;

    /// <summary>
    /// CDF = P(k/2, x/2), the regularised lower incomplete gamma function, from its power series
    /// P(a, x) = e^−x x^a / Γ(a+1) · Σ xⁿ / ((a+1)…(a+n)), whose terms are all positive so nothing cancels.
    /// </summary>
    public static double Cdf(double x, int degreesOfFreedom)
    {
        if (x <= 0)
            return 0;
        var a = degreesOfFreedom / 2.0;
        var halfX = x / 2;
        var term = 1.0;
        var sum = 1.0;
        for (var n = 1; n < 10_000 && term > sum * 1e-17; n++)
        {
            term *= halfX / (a + n);
            sum += term;
        }

        return Math.Min(1, Math.Exp((a * Math.Log(halfX)) - halfX - LogGammaOfHalfInteger(a + 1)) * sum);
    }

    /// <summary>The x with Cdf(x) = probability, by bisection (monotone CDF, so 200 halvings reach full precision).</summary>
    public static double Quantile(double probability, int degreesOfFreedom)
    {
        if (!(probability > 0 && probability < 1))
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "Chi-square quantile needs a probability in (0, 1).");
        if (degreesOfFreedom < 1)
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "Degrees of freedom must be at least 1.");
        double low = 0, high = UpperSearchBound;
        for (var i = 0; i < 200 && high - low > 1e-13; i++)
        {
            var mid = 0.5 * (low + high);
            if (Cdf(mid, degreesOfFreedom) < probability)
                low = mid;
            else
                high = mid;
        }

        return 0.5 * (low + high);
    }

    // ln Γ(z) for z a positive multiple of 1/2, by Γ(z) = (z−1) Γ(z−1) down to Γ(1) = 1 or Γ(1/2) = √π.
    private static double LogGammaOfHalfInteger(double z)
    {
        var result = 0.0;
        while (z > 1.25)
        {
            z -= 1;
            result += Math.Log(z);
        }

        return z > 0.75 ? result : result + (0.5 * Math.Log(Math.PI));
    }
}
