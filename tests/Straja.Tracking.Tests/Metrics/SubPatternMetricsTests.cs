using CsCheck;
using Straja.Tracking.Metrics;

namespace Straja.Tracking.Tests.Metrics;

public sealed class SubPatternMetricsTests
{
    private const double Tol = 1e-9;

    private static Vec3 P(double x, double y, double z = 0) => new(x, y, z);

    private static SubPatternErrors Compute(Vec3[] truth, Vec3[] estimates, double c, double p) =>
        SubPatternMetrics.Compute(truth, estimates, c, p);

    [Fact]
    public void One_pair_inside_the_cutoff_costs_its_distance()
    {
        // d((0,0),(3,4)) = 5 < c = 10. OSPA = (5²/1)^½ = 5. GOSPA = (5²)^½ = 5, all localisation (25 m²).
        var e = Compute([P(0, 0)], [P(3, 4)], c: 10, p: 2);
        Assert.Equal(5, e.OspaM, Tol);
        Assert.Equal(5, e.GospaM, Tol);
        Assert.Equal(25, e.Localisation, Tol);
        Assert.Equal(0, e.Missed);
        Assert.Equal(0, e.False);
        Assert.Equal(1, e.Assigned);
    }

    [Fact]
    public void A_missed_object_costs_the_cutoff_in_ospa_and_half_its_power_in_gospa()
    {
        // Truth (0,0), (100,0); one estimate (3,4). Best pair (0,0)-(3,4), d = 5 → 25.
        // OSPA: n = 2, ((25 + 10²·(2 − 1)) / 2)^½ = 62.5^½ = 7.905694...
        // GOSPA: 25 + 10²/2 · 1 missed = 75 → 75^½ = 8.660254...
        var e = Compute([P(0, 0), P(100, 0)], [P(3, 4)], c: 10, p: 2);
        Assert.Equal(Math.Sqrt(62.5), e.OspaM, Tol);
        Assert.Equal(Math.Sqrt(75), e.GospaM, Tol);
        Assert.Equal(25, e.Localisation, Tol);
        Assert.Equal(50, e.Missed, Tol);
        Assert.Equal(0, e.False);
    }

    [Fact]
    public void A_pair_beyond_the_cutoff_counts_as_one_missed_and_one_false()
    {
        // d = 20 ≥ c = 10. OSPA: min(20, 10)² / 1 = 100 → 10. GOSPA: no pair; 50 missed + 50 false = 100 → 10.
        var e = Compute([P(0, 0)], [P(20, 0)], c: 10, p: 2);
        Assert.Equal(10, e.OspaM, Tol);
        Assert.Equal(10, e.GospaM, Tol);
        Assert.Equal(0, e.Localisation);
        Assert.Equal(50, e.Missed, Tol);
        Assert.Equal(50, e.False, Tol);
        Assert.Equal(0, e.Assigned);
    }

    [Fact]
    public void Order_one_with_a_false_estimate()
    {
        // p = 1, c = 10. Truth x1 (0,0), x2 (10,0); estimates y1 (1,0), y2 (12,0), y3 (50,50).
        // Capped distances: x1: 1, 10, 10; x2: 9, 2, 10. Best: x1-y1 + x2-y2 = 1 + 2 = 3.
        // OSPA: (3 + 10·(3 − 2)) / 3 = 13/3. GOSPA: 3 + 10/2 · 1 false = 8.
        var e = Compute([P(0, 0), P(10, 0)], [P(1, 0), P(12, 0), P(50, 50)], c: 10, p: 1);
        Assert.Equal(13.0 / 3, e.OspaM, Tol);
        Assert.Equal(8, e.GospaM, Tol);
        Assert.Equal(3, e.Localisation, Tol);
        Assert.Equal(0, e.Missed);
        Assert.Equal(5, e.False, Tol);
        Assert.Equal(2, e.Assigned);
    }

    [Fact]
    public void Gospa_prefers_one_exact_pair_to_two_pairs_just_inside_the_cutoff()
    {
        // c = 10, p = 2. x1 = y1 = (0,0); x2 (9.9,0); y2 (−9.9,0).
        // {x1-y1}: 0 + 50 missed + 50 false = 100.  {x1-y2, x2-y1}: 2 · 9.9² = 196.02.  GOSPA = 100^½ = 10.
        // OSPA assigns both: {x1-y1, x2-y2 capped at 10}: 0 + 100 = 100 < 196.02 → (100/2)^½ = 7.0710678...
        var e = Compute([P(0, 0), P(9.9, 0)], [P(0, 0), P(-9.9, 0)], c: 10, p: 2);
        Assert.Equal(10, e.GospaM, Tol);
        Assert.Equal(1, e.Assigned);
        Assert.Equal(Math.Sqrt(50), e.OspaM, Tol);
    }

