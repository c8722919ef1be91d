namespace Straja.Tracking.Tests.Models;

public sealed class BearingInitiationTests
{
    private const double AzimuthSigma = 0.015;
    private const double ElevationSigma = 0.03;
    private static readonly Vec3[] Nodes = [new(0, 0, 2), new(2400, 0, 2), new(1200, 2000, 2)];

    private static Measurement NoisyBearing(Random random, Vec3 target, Vec3 node)
    {
        var d = target - node;
        var horizontal = Math.Sqrt((d.X * d.X) + (d.Y * d.Y));
        return new Measurement(MeasurementKind.Bearing,
            Math.Atan2(d.X, d.Y) + (AzimuthSigma * random.Gaussian()),
            Math.Atan2(d.Z, horizontal) + (ElevationSigma * random.Gaussian()),
            double.NaN, AzimuthSigma, ElevationSigma, double.NaN);
    }

    /// <summary>Each node reports every second, the three staggered by 0.2 s; acoustic silence is no miss.</summary>
    private static IEnumerable<Scan> AcousticScans(Func<double, Vec3[]> targets, int seed, double durationS)
    {
        var random = new Random(seed);
        for (var k = 0; k < durationS; k++)
        {
            for (var n = 0; n < Nodes.Length; n++)
            {
                var t = k + (0.2 * n);
                var bearings = targets(t).Select(target => NoisyBearing(random, target, Nodes[n])).ToArray();
                yield return TestScans.ScanAt($"acoustic-{n}", t, Nodes[n], 4000, bearings) with { CountsMisses = false };
            }
        }
    }

    [Fact]
    public void Three_acoustic_nodes_localise_a_drone_by_bearings_alone()
    {
        static Vec3 Drone(double t) => new(900 + (8 * t), 600 + (5 * t), 110);
        var tracker = new Tracker(TrackerOptions.Default);
        var errors = new List<double>();
        foreach (var scan in AcousticScans(t => [Drone(t)], seed: 4, durationS: 40))
        {
            tracker.Process(scan);
            if (scan.TimeS >= 20)
                errors.Add(TestScans.Distance(Assert.Single(tracker.Snapshot()).Position, Drone(scan.TimeS)));
        }

        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Confirmed, track.Status);
        Assert.Equal(["acoustic-0", "acoustic-1", "acoustic-2"], track.Sensors);
        // A single bearing is ±15–25 m across at these ranges; crossing three and filtering must do better.
        Assert.True(errors.Average() < 20, $"mean error {errors.Average():F1} m");
    }

    [Fact]
    public void Two_drones_heard_by_three_nodes_give_two_tracks_and_no_ghosts()
    {
        static Vec3[] Drones(double t) => [new(700 + (6 * t), 500, 100), new(1600, 1100 - (6 * t), 140)];
        var tracker = new Tracker(TrackerOptions.Default);
        var scans = AcousticScans(Drones, seed: 8, durationS: 30).ToList();
        var maxTracks = 0;
        foreach (var scan in scans)
        {
            tracker.Process(scan);
            maxTracks = Math.Max(maxTracks, tracker.Snapshot().Count);
        }

        var tracks = tracker.Snapshot();
        Assert.Equal(2, maxTracks);
        Assert.Equal(2, tracks.Count);
        var truth = Drones(scans[^1].TimeS);
        foreach (var drone in truth)
        {
            var nearest = tracks.MinBy(s => TestScans.Distance(s.Position, drone))!;
            Assert.Equal(TrackStatus.Confirmed, nearest.Status);
            Assert.True(TestScans.Distance(nearest.Position, drone) < 40, $"track {nearest.Position} for drone {drone}");
        }
    }

    [Fact]
    public void Two_nodes_alone_start_nothing_by_default()
    {
        // Two bearings always cross; without a third to confirm the point it may be a ghost.
        static Vec3 Drone(double t) => new(900, 600, 110);
        var tracker = new Tracker(TrackerOptions.Default);
        foreach (var scan in AcousticScans(t => [Drone(t)], seed: 1, durationS: 10).Where(s => s.SensorId != "acoustic-2"))
            tracker.Process(scan);
        Assert.Empty(tracker.Snapshot());
    }
}
