using CsCheck;
using Xunit.Abstractions;

namespace Straja.Tracking.Tests.Models;

/// <summary>Measured velocity (<see cref="Measurement.VelocityMps"/>): initiation, CV and IMM updates, covariance intersection.</summary>
public sealed class VelocityMeasurementTests(ITestOutputHelper output)
{
    private static readonly Vec3 TrueVelocity = new(14, -6, 1.5);

    private static Vec3 Truth(double t) => new(500 + (TrueVelocity.X * t), 3000 + (TrueVelocity.Y * t), 120 + (TrueVelocity.Z * t));

    private static Measurement WithVelocity(Measurement m, Vec3 v, double sigma) =>
        m with { VelocityMps = v, SigmaVelocityMps = new Vec3(sigma, sigma, sigma) };

    /// <summary>
    /// Feeds noisy positions (σ 15 m), with or without a noisy velocity (σ 1 m/s), once a second; returns the
    /// first update that brings the track's velocity error under 3 m/s, and the mean error after that.
    /// </summary>
    private static (int Updates, double MeanErrorMps) Convergence(MotionModel motion, AssociationMethod association, bool withVelocity)
    {
        var random = new Random(4242);
        var tracker = new Tracker(TrackerOptions.Default with { Motion = motion, Association = association });
        var first = -1;
        var errors = new List<double>();
        for (var k = 0; k < 60; k++)
        {
            var p = Truth(k);
            var m = TestScans.Position(p.X + (15 * random.Gaussian()), p.Y + (15 * random.Gaussian()), p.Z + (15 * random.Gaussian()), 15, 15);
            var v = new Vec3(TrueVelocity.X + random.Gaussian(), TrueVelocity.Y + random.Gaussian(), TrueVelocity.Z + random.Gaussian());
            tracker.Process(TestScans.Scan("radar", k, withVelocity ? WithVelocity(m, v, 1) : m));
            var error = (Assert.Single(tracker.Snapshot()).Velocity - TrueVelocity).Length();
            if (first < 0 && error < 3)
                first = k + 1;
            else if (first > 0)
                errors.Add(error);
        }

        Assert.True(first > 0, $"{motion} with velocity {withVelocity} never came within 3 m/s");
        return (first, errors.Average());
    }

    [Theory]
    [InlineData(MotionModel.ConstantVelocity, AssociationMethod.Gnn)]
    [InlineData(MotionModel.Imm, AssociationMethod.Gnn)]
    [InlineData(MotionModel.Imm, AssociationMethod.Jpda)] // the JPDA mixture update
    public void A_track_fed_measured_velocity_converges_to_the_true_velocity_in_fewer_updates(MotionModel motion, AssociationMethod association)
    {
        var with = Convergence(motion, association, withVelocity: true);
        var without = Convergence(motion, association, withVelocity: false);
        output.WriteLine($"{motion}/{association}: within 3 m/s after {with.Updates} update(s) with velocity, {without.Updates} without; mean error then {with.MeanErrorMps:F2} vs {without.MeanErrorMps:F2} m/s");
        Assert.True(with.Updates < without.Updates, $"{motion}: {with.Updates} updates with velocity, {without.Updates} without");
        Assert.Equal(1, with.Updates); // the first report already carries it
        Assert.True(with.MeanErrorMps < without.MeanErrorMps, $"{motion}: mean error {with.MeanErrorMps:F2} m/s with velocity, {without.MeanErrorMps:F2} without");
    }

    [Theory]
    [InlineData(MotionModel.ConstantVelocity)]
    [InlineData(MotionModel.Imm)]
    public void A_track_started_from_a_measurement_with_velocity_starts_with_that_velocity(MotionModel motion)
    {
        var tracker = new Tracker(TrackerOptions.Default with { Motion = motion });
        var v = new Vec3(-20, 7, -1);
        var result = tracker.Process(TestScans.Scan("cat062", 0, WithVelocity(TestScans.Position(100, 2000, 300), v, 2)));
        Assert.Equal(1, result.Initiated);
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(v.X, track.Velocity.X, 9);
        Assert.Equal(v.Y, track.Velocity.Y, 9);
        Assert.Equal(v.Z, track.Velocity.Z, 9);
    }

