using CsCheck;

namespace Straja.Tracking.Tests;

public sealed class JpdaTrackerTests
{
    private const string Sensor = "eo";

    private static Hypothesis Pair(int track, int measurement, double d2, int dim = 2, double logDetS = 12)
    {
        var innovation = new Innovation { Dim = dim, DistanceSquared = d2, LogDetS = logDetS };
        return new Hypothesis { TrackIndex = track, MeasurementIndex = measurement, Innovation = innovation, Cost = d2 + logDetS, GateCost = 20 + logDetS };
    }

    private static List<Measurement> Anonymous(int count) => [.. Enumerable.Range(0, count).Select(j => TestScans.Position(j, 0, 0))];

    [Fact]
    public void Two_tracks_and_three_measurements_give_the_hand_enumerated_marginals()
    {
        // Track 0 gates measurements 0 and 1, track 1 gates 1 and 2; S = 400 I (2D), λ = 1e-6, P_D = 0.9.
        const double lambda = 1e-6, pd = 0.9, logDetS = 11.982929094215963; // ln 160000
        var options = TrackerOptions.Default with
        {
            Association = AssociationMethod.Jpda, DetectionProbability = pd,
            ClutterDensities = new Dictionary<string, double> { [Sensor] = lambda },
        };
        List<Hypothesis> hypotheses = [Pair(0, 0, 1, 2, logDetS), Pair(0, 1, 4, 2, logDetS), Pair(1, 1, 2, 2, logDetS), Pair(1, 2, 0.5, 2, logDetS)];
        var associator = new ProbabilisticAssociator(options, new ChiSquareGate(options.GateProbability));
        var beta = new double[4];
        var miss = new double[2];
        associator.Associate(hypotheses, Anonymous(3), Sensor, beta, miss);

        static double W(double d2) => pd * Math.Exp(-d2 / 2) / (2 * Math.PI * 400) / lambda;
        double b = 1 - (pd * options.GateProbability);
        double w00 = W(1), w01 = W(4), w11 = W(2), w12 = W(0.5);
        // The feasible joint events (track 0's pick, track 1's pick; "-" = missed); both taking measurement 1 is not one.
        double none = b * b;                       // (-, -)
        double e0 = w00 * b, e1 = w01 * b;         // (0, -), (1, -)
        double f1 = b * w11, f2 = b * w12;         // (-, 1), (-, 2)
        double e0f1 = w00 * w11, e0f2 = w00 * w12; // (0, 1), (0, 2)
        double e1f2 = w01 * w12;                   // (1, 2)
        double z = none + e0 + e1 + f1 + f2 + e0f1 + e0f2 + e1f2;

        Assert.Equal((e0 + e0f1 + e0f2) / z, beta[0], 12);
        Assert.Equal((e1 + e1f2) / z, beta[1], 12);
        Assert.Equal((f1 + e0f1) / z, beta[2], 12);
        Assert.Equal((f2 + e0f2 + e1f2) / z, beta[3], 12);
        Assert.Equal((none + f1 + f2) / z, miss[0], 12);
        Assert.Equal((none + e0 + e1) / z, miss[1], 12);
        Assert.Equal(1, miss[0] + beta[0] + beta[1], 12);
        Assert.Equal(1, miss[1] + beta[2] + beta[3], 12);
        Assert.Equal((1, 0), (associator.LastJpdaClusters, associator.LastGnnClusters));
    }

    [Fact]
    public void Without_a_clutter_density_it_is_estimated_from_the_gate()
    {
        // One track, one 3D measurement at d² = 2, nothing else in the gate: λ = 1 / V, V = 4/3 π G^{3/2} √det S.
        var options = TrackerOptions.Default with { Association = AssociationMethod.Jpda, DetectionProbability = 0.8 };
        var gate = new ChiSquareGate(options.GateProbability);
        var associator = new ProbabilisticAssociator(options, gate);
        var beta = new double[1];
        var miss = new double[1];
        associator.Associate([Pair(0, 0, 2, dim: 3, logDetS: 17)], Anonymous(1), Sensor, beta, miss);

        double volume = 4 * Math.PI / 3 * Math.Pow(gate.Threshold(3), 1.5) * Math.Exp(17 / 2.0);
        double g = Math.Exp(-0.5 * (2 + 17 + (3 * Math.Log(2 * Math.PI))));
        double w = 0.8 * g * volume, b = 1 - (0.8 * options.GateProbability);
        Assert.Equal(w / (w + b), beta[0], 12);
        Assert.Equal(b / (w + b), miss[0], 12);
    }

