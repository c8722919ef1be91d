namespace Straja.Tracking;

/// <summary>
/// A measured velocity (<see cref="Measurement.VelocityMps"/>) as a linear measurement of the velocity states:
/// H picks state components 3..5, R is diagonal. It runs after the position update, one scalar update per
/// measured component: with independent noise, sequential scalar updates equal the joint one, and a missing
/// (NaN) component simply contributes no row. Like the range rate, it adds its Gaussian log-likelihood so the
/// IMM weighs its modes by how well each predicted the measured velocity.
/// </summary>
internal static class VelocityModel
{
    /// <summary>Whether <paramref name="m"/> carries at least one usable velocity component.</summary>
    public static bool Has(in Measurement m)
    {
        for (var k = 0; k < 3; k++)
        {
            if (Usable(Component(m.VelocityMps, k), Component(m.SigmaVelocityMps, k)))
                return true;
        }

        return false;
    }

    /// <summary>Every velocity component is either absent (NaN) or finite with a finite positive sigma.</summary>
    public static bool IsWellFormed(in Measurement m)
    {
        for (var k = 0; k < 3; k++)
        {
            var v = Component(m.VelocityMps, k);
            if (!double.IsNaN(v) && !Usable(v, Component(m.SigmaVelocityMps, k)))
                return false;
        }

        return true;
    }

    /// <summary>Updates a dense state whose components 3..5 are the velocity; returns Σ ln N(y; 0, s) over the rows used.</summary>
    public static double Update(DenseGaussian state, in Measurement m)
    {
        var n = state.Dim;
        var cov = state.Covariance;
        var ph = new double[n];
        var logLikelihood = 0.0;
        for (var k = 0; k < 3; k++)
        {
            double z = Component(m.VelocityMps, k), sigma = Component(m.SigmaVelocityMps, k);
            if (!Usable(z, sigma))
                continue;
            var col = 3 + k;
            var s = cov[(col * n) + col] + (sigma * sigma);
            var residual = z - state.Mean[col];
            for (var i = 0; i < n; i++)
                ph[i] = cov[(i * n) + col];
            for (var i = 0; i < n; i++)
            {
                state.Mean[i] += ph[i] * residual / s;
                for (var j = 0; j < n; j++)
                    cov[(i * n) + j] -= ph[i] * ph[j] / s;
            }

            logLikelihood += -0.5 * ((residual * residual / s) + Math.Log(2 * Math.PI * s));
        }

        Dense.Symmetrise(cov, n);
        return logLikelihood;
    }

    /// <summary>Updates the 6-state in place; a measurement without velocity leaves it untouched.</summary>
    public static void Update(ref GaussianState state, in Measurement m)
    {
        if (!Has(m))
            return;
        var dense = DenseGaussian.From(state, 6, []);
        Update(dense, m);
        state = dense.Marginal();
    }

    /// <summary>Seeds a new track's velocity with the measured components and their variances.</summary>
    public static void Initialise(ref GaussianState state, in Measurement m)
    {
        for (var k = 0; k < 3; k++)
        {
            double z = Component(m.VelocityMps, k), sigma = Component(m.SigmaVelocityMps, k);
            if (!Usable(z, sigma))
                continue;
            state.Mean[3 + k] = z;
            state.Covariance.Set(3 + k, 3 + k, sigma * sigma);
        }
    }

    private static double Component(Vec3 v, int k) => k switch
    {
        0 => v.X,
        1 => v.Y,
        _ => v.Z,
    };

    private static bool Usable(double value, double sigma) => double.IsFinite(value) && double.IsFinite(sigma) && sigma > 0;
}
