namespace Straja.Tracking;

/// <summary>
/// The IMM's mode-matched update and mode-probability update: each mode is updated with its own innovation,
/// and its probability is multiplied by that innovation's Gaussian likelihood N(y; 0, S) and renormalised.
/// </summary>
internal sealed class ImmUpdater(MeasurementInnovator innovator)
{
    /// <summary>A mode is never written off completely, so a manoeuvre after a long straight leg is still caught.</summary>
    private const double ProbabilityFloor = 1e-6;

    public bool Update(ImmState state, in Measurement m, Vec3 sensor)
    {
        Span<double> logLikelihood = stackalloc double[ImmState.ModeCount];
        var best = double.NegativeInfinity;
        for (var j = 0; j < ImmState.ModeCount; j++)
        {
            var mode = state.Modes[j];
            if (!innovator.TryInnovate(mode.Marginal(), m, sensor, out var innovation))
            {
                logLikelihood[j] = double.NegativeInfinity;
                continue;
            }

            DenseKalmanUpdater.Update(mode, innovation);
            logLikelihood[j] = -0.5 * (innovation.DistanceSquared + innovation.LogDetS + (innovation.Dim * Math.Log(2 * Math.PI)));
            if (HasRangeRate(m))
                logLikelihood[j] += RangeRateModel.Update(mode, sensor, m.RangeRateMps, m.SigmaRangeRateMps);
            if (VelocityModel.Has(m))
                logLikelihood[j] += VelocityModel.Update(mode, m);
            best = Math.Max(best, logLikelihood[j]);
        }

        if (!double.IsFinite(best))
            return false;
        Span<double> ratio = stackalloc double[ImmState.ModeCount];
        for (var j = 0; j < ImmState.ModeCount; j++)
            ratio[j] = Math.Exp(logLikelihood[j] - best);
        Reweigh(state.Probabilities, ratio);
        return true;
    }

    /// <summary>μ_r ∝ μ_r Λ_r, renormalised, each floored at <see cref="ProbabilityFloor"/>.</summary>
    public static void Reweigh(double[] mu, ReadOnlySpan<double> likelihoodRatio)
    {
        var sum = 0.0;
        for (var j = 0; j < ImmState.ModeCount; j++)
        {
            mu[j] *= likelihoodRatio[j];
            sum += mu[j];
        }

        for (var j = 0; j < ImmState.ModeCount; j++)
            mu[j] = Math.Max(mu[j] / sum, ProbabilityFloor);
        sum = mu[0] + mu[1];
        for (var j = 0; j < ImmState.ModeCount; j++)
            mu[j] /= sum;
    }

    public static bool HasRangeRate(in Measurement m) => m.Kind == MeasurementKind.Polar && double.IsFinite(m.RangeRateMps);
}
