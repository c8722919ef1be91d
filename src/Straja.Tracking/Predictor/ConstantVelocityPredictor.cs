namespace Straja.Tracking;

/// <summary>
/// Predicts with the nearly-constant-velocity model, independent per axis. Process noise is the discretised
/// continuous-time white-noise acceleration model (Bar-Shalom, Li, Kirubarajan, "Estimation with Applications
/// to Tracking and Navigation", Wiley 2001, §6.3.2): per axis Q = q [[T³/3, T²/2], [T²/2, T]].
/// That model composes exactly (predicting T1 then T2 equals predicting T1+T2), which matters because every
/// scan from any sensor predicts every track, at irregular intervals.
/// </summary>
internal sealed class ConstantVelocityPredictor(double spectralDensityHorizontal, double spectralDensityVertical)
{
    public static ConstantVelocityPredictor From(TrackerOptions options) => new(
        options.AccelerationSigmaHorizontal * options.AccelerationSigmaHorizontal,
        options.AccelerationSigmaVertical * options.AccelerationSigmaVertical);

    public void Predict(ref GaussianState state, double timeS)
    {
        var dt = timeS - state.TimeS;
        state.TimeS = timeS;
        if (dt == 0)
            return;

        for (var i = 0; i < 3; i++)
            state.Mean[i] += dt * state.Mean[i + 3];

        var f = default(Matrix6);
        for (var i = 0; i < 6; i++)
            f.Set(i, i, 1);
        for (var i = 0; i < 3; i++)
            f.Set(i, i + 3, dt);
        var fp = default(Matrix6);
        SmallMatrix.Multiply(f, state.Covariance, ref fp);
        SmallMatrix.MultiplyTransposed(fp, f, ref state.Covariance);

        var dt2 = dt * dt;
        for (var axis = 0; axis < 3; axis++)
        {
            var q = axis == 2 ? spectralDensityVertical : spectralDensityHorizontal;
            var p = axis;
            var v = axis + 3;
            state.Covariance[(p * 6) + p] += q * dt2 * dt / 3;
            state.Covariance[(p * 6) + v] += q * dt2 / 2;
            state.Covariance[(v * 6) + p] += q * dt2 / 2;
            state.Covariance[(v * 6) + v] += q * dt;
        }
    }

    /// <summary>
    /// Predicts the position-velocity part of a larger state with this model and carries the further
    /// components (an IMM mode's turn rate) unchanged: the IMM's CV mode ignores the turn rate it holds.
    /// </summary>
    public void Predict(DenseGaussian state, double timeS)
    {
        var dt = timeS - state.TimeS;
        state.TimeS = timeS;
        if (dt == 0)
            return;
        var n = state.Dim;
        for (var i = 0; i < 3; i++)
            state.Mean[i] += dt * state.Mean[i + 3];
        var f = Dense.Identity(n);
        for (var i = 0; i < 3; i++)
            f[(i * n) + i + 3] = dt;
        state.Covariance = Dense.Propagate(f, state.Covariance, n);
        for (var axis = 0; axis < 3; axis++)
            Dense.AddWhiteAcceleration(state.Covariance, n, axis, axis + 3, axis == 2 ? spectralDensityVertical : spectralDensityHorizontal, dt);
    }
}
