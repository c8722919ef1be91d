using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class AssociationTests
{
    private const double Gate = 16; // gate-edge cost used by every hypothesis below (ln det S taken as 0)

    private static Hypothesis Pair(int track, int measurement, double cost) =>
        new() { TrackIndex = track, MeasurementIndex = measurement, Cost = cost, GateCost = Gate };

    private static int[] Associate(int tracks, params Hypothesis[] hypotheses)
    {
        var chosen = new int[tracks];
        new GlobalNearestNeighbour().Associate(hypotheses, chosen);
        return [.. chosen.Select(h => h < 0 ? -1 : hypotheses[h].MeasurementIndex)];
    }

    [Fact]
    public void Joint_assignment_beats_each_track_taking_its_nearest()
    {
        // Both tracks are nearest to measurement 0; jointly 0→1 and 1→0 costs 2 + 3 < 1 + (track 1 and
        // measurement 1 left over at 16/2 + 16/2).
        Assert.Equal([1, 0], Associate(2, Pair(0, 0, 1), Pair(0, 1, 2), Pair(1, 0, 3)));
    }

    [Fact]
    public void Pairs_are_not_forced_when_leaving_both_free_is_cheaper()
    {
        // Taking 0→1 and 1→0 costs 12 + 12 = 24; taking 0→0 and leaving track 1 and measurement 1 free
        // costs 1 + 8 + 8 = 17, so maximum cardinality is not what GNN wants here.
        Assert.Equal([0, -1], Associate(2, Pair(0, 0, 1), Pair(0, 1, 12), Pair(1, 0, 12)));
    }

    [Fact]
    public void Independent_clusters_are_each_solved()
    {
        Assert.Equal([1, 0, 2, -1], Associate(4,
            Pair(0, 0, 1), Pair(0, 1, 2), Pair(1, 0, 3),
            Pair(2, 2, 5)));
    }

    [Fact]
    public void Cooperative_report_far_outside_the_gate_still_updates_its_own_track()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        tracker.Process(TestScans.Scan("adsb", 0, TestScans.Position(0, 10_000, 3000, cooperativeId: "ICAO:4B1812")));
        var result = tracker.Process(TestScans.Scan("adsb", 1, TestScans.Position(2000, 10_000, 3000, cooperativeId: "ICAO:4B1812")));
        Assert.Equal(1, result.Associated);
        Assert.Equal(0, result.Initiated);
        Assert.Equal(2, Assert.Single(tracker.Snapshot()).Hits);
    }
}