    [Fact]
    public void Marginals_are_probabilities_that_sum_to_one_per_track_and_at_most_one_per_measurement()
    {
        Gen.Select(Gen.Int, Gen.Int[1, 4], Gen.Bool).Sample((seed, maxTracks, given) =>
        {
            var random = new Random(seed);
            int tracks = random.Next(1, 7), measurements = random.Next(1, 8);
            var hypotheses = new List<Hypothesis>();
            for (int t = 0; t < tracks; t++)
            {
                for (int j = 0; j < measurements; j++)
                {
                    if (random.NextDouble() < 0.5)
                        hypotheses.Add(Pair(t, j, random.NextDouble() * 16, random.Next(1, 4), (random.NextDouble() * 30) - 5));
                }
            }

            var options = TrackerOptions.Default with
            {
                Association = AssociationMethod.Jpda, JpdaMaxTracks = maxTracks, DetectionProbability = 0.5 + (0.49 * random.NextDouble()),
                ClutterDensities = given ? new Dictionary<string, double> { [Sensor] = Math.Pow(10, -12 + (10 * random.NextDouble())) } : new Dictionary<string, double>(),
            };
            var associator = new ProbabilisticAssociator(options, new ChiSquareGate(options.GateProbability));
            var beta = new double[hypotheses.Count];
            var miss = new double[tracks];
            associator.Associate(hypotheses, Anonymous(measurements), Sensor, beta, miss);

            Assert.All(beta, p => Assert.InRange(p, 0, 1));
            Assert.All(miss, p => Assert.InRange(p, 0, 1));
            for (int t = 0; t < tracks; t++)
                Assert.Equal(1, miss[t] + hypotheses.Select((h, k) => h.TrackIndex == t ? beta[k] : 0).Sum(), 9);
            for (int j = 0; j < measurements; j++)
                Assert.InRange(hypotheses.Select((h, k) => h.MeasurementIndex == j ? beta[k] : 0).Sum(), 0, 1 + 1e-9);
        }, iter: 300);
    }

    [Fact]
    public void Mixture_update_with_one_shared_s_is_the_textbook_pda_update()
    {
        // x̂ = 0 with P = diag(100, 100, 100, 25, 25, 25); three position measurements with R = 16 I.
        var prior = default(GaussianState);
        for (int i = 0; i < 6; i++)
            prior.Covariance.Set(i, i, i < 3 ? 100 : 25);
        prior.Covariance.Set(0, 3, 20);
        prior.Covariance.Set(3, 0, 20);
        Measurement[] z = [TestScans.Position(5, -3, 2, 4, 4), TestScans.Position(-8, 6, 1, 4, 4), TestScans.Position(2, 9, -4, 4, 4)];
        double[] betas = [0.5, 0.2, 0.1];
        double missBeta = 0.2;
        var state = prior;
        var updater = new MixtureUpdater(new MeasurementInnovator(PolarUpdate.Extended));
        Assert.True(updater.Update(ref state, null, [.. z.Select((m, j) => new WeightedMeasurement(m, betas[j], 0))], missBeta, default));

        // K = P Hᵀ S⁻¹ with S = P_pos + R: P_pos is diagonal (100), so S = 116 I and K = (P's position columns) / 116.
        var nu = new double[3];
        var spread = new double[3, 3];
        for (int j = 0; j < 3; j++)
        {
            double[] v = [z[j].Z0, z[j].Z1, z[j].Z2];
            for (int a = 0; a < 3; a++)
            {
                nu[a] += betas[j] * v[a];
                for (int c = 0; c < 3; c++)
                    spread[a, c] += betas[j] * v[a] * v[c];
            }
        }

        for (int a = 0; a < 3; a++)
        {
            for (int c = 0; c < 3; c++)
                spread[a, c] -= nu[a] * nu[c];
        }

        double K(int row, int col) => prior.Covariance.Get(row, col) / 116;
        for (int r = 0; r < 6; r++)
        {
            double expectedMean = 0;
            for (int a = 0; a < 3; a++)
                expectedMean += K(r, a) * nu[a];
            Assert.Equal(expectedMean, state.Mean[r], 9);
            for (int s = 0; s < 6; s++)
            {
                // P − K ((1 − β₀) S − D) Kᵀ
                double correction = 0;
                for (int a = 0; a < 3; a++)
                {
                    for (int c = 0; c < 3; c++)
                        correction += K(r, a) * (((a == c ? (1 - missBeta) * 116 : 0)) - spread[a, c]) * K(s, c);
                }

                Assert.Equal(prior.Covariance.Get(r, s) - correction, state.Covariance.Get(r, s), 9);
            }
        }
    }

