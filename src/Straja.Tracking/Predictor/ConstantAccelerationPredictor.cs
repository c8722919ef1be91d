namespace Straja.Tracking;

/// <summary>
/// Nearly constant acceleration, x = [E, N, U, vE, vN, vU, aE, aN, aU], axes independent, with the
/// continuous white-noise jerk (Wiener-process acceleration) model of Bar-Shalom et al. 2001, §6.2.3:
/// per axis F = [[1, T, T²/2], [0, 1, T], [0, 0, 1]] and
/// Q = q [[T⁵/20, T⁴/8, T³/6], [T⁴/8, T³/3, T²/2], [T³/6, T²/2, T]], q the jerk spectral density, m²/s⁵.
/// Like the CV model's, this Q composes exactly over irregular intervals.
/// </summary>
internal sealed class ConstantAccelerationPredictor(double jerkSpectralDensityHorizontal, double jerkSpectralDensityVertical)
{
    public const int Dim = 9;

    public void Predict(DenseGaussian state, double timeS)
    {
        if (state.Dim != Dim)
            throw new ArgumentException($"Constant acceleration needs a {Dim}-state, got {state.Dim}.", nameof(state));
        var dt = timeS - state.TimeS;
        state.TimeS = timeS;
        if (dt == 0)
            return;

        var dt2 = dt * dt;
        var f = Dense.Identity(Dim);
        var x = state.Mean;
        for (var axis = 0; axis < 3; axis++)
        {
            int p = axis, v = axis + 3, a = axis + 6;
            f[(p * Dim) + v] = dt;
            f[(p * Dim) + a] = dt2 / 2;
            f[(v * Dim) + a] = dt;
            x[p] += (dt * x[v]) + (dt2 / 2 * x[a]);
            x[v] += dt * x[a];
        }

        state.Covariance = Dense.Propagate(f, state.Covariance, Dim);
        var cov = state.Covariance;
        double dt3 = dt2 * dt, dt4 = dt3 * dt, dt5 = dt4 * dt;
        for (var axis = 0; axis < 3; axis++)
        {
            var q = axis == 2 ? jerkSpectralDensityVertical : jerkSpectralDensityHorizontal;
            Span<int> index = [axis, axis + 3, axis + 6];
            Span<double> block = [dt5 / 20, dt4 / 8, dt3 / 6, dt4 / 8, dt3 / 3, dt2 / 2, dt3 / 6, dt2 / 2, dt];
            for (var i = 0; i < 3; i++)
            {
                for (var j = 0; j < 3; j++)
                    cov[(index[i] * Dim) + index[j]] += q * block[(i * 3) + j];
            }
        }
    }
}
