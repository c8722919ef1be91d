using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class KalmanFilterTests
{
    private static GaussianState State(Vec3 position, Vec3 velocity, double positionVariance, double velocityVariance)
    {
        var state = default(GaussianState);
        state.Mean[0] = position.X;
        state.Mean[1] = position.Y;
        state.Mean[2] = position.Z;
        state.Mean[3] = velocity.X;
        state.Mean[4] = velocity.Y;
        state.Mean[5] = velocity.Z;
        for (var i = 0; i < 3; i++)
        {
            state.Covariance.Set(i, i, positionVariance);
            state.Covariance.Set(i + 3, i + 3, velocityVariance);
        }

        return state;
    }

    [Fact]
    public void Predict_then_position_update_matches_hand_computed_east_axis()
    {
        // East axis only (axes are independent): x = 10 m, v = 5 m/s, P = diag(100, 25), q = 1 m²/s³, T = 2 s.
        var state = State(new Vec3(10, 0, 0), new Vec3(5, 0, 0), 100, 25);
        new ConstantVelocityPredictor(1, 1).Predict(ref state, 2);

        // x⁻ = 10 + 2·5 = 20
        // Pxx⁻ = 100 + T²·25 + q·T³/3 = 100 + 100 + 8/3 = 202.6667
        // Pxv⁻ = T·25 + q·T²/2 = 50 + 2 = 52
        // Pvv⁻ = 25 + q·T = 27
        Assert.Equal(20, state.Mean[0], 9);
        Assert.Equal(5, state.Mean[3], 9);
        Assert.Equal(202.0 + (2.0 / 3.0), state.Covariance.Get(0, 0), 9);
        Assert.Equal(52, state.Covariance.Get(0, 3), 9);
        Assert.Equal(52, state.Covariance.Get(3, 0), 9);
        Assert.Equal(27, state.Covariance.Get(3, 3), 9);

        // Measure E = 30 m with σ = 10 m (R = 100):
        // S = 202.6667 + 100 = 302.6667; residual 10; d² = 100/302.6667 = 0.330396
        // Kx = 202.6667/302.6667 = 0.669604 → x⁺ = 20 + 6.69604 = 26.69604
        // Kv = 52/302.6667 = 0.171806 → v⁺ = 5 + 1.71806 = 6.71806
        // Pxx⁺ = 202.6667·100/302.6667 = 66.96035; Pxv⁺ = 52·100/302.6667 = 17.18062
        // Pvv⁺ = 27 − 52²/302.6667 = 27 − 8.933921 = 18.066079
        var measurement = TestScans.Position(30, 0, 0, 10, 10);
        Assert.True(MeasurementModel.TryInnovate(state, measurement, default, out var innovation));
        const double s = 302.0 + (2.0 / 3.0);
        Assert.Equal(100 / s, innovation.DistanceSquared, 3);
        KalmanUpdater.Update(ref state, innovation);

        Assert.Equal(20 + (10 * (202.0 + (2.0 / 3.0)) / s), state.Mean[0], 9);
        Assert.Equal(26.69604, state.Mean[0], 4);
        Assert.Equal(6.71806, state.Mean[3], 4);
        Assert.Equal(66.96035, state.Covariance.Get(0, 0), 4);
        Assert.Equal(17.18062, state.Covariance.Get(0, 3), 4);
        Assert.Equal(18.066079, state.Covariance.Get(3, 3), 4);
        // North and up were measured exactly where predicted: means stay, variances shrink the same way.
        Assert.Equal(0, state.Mean[1], 9);
        Assert.Equal(66.96035, state.Covariance.Get(1, 1), 4);
    }

    [Fact]
    public void Prediction_over_two_intervals_equals_prediction_over_their_sum()
    {
        var split = State(new Vec3(1, 2, 3), new Vec3(4, -5, 6), 50, 9);
        var whole = split;
        var predictor = new ConstantVelocityPredictor(4, 1);
        predictor.Predict(ref split, 0.7);
        predictor.Predict(ref split, 3.1);
        predictor.Predict(ref whole, 3.1);
        for (var k = 0; k < 36; k++)
            Assert.Equal(whole.Covariance[k], split.Covariance[k], 9);
    }

    [Fact]
    public void Polar_update_of_target_due_north_moves_range_along_north_and_azimuth_along_east()
    {
        // Predicted at (0, 1000, 0) from a sensor at the origin, position variance 100 m² per axis.
        // Jacobian there: range row (0, 1, 0); azimuth row (dN/ρ², −dE/ρ², 0) = (1e-3, 0, 0);
        // elevation row (0, 0, ρ/r²) = (0, 0, 1e-3).
        // Range 1010 ± 10: S = 100 + 100 = 200, K = 0.5 → N = 1000 + 0.5·10 = 1005.
        // Azimuth 0.01 ± 0.01 rad: S = 1e-6·100 + 1e-4 = 2e-4, K = 100·1e-3/2e-4 = 500 m/rad → E = 500·0.01 = 5.
        // Elevation 0 as predicted → U stays 0.
        var state = State(new Vec3(0, 1000, 0), default, 100, 25);
        var measurement = new Measurement(MeasurementKind.Polar, 1010, 0.01, 0, 10, 0.01, 0.01);
        Assert.True(MeasurementModel.TryInnovate(state, measurement, default, out var innovation));
        Assert.Equal(3, innovation.Dim);
        KalmanUpdater.Update(ref state, innovation);

        Assert.Equal(5, state.Mean[0], 6);
        Assert.Equal(1005, state.Mean[1], 6);
        Assert.Equal(0, state.Mean[2], 9);
    }

    [Fact]
    public void Polar_azimuth_residual_wraps_across_south()
    {
        // Target due south: predicted azimuth atan2(0, −1000) = π. Measured −π + 0.01 is 0.01 rad clockwise of
        // south, i.e. toward the west. Wrapped residual +0.01; azimuth row (dN/ρ², ...) = (−1e-3, 0, 0), so
        // K_E = 100·(−1e-3)/2e-4 = −500 m/rad and E moves to −5 m. Unwrapped it would be −2π + 0.01.
        var state = State(new Vec3(0, -1000, 0), default, 100, 25);
        var measurement = new Measurement(MeasurementKind.Polar, 1000, -Math.PI + 0.01, 0, 10, 0.01, 0.01);
        Assert.True(MeasurementModel.TryInnovate(state, measurement, default, out var innovation));
        Assert.Equal(0.01, innovation.Residual[1], 9);
        Assert.True(innovation.DistanceSquared < 1);
        KalmanUpdater.Update(ref state, innovation);

        Assert.Equal(-5, state.Mean[0], 6);
        Assert.Equal(-1000, state.Mean[1], 6);
    }

    [Theory]
    [InlineData(Math.PI, Math.PI)]
    [InlineData(-Math.PI, Math.PI)]
    [InlineData(3 * Math.PI, Math.PI)]
    [InlineData(0.5, 0.5)]
    [InlineData(2 * Math.PI - 0.5, -0.5)]
    [InlineData(-2 * Math.PI + 0.5, 0.5)]
    public void WrapAngle_maps_into_minus_pi_exclusive_to_pi_inclusive(double angle, double expected) =>
        Assert.Equal(expected, MeasurementModel.WrapAngle(angle), 12);

    [Fact]
    public void Two_dimensional_radar_updates_range_and_azimuth_only()
    {
        var state = State(new Vec3(0, 1000, 200), default, 100, 25);
        var measurement = new Measurement(MeasurementKind.Polar, 1030, 0, double.NaN, 10, 0.01, double.NaN);
        Assert.True(MeasurementModel.TryInnovate(state, measurement, default, out var innovation));
        Assert.Equal(2, innovation.Dim);
        KalmanUpdater.Update(ref state, innovation);
        // Slant range is 1019.8 predicted, 1030 measured: the target moves outward along the line of sight.
        Assert.True(state.Mean[1] > 1000);
        Assert.Equal(0, state.Mean[0], 9);
    }

    [Fact]
    public void Bearing_only_update_moves_track_across_the_line_of_sight_only()
    {
        var state = State(new Vec3(0, 1000, 0), default, 100, 25);
        var measurement = new Measurement(MeasurementKind.Bearing, 0.01, double.NaN, double.NaN, 0.01, double.NaN, double.NaN);
        Assert.True(MeasurementModel.TryInnovate(state, measurement, default, out var innovation));
        Assert.Equal(1, innovation.Dim);
        KalmanUpdater.Update(ref state, innovation);
        Assert.Equal(5, state.Mean[0], 6);
        Assert.Equal(1000, state.Mean[1], 9);
    }

    [Fact]
    public void Position_sigma_is_the_largest_principal_axis()
    {
        var state = State(default, default, 100, 25);
        state.Covariance.Set(0, 0, 400);
        state.Covariance.Set(0, 1, 0);
        Assert.Equal(20, state.PositionSigmaM, 9);
        // [[2,1],[1,2]]·100 has eigenvalues 300 and 100.
        state.Covariance.Set(0, 0, 200);
        state.Covariance.Set(1, 1, 200);
        state.Covariance.Set(0, 1, 100);
        state.Covariance.Set(1, 0, 100);
        Assert.Equal(Math.Sqrt(300), state.PositionSigmaM, 9);
    }
}
