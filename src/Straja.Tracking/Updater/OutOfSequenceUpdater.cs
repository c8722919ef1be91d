namespace Straja.Tracking;

/// <summary>
/// Fits a late measurement (older than the track's latest update) into a track by re-filtering: take the
/// stored posterior of the last update at or before the measurement's time, predict it there, update with
/// the late measurement, then re-apply every later stored update in time order and predict back to the
/// track's current time. For the linear-Gaussian case this is exactly the estimate the filter would have
/// given had the measurement arrived in order (the "reprocessing" solution of Bar-Shalom, "Update with
/// out-of-sequence measurements in tracking: exact solution", IEEE TAES 38(3), 2002, §1), at the cost of
/// keeping each track's last <see cref="TrackerOptions.OutOfSequenceWindowS"/> of updates; for the IMM and
/// the nonlinear models it is the same filter run on the corrected order.
/// </summary>
internal sealed class OutOfSequenceUpdater(TrackPredictor predictor, TrackUpdater updater)
{
    /// <summary>
    /// The track's estimate at <paramref name="timeS"/> from its updates up to then, for gating the late
    /// measurement; false when the track began after that time.
    /// </summary>
    public bool TryRetrodict(Track track, double timeS, out GaussianState state, out int anchor)
    {
        state = default;
        anchor = -1;
        for (var i = 0; i < track.History.Count && track.History[i].TimeS <= timeS; i++)
            anchor = i;
        if (anchor < 0)
            return false;
        var entry = track.History[anchor];
        state = entry.State;
        var imm = entry.Imm?.Clone();
        predictor.Predict(ref state, imm, timeS);
        return true;
    }

    /// <summary>Re-filters <paramref name="track"/> with the late measurement after history entry <paramref name="anchor"/>.</summary>
    public bool Update(Track track, int anchor, Measurement late, string sensorId, Vec3 sensor, double timeS)
    {
        var history = track.History;
        var state = history[anchor].State;
        var imm = history[anchor].Imm?.Clone();
        var currentS = track.State.TimeS;
        predictor.Predict(ref state, imm, timeS);
        if (!updater.Update(ref state, imm, late, sensor, default, hasGated: false))
            return false;

        var inserted = new TrackHistoryEntry(timeS, sensorId, sensor, late) { State = state, Imm = imm?.Clone() };
        history.Insert(anchor + 1, inserted);
        for (var k = anchor + 2; k < history.Count; k++)
        {
            var entry = history[k];
            predictor.Predict(ref state, imm, entry.TimeS);
            // A stored update that no longer fits (degenerate geometry) is skipped, as it would have been.
            if (entry.Measurement is { } m)
                updater.Update(ref state, imm, m, entry.SensorPosition, default, hasGated: false);
            entry.State = state;
            entry.Imm = imm?.Clone();
        }

        predictor.Predict(ref state, imm, currentS);
        track.State = state;
        track.Imm = imm;
        return true;
    }
}
