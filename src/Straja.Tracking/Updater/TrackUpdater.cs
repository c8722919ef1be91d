namespace Straja.Tracking;

/// <summary>
/// Updates one track's filter with one measurement: the single CV filter or the IMM, with the EKF or UKF
/// measurement model. A measurement that is a sensor's own track estimate (it carries a
/// <see cref="Measurement.SourceTrackId"/>) is fused by covariance intersection instead, because its errors
/// are correlated over time with the ones it reported before: a plain Kalman update would count the same
/// information again at every report and make the track overconfident.
/// </summary>
/// <remarks>
/// Covariance intersection (Julier, Uhlmann, "A non-divergent estimation algorithm in the presence of
/// unknown correlations", ACC 1997) fuses (x, P) with (z, R) as P⁻¹ = ωP⁻¹ + (1 − ω)HᵀR⁻¹H. That is the
/// Kalman update of the prior with covariance P/ω against a measurement with covariance R/(1 − ω), so it
/// reuses every measurement model unchanged; ω is picked from a grid to minimise the trace of the fused
/// position covariance. A measured velocity is one more block of H and R: its variance is inflated by the
/// same 1/(1 − ω) as the position's, and the prior's velocity covariance is already scaled with the rest of P.
/// </remarks>
internal sealed class TrackUpdater(MeasurementInnovator innovator, ImmUpdater imm, bool intersectSourceTracks)
{
    private static readonly double[] OmegaGrid = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    public static TrackUpdater From(TrackerOptions options)
    {
        var innovator = new MeasurementInnovator(options.PolarUpdate);
        return new TrackUpdater(innovator, new ImmUpdater(innovator), options.FuseSourceTracksByCovarianceIntersection);
    }

    public MeasurementInnovator Innovator => innovator;

    /// <summary>
    /// Updates <paramref name="state"/> (and <paramref name="immState"/> when the track runs an IMM, in which
    /// case <paramref name="state"/> becomes the mixture's moment match). <paramref name="gated"/> is the
    /// EKF innovation the hypothesiser already computed for this pair, reused when it is what this update needs.
    /// </summary>
    public bool Update(ref GaussianState state, ImmState? immState, Measurement m, Vec3 sensor, in Innovation gated, bool hasGated)
    {
        if (m.SourceTrackId is not null && intersectSourceTracks)
        {
            var omega = ChooseOmega(state, m, sensor);
            m = Inflate(m, 1 / (1 - omega));
            if (immState is null)
            {
                Scale(ref state.Covariance, 1 / omega);
            }
            else
            {
                foreach (var mode in immState.Modes)
                {
                    for (var i = 0; i < mode.Covariance.Length; i++)
                        mode.Covariance[i] /= omega;
                }
            }

            hasGated = false;
        }

        if (immState is not null)
        {
            if (!imm.Update(immState, m, sensor))
                return false;
            immState.Combine(ref state);
            return true;
        }

        if (hasGated && innovator.IsExtended)
        {
            KalmanUpdater.Update(ref state, gated);
        }
        else
        {
            if (!innovator.TryInnovate(state, m, sensor, out var innovation))
                return false;
            KalmanUpdater.Update(ref state, innovation);
        }

        if (ImmUpdater.HasRangeRate(m))
            RangeRateModel.Update(ref state, sensor, m.RangeRateMps, m.SigmaRangeRateMps);
        VelocityModel.Update(ref state, m);
        return true;
    }

    private double ChooseOmega(in GaussianState state, in Measurement m, Vec3 sensor)
    {
        var best = 0.5;
        var bestTrace = double.PositiveInfinity;
        foreach (var omega in OmegaGrid)
        {
            var trial = state;
            Scale(ref trial.Covariance, 1 / omega);
            if (!innovator.TryInnovate(trial, Inflate(m, 1 / (1 - omega)), sensor, out var innovation))
                continue;
            KalmanUpdater.Update(ref trial, innovation);
            var trace = trial.Covariance.Get(0, 0) + trial.Covariance.Get(1, 1) + trial.Covariance.Get(2, 2);
            if (trace < bestTrace)
                (best, bestTrace) = (omega, trace);
        }

        return best;
    }

    /// <summary>Scales the measurement's variances by <paramref name="factor"/>.</summary>
    private static Measurement Inflate(in Measurement m, double factor)
    {
        var k = Math.Sqrt(factor);
        var sv = m.SigmaVelocityMps;
        return m with
        {
            Sigma0 = m.Sigma0 * k, Sigma1 = m.Sigma1 * k, Sigma2 = m.Sigma2 * k, SigmaRangeRateMps = m.SigmaRangeRateMps * k,
            SigmaVelocityMps = new Vec3(sv.X * k, sv.Y * k, sv.Z * k),
        };
    }

    private static void Scale(ref Matrix6 covariance, double factor)
    {
        for (var i = 0; i < 36; i++)
            covariance[i] *= factor;
    }
}
