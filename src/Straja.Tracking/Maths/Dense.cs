namespace Straja.Tracking;

/// <summary>
/// Row-major n×n helpers on plain arrays for the models whose state is not the 6-vector (coordinated turn,
/// constant acceleration, the IMM's modes). These run per track per scan, not per gated pair, so they may allocate.
/// </summary>
internal static class Dense
{
    /// <summary>Returns F P Fᵀ for n×n matrices.</summary>
    public static double[] Propagate(double[] f, double[] p, int n)
    {
        var fp = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += f[(i * n) + k] * p[(k * n) + j];
                fp[(i * n) + j] = sum;
            }
        }

        var result = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                var sum = 0.0;
                for (var k = 0; k < n; k++)
                    sum += fp[(i * n) + k] * f[(j * n) + k];
                result[(i * n) + j] = sum;
            }
        }

        Symmetrise(result, n);
        return result;
    }

    public static double[] Identity(int n)
    {
        var m = new double[n * n];
        for (var i = 0; i < n; i++)
            m[(i * n) + i] = 1;
        return m;
    }

    public static void Symmetrise(double[] m, int n)
    {
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var mean = 0.5 * (m[(i * n) + j] + m[(j * n) + i]);
                m[(i * n) + j] = mean;
                m[(j * n) + i] = mean;
            }
        }
    }

    /// <summary>
    /// Adds the continuous white-noise acceleration block q [[T³/3, T²/2], [T²/2, T]] for the position at
    /// <paramref name="p"/> and velocity at <paramref name="v"/> (Bar-Shalom et al. 2001, §6.3.2).
    /// </summary>
    public static void AddWhiteAcceleration(double[] cov, int n, int p, int v, double q, double dt)
    {
        var dt2 = dt * dt;
        cov[(p * n) + p] += q * dt2 * dt / 3;
        cov[(p * n) + v] += q * dt2 / 2;
        cov[(v * n) + p] += q * dt2 / 2;
        cov[(v * n) + v] += q * dt;
    }

    /// <summary>Cholesky of a symmetric n×n matrix; false when it is not positive definite.</summary>
    public static bool TryCholesky(double[] a, int n, out double[] l)
    {
        l = new double[n * n];
        for (var j = 0; j < n; j++)
        {
            var diagonal = a[(j * n) + j];
            for (var k = 0; k < j; k++)
                diagonal -= l[(j * n) + k] * l[(j * n) + k];
            if (!(diagonal > 0))
                return false;
            var ljj = Math.Sqrt(diagonal);
            l[(j * n) + j] = ljj;
            for (var i = j + 1; i < n; i++)
            {
                var sum = a[(i * n) + j];
                for (var k = 0; k < j; k++)
                    sum -= l[(i * n) + k] * l[(j * n) + k];
                l[(i * n) + j] = sum / ljj;
            }
        }

        return true;
    }
}
