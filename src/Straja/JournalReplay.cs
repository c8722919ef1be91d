using Straja.Engine.Fusion;

namespace Straja.Cli;

/// <summary>
/// Feeds journalled detections to a fusion engine as the live sector loop did: in journal (arrival) order, in batches
/// stamped with the next instant of a fixed step grid, with empty batches through quiet spells so tracks coast, expire
/// and are evaluated as they were live. Pure: no clock, no I/O; the same detections give the same steps.
/// </summary>
internal static class JournalReplay
{
    /// <summary>A quiet spell longer than this is jumped over rather than filled with empty steps: every track has long expired.</summary>
    public static readonly TimeSpan MaxFilledGap = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The batch instant of a detection at <paramref name="time"/>: the first multiple of <paramref name="step"/>
    /// (counted from the Unix epoch) at or after it, as a live loop ticking on that grid would have taken it in.
    /// </summary>
    public static DateTimeOffset SlotOf(DateTimeOffset time, TimeSpan step)
    {
        long ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        long slots = (ticks + step.Ticks - 1) / step.Ticks;
        return DateTimeOffset.UnixEpoch.AddTicks(slots * step.Ticks);
    }

    /// <summary>
    /// Runs every detection through <paramref name="engine"/> and hands each step to <paramref name="onStep"/>; after
    /// the last detection it keeps stepping until the reorder window is empty, so the last detections are fused too.
    /// A detection whose slot is behind the current batch joins the current batch: it arrived late, as it did live.
    /// </summary>
    public static void Run(FusionEngine engine, IEnumerable<Detection> detections, TimeSpan step, Action<FusionStep> onStep)
    {
        if (step <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(step), step, "the replay step must be positive");
        var batch = new List<Detection>();
        DateTimeOffset? now = null;
        foreach (var d in detections)
        {
            var slot = SlotOf(d.Time, step);
            if (now is { } current && slot > current)
            {
                onStep(engine.Process(batch.ToArray(), current));
                batch.Clear();
                if (slot - current <= MaxFilledGap)
                {
                    for (var t = current + step; t < slot; t += step)
                        onStep(engine.Process([], t));
                }
            }

            if (now is null || slot > now)
                now = slot;
            batch.Add(d);
        }

        if (now is not { } last)
            return;
        onStep(engine.Process(batch.ToArray(), last));
        for (var t = last + step; engine.Pending > 0; t += step)
            onStep(engine.Process([], t));
    }
}
