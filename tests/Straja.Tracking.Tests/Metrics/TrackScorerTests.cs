using Straja.Tracking.Metrics;

namespace Straja.Tracking.Tests.Metrics;

public sealed class TrackScorerTests
{
    private static readonly MetricOptions Options = MetricOptions.Default with { CutoffM = 20, Order = 2, MatchGateM = 10 };

    private static LabelledPoint At(string id, double x, double y = 0) => new(id, new Vec3(x, y, 0));

    private static StepScore Step(TrackScorer s, double t, LabelledPoint[] truth, LabelledPoint[] tracks) => s.Add(t, truth, tracks);

    [Fact]
    public void A_new_track_taking_over_an_object_is_one_id_switch_and_no_fragmentation()
    {
        var s = new TrackScorer(Options);
        Step(s, 0, [At("A", 0)], [At("1", 1)]);
        Step(s, 1, [At("A", 10)], [At("1", 11)]);
        var swap = Step(s, 2, [At("A", 20)], [At("2", 21)]);
        Step(s, 3, [At("A", 30)], [At("2", 31)]);

        Assert.Equal(1, swap.IdSwitches);
        var sum = s.Summarise();
        Assert.Equal(1, sum.IdSwitches);
        Assert.Equal(0, sum.Fragmentations);
    }

    [Fact]
    public void An_object_keeps_its_track_while_it_stays_in_the_gate_even_if_another_is_closer()
    {
        var s = new TrackScorer(Options);
        Step(s, 0, [At("A", 0)], [At("1", 0)]);
        // Track 2 is closer (1 m) but track 1 (6 m) is still inside the 10 m gate: continuity wins, no switch.
        var step = Step(s, 1, [At("A", 10)], [At("1", 16), At("2", 11)]);
        Assert.Equal(0, step.IdSwitches);
        Assert.Equal(1, step.Matched);
        // Track 1 leaves the gate (15 m): the object goes to track 2, a switch.
        Assert.Equal(1, Step(s, 2, [At("A", 20)], [At("1", 35), At("2", 21)]).IdSwitches);
    }

    [Fact]
    public void A_gap_in_the_same_track_is_one_fragmentation_and_no_id_switch()
    {
        var s = new TrackScorer(Options);
        Step(s, 0, [At("A", 0)], [At("1", 0)]);
        Step(s, 1, [At("A", 10)], [At("1", 10)]);
        Step(s, 2, [At("A", 20)], []);
        Step(s, 3, [At("A", 30)], [At("1", 50)]); // still unmatched: 20 m is outside the gate
        var back = Step(s, 4, [At("A", 40)], [At("1", 41)]);
        Step(s, 5, [At("A", 50)], [At("1", 50)]);

        Assert.Equal(1, back.Fragmentations);
        var sum = s.Summarise();
        Assert.Equal(1, sum.Fragmentations);
        Assert.Equal(0, sum.IdSwitches);
    }

    [Fact]
    public void An_object_absent_from_the_truth_is_not_a_fragmentation()
    {
        var s = new TrackScorer(Options);
        Step(s, 0, [At("A", 0)], [At("1", 0)]);
        Step(s, 1, [], []);
        Step(s, 2, [At("A", 20)], [At("1", 20)]);
        Assert.Equal(0, s.Summarise().Fragmentations);
    }

    [Fact]
    public void Time_to_confirm_runs_from_first_appearance_to_first_match()
    {
        var s = new TrackScorer(Options);
        Step(s, 10, [At("A", 0)], []);
        Step(s, 11, [At("A", 10), At("B", 500)], []);
        Step(s, 13, [At("A", 20), At("B", 500)], [At("7", 22)]);

        var sum = s.Summarise();
        var a = sum.Confirmations.Single(c => c.TruthId == "A");
        var b = sum.Confirmations.Single(c => c.TruthId == "B");
        Assert.Equal(3, a.TimeToConfirmS, 1e-12);
        Assert.Equal(11, b.FirstSeenS);
        Assert.True(double.IsNaN(b.TimeToConfirmS));
        Assert.Equal(3, sum.MeanTimeToConfirmS, 1e-12); // B never confirmed: not in the mean
    }

    [Fact]
    public void A_track_unmatched_for_most_of_its_life_is_false_and_counted_per_hour()
    {
        var s = new TrackScorer(Options);
        // Track F is 1 km from anything throughout; track 1 follows A in 2 of its 3 steps.
        Step(s, 0, [At("A", 0)], [At("1", 0), At("F", 1000)]);
        Step(s, 1800, [At("A", 10)], [At("1", 40), At("F", 1000)]);
        Step(s, 3600, [At("A", 20)], [At("1", 20), At("F", 1000)]);

        var sum = s.Summarise();
        Assert.Equal(2, sum.Tracks);
        Assert.Equal(1, sum.FalseTracks);
        Assert.Equal([("1", 3, 2, false), ("F", 3, 0, true)], sum.TrackLives.Select(l => (l.TrackId, l.Steps, l.MatchedSteps, l.IsFalse)));
        Assert.Equal(3600, sum.DurationS);
        Assert.Equal(1, sum.FalseTracksPerHour, 1e-12);
    }

    [Fact]
    public void Summary_means_are_over_steps_and_the_parts_add_up()
    {
        var s = new TrackScorer(Options);
        // Step 1: one pair 5 m apart → GOSPA 5 (25 m² localisation). Step 2: object missed, c = 20 → 200 m² → √200.
        Step(s, 0, [At("A", 0)], [At("1", 3, 4)]);
        Step(s, 1, [At("A", 0)], []);

        var sum = s.Summarise();
        Assert.Equal((5 + Math.Sqrt(200)) / 2, sum.MeanGospaM, 1e-9);
        Assert.Equal(12.5, sum.MeanLocalisation, 1e-9);
        Assert.Equal(100, sum.MeanMissed, 1e-9);
        Assert.Equal(0, sum.MeanFalse);
        Assert.Equal((5 + 20) / 2.0, sum.MeanOspaM, 1e-9);
    }

    [Fact]
    public void Steps_out_of_order_and_duplicate_ids_are_rejected()
    {
        var s = new TrackScorer(Options);
        Step(s, 5, [At("A", 0)], []);
        Assert.Throws<ArgumentException>(() => Step(s, 5, [At("A", 0)], []));
        Assert.Throws<ArgumentException>(() => Step(s, 6, [At("A", 0), At("A", 1)], []));
        Assert.Throws<ArgumentException>(() => Step(s, 7, [], [At("1", 0), At("1", 1)]));
        Assert.Throws<ArgumentException>(() => new TrackScorer(MetricOptions.Default with { CutoffM = -1 }));
    }

    [Fact]
    public void A_steady_state_step_allocates_nothing()
    {
        // Ten objects and ten tracks that keep their ids: after the first steps every buffer and history exists.
        var truth = Enumerable.Range(0, 10).Select(k => At("T" + k, k * 50)).ToArray();
        var tracks = Enumerable.Range(0, 10).Select(k => At("K" + k, (k * 50) + 3, 4)).ToArray();
        var s = new TrackScorer(Options);
        for (int t = 0; t < 3; t++)
            s.Add(t, truth, tracks);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int t = 3; t < 100; t++)
            s.Add(t, truth, tracks);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
