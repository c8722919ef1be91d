using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class IdentityAndClassTests
{
    [Fact]
    public void Cooperative_measurement_sets_id_and_callsign_and_an_ICAO_address_means_manned()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0, TestScans.Position(0, 3000, 2000)));
        tracker.Process(TestScans.Scan("adsb", 1, TestScans.Position(0, 3000, 2000, cooperativeId: "ICAO:4B1812", callsign: "ROT123")));
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal("ICAO:4B1812", track.CooperativeId);
        Assert.Equal("ROT123", track.Callsign);
        Assert.Equal(TargetClass.Manned, track.Class);
        Assert.True(track.ClassProbability > 0.99);
    }

    [Fact]
    public void Measurement_prefers_the_track_with_its_own_cooperative_id()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        // Two tracks 150 m apart; track 1 is cooperative "RID:AAA".
        tracker.Process(TestScans.Scan("rid", 0,
            TestScans.Position(0, 1000, 100, cooperativeId: "RID:AAA"), TestScans.Position(150, 1000, 100)));
        // The next report of RID:AAA lies nearer track 2, yet belongs to track 1.
        var result = tracker.Process(TestScans.Scan("rid", 0.2, TestScans.Position(100, 1000, 100, cooperativeId: "RID:AAA")));
        Assert.Equal(1, result.Associated);
        var tracks = tracker.Snapshot();
        Assert.Equal(2, tracks[0].Hits);
        Assert.Equal(1, tracks[1].Hits);
        Assert.Null(tracks[1].CooperativeId);
    }

    [Fact]
    public void Measurement_with_a_different_cooperative_id_never_updates_the_track()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("rid", 0, TestScans.Position(0, 1000, 100, cooperativeId: "RID:AAA")));
        var result = tracker.Process(TestScans.Scan("rid", 1, TestScans.Position(0, 1000, 100, cooperativeId: "RID:BBB")));
        Assert.Equal(0, result.Associated);
        Assert.Equal(1, result.Initiated);
        Assert.Equal(["RID:AAA", "RID:BBB"], tracker.Snapshot().Select(s => s.CooperativeId));
    }

    [Fact]
    public void Track_without_evidence_is_unknown()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0, TestScans.Position(0, 1000, 100)));
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TargetClass.Unknown, track.Class);
        Assert.Equal(0.5, track.ClassProbability, 9);
    }

    [Fact]
    public void Repeated_class_hints_accumulate_by_Bayes_rule()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        // Prior (Unknown 0.5, others 0.1); one hint FixedWing at 0.6: L = 0.6 for FixedWing, 0.08 otherwise.
        // Posterior FixedWing = 0.1·0.6 / (0.1·0.6 + 0.9·0.08) = 0.06 / 0.132 = 0.4545 — still below Unknown?
        // Unknown = 0.5·0.08/0.132 = 0.303, so FixedWing already leads.
        tracker.Process(TestScans.Scan("radar", 0, TestScans.Position(0, 1000, 100, hint: TargetClass.FixedWing, confidence: 0.6)));
        var one = Assert.Single(tracker.Snapshot());
        Assert.Equal(TargetClass.FixedWing, one.Class);
        Assert.Equal(0.06 / 0.132, one.ClassProbability, 4);

        tracker.Process(TestScans.Scan("radar", 1, TestScans.Position(0, 1000, 100, hint: TargetClass.FixedWing, confidence: 0.6)));
        Assert.True(Assert.Single(tracker.Snapshot()).ClassProbability > one.ClassProbability);
    }

    [Fact]
    public void Sustained_high_speed_suggests_manned()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        for (var t = 0; t <= 15; t++)
            tracker.Process(TestScans.Scan("radar", t, TestScans.Position(-5000 + (120 * t), 2000, 1500, sigmaH: 20, sigmaV: 20)));
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TargetClass.Manned, track.Class);
    }

    [Fact]
    public void Slow_low_track_is_not_called_manned()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        for (var t = 0; t <= 15; t++)
            tracker.Process(TestScans.Scan("radar", t, TestScans.Position(-500 + (15 * t), 2000, 150, sigmaH: 20, sigmaV: 20)));
        Assert.NotEqual(TargetClass.Manned, Assert.Single(tracker.Snapshot()).Class);
    }
}
