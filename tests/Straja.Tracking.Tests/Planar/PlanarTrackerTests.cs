using Straja.Tracking.Planar;

namespace Straja.Tracking.Tests.Planar;

public sealed class PlanarTrackerTests
{
    private static double Distance(PlanarTrack t, Vec3 truth) => Math.Sqrt(Math.Pow(t.XM - truth.X, 2) + Math.Pow(t.YM - truth.Y, 2));

    [Fact]
    public void One_noisy_target_gives_one_confirmed_track_that_follows_it()
    {
        var scenario = new PlanarScenario((0, 0, 15, -5)) { Pd = 1, SigmaM = 10 };
        var tracker = new PlanarTracker(PlanarOptions.Default);
        var random = new Random(7);
        for (int s = 0; s < 30; s++)
            tracker.Process(s, scenario.Detections(random, s));

        Assert.Equal(1, tracker.Count);
        var track = tracker[0];
        Assert.True(track.Confirmed);
        Assert.True(Distance(track, scenario.Truth(0, 29)) < 15, $"track at ({track.XM:F1}, {track.YM:F1}) is {Distance(track, scenario.Truth(0, 29)):F1} m from the target");
        Assert.InRange(track.VxMps, 12, 18);
        Assert.InRange(track.VyMps, -8, -2);
        Assert.Equal(30, track.Hits);
    }

    [Fact]
    public void Confirmation_comes_from_the_score_so_denser_clutter_confirms_later()
    {
        static int ScansToConfirm(double clutterDensity)
        {
            var tracker = new PlanarTracker(PlanarOptions.Default with { ClutterDensity = clutterDensity, NewTargetDensity = 1e-7 });
            for (int s = 0; s < 20; s++)
            {
                tracker.Process(s, [new PlanarDetection(10 * s, 0)]);
                if (tracker[0].Confirmed)
                    return s + 1;
            }

            return int.MaxValue;
        }

        int sparse = ScansToConfirm(1e-9), dense = ScansToConfirm(1e-5);
        Assert.True(sparse < dense, $"confirmed after {sparse} scans in sparse clutter, {dense} in dense");
        Assert.True(dense <= 10, $"dense clutter took {dense} scans");
    }

    [Fact]
    public void A_lone_clutter_detection_makes_a_tentative_track_that_dies_after_two_misses()
    {
        var tracker = new PlanarTracker(PlanarOptions.Default);
        tracker.Process(0, [new PlanarDetection(500, 500)]);
        Assert.False(tracker[0].Confirmed);
        tracker.Process(1, []);
        Assert.Equal(1, tracker.Count);
        var result = tracker.Process(2, []);
        Assert.Equal(0, tracker.Count);
        Assert.Equal(1, result.Deleted);
    }

    [Theory]
    [InlineData(PlanarAssociation.Gnn)]
    [InlineData(PlanarAssociation.Jpda)]
    public void Crossing_targets_keep_their_own_tracks(PlanarAssociation association)
    {
        // Two targets cross at 60 degrees at t = 20 s, in light clutter, P_D 0.9.
        var scenario = new PlanarScenario((-400, -231, 20, 11.55), (-400, 231, 20, -11.55))
        { Pd = 0.9, SigmaM = 10, ClutterPerScan = 10, ClutterBox = (-600, -600, 600, 600) };
        var options = PlanarOptions.Default with { Association = association, ProcessNoise = 1, DetectionProbability = 0.9, ClutterDensity = 10.0 / (1200 * 1200) };
        int switches = 0;
        double gospa = 0;
        for (int seed = 1; seed <= 8; seed++)
        {
            var summary = scenario.Run(new PlanarTracker(options), seed, scans: 40, scoreFromS: 6);
            switches += summary.IdSwitches;
            gospa += summary.MeanGospaM / 8;
        }

        // A tracker that loses both targets scores √(2 · 50²/2) = 50 m; noise alone about 14 m.
        Assert.True(gospa < 22, $"{association}: mean GOSPA {gospa:F1} m");
        Assert.True(switches <= 2, $"{association}: {switches} ID switches over 8 runs");
    }

    [Fact]
    public void Jpda_beats_gnn_on_a_dense_cluster_in_clutter()
    {
        // Four targets 40 m apart (gates overlap: σ = 10 m) in parallel, P_D 0.9, 60 clutter detections per scan.
        double Mean(PlanarAssociation association)
        {
            double sum = 0;
            for (int seed = 1; seed <= 10; seed++)
            {
                var scenario = new PlanarScenario((0, 0, 20, 0), (0, 40, 20, 0), (0, 80, 20, 0), (0, 120, 20, 0))
                { Pd = 0.9, SigmaM = 10, ClutterPerScan = 60, ClutterBox = (-200, -200, 1400, 3400) };
                var options = PlanarOptions.Default with
                {
                    Association = association, DetectionProbability = 0.9, ClutterDensity = 60.0 / (1600 * 3600), NewTargetDensity = 1e-5,
                };
                sum += scenario.Run(new PlanarTracker(options), seed, scans: 40, scoreFromS: 8).MeanGospaM;
            }

            return sum / 10;
        }

        double gnn = Mean(PlanarAssociation.Gnn), jpda = Mean(PlanarAssociation.Jpda);
        Assert.True(jpda < 0.92 * gnn, $"JPDA {jpda:F2} m against GNN {gnn:F2} m");
        Assert.True(jpda < 28, $"JPDA {jpda:F2} m (no tracks at all would score 70.7 m)");
    }

