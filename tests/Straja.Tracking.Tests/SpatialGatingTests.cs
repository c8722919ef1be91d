using CsCheck;
using Straja.Tracking;
using Straja.Tracking.Planar;

namespace Straja.Tracking.Tests;

public sealed class SpatialGatingTests
{
    [Fact]
    public void Grid_query_returns_every_point_inside_the_disc()
    {
        Gen.Select(Gen.Int[0, 300], Gen.Double[0.5, 400], Gen.Double[0, 600], Gen.Int).Sample((n, cell, radius, seed) =>
        {
            var random = new Random(seed);
            var xs = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 4000) - 2000).ToArray();
            var ys = Enumerable.Range(0, n).Select(_ => (random.NextDouble() * 4000) - 2000).ToArray();
            var grid = new SpatialGrid();
            grid.Build(xs, ys, cell);
            double qx = (random.NextDouble() * 4000) - 2000, qy = (random.NextDouble() * 4000) - 2000;
            var found = new int[1];
            int count = grid.Query(qx, qy, radius, ref found, 0);
            var returned = found.Take(count).ToHashSet();
            Assert.Equal(count, returned.Count); // no point twice
            for (int i = 0; i < n; i++)
            {
                if (((xs[i] - qx) * (xs[i] - qx)) + ((ys[i] - qy) * (ys[i] - qy)) <= radius * radius)
                    Assert.Contains(i, returned);
            }
        }, iter: 200);
    }

    [Fact]
    public void Grid_hypothesiser_keeps_exactly_the_pairs_of_comparing_every_pair()
    {
        // Tracks started from measurements of many different accuracies, so gates differ widely; a few
        // polar and cooperative measurements that must still be compared with every track.
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var options = TrackerOptions.Default;
            var sensor = new Vec3(0, 0, 0);
            var tracks = new List<Track>();
            for (int t = 0; t < 40; t++)
            {
                double sigma = 2 + (random.NextDouble() * 200);
                var m = TestScans.Position(random.NextDouble() * 3000, random.NextDouble() * 3000, 100, sigma, sigma,
                    cooperativeId: t % 10 == 0 ? $"RID:{t}" : null);
                Assert.True(MeasurementModel.TryInitialState(m, sensor, 0, options, out var state));
                tracks.Add(new Track(t + 1, state, 0) { CooperativeId = m.CooperativeId });
            }

            var measurements = new List<Measurement>();
            for (int j = 0; j < 80; j++)
            {
                double sigma = 1 + (random.NextDouble() * 100);
                measurements.Add(j % 13 == 5
                    ? TestScans.PolarOf(new Vec3(random.NextDouble() * 3000, random.NextDouble() * 3000, 100), sensor, 20, 0.01)
                    : TestScans.Position(random.NextDouble() * 3000, random.NextDouble() * 3000, 100 + (random.NextDouble() * 50), sigma, 3 * sigma,
                        cooperativeId: j % 17 == 3 ? $"RID:{10 * (j % 4)}" : null));
            }

            var scan = new Scan("s", 0, sensor, 10_000, measurements);
            var gate = new ChiSquareGate(options.GateProbability);
            var fast = new List<Hypothesis>();
            new DistanceHypothesiser(gate, options.CooperativeBonus).Hypothesise(tracks, measurements, scan, fast);

            var reference = new List<(int, int, double)>();
            for (int t = 0; t < tracks.Count; t++)
            {
                for (int j = 0; j < measurements.Count; j++)
                {
                    var (track, m) = (tracks[t], measurements[j]);
                    bool same = track.CooperativeId is not null && track.CooperativeId == m.CooperativeId;
                    if (track.CooperativeId is not null && m.CooperativeId is not null && !same)
                        continue;
                    if (!MeasurementModel.TryInnovate(track.State, m, sensor, out var innovation))
                        continue;
                    if (same || innovation.DistanceSquared <= gate.Threshold(innovation.Dim))
                        reference.Add((t, j, same ? double.NaN : innovation.DistanceSquared + innovation.LogDetS));
                }
            }

            Assert.Equal(reference.Select(r => (r.Item1, r.Item2)), fast.Select(h => (h.TrackIndex, h.MeasurementIndex)));
            Assert.Equal(reference.Where(r => !double.IsNaN(r.Item3)).Select(r => r.Item3),
                fast.Where((h, k) => !double.IsNaN(reference[k].Item3)).Select(h => h.Cost));
        }, iter: 8);
    }

    [Fact]
    public void Jpda_probabilities_match_brute_force_enumeration_and_sum_to_one_per_track()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            int tracks = random.Next(1, 5), measurements = random.Next(1, 6);
            var graph = new GatingGraph();
            for (int t = 0; t < tracks; t++)
            {
                for (int j = 0; j < measurements; j++)
                {
                    if (random.NextDouble() < 0.6)
                        graph.Add(t, j, 0, 0, random.NextDouble() * 5);
                }
            }

            if (graph.Count == 0)
                return;
            var clusters = new EdgeClusters();
            clusters.Build(graph, tracks, measurements);
            var jpda = new JointProbabilisticAssociator(8, 24, 10_000, avoidCoalescence: false);
            for (int c = 0; c < clusters.Count; c++)
            {
                var edges = clusters.EdgesOf(c).ToArray();
                Assert.True(jpda.TrySolve(graph, edges, tracks, measurements, 0.1));
                var expected = BruteForce(graph, edges, 0.1, out var missOf);
                for (int k = 0; k < edges.Length; k++)
                    Assert.Equal(expected[k], jpda.EdgeProbability(k), 1e-12);
                for (int i = 0; i < jpda.TrackCount; i++)
                {
                    int track = jpda.TrackOf(i);
                    Assert.Equal(missOf[track], jpda.MissProbability(i), 1e-12);
                    double sum = jpda.MissProbability(i) + Enumerable.Range(0, edges.Length).Where(k => graph.Track[edges[k]] == track).Sum(jpda.EdgeProbability);
                    Assert.Equal(1, sum, 1e-12);
                }
            }
        }, iter: 200);
    }

    [Fact]
    public void Coalescence_avoidance_gives_two_tracks_their_own_measurements_where_plain_jpda_shares_them()
    {
        // Two tracks, two measurements, every pair equally likely but one pairing slightly likelier.
        var graph = new GatingGraph();
        graph.Add(0, 0, 0, 0, 10.0);
        graph.Add(0, 1, 0, 0, 9.0);
        graph.Add(1, 0, 0, 0, 9.0);
        graph.Add(1, 1, 0, 0, 10.0);
        int[] edges = [0, 1, 2, 3];
        var plain = new JointProbabilisticAssociator(8, 24, 1000, avoidCoalescence: false);
        var star = new JointProbabilisticAssociator(8, 24, 1000, avoidCoalescence: true);
        Assert.True(plain.TrySolve(graph, edges, 2, 2, 0.1));
        Assert.True(star.TrySolve(graph, edges, 2, 2, 0.1));
        Assert.InRange(plain.EdgeProbability(1), 0.3, 0.5); // track 0 pulled towards track 1's measurement
        Assert.InRange(star.EdgeProbability(1), 0, 0.01);  // only "both missed but one" events remain for the cross pair
        Assert.True(star.EdgeProbability(0) > 0.95);
    }

    [Fact]
    public void Large_scene_gospa_equals_one_assignment_over_the_whole_scene()
    {
        Gen.Int.Sample(seed =>
        {
            var random = new Random(seed);
            var truth = Enumerable.Range(0, random.Next(0, 25)).Select(_ => new Vec3(random.NextDouble() * 2000, random.NextDouble() * 2000, 0)).ToArray();
            var tracks = truth.Where(_ => random.NextDouble() < 0.8).Select(p => new Vec3(p.X + (random.NextDouble() * 150), p.Y, 0))
                .Concat(Enumerable.Range(0, random.Next(0, 5)).Select(_ => new Vec3(random.NextDouble() * 2000, random.NextDouble() * 2000, 0))).ToArray();
            var whole = Straja.Tracking.Metrics.SubPatternMetrics.Compute(truth, tracks, 100, 2);
            var parts = new LargeSceneGospa().Compute(truth, tracks, 100, 2);
            Assert.Equal(whole.GospaM, parts.GospaM, 1e-6);
            Assert.Equal(whole.Missed, parts.Missed, 1e-6);
            Assert.Equal(whole.False, parts.False, 1e-6);
        }, iter: 100);
    }

    private static double[] BruteForce(GatingGraph graph, int[] edges, double missWeight, out Dictionary<int, double> missOf)
    {
        var trackIds = edges.Select(e => graph.Track[e]).Distinct().ToArray();
        var beta = new double[edges.Length];
        var miss = trackIds.ToDictionary(t => t, _ => 0.0);
        double total = 0;
        var choice = new int[trackIds.Length];
        void Recurse(int i, HashSet<int> used, double w)
        {
            if (i == trackIds.Length)
            {
                total += w;
                for (int a = 0; a < trackIds.Length; a++)
                {
                    if (choice[a] < 0)
                        miss[trackIds[a]] += w;
                    else
                        beta[choice[a]] += w;
                }

                return;
            }

            choice[i] = -1;
            Recurse(i + 1, used, w * missWeight);
            for (int k = 0; k < edges.Length; k++)
            {
                int e = edges[k];
                if (graph.Track[e] != trackIds[i] || used.Contains(graph.Measurement[e]))
                    continue;
                used.Add(graph.Measurement[e]);
                choice[i] = k;
                Recurse(i + 1, used, w * graph.Weight[e]);
                used.Remove(graph.Measurement[e]);
            }

            choice[i] = -1;
        }

        Recurse(0, [], 1);
        missOf = miss.ToDictionary(p => p.Key, p => p.Value / total);
        return [.. beta.Select(b => b / total)];
    }
}
