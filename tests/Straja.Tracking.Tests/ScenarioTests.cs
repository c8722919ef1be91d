using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class ScenarioTests
{
    private static readonly Vec3 RadarAt = new(0, 0, 50);
    private static readonly Vec3 PositionSensorAt = new(8000, -3000, 0);
    private const double RangeSigmaM = 15;
    private const double AngleSigmaRad = 0.005; // 25 m across the beam at 5 km
    private const double PositionSigmaM = 30;

    private static Vec3 StraightTarget(double t) => new(-2000 + (35 * t), 5000 - (10 * t), 400 + (0.5 * t));

    /// <summary>A 3D radar at 1 Hz and a position sensor at 1 Hz offset by 0.5 s, both noisy, for 30 s.</summary>
    private static List<Scan> TwoSensorScans(int seed)
    {
        var random = new Random(seed);
        var scans = new List<Scan>();
        for (var k = 0; k <= 30; k++)
        {
            var radarT = (double)k;
            var truth = StraightTarget(radarT);
            var exact = TestScans.PolarOf(truth, RadarAt, RangeSigmaM, AngleSigmaRad);
            var noisy = exact with
            {
                Z0 = exact.Z0 + (RangeSigmaM * random.Gaussian()),
                Z1 = exact.Z1 + (AngleSigmaRad * random.Gaussian()),
                Z2 = exact.Z2 + (AngleSigmaRad * random.Gaussian()),
            };
            scans.Add(TestScans.ScanAt("radar-1", radarT, RadarAt, 20_000, noisy));

            var positionT = k + 0.5;
            var p = StraightTarget(positionT);
            scans.Add(TestScans.ScanAt("eo-2", positionT, PositionSensorAt, 20_000, TestScans.Position(
                p.X + (PositionSigmaM * random.Gaussian()), p.Y + (PositionSigmaM * random.Gaussian()),
                p.Z + (PositionSigmaM * random.Gaussian()), PositionSigmaM, PositionSigmaM)));
        }

        return scans;
    }

    [Fact]
    public void Radar_and_position_sensor_on_one_target_give_one_accurate_confirmed_track()
    {
        // A straight flyer: process noise tuned low, as a sector expecting transiting aircraft would.
        var tracker = new Tracker(TrackerOptions.Default with { AccelerationSigmaHorizontal = 0.3, AccelerationSigmaVertical = 0.1 });
        var squaredErrors = new List<double>();
        foreach (var scan in TwoSensorScans(seed: 20260101))
        {
            tracker.Process(scan);
            var track = Assert.Single(tracker.Snapshot());
            if (scan.TimeS >= 20)
                squaredErrors.Add(Math.Pow(TestScans.Distance(track.Position, StraightTarget(scan.TimeS)), 2));
        }

        var final = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Confirmed, final.Status);
        Assert.Equal(["eo-2", "radar-1"], final.Sensors);
        Assert.Equal(62, final.Hits);
        // The better single measurement here, the radar plot at about 5.4 km, has a 3D error of
        // √(15² + 2·(0.005·5400)²) ≈ 41 m RMS (the position sensor's is 30·√3 ≈ 52 m). Over the last 10 s the
        // fused track's 3D RMS error must be under half of that.
        var rms = Math.Sqrt(squaredErrors.Average());
        Assert.True(rms < 20, $"RMS position error {rms:F1} m");
        Assert.True(TestScans.Distance(final.Velocity, new Vec3(35, -10, 0.5)) < 5, $"velocity {final.Velocity}");
    }

    [Fact]
    public void Same_scans_twice_give_identical_snapshots()
    {
        var scans = TwoSensorScans(seed: 7);
        var first = new Tracker(TrackerOptions.Default);
        var second = new Tracker(TrackerOptions.Default);
        foreach (var scan in scans)
        {
            var a = first.Process(scan);
            var b = second.Process(scan);
            Assert.Equal(a.Confirmed, b.Confirmed);
            Assert.Equal(a.Deleted, b.Deleted);
            Assert.Equal((a.Associated, a.Initiated, a.Rejected), (b.Associated, b.Initiated, b.Rejected));
            AssertSameSnapshots(first.Snapshot(), second.Snapshot());
        }
    }

    [Fact]
    public void Two_crossing_targets_keep_two_tracks_without_swapping_ids()
    {
        // A flies east along N = 2000, B north along E = 0; B passes the crossing point 15 s before A,
        // so they are never closer than about 424 m.
        static Vec3 A(double t) => new(-3000 + (40 * t), 2000, 300);
        static Vec3 B(double t) => new(0, -400 + (40 * t), 300);
        var random = new Random(42);
        var tracker = new Tracker(TrackerOptions.Default);
        long idOfA = 0, idOfB = 0;
        for (var t = 0; t <= 120; t++)
        {
            var measurements = new[] { A(t), B(t) }.Select(truth =>
            {
                var exact = TestScans.PolarOf(truth, default, 10, 0.003);
                return exact with
                {
                    Z0 = exact.Z0 + (10 * random.Gaussian()),
                    Z1 = exact.Z1 + (0.003 * random.Gaussian()),
                    Z2 = exact.Z2 + (0.003 * random.Gaussian()),
                };
            }).ToArray();
            tracker.Process(TestScans.Scan("radar", t, measurements));

            var tracks = tracker.Snapshot();
            Assert.Equal(2, tracks.Count);
            var nearestA = tracks.MinBy(s => TestScans.Distance(s.Position, A(t)))!;
            var nearestB = tracks.MinBy(s => TestScans.Distance(s.Position, B(t)))!;
            Assert.NotEqual(nearestA.Id, nearestB.Id);
            if (t == 5)
                (idOfA, idOfB) = (nearestA.Id, nearestB.Id);
            if (t > 5)
            {
                Assert.Equal(idOfA, nearestA.Id);
                Assert.Equal(idOfB, nearestB.Id);
            }
        }

        Assert.All(tracker.Snapshot(), s => Assert.Equal(TrackStatus.Confirmed, s.Status));
    }

    [Fact]
    public void A_snapshot_says_when_each_of_its_sensors_last_updated_the_track()
    {
        var tracker = new Tracker(TrackerOptions.Default with { AccelerationSigmaHorizontal = 0.3, AccelerationSigmaVertical = 0.1 });
        foreach (var scan in TwoSensorScans(seed: 20260101))
        {
            tracker.Process(scan);
            var track = Assert.Single(tracker.Snapshot());
            Assert.Equal(track.Sensors.Count, track.SensorLastSeenS.Count);
            // The scan just processed updated the track; the other sensor's last update is its previous scan.
            Assert.Equal(scan.TimeS, track.SensorLastSeenS[track.Sensors.ToList().IndexOf(scan.SensorId)]);
        }

        var final = Assert.Single(tracker.Snapshot());
        Assert.Equal(["eo-2", "radar-1"], final.Sensors);
        Assert.Equal([30.5, 30.0], final.SensorLastSeenS);
    }

    internal static void AssertSameSnapshots(IReadOnlyList<TrackSnapshot> expected, IReadOnlyList<TrackSnapshot> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Sensors, actual[i].Sensors);
            // Records compare lists by reference; compare those element-wise and the rest by value.
            Assert.Equal(expected[i].ClassEvidence, actual[i].ClassEvidence);
            Assert.Equal(expected[i].ClassProbabilities, actual[i].ClassProbabilities);
            Assert.Equal(expected[i].SensorLastSeenS, actual[i].SensorLastSeenS);
            Assert.Equal(
                expected[i] with { Sensors = [], ClassEvidence = [], ClassProbabilities = [], SensorLastSeenS = [] },
                actual[i] with { Sensors = [], ClassEvidence = [], ClassProbabilities = [], SensorLastSeenS = [] });
        }
    }
}