    [Fact]
    public void Crossing_targets_in_dense_clutter_score_better_with_jpda_than_gnn_on_the_same_runs()
    {
        var gnn = TrackerOptions.Default with { AccelerationSigmaHorizontal = 1, ImmAccelerationSigmaHorizontal = 0.5, InitialVelocitySigmaHorizontal = 30 };
        var jpda = gnn with { Association = AssociationMethod.Jpda, DetectionProbability = JpdaScenario.Pd };
        double gnnGospa = 0, jpdaGospa = 0;
        int gnnSwitches = 0, jpdaSwitches = 0, gnnFalse = 0, jpdaFalse = 0;
        const int runs = 8;
        for (int seed = 1; seed <= runs; seed++)
        {
            var g = JpdaScenario.Run(gnn, seed);
            var j = JpdaScenario.Run(jpda, seed);
            gnnGospa += g.MeanGospaM / runs;
            jpdaGospa += j.MeanGospaM / runs;
            (gnnSwitches, jpdaSwitches) = (gnnSwitches + g.IdSwitches, jpdaSwitches + j.IdSwitches);
            (gnnFalse, jpdaFalse) = (gnnFalse + g.FalseTracks, jpdaFalse + j.FalseTracks);
        }

        // Measured: GOSPA 65.6 m (GNN) against 41.5 m (JPDA), 47 against 19 false tracks, 2 against 3 ID switches.
        Assert.True(jpdaGospa < 0.8 * gnnGospa, $"mean GOSPA: JPDA {jpdaGospa:F1} m, GNN {gnnGospa:F1} m");
        Assert.True(jpdaFalse < gnnFalse, $"false tracks: JPDA {jpdaFalse}, GNN {gnnFalse}");
        Assert.True(jpdaSwitches <= gnnSwitches + 1, $"ID switches: JPDA {jpdaSwitches}, GNN {gnnSwitches}");
    }

    [Fact]
    public void Two_close_targets_keep_two_tracks_that_share_the_measurements_by_probability()
    {
        // Two confirmed tracks 30 m apart with σ = 10 m sensors: their gates overlap, so one cluster, solved by JPDA.
        var tracker = new Tracker(TrackerOptions.Default with { Association = AssociationMethod.Jpda, Motion = MotionModel.ConstantVelocity });
        var random = new Random(3);
        for (int s = 0; s < 20; s++)
        {
            tracker.Process(TestScans.Scan(Sensor, s,
                TestScans.Position((10 * s) + (10 * random.Gaussian()), 10 * random.Gaussian(), 300),
                TestScans.Position((10 * s) + (10 * random.Gaussian()), 30 + (10 * random.Gaussian()), 300)));
        }

        var tracks = tracker.Snapshot();
        Assert.Equal(2, tracks.Count);
        Assert.All(tracks, t => Assert.Equal(TrackStatus.Confirmed, t.Status));
        Assert.True(tracker.LastClusters.Jpda >= 1);
        var ys = tracks.Select(t => t.Position.Y).Order().ToArray();
        Assert.True(ys[1] - ys[0] > 15, $"the tracks coalesced: north {ys[0]:F1} m and {ys[1]:F1} m");
    }

    [Fact]
    public void Clusters_over_the_cap_are_associated_by_gnn_and_still_tracked()
    {
        var tracker = new Tracker(TrackerOptions.Default with { Association = AssociationMethod.Jpda, JpdaMaxTracks = 1 });
        for (int s = 0; s < 10; s++)
            tracker.Process(TestScans.Scan(Sensor, s, TestScans.Position(10 * s, 0, 300), TestScans.Position(10 * s, 25, 300)));

        Assert.True(tracker.LastClusters.Gnn >= 1);
        Assert.Equal(2, tracker.Snapshot().Count(t => t.Status == TrackStatus.Confirmed));
    }

    [Fact]
    public void Under_jpda_bearings_alone_refine_a_track_but_never_count_as_hits()
    {
        var tracker = new Tracker(TrackerOptions.Default with { Association = AssociationMethod.Jpda });
        var target = new Vec3(3000, 4000, 300);
        tracker.Process(TestScans.Scan("radar", 0, TestScans.Position(target.X + 40, target.Y - 30, target.Z)));
        var before = Assert.Single(tracker.Snapshot());
        for (int s = 1; s <= 6; s++)
        {
            var bearing = new Measurement(MeasurementKind.Bearing, Math.Atan2(target.X, target.Y), double.NaN, double.NaN, 0.002, double.NaN, double.NaN);
            tracker.Process(new Scan("df", s, default, 20_000, [bearing]) { CountsMisses = false });
        }

        var after = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Tentative, after.Status);
        Assert.Equal(before.Hits, after.Hits);
        Assert.Equal(before.LastUpdateTimeS, after.LastUpdateTimeS);
    }

    [Fact]
    public void Bad_jpda_options_are_refused_naming_the_option()
    {
        var cap = Assert.Throws<ArgumentException>(() => new Tracker(TrackerOptions.Default with { JpdaMaxTracks = 17 }));
        Assert.Contains("JpdaMaxTracks", cap.Message, StringComparison.Ordinal);
        var density = Assert.Throws<ArgumentException>(() => new Tracker(TrackerOptions.Default with { ClutterDensities = new Dictionary<string, double> { ["radar-3"] = 0 } }));
        Assert.Contains("ClutterDensities[radar-3]", density.Message, StringComparison.Ordinal);
        var pd = Assert.Throws<ArgumentException>(() => new Tracker(TrackerOptions.Default with { DetectionProbability = 1 }));
        Assert.Contains("DetectionProbability", pd.Message, StringComparison.Ordinal);
    }
}
