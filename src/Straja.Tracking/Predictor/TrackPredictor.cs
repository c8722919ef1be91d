namespace Straja.Tracking;

/// <summary>Predicts one track's filter: the single CV filter, or the IMM followed by its moment match.</summary>
internal sealed class TrackPredictor(ConstantVelocityPredictor cv, ImmPredictor imm)
{
    public static TrackPredictor From(TrackerOptions options) => new(ConstantVelocityPredictor.From(options), ImmPredictor.From(options));

    public void Predict(ref GaussianState state, ImmState? immState, double timeS)
    {
        if (immState is null)
        {
            cv.Predict(ref state, timeS);
            return;
        }

        imm.Predict(immState, timeS);
        immState.Combine(ref state);
    }
}
