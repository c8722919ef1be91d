using CsCheck;
using Straja.Engine.Fusion;

namespace Straja.Cli.Tests;

public sealed class JournalReplayTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static readonly SensorDescriptor Receiver =
        new("coop", "coop", SensorKind.Cooperative, new GeoPoint(45.2, 28.5, 30), 100_000, 1);

    private static Detection At(DateTimeOffset time) => new()
    {
        SensorId = Receiver.Id, Time = time, Kind = DetectionKind.Position, Position = new GeoPoint(45.21, 28.51, 300),
        SigmaHorizontalM = 10, SigmaVerticalM = 15, CooperativeId = "ICAO:4B1812",
    };

    private static FusionEngine Engine() => new(Receiver.Position, [Receiver], Start);

    [Fact]
    public void A_slot_is_the_first_grid_instant_at_or_after_the_detection()
    {
        Gen.Select(Gen.Long[0, TimeSpan.TicksPerDay * 365], Gen.Int[1, 600_000])
            .Sample((offsetTicks, stepMs) =>
            {
                var time = Start.AddTicks(offsetTicks);
                var step = TimeSpan.FromMilliseconds(stepMs);
                var slot = JournalReplay.SlotOf(time, step);

                Assert.True(slot >= time && slot - step < time, $"{slot:O} for {time:O} at {step}");
                Assert.Equal(0, (slot - DateTimeOffset.UnixEpoch).Ticks % step.Ticks);
            });
    }

    [Fact]
    public void The_batch_clock_never_runs_backwards_and_the_reorder_window_is_left_empty()
    {
        Gen.Double[0, 100].Array[1, 60]
            .Sample(offsets =>
            {
                foreach (var journalOrder in new[] { offsets, [.. offsets.Order()] })
                {
                    var engine = Engine();
                    var nows = new List<DateTimeOffset>();
                    int rejected = 0;
                    JournalReplay.Run(engine, journalOrder.Select(s => At(Start.AddSeconds(s))), TimeSpan.FromSeconds(1), step =>
                    {
                        nows.Add(step.Picture.Time);
                        rejected += step.Rejected.Count;
                    });

                    Assert.Equal(0, engine.Pending);
                    Assert.Equal(nows.Distinct().Order(), nows);
                    // In time order every detection is within the engine's window: none is refused.
                    if (journalOrder != offsets)
                        Assert.Equal(0, rejected);
                }
            });
    }

    [Fact]
    public void A_long_quiet_spell_is_jumped_but_a_short_one_is_stepped_through()
    {
        var engine = Engine();
        var nows = new List<DateTimeOffset>();
        var detections = new[] { At(Start.AddSeconds(1)), At(Start.AddSeconds(61)), At(Start.AddHours(5)) };

        JournalReplay.Run(engine, detections, TimeSpan.FromSeconds(1), step => nows.Add(step.Picture.Time));

        // 1 s to 61 s: every second; then one jump to 5 h and the steps that empty the reorder window.
        Assert.Equal(Enumerable.Range(1, 61).Select(s => Start.AddSeconds(s)), nows.Take(61));
        Assert.Equal(Start.AddHours(5), nows[61]);
        Assert.InRange(nows.Count, 62, 64);
    }
}
