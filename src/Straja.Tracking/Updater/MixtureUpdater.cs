namespace Straja.Tracking;

/// <summary>A gated measurement of one track with its association probability β and the log-likelihood it was gated with.</summary>
/// <param name="GatedLogLikelihood">ln N(ν; 0, S) of the pair against the track's combined state, as the associator weighed it.</param>
internal readonly record struct WeightedMeasurement(Measurement Measurement, double Beta, double GatedLogLikelihood);

/// <summary>
/// The (J)PDA update of one track: the Gaussian mixture "no measurement is mine" (β₀, the prediction) plus
/// "measurement j is mine" (βⱼ, the Kalman posterior with j), collapsed to its mean and covariance:
/// x = β₀ x̂ + Σ βⱼ xⱼ, P = β₀ (P̂ + δ₀δ₀ᵀ) + Σ βⱼ (Pⱼ + δⱼδⱼᵀ), δ = x_k − x.
/// </summary>
/// <remarks>
/// <para>
/// With one S shared by every measurement (one linear sensor) this is exactly the textbook PDA update
/// x = x̂ + K ν, P = P̂ − K ((1 − β₀) S − D) Kᵀ with the combined innovation ν = Σ βⱼ νⱼ and the spread of the
/// innovations D = Σ βⱼ νⱼνⱼᵀ − ννᵀ (Bar-Shalom, Li, Kirubarajan 2001, §6.4; a test checks the equality):
/// each xⱼ = x̂ + K νⱼ, so the δδᵀ terms sum to K D Kᵀ. The mixture form is used because it needs no shared S:
/// it holds as well when measurements carry different covariances, and with the EKF or UKF per measurement.
/// </para>
/// <para>
/// <b>IMM: per mode.</b> Each mode is updated by its own mixture with the track-level β, and the mode
/// probabilities by the expected likelihood ratio Λ_r = β₀ + Σ βⱼ g_rj / gⱼ (g_rj the mode's likelihood of
/// measurement j, gⱼ the combined state's, which set βⱼ). A single sure measurement (β = 1) gives Λ_r ∝ g_rj,
/// the IMM's own update; a sure miss leaves the modes alone, as a missed IMM track is. Updating the combined
/// state instead would throw away the modes' disagreement — the very thing that tells a turn from noise —
/// every time two targets come close, which is when JPDA is in use.
/// </para>
/// </remarks>
internal sealed class MixtureUpdater(MeasurementInnovator innovator)
{
    /// <summary>
    /// Updates <paramref name="state"/> (and the IMM's modes when <paramref name="imm"/> is given; then
    /// <paramref name="state"/> becomes their moment match). False, with nothing changed, when no measurement
    /// could be applied (degenerate geometry for all of them).
    /// </summary>
    public bool Update(ref GaussianState state, ImmState? imm, ReadOnlySpan<WeightedMeasurement> measurements, double missBeta, Vec3 sensor)
    {
        if (imm is null)
        {
            var prior = DenseGaussian.From(state, 6, []);
            var logLikelihoods = new double[measurements.Length];
            if (Collapse(prior, measurements, missBeta, sensor, logLikelihoods) is not { } posterior)
                return false;
            state = posterior.Marginal();
            return true;
        }

        var updated = new DenseGaussian?[ImmState.ModeCount];
        var ratio = new double[ImmState.ModeCount];
        var modeLogLikelihoods = new double[measurements.Length];
        for (int r = 0; r < ImmState.ModeCount; r++)
        {
            updated[r] = Collapse(imm.Modes[r], measurements, missBeta, sensor, modeLogLikelihoods);
            ratio[r] = missBeta;
            for (int j = 0; j < measurements.Length; j++)
                ratio[r] += measurements[j].Beta * Math.Exp(Math.Min(50, modeLogLikelihoods[j] - measurements[j].GatedLogLikelihood));
        }

        if (updated[0] is null || updated[1] is null)
            return false;
        for (int r = 0; r < ImmState.ModeCount; r++)
        {
            updated[r]!.Mean.CopyTo(imm.Modes[r].Mean, 0);
            imm.Modes[r].Covariance = updated[r]!.Covariance;
        }

        ImmUpdater.Reweigh(imm.Probabilities, ratio);
        imm.Combine(ref state);
        return true;
    }

    /// <summary>
    /// The collapsed mixture of <paramref name="prior"/> (weight β₀) and its Kalman posterior with each
    /// measurement (weight βⱼ); writes each measurement's ln N(ν; 0, S) (−∞ when it could not be applied,
    /// and its weight is then dropped). Null when every weight was dropped.
    /// </summary>
    private DenseGaussian? Collapse(DenseGaussian prior, ReadOnlySpan<WeightedMeasurement> measurements, double missBeta, Vec3 sensor, Span<double> logLikelihoods)
    {
        int n = prior.Dim;
        var components = new DenseGaussian?[measurements.Length];
        double total = missBeta;
        bool any = false;
        for (int j = 0; j < measurements.Length; j++)
        {
            logLikelihoods[j] = double.NegativeInfinity;
            var m = measurements[j].Measurement;
            if (!(measurements[j].Beta > 0) || !innovator.TryInnovate(prior.Marginal(), m, sensor, out var innovation))
                continue;
            var posterior = prior.Clone();
            DenseKalmanUpdater.Update(posterior, innovation);
            logLikelihoods[j] = -0.5 * (innovation.DistanceSquared + innovation.LogDetS + (innovation.Dim * Math.Log(2 * Math.PI)));
            if (ImmUpdater.HasRangeRate(m))
                logLikelihoods[j] += RangeRateModel.Update(posterior, sensor, m.RangeRateMps, m.SigmaRangeRateMps);
            if (VelocityModel.Has(m))
                logLikelihoods[j] += VelocityModel.Update(posterior, m);
            components[j] = posterior;
            total += measurements[j].Beta;
            any = true;
        }

        if (!any)
            return null;

        var result = prior.Clone();
        var mean = result.Mean;
        for (int i = 0; i < n; i++)
            mean[i] = missBeta * prior.Mean[i] / total;
        for (int j = 0; j < components.Length; j++)
        {
            if (components[j] is not { } c)
                continue;
            double w = measurements[j].Beta / total;
            for (int i = 0; i < n; i++)
                mean[i] += w * c.Mean[i];
        }

        var cov = result.Covariance;
        Array.Clear(cov);
        AddMoment(cov, prior, mean, missBeta / total);
        for (int j = 0; j < components.Length; j++)
        {
            if (components[j] is { } c)
                AddMoment(cov, c, mean, measurements[j].Beta / total);
        }

        Dense.Symmetrise(cov, n);
        return result;
    }

    // cov += w (P_k + (x_k − x)(x_k − x)ᵀ)
    private static void AddMoment(double[] cov, DenseGaussian component, double[] mean, double w)
    {
        if (w <= 0)
            return;
        int n = component.Dim;
        for (int a = 0; a < n; a++)
        {
            double da = component.Mean[a] - mean[a];
            for (int b = 0; b < n; b++)
                cov[(a * n) + b] += w * (component.Covariance[(a * n) + b] + (da * (component.Mean[b] - mean[b])));
        }
    }
}
