using System.Buffers;

namespace Straja.Tracking.Metrics;

/// <summary>
/// OSPA and GOSPA between one set of true positions and one set of estimated positions (one time step).
/// </summary>
/// <param name="OspaM">OSPA distance, m; 0 when both sets are empty, the cut-off when exactly one is.</param>
/// <param name="GospaM">GOSPA distance (α = 2), m: (<paramref name="Localisation"/> + <paramref name="Missed"/> + <paramref name="False"/>)^(1/p).</param>
/// <param name="Localisation">Σ dᵖ over the assigned pairs closer than the cut-off, mᵖ.</param>
/// <param name="Missed">cᵖ/2 per true object left unassigned, mᵖ.</param>
/// <param name="False">cᵖ/2 per estimate left unassigned, mᵖ.</param>
/// <param name="Assigned">Pairs closer than the cut-off in the optimal assignment.</param>
public readonly record struct SubPatternErrors(
    double OspaM, double GospaM, double Localisation, double Missed, double False, int Assigned);

/// <summary>
/// OSPA (Schuhmacher, Vo, Vo, "A consistent metric for performance evaluation of multi-object filters", IEEE TSP
/// 56(8), 2008) and GOSPA with α = 2 (Rahmathullah, García-Fernández, Svensson, "Generalized optimal sub-pattern
/// assignment metric", FUSION 2017). The base distance is Euclidean in metres in one local frame (2D points have
/// Z = 0). Both come from the same optimal assignment of the smaller set into the larger one under the cost
/// min(d, c)ᵖ, solved by <see cref="Assignment.Solve"/>.
/// </summary>
public static class SubPatternMetrics
{
    // Up to 32 x 32 the cost matrix lives on the stack (8 KiB); larger sets rent from the shared pool.
    private const int StackCostLimit = 1024;

    /// <summary>Computes OSPA and GOSPA of order <paramref name="order"/> (p ≥ 1) and cut-off <paramref name="cutoffM"/> (c > 0).</summary>
    public static SubPatternErrors Compute(ReadOnlySpan<Vec3> truth, ReadOnlySpan<Vec3> estimates, double cutoffM, double order)
    {
        if (!(cutoffM > 0 && double.IsFinite(cutoffM)))
            throw new ArgumentOutOfRangeException(nameof(cutoffM), cutoffM, "The cut-off must be finite and > 0.");
        if (!(order >= 1 && double.IsFinite(order)))
            throw new ArgumentOutOfRangeException(nameof(order), order, "The order p must be finite and >= 1.");

        int m = truth.Length, n = estimates.Length;
        double cP = Math.Pow(cutoffM, order);
        if (m == 0 && n == 0)
            return new SubPatternErrors(0, 0, 0, 0, 0, 0);
        if (m == 0 || n == 0)
        {
            double missed = cP / 2 * m, falses = cP / 2 * n;
            return new SubPatternErrors(cutoffM, Math.Pow(missed + falses, 1 / order), 0, missed, falses, 0);
        }

        double[]? rentedCost = null;
        int[]? rentedRows = null;
        Span<double> cost = m * n <= StackCostLimit ? stackalloc double[m * n] : (rentedCost = ArrayPool<double>.Shared.Rent(m * n)).AsSpan(0, m * n);
        Span<int> rowToCol = m <= StackCostLimit ? stackalloc int[m] : (rentedRows = ArrayPool<int>.Shared.Rent(m)).AsSpan(0, m);
        try
        {
            // Capping at c keeps every pair finite: a pair at or beyond c costs cᵖ, exactly what leaving both
            // ends unassigned costs under GOSPA (cᵖ/2 + cᵖ/2), so the optimum is the same whichever way such a pair
            // is read. Forbidding it (+∞) instead would make the solver prefer more pairs over a cheaper total.
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                    cost[(i * n) + j] = Math.Pow(Math.Min((truth[i] - estimates[j]).Length(), cutoffM), order);
            }

            Assignment.Solve(cost, m, n, rowToCol);

            double capped = 0, localisation = 0;
            int assigned = 0;
            for (int i = 0; i < m; i++)
            {
                int j = rowToCol[i];
                if (j < 0)
                    continue;
                double c = cost[(i * n) + j];
                capped += c;
                if (c < cP)
                {
                    localisation += c;
                    assigned++;
                }
            }

            int larger = Math.Max(m, n);
            double ospa = Math.Pow((capped + (cP * (larger - Math.Min(m, n)))) / larger, 1 / order);
            double missedPart = cP / 2 * (m - assigned), falsePart = cP / 2 * (n - assigned);
            double gospa = Math.Pow(localisation + missedPart + falsePart, 1 / order);
            return new SubPatternErrors(ospa, gospa, localisation, missedPart, falsePart, assigned);
        }
        finally
        {
            if (rentedCost is not null)
                ArrayPool<double>.Shared.Return(rentedCost);
            if (rentedRows is not null)
                ArrayPool<int>.Shared.Return(rentedRows);
        }
    }
}