    [Fact]
    public void A_track_started_with_velocity_carries_its_variance_not_the_broad_prior()
    {
        var m = WithVelocity(TestScans.Position(0, 1000, 100), new Vec3(5, 5, double.NaN), 2);
        Assert.True(MeasurementModel.TryInitialState(m, default, 0, TrackerOptions.Default, out var state));
        Assert.Equal(4, state.Covariance.Get(3, 3));
        Assert.Equal(4, state.Covariance.Get(4, 4));
        // No vertical component measured: the broad prior and zero mean stay.
        Assert.Equal(TrackerOptions.Default.InitialVelocitySigmaVertical * TrackerOptions.Default.InitialVelocitySigmaVertical, state.Covariance.Get(5, 5));
        Assert.Equal(0, state.Mean[5]);
    }

    [Theory]
    [InlineData(MotionModel.ConstantVelocity, false)]
    [InlineData(MotionModel.Imm, false)]
    [InlineData(MotionModel.ConstantVelocity, true)]
    [InlineData(MotionModel.Imm, true)]
    public void Nan_velocity_leaves_every_track_bit_identical(MotionModel motion, bool sourceTrack)
    {
        // NaN velocity even with a sigma given: not measured, so nothing may change, not even in the last bit.
        IReadOnlyList<TrackSnapshot> Run(bool explicitNan)
        {
            var random = new Random(99);
            var tracker = new Tracker(TrackerOptions.Default with { Motion = motion });
            for (var k = 0; k < 15; k++)
            {
                var p = Truth(k);
                var m = TestScans.Position(p.X + (20 * random.Gaussian()), p.Y + (20 * random.Gaussian()), p.Z, 20, 20);
                if (sourceTrack)
                    m = m with { SourceTrackId = "12" };
                if (explicitNan)
                    m = m with { VelocityMps = new Vec3(double.NaN, double.NaN, double.NaN), SigmaVelocityMps = new Vec3(1, 1, 1) };
                tracker.Process(TestScans.Scan("radar", k, m));
            }

            return tracker.Snapshot();
        }

        var plain = Assert.Single(Run(false));
        var nan = Assert.Single(Run(true));
        Assert.Equal(plain.Position, nan.Position);
        Assert.Equal(plain.Velocity, nan.Velocity);
        Assert.Equal(plain.PositionSigmaM, nan.PositionSigmaM);
        Assert.Equal(plain.ClassProbabilities, nan.ClassProbabilities);
    }

    [Fact]
    public void A_velocity_with_a_non_positive_sigma_is_rejected_as_malformed()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        var bad = TestScans.Position(0, 1000, 100) with { VelocityMps = new Vec3(3, 4, double.NaN), SigmaVelocityMps = new Vec3(0, 1, 1) };
        var result = tracker.Process(TestScans.Scan("radar", 0, bad));
        Assert.Equal(1, result.Rejected);
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void The_velocity_update_never_increases_velocity_variance_and_keeps_the_covariance_symmetric_positive_definite()
    {
        var component = Gen.Frequency((1, Gen.Const(double.NaN)), (3, Gen.Double[-80, 80]));
        Gen.Select(Gen.Double[-3, 3].Array[36], Gen.Select(component, component, component), Gen.Double[0.1, 30].Array[3]).Sample((a, v, sigma) =>
        {
            // P = A Aᵀ + I: a random positive definite prior with arbitrary position-velocity correlation.
            var state = default(GaussianState);
            for (var i = 0; i < 6; i++)
            {
                for (var j = 0; j < 6; j++)
                {
                    var sum = i == j ? 1.0 : 0.0;
                    for (var k = 0; k < 6; k++)
                        sum += a[(i * 6) + k] * a[(j * 6) + k];
                    state.Covariance.Set(i, j, sum);
                }
            }

            var before = state;
            var m = TestScans.Position(0, 0, 0) with { VelocityMps = new Vec3(v.Item1, v.Item2, v.Item3), SigmaVelocityMps = new Vec3(sigma[0], sigma[1], sigma[2]) };
            VelocityModel.Update(ref state, m);
            var dense = new double[36];
            for (var i = 0; i < 6; i++)
            {
                Assert.True(state.Covariance.Get(i, i) <= before.Covariance.Get(i, i) * (1 + 1e-12), $"variance {i} grew");
                for (var j = 0; j < 6; j++)
                {
                    Assert.Equal(state.Covariance.Get(i, j), state.Covariance.Get(j, i));
                    dense[(i * 6) + j] = state.Covariance.Get(i, j);
                }
            }

            Assert.True(Dense.TryCholesky(dense, 6, out _), "the posterior covariance lost positive definiteness");
        });
    }

