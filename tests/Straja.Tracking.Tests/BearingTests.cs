using Straja.Tracking;

namespace Straja.Tracking.Tests;

/// <summary>What a direction finder's bearings may and may not do to tracks.</summary>
public sealed class BearingTests
{
    private static readonly Measurement Target = TestScans.Position(1000, 2000, 300);
    private static readonly Vec3 Finder = new(0, 0, 0);

    // The true bearing from the finder at the origin to the target at (1000, 2000).
    private static Measurement BearingToTarget() =>
        new(MeasurementKind.Bearing, Math.Atan2(1000, 2000), double.NaN, double.NaN, 0.02, double.NaN, double.NaN);

    private static Scan Bearings(double timeS, double maxRangeM) =>
        TestScans.ScanAt("rf", timeS, Finder, maxRangeM, BearingToTarget()) with { CountsMisses = false };

    [Fact]
    public void Bearings_never_confirm_a_track_seen_once()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0, Target));
        for (int i = 1; i <= 6; i++)
            tracker.Process(Bearings(i, 10_000));

        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Tentative, track.Status);
        Assert.Equal(1, track.Hits);
        Assert.Contains("rf", track.Sensors);
    }

    [Fact]
    public void A_track_held_only_by_bearings_expires()
    {
        var options = TrackerOptions.Default;
        var tracker = new Tracker(options);
        for (int i = 0; i < 3; i++)
            tracker.Process(TestScans.Scan("radar", i, Target));
        for (double t = 3; t <= options.MaxCoastS + 5; t++)
            tracker.Process(Bearings(t, 10_000));

        Assert.Equal([1L], tracker.Expire(options.MaxCoastS + 5));
    }

    [Fact]
    public void Bearings_do_not_reach_tracks_beyond_the_finders_range()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0, Target));
        // The target is 2.2 km away; a finder that hears 1 km cannot have heard it.
        var result = tracker.Process(Bearings(1, 1_000));

        Assert.Equal(0, result.Associated);
        Assert.DoesNotContain("rf", Assert.Single(tracker.Snapshot()).Sensors);
    }

    [Fact]
    public void A_sensor_that_does_not_count_misses_never_misses_a_track()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        for (int i = 0; i < 3; i++)
            tracker.Process(TestScans.Scan("radar", i, Target));
        for (int i = 3; i < 12; i++)
            tracker.Process(TestScans.Scan("coop", i) with { CountsMisses = false });

        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(0, track.Misses);
    }
}
