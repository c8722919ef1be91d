namespace Straja.Tracking;

/// <summary>
/// The radial-speed row of a Doppler radar's measurement, ṙ = (d · v)/|d| with d = p − s, used as a second,
/// scalar update after the range and angles (their noise is independent, so the sequential update equals the
/// joint one). Unlike the other rows it reads velocity, with Jacobian ∂ṙ/∂p = (v − ṙ d/r)/r and ∂ṙ/∂v = d/r;
/// it is linearised at the state it updates (after the position rows), in the EKF and the UKF tracker alike.
/// </summary>
internal static class RangeRateModel
{
    private const double MinRangeM = 1;

    /// <summary>Residual, Jacobian row over the 6 position-velocity components, and S = h P hᵀ + σ²; false when degenerate.</summary>
    public static bool TryLinearise(in GaussianState state, Vec3 sensor, double measured, double sigma, Span<double> h, out double residual, out double s)
    {
        residual = s = 0;
        var d = state.Position - sensor;
        var r = d.Length();
        if (r < MinRangeM)
            return false;
        var v = state.Velocity;
        var rate = ((d.X * v.X) + (d.Y * v.Y) + (d.Z * v.Z)) / r;
        h[0] = (v.X - (rate * d.X / r)) / r;
        h[1] = (v.Y - (rate * d.Y / r)) / r;
        h[2] = (v.Z - (rate * d.Z / r)) / r;
        h[3] = d.X / r;
        h[4] = d.Y / r;
        h[5] = d.Z / r;
        residual = measured - rate;
        s = sigma * sigma;
        for (var i = 0; i < 6; i++)
        {
            for (var j = 0; j < 6; j++)
                s += h[i] * state.Covariance.Get(i, j) * h[j];
        }

        return s > 0 && double.IsFinite(s) && double.IsFinite(residual);
    }

    /// <summary>Scalar update of a dense state whose first six components are position and velocity; returns ln N(y; 0, s), or −∞ if degenerate.</summary>
    public static double Update(DenseGaussian state, Vec3 sensor, double measured, double sigma)
    {
        Span<double> h = stackalloc double[6];
        if (!TryLinearise(state.Marginal(), sensor, measured, sigma, h, out var residual, out var s))
            return double.NegativeInfinity;
        var n = state.Dim;
        var ph = new double[n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < 6; j++)
                ph[i] += state.Get(i, j) * h[j];
        }

        for (var i = 0; i < n; i++)
        {
            state.Mean[i] += ph[i] * residual / s;
            for (var j = 0; j < n; j++)
                state.Covariance[(i * n) + j] -= ph[i] * ph[j] / s;
        }

        Dense.Symmetrise(state.Covariance, n);
        return -0.5 * ((residual * residual / s) + Math.Log(2 * Math.PI * s));
    }

    /// <summary>Scalar update of the 6-state; false when degenerate.</summary>
    public static bool Update(ref GaussianState state, Vec3 sensor, double measured, double sigma)
    {
        var dense = DenseGaussian.From(state, 6, []);
        if (double.IsNegativeInfinity(Update(dense, sensor, measured, sigma)))
            return false;
        state = dense.Marginal();
        return true;
    }
}
