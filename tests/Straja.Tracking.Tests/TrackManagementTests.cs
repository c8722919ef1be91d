using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class TrackManagementTests
{
    private static readonly Measurement Target = TestScans.Position(1000, 2000, 300);

    private static Tracker ConfirmedTrack(out double timeS)
    {
        var tracker = new Tracker(TrackerOptions.Default);
        for (timeS = 0; timeS < 3; timeS++)
            tracker.Process(TestScans.Scan("radar", timeS, Target));
        Assert.Equal(TrackStatus.Confirmed, Assert.Single(tracker.Snapshot()).Status);
        return tracker;
    }

    [Fact]
    public void Track_is_confirmed_on_the_third_hit_of_three_of_five()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        Assert.Equal(1, tracker.Process(TestScans.Scan("radar", 0, Target)).Initiated);
        Assert.Empty(tracker.Process(TestScans.Scan("radar", 1, Target)).Confirmed);
        Assert.Equal(TrackStatus.Tentative, Assert.Single(tracker.Snapshot()).Status);

        var third = tracker.Process(TestScans.Scan("radar", 2, Target));

        Assert.Equal([1L], third.Confirmed);
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Confirmed, track.Status);
        Assert.Equal(3, track.Hits);
    }

    [Fact]
    public void Confirmation_counts_hits_within_the_window_with_misses_between()
    {
        // H M H M H: three hits in five opportunities.
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0, Target));
        tracker.Process(TestScans.Scan("radar", 1));
        tracker.Process(TestScans.Scan("radar", 2, Target));
        tracker.Process(TestScans.Scan("radar", 3));
        Assert.Equal([1L], tracker.Process(TestScans.Scan("radar", 4, Target)).Confirmed);
    }

    [Fact]
    public void Tentative_track_is_deleted_once_it_can_no_longer_make_three_of_five()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0, Target));
        Assert.Empty(tracker.Process(TestScans.Scan("radar", 1)).Deleted);
        Assert.Empty(tracker.Process(TestScans.Scan("radar", 2)).Deleted);
        // H M M M: three misses in the window leave at most two hits in five.
        Assert.Equal([1L], tracker.Process(TestScans.Scan("radar", 3)).Deleted);
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void Confirmed_track_is_deleted_after_five_consecutive_misses_in_coverage()
    {
        var tracker = ConfirmedTrack(out var t);
        for (var miss = 1; miss < 5; miss++)
        {
            Assert.Empty(tracker.Process(TestScans.Scan("radar", t++)).Deleted);
            Assert.Equal(miss, Assert.Single(tracker.Snapshot()).Misses);
        }

        Assert.Equal([1L], tracker.Process(TestScans.Scan("radar", t)).Deleted);
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void Hit_resets_the_consecutive_miss_count()
    {
        var tracker = ConfirmedTrack(out var t);
        for (var i = 0; i < 4; i++)
            tracker.Process(TestScans.Scan("radar", t++));
        tracker.Process(TestScans.Scan("radar", t++, Target));
        for (var i = 0; i < 4; i++)
            Assert.Empty(tracker.Process(TestScans.Scan("radar", t++)).Deleted);
        Assert.Equal(4, Assert.Single(tracker.Snapshot()).Misses);
    }

    [Fact]
    public void Sensor_whose_coverage_does_not_hold_the_track_never_counts_a_miss()
    {
        var tracker = ConfirmedTrack(out var t);
        // A sensor 60 km away seeing 20 km: the track (about 2.2 km from the origin) is outside its coverage.
        var remote = new Vec3(60_000, 0, 0);
        for (var i = 0; i < 20; i++)
            Assert.Empty(tracker.Process(TestScans.ScanAt("far-radar", t++, remote, 20_000)).Deleted);
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Confirmed, track.Status);
        Assert.Equal(0, track.Misses);
    }

    [Fact]
    public void Expire_deletes_tracks_silent_for_longer_than_max_coast()
    {
        var options = TrackerOptions.Default with { MaxCoastS = 10 };
        var tracker = new Tracker(options);
        tracker.Process(TestScans.Scan("radar", 0, Target));
        tracker.Process(TestScans.Scan("radar", 1, Target, TestScans.Position(-5000, -5000, 300)));
        tracker.Process(TestScans.Scan("radar", 2, Target));
        // Track 1 last updated at 2 s, track 2 at 1 s.

        Assert.Empty(tracker.Expire(11)); // 11 − 1 = 10 s is not more than MaxCoastS
        Assert.Equal(2, tracker.Snapshot().Count);
        Assert.Equal([2L], tracker.Expire(11.5));
        Assert.Equal([1L], tracker.Expire(12.01));
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void Ids_are_sequential_from_one_and_snapshots_are_ordered_by_id()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("radar", 0,
            TestScans.Position(0, 0, 100), TestScans.Position(5000, 0, 100), TestScans.Position(0, 5000, 100)));
        Assert.Equal([1L, 2L, 3L], tracker.Snapshot().Select(s => s.Id));
    }

    [Fact]
    public void One_of_one_confirms_a_track_on_its_first_hit()
    {
        var tracker = new Tracker(TrackerOptions.Default with { ConfirmHits = 1, ConfirmWindow = 1 });
        Assert.Equal([1L], tracker.Process(TestScans.Scan("radar", 0, Target)).Confirmed);
    }

    [Fact]
    public void Sensors_list_forgets_a_sensor_silent_for_longer_than_the_sensor_memory()
    {
        var tracker = new Tracker(TrackerOptions.Default with { SensorMemoryS = 10 });
        tracker.Process(TestScans.Scan("eo", 0, Target));
        for (var t = 1; t <= 10; t++)
            tracker.Process(TestScans.Scan("radar", t, Target));
        Assert.Equal(["eo", "radar"], Assert.Single(tracker.Snapshot()).Sensors);
        tracker.Process(TestScans.Scan("radar", 11, Target));
        Assert.Equal(["radar"], Assert.Single(tracker.Snapshot()).Sensors);
    }

    // The confirmed track sits at azimuth atan2(1000, 2000) ≈ 0.46 rad from the radar at the origin.
    private static readonly Measurement Elsewhere = TestScans.Position(-20_000, -5_000, 300);

    [Fact]
    public void A_rotating_radars_plot_elsewhere_does_not_miss_a_track_outside_its_swept_wedge()
    {
        var tracker = ConfirmedTrack(out double t);
        for (int i = 0; i < 10; i++)
        {
            tracker.Process(TestScans.Scan("radar", t + i * 0.1, Elsewhere) with
            {
                SweepFromAzimuthRad = -2.0, SweepToAzimuthRad = -1.9,
            });
        }

        Assert.Contains(tracker.Snapshot(), s => s.Id == 1 && s.Misses == 0);
    }

    [Fact]
    public void A_swept_wedge_holding_the_track_without_its_plot_is_a_miss()
    {
        var tracker = ConfirmedTrack(out double t);
        tracker.Process(TestScans.Scan("radar", t, Elsewhere) with { SweepFromAzimuthRad = 0.3, SweepToAzimuthRad = 0.6 });

        Assert.Equal(1, tracker.Snapshot().Single(s => s.Id == 1).Misses);
    }

    [Fact]
    public void A_track_this_radar_updated_within_the_grace_is_not_missed()
    {
        var tracker = ConfirmedTrack(out double t);
        tracker.Process(TestScans.Scan("radar", t + 0.5, Elsewhere) with
        {
            SweepFromAzimuthRad = 0.3, SweepToAzimuthRad = 0.6, MissGraceS = 2.0, // last hit at t = 2
        });

        Assert.Equal(0, tracker.Snapshot().Single(s => s.Id == 1).Misses);
    }
}
