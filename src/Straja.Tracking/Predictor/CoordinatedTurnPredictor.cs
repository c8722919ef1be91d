namespace Straja.Tracking;

/// <summary>
/// Coordinated turn with the turn rate in the state, x = [E, N, U, vE, vN, vU, ω] (ω rad/s, positive
/// counter-clockwise seen from above), predicted as an extended Kalman filter: the horizontal velocity
/// rotates by ωT while the position follows the arc, the vertical channel is nearly constant velocity,
/// and ω is a random walk (Bar-Shalom et al. 2001, §11.7.2; Li, Jilkov, "Survey of maneuvering target
/// tracking, Part I", IEEE TAES 39(4), 2003, §V.B).
/// <code>
///   E' = E + (sin ωT/ω) vE − ((1 − cos ωT)/ω) vN      vE' = cos ωT vE − sin ωT vN
///   N' = N + ((1 − cos ωT)/ω) vE + (sin ωT/ω) vN      vN' = sin ωT vE + cos ωT vN
/// </code>
/// Process noise: white acceleration on each axis as in the CV model, plus σω² T on ω.
/// </summary>
internal sealed class CoordinatedTurnPredictor(double spectralDensityHorizontal, double spectralDensityVertical, double turnRateSpectralDensity)
{
    public const int Dim = 7;
    public const int TurnRate = 6;

    /// <summary>Below this |ωT| the closed forms lose precision and their Taylor series are used.</summary>
    private const double SmallAngle = 1e-4;

    public static CoordinatedTurnPredictor From(TrackerOptions options) => new(
        options.AccelerationSigmaHorizontal * options.AccelerationSigmaHorizontal,
        options.AccelerationSigmaVertical * options.AccelerationSigmaVertical,
        options.TurnRateSigma * options.TurnRateSigma);

    public void Predict(DenseGaussian state, double timeS)
    {
        if (state.Dim != Dim)
            throw new ArgumentException($"Coordinated turn needs a {Dim}-state, got {state.Dim}.", nameof(state));
        var dt = timeS - state.TimeS;
        state.TimeS = timeS;
        if (dt == 0)
            return;

        var x = state.Mean;
        double vE = x[3], vN = x[4], w = x[TurnRate];
        var wt = w * dt;
        var (sinWt, cosWt) = Math.SinCos(wt);
        double s, c, ds, dc; // sin ωT/ω, (1 − cos ωT)/ω and their derivatives in ω
        if (Math.Abs(wt) < SmallAngle)
        {
            s = dt * (1 - (wt * wt / 6));
            c = dt * wt / 2;
            ds = -w * dt * dt * dt / 3;
            dc = dt * dt / 2;
        }
        else
        {
            s = sinWt / w;
            c = (1 - cosWt) / w;
            ds = ((wt * cosWt) - sinWt) / (w * w);
            dc = ((wt * sinWt) - (1 - cosWt)) / (w * w);
        }

        var f = Dense.Identity(Dim);
        f[(0 * Dim) + 3] = s;
        f[(0 * Dim) + 4] = -c;
        f[(0 * Dim) + TurnRate] = (ds * vE) - (dc * vN);
        f[(1 * Dim) + 3] = c;
        f[(1 * Dim) + 4] = s;
        f[(1 * Dim) + TurnRate] = (dc * vE) + (ds * vN);
        f[(2 * Dim) + 5] = dt;
        f[(3 * Dim) + 3] = cosWt;
        f[(3 * Dim) + 4] = -sinWt;
        f[(3 * Dim) + TurnRate] = -dt * ((sinWt * vE) + (cosWt * vN));
        f[(4 * Dim) + 3] = sinWt;
        f[(4 * Dim) + 4] = cosWt;
        f[(4 * Dim) + TurnRate] = dt * ((cosWt * vE) - (sinWt * vN));

        x[0] += (s * vE) - (c * vN);
        x[1] += (c * vE) + (s * vN);
        x[2] += dt * x[5];
        x[3] = (cosWt * vE) - (sinWt * vN);
        x[4] = (sinWt * vE) + (cosWt * vN);

        state.Covariance = Dense.Propagate(f, state.Covariance, Dim);
        for (var axis = 0; axis < 3; axis++)
            Dense.AddWhiteAcceleration(state.Covariance, Dim, axis, axis + 3, axis == 2 ? spectralDensityVertical : spectralDensityHorizontal, dt);
        state.Covariance[(TurnRate * Dim) + TurnRate] += turnRateSpectralDensity * dt;
    }
}
