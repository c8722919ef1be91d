namespace Straja.Tracking;

/// <summary>
/// Optimal rectangular linear assignment by shortest augmenting paths with dual potentials (the
/// Hungarian method in the Jonker–Volgenant form; see D. F. Crouse, "On implementing 2D rectangular assignment
/// algorithms", IEEE Trans. AES 52(4), 2016). O(n²m) for n = min(rows, cols), m = max.
/// </summary>
internal static class Assignment
{
    /// <summary>
    /// Assigns rows to distinct columns. A +∞ cost forbids the pair. Among all partial assignments using only
    /// finite pairs, the result has the largest number of assigned rows and, among those, the least total cost.
    /// Unassigned rows get −1.
    /// </summary>
    /// <remarks>
    /// Forbidden pairs become a finite penalty larger than any possible spread of n finite costs, so the
    /// complete assignment the algorithm finds uses as few of them as possible; each penalised pair is then
    /// reported as unassigned. Any partial matching extends to a complete one over the min(rows, cols) side,
    /// so "fewest penalties" is exactly "most finite pairs".
    /// </remarks>
    public static void Solve(ReadOnlySpan<double> costRowMajor, int rows, int cols, Span<int> rowToCol)
    {
        if (rows < 0 || cols < 0)
            throw new ArgumentOutOfRangeException(nameof(rows), $"Assignment needs non-negative dimensions, got {rows}x{cols}.");
        if (costRowMajor.Length != rows * cols)
            throw new ArgumentException($"Cost has {costRowMajor.Length} entries, expected {rows}x{cols} = {rows * cols}.", nameof(costRowMajor));
        if (rowToCol.Length != rows)
            throw new ArgumentException($"rowToCol has length {rowToCol.Length}, expected {rows}.", nameof(rowToCol));
        rowToCol.Fill(-1);

        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (var k = 0; k < costRowMajor.Length; k++)
        {
            var c = costRowMajor[k];
            if (double.IsNaN(c) || double.IsNegativeInfinity(c))
                throw new ArgumentException($"Cost[{k / Math.Max(cols, 1)},{k % Math.Max(cols, 1)}] is {c}; costs must be finite or +∞.", nameof(costRowMajor));
            if (double.IsFinite(c))
            {
                min = Math.Min(min, c);
                max = Math.Max(max, c);
            }
        }

        if (double.IsInfinity(min))
            return;

        var transposed = rows > cols;
        var n = transposed ? cols : rows;
        var m = transposed ? rows : cols;
        var penalty = (n + 1) * (max - min + 1);
        var matrix = new ShiftedCost(costRowMajor, cols, transposed, min, penalty);

        Span<int> rowOfColumn = m + 1 <= 256 ? stackalloc int[m + 1] : new int[m + 1];
        SolveComplete(matrix, n, m, rowOfColumn);

        for (var j = 1; j <= m; j++)
        {
            var i = rowOfColumn[j];
            if (i == 0 || matrix[i - 1, j - 1] >= penalty)
                continue;
            if (transposed)
                rowToCol[j - 1] = i - 1;
            else
                rowToCol[i - 1] = j - 1;
        }
    }

    /// <summary>The cost seen by the solver: oriented so rows ≤ columns, shifted to ≥ 0, +∞ → penalty.</summary>
    private readonly ref struct ShiftedCost(ReadOnlySpan<double> cost, int cols, bool transposed, double shift, double penalty)
    {
        private readonly ReadOnlySpan<double> _cost = cost;

        public double this[int row, int col]
        {
            get
            {
                var c = transposed ? _cost[(col * cols) + row] : _cost[(row * cols) + col];
                return double.IsFinite(c) ? c - shift : penalty;
            }
        }
    }

    /// <summary>
    /// Complete assignment of n rows into m ≥ n columns with all-finite costs. Index 0 of the column arrays is
    /// a virtual column where each new row starts its search; rowOfColumn[j] is 1-based (0 = free).
    /// </summary>
    private static void SolveComplete(in ShiftedCost cost, int n, int m, Span<int> rowOfColumn)
    {
        var small = m + 1 <= 256;
        Span<double> rowPotential = small ? stackalloc double[n + 1] : new double[n + 1];
        Span<double> colPotential = small ? stackalloc double[m + 1] : new double[m + 1];
        Span<double> slack = small ? stackalloc double[m + 1] : new double[m + 1];
        Span<int> previous = small ? stackalloc int[m + 1] : new int[m + 1];
        Span<bool> visited = small ? stackalloc bool[m + 1] : new bool[m + 1];
        rowOfColumn.Clear();
        rowPotential.Clear();
        colPotential.Clear();

        for (var row = 1; row <= n; row++)
        {
            // Dijkstra-like growth of a shortest alternating path tree from `row` over reduced costs,
            // until it reaches a free column; then flip the path.
            rowOfColumn[0] = row;
            var column = 0;
            slack.Fill(double.PositiveInfinity);
            visited.Clear();
            do
            {
                visited[column] = true;
                var fromRow = rowOfColumn[column];
                var delta = double.PositiveInfinity;
                var next = 0;
                for (var j = 1; j <= m; j++)
                {
                    if (visited[j])
                        continue;
                    var reduced = cost[fromRow - 1, j - 1] - rowPotential[fromRow] - colPotential[j];
                    if (reduced < slack[j])
                    {
                        slack[j] = reduced;
                        previous[j] = column;
                    }

                    if (slack[j] < delta)
                    {
                        delta = slack[j];
                        next = j;
                    }
                }

                for (var j = 0; j <= m; j++)
                {
                    if (visited[j])
                    {
                        rowPotential[rowOfColumn[j]] += delta;
                        colPotential[j] -= delta;
                    }
                    else
                    {
                        slack[j] -= delta;
                    }
                }

                column = next;
            }
            while (rowOfColumn[column] != 0);

            while (column != 0)
            {
                var back = previous[column];
                rowOfColumn[column] = rowOfColumn[back];
                column = back;
            }
        }
    }
}
