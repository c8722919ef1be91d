using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class GatingTests
{
    // Upper-tail critical values of the chi-square distribution, NIST/SEMATECH e-Handbook of Statistical
    // Methods, §1.3.6.7.4 (P = 0.99 and 0.999; 1, 2, 3 degrees of freedom).
    [Theory]
    [InlineData(0.99, 1, 6.635)]
    [InlineData(0.99, 2, 9.210)]
    [InlineData(0.99, 3, 11.345)]
    [InlineData(0.999, 1, 10.828)]
    [InlineData(0.999, 2, 13.816)]
    [InlineData(0.999, 3, 16.266)]
    public void Gate_threshold_is_the_chi_square_quantile(double probability, int dof, double tabulated) =>
        Assert.Equal(tabulated, new ChiSquareGate(probability).Threshold(dof), 3);

    [Fact]
    public void Two_degree_quantile_has_the_closed_form_minus_two_ln_one_minus_p()
    {
        foreach (var p in new[] { 0.5, 0.9, 0.99, 0.9999 })
            Assert.Equal(-2 * Math.Log(1 - p), ChiSquare.Quantile(p, 2), 9);
    }

    [Fact]
    public void Measurement_beyond_the_gate_starts_a_new_track_and_one_inside_updates_the_old()
    {
        // After one hit the track's position variance is R = 100 m² per axis, velocity σ 60 m/s. A second
        // scan 1 s later: S per axis = 100 + 3600 + q/3 + 100 ≈ 3803 (horizontal). 3D threshold at 0.999 is
        // 16.27, so the gate is √(16.27·3803) ≈ 249 m along one horizontal axis.
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("pos", 0, TestScans.Position(0, 0, 100)));
        var inside = tracker.Process(TestScans.Scan("pos", 1, TestScans.Position(230, 0, 100)));
        Assert.Equal(1, inside.Associated);
        Assert.Equal(0, inside.Initiated);

        var far = new Tracker(TrackerOptions.Default);
        far.Process(TestScans.Scan("pos", 0, TestScans.Position(0, 0, 100)));
        var outside = far.Process(TestScans.Scan("pos", 1, TestScans.Position(270, 0, 100)));
        Assert.Equal(0, outside.Associated);
        Assert.Equal(1, outside.Initiated);
    }

    [Fact]
    public void Gate_probability_outside_zero_one_is_rejected_naming_the_option()
    {
        var error = Assert.Throws<ArgumentException>(() => new Tracker(TrackerOptions.Default with { GateProbability = 1 }));
        Assert.Contains("GateProbability", error.Message, StringComparison.Ordinal);
    }
}
