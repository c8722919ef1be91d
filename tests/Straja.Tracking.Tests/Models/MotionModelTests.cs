namespace Straja.Tracking.Tests.Models;

public sealed class MotionModelTests
{
    private static readonly Vec3 RadarAt = new(0, 0, 20);

    /// <summary>
    /// A drone at 18 m/s and 120 m: straight legs joined by a left 180° turn, a right 180° turn and a sharp
    /// left 170°, sampled every 0.1 s.
    /// </summary>
    private static Vec3[] ManoeuvringDrone(double turnRate = 0.35)
    {
        // Each turn is about 180°.
        var turnS = Math.PI / turnRate;
        double TurnRate(double t) =>
            t >= 20 && t < 20 + turnS ? turnRate
            : t >= 45 && t < 45 + turnS ? -turnRate
            : t >= 70 && t < 70 + (0.9 * turnS) ? turnRate
            : 0;
        var path = new Vec3[1001];
        double e = -1500, n = 2500, heading = Math.PI / 2, speed = 18;
        for (var k = 0; k < path.Length; k++)
        {
            path[k] = new Vec3(e, n, 120);
            // Heading clockwise from north; a positive turn rate turns left (counter-clockwise).
            heading -= TurnRate(k * 0.1) * 0.1;
            e += speed * Math.Sin(heading) * 0.1;
            n += speed * Math.Cos(heading) * 0.1;
        }

        return path;
    }

    private static List<Scan> RadarScans(Vec3[] path, int seed, int periodTenths = 10, double angleSigma = 0.006, double rangeSigma = 10)
    {
        var random = new Random(seed);
        var scans = new List<Scan>();
        for (var k = 0; k < path.Length; k += periodTenths)
        {
            var m = Scenario.NoisyPolar(random, path[k], RadarAt, rangeSigma, angleSigma);
            scans.Add(TestScans.ScanAt("radar", k * 0.1, RadarAt, 20_000, m));
        }

        return scans;
    }

    [Fact]
    public void Imm_beats_constant_velocity_on_a_manoeuvring_drone_in_mean_gospa()
    {
        // A sharp-turning drone (0.6 rad/s at 18 m/s, about 1.1 g) seen by a 1 Hz 3D drone radar. Both trackers
        // get the same options apart from the motion model; the drone holds its height, so both are told so.
        var path = ManoeuvringDrone(turnRate: 0.6);
        IReadOnlyList<Vec3> Truth(double t) => [path[(int)Math.Round(t * 10)]];
        var options = TrackerOptions.Default with { AccelerationSigmaVertical = 0.1 };
        double imm = 0, cv = 0;
        foreach (var seed in new[] { 1, 2, 3 })
        {
            var scans = RadarScans(path, seed, angleSigma: 0.002, rangeSigma: 5);
            imm += Scenario.MeanGospa(new Tracker(options with { Motion = MotionModel.Imm }), scans, Truth, fromS: 10);
            cv += Scenario.MeanGospa(new Tracker(options with { Motion = MotionModel.ConstantVelocity }), scans, Truth, fromS: 10);
        }

        imm /= 3;
        cv /= 3;
        Assert.True(imm < 0.8 * cv, $"IMM mean GOSPA {imm:F1} m, CV-only {cv:F1} m");
    }

    [Fact]
    public void Coordinated_turn_predicts_a_quarter_circle_exactly()
    {
        // 20 m/s east, turning left at π/20 rad/s: after 10 s it heads north, 2r/π·... on a circle of radius v/ω.
        var predictor = new CoordinatedTurnPredictor(0, 0, 0);
        var state = new DenseGaussian(CoordinatedTurnPredictor.Dim);
        state.Mean[3] = 20;
        state.Mean[CoordinatedTurnPredictor.TurnRate] = Math.PI / 20;
        for (var i = 0; i < CoordinatedTurnPredictor.Dim; i++)
            state.Covariance[(i * CoordinatedTurnPredictor.Dim) + i] = 1;
        predictor.Predict(state, 4);
        predictor.Predict(state, 10); // two steps compose to the one arc
        var radius = 20 / (Math.PI / 20);
        Assert.Equal(radius, state.Mean[0], 6);
        Assert.Equal(radius, state.Mean[1], 6);
        Assert.Equal(0, state.Mean[3], 6);
        Assert.Equal(20, state.Mean[4], 6);
    }

    [Fact]
    public void Coordinated_turn_at_zero_turn_rate_predicts_like_constant_velocity()
    {
        var ct = new CoordinatedTurnPredictor(4, 1, 0);
        var cv = new ConstantVelocityPredictor(4, 1);
        var turn = new DenseGaussian(CoordinatedTurnPredictor.Dim);
        var straight = new DenseGaussian(CoordinatedTurnPredictor.Dim);
        foreach (var g in new[] { turn, straight })
        {
            g.Mean[3] = 12;
            g.Mean[4] = -5;
            // ω exactly 0 and certain: an uncertain ω would (rightly) widen the CT prediction.
            for (var i = 0; i < 6; i++)
                g.Covariance[(i * CoordinatedTurnPredictor.Dim) + i] = 10;
        }

        ct.Predict(turn, 3);
        cv.Predict(straight, 3);
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(straight.Mean[i], turn.Mean[i], 9);
            for (var j = 0; j < 6; j++)
                Assert.Equal(straight.Get(i, j), turn.Get(i, j), 6);
        }
    }

    [Fact]
    public void Constant_acceleration_filter_follows_an_accelerating_target_better_than_constant_velocity()
    {
        // From rest, 3 m/s² east for 30 s, position fixes at 1 Hz with 10 m noise.
        static Vec3 Truth(double t) => new(1.5 * t * t, 1000, 100);
        var random = new Random(11);
        var ca = new ConstantAccelerationPredictor(0.1, 0.1);
        var cv = new ConstantVelocityPredictor(1, 1); // tuned, like the CA filter, for a quiet target
        var accelerating = Start(ConstantAccelerationPredictor.Dim, [25, 25, 25]);
        var constant = Start(6, []);
        double caError = 0, cvError = 0;
        for (var t = 1; t <= 30; t++)
        {
            var truth = Truth(t);
            var m = TestScans.Position(truth.X + (10 * random.Gaussian()), truth.Y + (10 * random.Gaussian()), truth.Z + (10 * random.Gaussian()), 10, 10);
            ca.Predict(accelerating, t);
            cv.Predict(constant, t);
            foreach (var filter in new[] { accelerating, constant })
            {
                Assert.True(MeasurementModel.TryInnovate(filter.Marginal(), m, default, out var innovation));
                DenseKalmanUpdater.Update(filter, innovation);
            }

            if (t > 10)
            {
                caError += Math.Pow(TestScans.Distance(accelerating.Marginal().Position, truth), 2);
                cvError += Math.Pow(TestScans.Distance(constant.Marginal().Position, truth), 2);
            }
        }

        Assert.True(caError < 0.5 * cvError, $"CA squared error {caError:F0}, CV {cvError:F0}");
        Assert.Equal(3, accelerating.Mean[6], 0);
    }

    private static DenseGaussian Start(int dim, double[] extra)
    {
        var g = new DenseGaussian(dim);
        g.Mean[1] = 1000;
        g.Mean[2] = 100;
        for (var i = 0; i < 3; i++)
        {
            g.Covariance[(i * dim) + i] = 100;
            g.Covariance[((i + 3) * dim) + i + 3] = 100;
        }

        for (var i = 0; i < extra.Length; i++)
            g.Covariance[((6 + i) * dim) + 6 + i] = extra[i];
        return g;
    }
}
