namespace Straja.Tracking.Tests.Models;

public sealed class OutOfSequenceTests
{
    private static readonly Vec3 RadarAt = new(0, 0, 30);
    private static readonly Vec3 EoAt = new(6000, 0, 0);

    private static Vec3 Truth(double t) => new(-1000 + (25 * t), 4000 + (8 * t), 300);

    /// <summary>
    /// A coarse position sensor ("eo", 40 m) at whole seconds and a precise radar at k + 0.3 s whose plots
    /// reach the tracker only after the next position scan, 1.2 s late.
    /// </summary>
    private static (List<Scan> Eo, List<Scan> Radar) Scans(int seed)
    {
        var random = new Random(seed);
        var eo = new List<Scan>();
        var radar = new List<Scan>();
        for (var k = 0; k <= 40; k++)
        {
            var p = Truth(k);
            eo.Add(TestScans.ScanAt("eo", k, EoAt, 50_000, TestScans.Position(
                p.X + (40 * random.Gaussian()), p.Y + (40 * random.Gaussian()), p.Z + (40 * random.Gaussian()), 40, 40)));
            radar.Add(TestScans.ScanAt("radar", k + 0.3, RadarAt, 50_000, Scenario.NoisyPolar(random, Truth(k + 0.3), RadarAt, 5, 0.002)));
        }

        return (eo, radar);
    }

    /// <summary>
    /// Mean 3D position error of the single track from 10 s on, read after each scan from
    /// <paramref name="readAfter"/> (once everything up to that time has arrived).
    /// </summary>
    private static double MeanError(IEnumerable<Scan> order, string readAfter)
    {
        var tracker = new Tracker(TrackerOptions.Default);
        double sum = 0;
        var count = 0;
        foreach (var scan in order)
        {
            tracker.Process(scan);
            var track = Assert.Single(tracker.Snapshot());
            if (scan.SensorId != readAfter || track.TimeS < 10)
                continue;
            sum += TestScans.Distance(track.Position, Truth(track.TimeS));
            count++;
        }

        return sum / count;
    }

    [Fact]
    public void Late_radar_plots_improve_the_track_as_much_as_if_they_had_come_in_order()
    {
        var (eo, radar) = Scans(seed: 17);
        var withoutRadar = MeanError(eo, readAfter: "eo");
        var inOrder = MeanError(eo.Concat(radar).OrderBy(s => s.TimeS), readAfter: "eo");
        // Each radar plot arrives after the position scan that followed it.
        var late = new List<Scan>();
        for (var k = 0; k < eo.Count; k++)
        {
            late.Add(eo[k]);
            if (k > 0)
                late.Add(radar[k - 1]);
        }

        // Read once the plot has come in: the track then stands at the position scan's time, as in order.
        var outOfSequence = MeanError(late, readAfter: "radar");
        Assert.True(outOfSequence < 0.6 * withoutRadar, $"late radar {outOfSequence:F1} m, no radar {withoutRadar:F1} m");
        // Re-filtering puts each plot where it belongs: the same estimate as the in-order run.
        Assert.True(Math.Abs(outOfSequence - inOrder) < 0.02 * inOrder, $"late radar {outOfSequence:F2} m, in order {inOrder:F2} m");
    }

    [Fact]
    public void Late_scan_result_counts_its_association_and_starts_nothing()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("eo", 0, TestScans.Position(0, 1000, 100)));
        tracker.Process(TestScans.Scan("eo", 2, TestScans.Position(20, 1000, 100)));
        // One plot of the track and one far from anything, both from 1 s.
        var result = tracker.Process(TestScans.Scan("radar", 1, TestScans.Position(10, 1000, 100), TestScans.Position(5000, -3000, 100)));
        Assert.Equal(1, result.Associated);
        Assert.Equal(0, result.Initiated);
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(3, track.Hits);
        Assert.Equal(2, track.TimeS);
        Assert.Contains("radar", track.Sensors);
    }

    [Fact]
    public void Late_measurement_older_than_a_track_does_not_touch_it()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("eo", 2, TestScans.Position(0, 1000, 100)));
        tracker.Process(TestScans.Scan("eo", 3, TestScans.Position(0, 1000, 100)));
        var result = tracker.Process(TestScans.Scan("radar", 1, TestScans.Position(0, 1000, 100)));
        Assert.Equal(0, result.Associated);
        Assert.Equal(2, Assert.Single(tracker.Snapshot()).Hits);
    }

    [Fact]
    public void A_zero_window_keeps_no_history_and_refuses_every_late_scan()
    {
        var tracker = new Tracker(TrackerOptions.Default with { OutOfSequenceWindowS = 0 });
        tracker.Process(TestScans.Scan("eo", 0, TestScans.Position(0, 1000, 100)));
        tracker.Process(TestScans.Scan("eo", 2, TestScans.Position(20, 1000, 100)));
        Assert.False(tracker.Accepts(1.9));
        Assert.Throws<ArgumentException>(() => tracker.Process(TestScans.Scan("radar", 1.9, TestScans.Position(19, 1000, 100))));
        Assert.Equal(2, Assert.Single(tracker.Snapshot()).Hits);
    }
}
