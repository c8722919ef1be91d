using CsCheck;

namespace Straja.Tracking.Tests.Models;

public sealed class UnscentedUpdateTests
{
    private static GaussianState Prior(Vec3 position, Vec3 velocity, double positionSigma, double velocitySigma)
    {
        var state = default(GaussianState);
        Span<double> mean = [position.X, position.Y, position.Z, velocity.X, velocity.Y, velocity.Z];
        for (var i = 0; i < 6; i++)
        {
            state.Mean[i] = mean[i];
            state.Covariance.Set(i, i, i < 3 ? positionSigma * positionSigma : velocitySigma * velocitySigma);
        }

        // Some position–velocity correlation, as a filtered track has.
        for (var i = 0; i < 3; i++)
        {
            state.Covariance.Set(i, i + 3, 0.3 * positionSigma * velocitySigma);
            state.Covariance.Set(i + 3, i, 0.3 * positionSigma * velocitySigma);
        }

        return state;
    }

    [Fact]
    public void Unscented_and_extended_updates_agree_when_the_measurement_is_nearly_linear()
    {
        // 8 km out with a 5 m prior: across the prior the polar function is linear to well under a sigma.
        var sensor = new Vec3(100, -200, 10);
        var prior = Prior(new Vec3(5000, 6000, 800), new Vec3(20, -5, 0), 5, 10);
        var m = TestScans.PolarOf(new Vec3(5006, 5995, 803), sensor, 10, 0.002);

        Assert.True(MeasurementModel.TryInnovate(prior, m, sensor, out var ekf));
        Assert.True(UnscentedMeasurementModel.TryInnovate(prior, m, sensor, out var ukf));
        Assert.Equal(ekf.Dim, ukf.Dim);
        Assert.Equal(ekf.DistanceSquared, ukf.DistanceSquared, 2);
        Assert.Equal(ekf.LogDetS, ukf.LogDetS, 3);

        var afterEkf = prior;
        var afterUkf = prior;
        KalmanUpdater.Update(ref afterEkf, ekf);
        KalmanUpdater.Update(ref afterUkf, ukf);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(afterEkf.Mean[i], afterUkf.Mean[i], 2);
            for (var j = 0; j < 6; j++)
                Assert.True(Math.Abs(afterEkf.Covariance.Get(i, j) - afterUkf.Covariance.Get(i, j)) <= 1e-3 * afterEkf.Covariance.Get(i, i) + 1e-9, $"P[{i},{j}]");
        }
    }

    [Fact]
    public void Unscented_predicted_range_sees_the_spread_the_extended_one_ignores()
    {
        // 150 m out with a 60 m prior. Range is convex in position, so the mean range over the prior exceeds
        // the range of the mean (Jensen): the UKF predicts a longer range, the EKF the range of the mean.
        var prior = Prior(new Vec3(100, 100, 50), default, 60, 10);
        var m = TestScans.PolarOf(new Vec3(120, 90, 50), default, 5, 0.01);
        Assert.True(MeasurementModel.TryInnovate(prior, m, default, out var ekf));
        Assert.True(UnscentedMeasurementModel.TryInnovate(prior, m, default, out var ukf));
        var ekfPredicted = m.Z0 - ekf.Residual[0];
        var ukfPredicted = m.Z0 - ukf.Residual[0];
        Assert.Equal(prior.Position.Length(), ekfPredicted, 9);
        Assert.True(ukfPredicted > ekfPredicted + 1, $"UKF predicted range {ukfPredicted:F1} m, EKF {ekfPredicted:F1} m");
    }

    [Fact]
    public void Updated_covariance_stays_symmetric_positive_definite()
    {
        var geometry = Gen.Select(Gen.Double[-20_000, 20_000], Gen.Double[-20_000, 20_000], Gen.Double[0, 3000], Gen.Double[1, 500]);
        var noise = Gen.Select(Gen.Double[0.5, 50], Gen.Double[1e-4, 0.05], Gen.Bool, Gen.Bool);
        var correlation = Gen.Double[-1, 1].Array[36];
        Gen.Select(geometry, noise, correlation).Sample(sample =>
        {
            var ((e, n, u, sigma), (rangeSigma, angleSigma, withElevation, unscented), a) = sample;
            // P = sigma² (A Aᵀ / 6 + 0.01 I): positive definite with arbitrary correlations.
            var prior = default(GaussianState);
            prior.Mean[0] = e;
            prior.Mean[1] = n;
            prior.Mean[2] = u;
            for (var i = 0; i < 6; i++)
            {
                for (var j = 0; j < 6; j++)
                {
                    var sum = i == j ? 0.01 : 0;
                    for (var k = 0; k < 6; k++)
                        sum += a[(i * 6) + k] * a[(j * 6) + k] / 6;
                    prior.Covariance.Set(i, j, sigma * sigma * sum);
                }
            }

            var truth = new Vec3(e + sigma, n - sigma, u + (0.5 * sigma));
            var m = TestScans.PolarOf(truth, default, rangeSigma, angleSigma, withElevation);
            var innovator = new MeasurementInnovator(unscented ? PolarUpdate.Unscented : PolarUpdate.Extended);
            if (!innovator.TryInnovate(prior, m, default, out var innovation))
                return; // degenerate geometry (within 1 m of the sensor axis) is refused, not updated
            KalmanUpdater.Update(ref prior, innovation);
            var p = new double[36];
            for (var i = 0; i < 36; i++)
                p[i] = prior.Covariance[i];
            for (var i = 0; i < 6; i++)
            {
                for (var j = 0; j < 6; j++)
                    Assert.Equal(p[(i * 6) + j], p[(j * 6) + i]);
            }

            Assert.True(Dense.TryCholesky(p, 6, out _), "posterior covariance is not positive definite");
        }, iter: 500);
    }

    [Fact]
    public void Configured_sensor_bias_is_taken_out_of_its_measurements()
    {
        // A radar whose range reads 40 m long and whose azimuth is 0.01 rad (about 60 m at 6 km) clockwise.
        var bias = new SensorBias(RangeM: 40, AzimuthRad: 0.01);
        static Vec3 Truth(double t) => new(3000 + (10 * t), 5000, 300);
        double FinalError(TrackerOptions options)
        {
            var tracker = new Tracker(options);
            var random = new Random(5);
            for (var t = 0; t <= 30; t++)
            {
                var m = Scenario.NoisyPolar(random, Truth(t), default, 5, 0.001);
                m = m with { Z0 = m.Z0 + bias.RangeM, Z1 = m.Z1 + bias.AzimuthRad };
                tracker.Process(TestScans.Scan("radar", t, m));
            }

            return TestScans.Distance(Assert.Single(tracker.Snapshot()).Position, Truth(30));
        }

        var corrected = FinalError(TrackerOptions.Default with
        {
            SensorBiases = new Dictionary<string, SensorBias>(StringComparer.Ordinal) { ["radar"] = bias },
        });
        var uncorrected = FinalError(TrackerOptions.Default);
        Assert.True(corrected < 15, $"with the bias configured the error is {corrected:F1} m");
        Assert.True(uncorrected > 50, $"without it the error is {uncorrected:F1} m");
    }

    [Fact]
    public void Tracker_with_the_unscented_update_tracks_a_radar_target_as_well_as_with_the_extended()
    {
        static Vec3 Truth(double t) => new(-2000 + (30 * t), 4000, 200);
        double Rms(PolarUpdate update)
        {
            var tracker = new Tracker(TrackerOptions.Default with { PolarUpdate = update });
            var random = new Random(9);
            var squared = 0.0;
            for (var t = 0; t <= 40; t++)
            {
                tracker.Process(TestScans.Scan("radar", t, Scenario.NoisyPolar(random, Truth(t), default, 10, 0.003)));
                if (t >= 10)
                    squared += Math.Pow(TestScans.Distance(Assert.Single(tracker.Snapshot()).Position, Truth(t)), 2);
            }

            return Math.Sqrt(squared / 31);
        }

        var ukf = Rms(PolarUpdate.Unscented);
        var ekf = Rms(PolarUpdate.Extended);
        Assert.True(ukf < 20, $"UKF RMS {ukf:F1} m");
        Assert.True(Math.Abs(ukf - ekf) < 0.1 * ekf, $"UKF RMS {ukf:F1} m, EKF {ekf:F1} m");
    }

    [Theory]
    [InlineData(PolarUpdate.Extended, MotionModel.ConstantVelocity)]
    [InlineData(PolarUpdate.Unscented, MotionModel.Imm)]
    public void Range_rate_pins_the_radial_velocity_within_a_few_scans(PolarUpdate update, MotionModel motion)
    {
        // A target closing on the radar at 40 m/s, 5 km out; three plots one second apart.
        static Vec3 Truth(double t) => new(0, 5000 - (40 * t), 200);
        double VelocityError(bool withRangeRate)
        {
            var tracker = new Tracker(TrackerOptions.Default with { PolarUpdate = update, Motion = motion });
            var random = new Random(2);
            for (var t = 0; t < 3; t++)
            {
                var m = Scenario.NoisyPolar(random, Truth(t), default, 10, 0.003);
                if (withRangeRate)
                    m = m with { RangeRateMps = -40 * Math.Cos(Math.Atan2(200, 5000 - (40 * t))) + (0.5 * random.Gaussian()), SigmaRangeRateMps = 0.5 };
                tracker.Process(TestScans.Scan("radar", t, m));
            }

            // The radar looks north: range rate observes the north component; east and up stay as uncertain.
            return Math.Abs(Assert.Single(tracker.Snapshot()).Velocity.Y + 40);
        }

        var with = VelocityError(withRangeRate: true);
        var without = VelocityError(withRangeRate: false);
        Assert.True(with < 1.5, $"radial velocity error with range rate {with:F1} m/s");
        Assert.True(with < 0.5 * without, $"with range rate {with:F1} m/s, without {without:F1} m/s");
    }
}