    /// <summary>
    /// A source track whose position and velocity errors wander slowly (first-order Gauss–Markov, 20 s
    /// correlation time), as a smoothed system track's do: reports are far from independent.
    /// </summary>
    private sealed class SourceTrack(int seed, double sigmaM, double sigmaMps)
    {
        private readonly Random _random = new(seed);
        private Vec3 _p;
        private Vec3 _v;

        public Measurement Report(Vec3 position, Vec3 velocity)
        {
            const double keep = 0.951229424500714; // e^(−1/20): one report a second
            _p = Wander(_p, sigmaM);
            _v = Wander(_v, sigmaMps);
            var p = position + _p;
            return WithVelocity(TestScans.Position(p.X, p.Y, p.Z, sigmaM, sigmaM), velocity + _v, sigmaMps) with { SourceTrackId = "4711" };

            Vec3 Wander(Vec3 e, double sigma)
            {
                var fresh = sigma * Math.Sqrt(1 - (keep * keep));
                return new Vec3((keep * e.X) + (fresh * _random.Gaussian()), (keep * e.Y) + (fresh * _random.Gaussian()), (keep * e.Z) + (fresh * _random.Gaussian()));
            }
        }
    }

    /// <summary>Mean over the run of the velocity NEES eᵀ P_vv⁻¹ e, e the velocity error.</summary>
    private static double MeanVelocityNees(bool intersect, int seed)
    {
        var options = TrackerOptions.Default with { Motion = MotionModel.ConstantVelocity, FuseSourceTracksByCovarianceIntersection = intersect };
        var predictor = TrackPredictor.From(options);
        var updater = TrackUpdater.From(options);
        var source = new SourceTrack(seed, 15, 1.5);
        Assert.True(MeasurementModel.TryInitialState(source.Report(Truth(0), TrueVelocity), default, 0, options, out var state));
        var nees = new List<double>();
        for (var k = 1; k <= 70; k++)
        {
            predictor.Predict(ref state, null, k);
            Assert.True(updater.Update(ref state, null, source.Report(Truth(k), TrueVelocity), default, default, hasGated: false));
            if (k > 20)
                nees.Add(VelocityNees(state));
        }

        return nees.Average();
    }

    private static double VelocityNees(in GaussianState state)
    {
        var e = state.Velocity - TrueVelocity;
        double a = state.Covariance.Get(3, 3), b = state.Covariance.Get(3, 4), c = state.Covariance.Get(3, 5);
        double d = state.Covariance.Get(4, 4), f = state.Covariance.Get(4, 5), g = state.Covariance.Get(5, 5);
        // Inverse of the symmetric 3×3 [[a b c] [b d f] [c f g]] by cofactors.
        double c00 = (d * g) - (f * f), c01 = (c * f) - (b * g), c02 = (b * f) - (c * d);
        double c11 = (a * g) - (c * c), c12 = (b * c) - (a * f), c22 = (a * d) - (b * b);
        var det = (a * c00) + (b * c01) + (c * c02);
        var q = (c00 * e.X * e.X) + (c11 * e.Y * e.Y) + (c22 * e.Z * e.Z) + (2 * ((c01 * e.X * e.Y) + (c02 * e.X * e.Z) + (c12 * e.Y * e.Z)));
        return q / det;
    }

    [Fact]
    public void Covariance_intersection_with_velocity_keeps_the_fused_velocity_consistent()
    {
        // 50 samples of a 3-DOF NEES: a consistent filter's mean stays under χ²₀.₉₉(150)/50. Intersection is
        // conservative, so it must; the plain Kalman update of the same correlated reports must not.
        var bound = ChiSquare.Quantile(0.99, 150) / 50;
        var intersected = MeanVelocityNees(intersect: true, seed: 31);
        var plain = MeanVelocityNees(intersect: false, seed: 31);
        output.WriteLine($"mean velocity NEES: intersected {intersected:F2}, plain Kalman {plain:F2}, bound {bound:F2}");
        Assert.True(intersected < bound, $"CI velocity NEES {intersected:F2} ≥ {bound:F2}");
        Assert.True(plain > bound, $"plain Kalman velocity NEES {plain:F2} ≤ {bound:F2}: the test no longer tells the two apart");
    }
}