    [Fact]
    public void Oversized_jpda_clusters_are_split_or_handed_to_gnn_and_still_tracked()
    {
        // Ten targets in a 10 m line: one cluster far over a 3-track cap.
        var targets = Enumerable.Range(0, 10).Select(k => (0.0, 10.0 * k, 10.0, 0.0)).ToArray();
        var scenario = new PlanarScenario(targets) { Pd = 1, SigmaM = 2 };
        var tracker = new PlanarTracker(PlanarOptions.Default with { Association = PlanarAssociation.Jpda, MeasurementStdM = 2, JpdaMaxTracks = 3 });
        var random = new Random(3);
        int fallbacks = 0;
        for (int s = 0; s < 15; s++)
        {
            tracker.Process(s, scenario.Detections(random, s));
            fallbacks += tracker.LastGnnFallbacks + tracker.LastJpdaClusters;
        }

        Assert.True(fallbacks > 0);
        Assert.Equal(10, Enumerable.Range(0, tracker.Count).Count(i => tracker[i].Confirmed));
    }

    [Fact]
    public void Grid_gating_gives_exactly_the_tracks_of_comparing_every_pair()
    {
        var targets = Enumerable.Range(0, 60).Select(k => (200.0 * (k % 8), 180.0 * (k / 8), 10.0 - (k % 5), (k % 3) - 1.0)).ToArray();
        var scenario = new PlanarScenario(targets) { Pd = 0.9, SigmaM = 10, ClutterPerScan = 30, ClutterBox = (-100, -100, 1700, 1500) };
        foreach (var association in new[] { PlanarAssociation.Gnn, PlanarAssociation.Jpda })
        {
            var options = PlanarOptions.Default with { Association = association, ClutterDensity = 30.0 / (1800 * 1600), InitialVelocitySigmaMps = 30 };
            var fast = new PlanarTracker(options);
            var naive = new PlanarTracker(options, exhaustiveGating: true);
            var random = new Random(11);
            for (int s = 0; s < 15; s++)
            {
                var detections = scenario.Detections(random, s);
                fast.Process(s, detections);
                naive.Process(s, detections);
                Assert.Equal(naive.LastEdges, fast.LastEdges);
                Assert.Equal(naive.Count, fast.Count);
                for (int i = 0; i < fast.Count; i++)
                    Assert.Equal(naive[i], fast[i]);
            }
        }
    }

    [Fact]
    public void Steady_state_scans_allocate_nothing()
    {
        var targets = Enumerable.Range(0, 200).Select(k => (400.0 * (k % 20), 400.0 * (k / 20), 12.0, 3.0)).ToArray();
        var scenario = new PlanarScenario(targets) { Pd = 0.9, SigmaM = 10, ClutterPerScan = 100, ClutterBox = (0, 0, 8000, 4000) };
        foreach (var association in new[] { PlanarAssociation.Gnn, PlanarAssociation.Jpda })
        {
            var tracker = new PlanarTracker(PlanarOptions.Default with { Association = association, ClutterDensity = 100.0 / (8000 * 4000) });
            var random = new Random(5);
            var scans = Enumerable.Range(0, 60).Select(s => scenario.Detections(random, s)).ToArray();
            for (int s = 0; s < 40; s++)
                tracker.Process(s, scans[s]);

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int s = 40; s < 60; s++)
                tracker.Process(s, scans[s]);
            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }

    [Fact]
    public void Bad_input_is_refused_with_the_reason()
    {
        var tracker = new PlanarTracker(PlanarOptions.Default);
        tracker.Process(5, [new PlanarDetection(0, 0)]);
        var late = Assert.Throws<ArgumentException>(() => tracker.Process(4, []));
        Assert.Contains("older than the last processed scan at 5 s", late.Message, StringComparison.Ordinal);
        var nan = Assert.Throws<ArgumentException>(() => tracker.Process(6, [new PlanarDetection(1, 1), new PlanarDetection(double.NaN, 0)]));
        Assert.Contains("Detection 1", nan.Message, StringComparison.Ordinal);
        var options = Assert.Throws<ArgumentException>(() => new PlanarTracker(PlanarOptions.Default with { DetectionProbability = 1 }));
        Assert.Contains("DetectionProbability", options.Message, StringComparison.Ordinal);
    }
}