    [Fact]
    public void Distance_is_euclidean_in_three_dimensions()
    {
        // d((0,0,0),(1,2,2)) = 3.
        var e = Compute([P(0, 0, 0)], [P(1, 2, 2)], c: 10, p: 2);
        Assert.Equal(3, e.GospaM, Tol);
        Assert.Equal(3, e.OspaM, Tol);
    }

    [Fact]
    public void Empty_sets()
    {
        Assert.Equal(default, Compute([], [], c: 10, p: 2));
        // Two missed objects, no estimates: OSPA = c; GOSPA = (2 · 10²/2)^½ = 10.
        var e = Compute([P(0, 0), P(5, 5)], [], c: 10, p: 2);
        Assert.Equal(10, e.OspaM, Tol);
        Assert.Equal(10, e.GospaM, Tol);
        Assert.Equal(100, e.Missed, Tol);
        // Three false estimates, p = 1: GOSPA = 3 · 10/2 = 15.
        Assert.Equal(15, Compute([], [P(0, 0), P(1, 1), P(2, 2)], c: 10, p: 1).GospaM, Tol);
    }

    [Fact]
    public void Large_sets_use_the_pooled_path_and_agree_with_the_exact_answer()
    {
        // 40 x 40 > the stack limit. Each estimate is its truth shifted by (3,4): d = 5, far closer than any other
        // pairing (spacing 100 m), so OSPA = GOSPA = 5.
        var truth = Enumerable.Range(0, 40).Select(k => P(k * 100, 0)).ToArray();
        var est = truth.Select(t => P(t.X + 3, t.Y + 4)).Reverse().ToArray();
        var e = Compute(truth, est, c: 20, p: 2);
        Assert.Equal(5, e.OspaM, 1e-9);
        Assert.Equal(Math.Sqrt(40 * 25.0), e.GospaM, 1e-9);
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(double.NaN, 2)]
    [InlineData(10, 0.5)]
    [InlineData(10, double.PositiveInfinity)]
    public void Bad_parameters_are_rejected(double c, double p) =>
        Assert.ThrowsAny<ArgumentException>(() => Compute([P(0, 0)], [P(1, 1)], c, p));

    private static readonly Gen<Vec3[]> Sets =
        Gen.Select(Gen.Double[-30, 30], Gen.Double[-30, 30], (x, y) => new Vec3(x, y, 0)).Array[0, 5];

    private static readonly Gen<(double C, double P)> Parameters =
        Gen.Select(Gen.Double[1, 40], Gen.Int[1, 3], (c, p) => (c, (double)p));

    [Fact]
    public void Ospa_and_gospa_are_symmetric_and_zero_on_identical_sets() =>
        Gen.Select(Sets, Sets, Parameters).Sample((x, y, cp) =>
        {
            var xy = Compute(x, y, cp.C, cp.P);
            var yx = Compute(y, x, cp.C, cp.P);
            Assert.Equal(xy.OspaM, yx.OspaM, 1e-9);
            Assert.Equal(xy.GospaM, yx.GospaM, 1e-9);
            Assert.Equal(0, Compute(x, x, cp.C, cp.P).OspaM, 1e-9);
            Assert.Equal(0, Compute(x, x, cp.C, cp.P).GospaM, 1e-9);
        });

    [Fact]
    public void Ospa_and_gospa_satisfy_the_triangle_inequality() =>
        Gen.Select(Sets, Sets, Sets, Parameters).Sample((x, y, z, cp) =>
        {
            var xz = Compute(x, z, cp.C, cp.P);
            var xy = Compute(x, y, cp.C, cp.P);
            var yz = Compute(y, z, cp.C, cp.P);
            Assert.True(xz.OspaM <= xy.OspaM + yz.OspaM + 1e-9, $"OSPA {xz.OspaM} > {xy.OspaM} + {yz.OspaM}");
            Assert.True(xz.GospaM <= xy.GospaM + yz.GospaM + 1e-9, $"GOSPA {xz.GospaM} > {xy.GospaM} + {yz.GospaM}");
        });

    [Fact]
    public void Gospa_parts_sum_to_its_pth_power_and_count_the_unassigned() =>
        Gen.Select(Sets, Sets, Parameters).Sample((x, y, cp) =>
        {
            var e = Compute(x, y, cp.C, cp.P);
            double half = Math.Pow(cp.C, cp.P) / 2;
            Assert.Equal(Math.Pow(e.GospaM, cp.P), e.Localisation + e.Missed + e.False, 1e-6);
            Assert.Equal(half * (x.Length - e.Assigned), e.Missed, 1e-6);
            Assert.Equal(half * (y.Length - e.Assigned), e.False, 1e-6);
            Assert.InRange(e.OspaM, 0, cp.C + 1e-9);
        });
}
