using CsCheck;
using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class AssignmentTests
{
    private const double Inf = double.PositiveInfinity;

    /// <summary>Best (most pairs, then least cost) over every partial injective assignment using finite pairs.</summary>
    private static (int Pairs, double Cost) BruteForce(double[] cost, int rows, int cols)
    {
        var best = (Pairs: 0, Cost: 0.0);
        var usedColumns = new bool[cols];
        void Recurse(int row, int pairs, double total)
        {
            if (row == rows)
            {
                if (pairs > best.Pairs || (pairs == best.Pairs && total < best.Cost))
                    best = (pairs, total);
                return;
            }

            Recurse(row + 1, pairs, total);
            for (var col = 0; col < cols; col++)
            {
                var c = cost[(row * cols) + col];
                if (usedColumns[col] || double.IsInfinity(c))
                    continue;
                usedColumns[col] = true;
                Recurse(row + 1, pairs + 1, total + c);
                usedColumns[col] = false;
            }
        }

        Recurse(0, 0, 0);
        return best;
    }

    private static (int Pairs, double Cost) Solve(double[] cost, int rows, int cols)
    {
        var rowToCol = new int[rows];
        Assignment.Solve(cost, rows, cols, rowToCol);
        var seen = new HashSet<int>();
        var pairs = 0;
        var total = 0.0;
        for (var row = 0; row < rows; row++)
        {
            var col = rowToCol[row];
            if (col < 0)
                continue;
            Assert.True(seen.Add(col), $"column {col} assigned twice");
            Assert.True(double.IsFinite(cost[(row * cols) + col]), $"row {row} assigned to a forbidden column {col}");
            pairs++;
            total += cost[(row * cols) + col];
        }

        return (pairs, total);
    }

    private static readonly Gen<double> Cell =
        Gen.Select(Gen.Int[0, 3], Gen.Double[-5, 20], (forbidden, cost) => forbidden == 0 ? Inf : cost);

    private static readonly Gen<(int Rows, int Cols, double[] Cost)> Problems =
        from rows in Gen.Int[1, 6]
        from cols in Gen.Int[1, 6]
        from cost in Cell.Array[rows * cols]
        select (rows, cols, cost);

    [Fact]
    public void Solver_matches_brute_force_on_random_rectangular_matrices_with_forbidden_pairs() =>
        Problems.Sample(problem =>
        {
            var (rows, cols, cost) = problem;
            var expected = BruteForce(cost, rows, cols);
            var actual = Solve(cost, rows, cols);
            Assert.Equal(expected.Pairs, actual.Pairs);
            Assert.Equal(expected.Cost, actual.Cost, 9);
        }, iter: 3000);

    [Fact]
    public void Solver_beats_greedy_when_the_cheapest_pair_is_a_trap()
    {
        // Greedy takes (0,0)=1 and is left with (1,1)=100; the optimum is (0,1)+(1,0) = 4.
        double[] cost = [1, 2, 2, 100];
        var rowToCol = new int[2];
        Assignment.Solve(cost, 2, 2, rowToCol);
        Assert.Equal([1, 0], rowToCol);
    }

    [Fact]
    public void Rows_with_only_forbidden_pairs_stay_unassigned()
    {
        double[] cost = [Inf, Inf, 3, Inf, 1, 2];
        var rowToCol = new int[3];
        Assignment.Solve(cost, 3, 2, rowToCol);
        Assert.Equal([-1, 0, 1], rowToCol); // row 1 can only take column 0
    }

    [Fact]
    public void NaN_cost_is_rejected_with_its_position()
    {
        double[] cost = [1, double.NaN];
        var error = Assert.Throws<ArgumentException>(() => Assignment.Solve(cost, 1, 2, new int[1]));
        Assert.Contains("Cost[0,1]", error.Message, StringComparison.Ordinal);
    }
}
