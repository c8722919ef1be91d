namespace Straja.Tracking;

/// <summary>
/// The Kalman measurement update given an <see cref="Innovation"/>. Linear for position measurements; for
/// polar and bearing measurements the innovation carries the Jacobian at the prediction, which makes this the
/// extended Kalman filter update. Covariance uses P − (P Hᵀ) Kᵀ, then is re-symmetrised.
/// </summary>
internal static class KalmanUpdater
{
    public static void Update(ref GaussianState state, in Innovation innovation)
    {
        var dim = innovation.Dim;
        Span<double> pht = stackalloc double[18];
        Span<double> gain = stackalloc double[18];
        for (var r = 0; r < 6; r++)
        {
            var row = default(Vector3);
            for (var c = 0; c < dim; c++)
            {
                var sum = 0.0;
                for (var j = 0; j < 3; j++)
                    sum += state.Covariance.Get(r, j) * innovation.H.Get(c, j);
                row[c] = sum;
                pht[(r * 3) + c] = sum;
            }

            // S is symmetric, so a row of K = P Hᵀ S⁻¹ solves S k = (row of P Hᵀ).
            SmallMatrix.CholeskySolve(innovation.CholeskyS, dim, ref row);
            for (var c = 0; c < dim; c++)
                gain[(r * 3) + c] = row[c];
        }

        for (var r = 0; r < 6; r++)
        {
            var correction = 0.0;
            for (var c = 0; c < dim; c++)
                correction += gain[(r * 3) + c] * innovation.Residual[c];
            state.Mean[r] += correction;
            for (var s = 0; s < 6; s++)
            {
                var sum = 0.0;
                for (var c = 0; c < dim; c++)
                    sum += pht[(r * 3) + c] * gain[(s * 3) + c];
                state.Covariance[(r * 6) + s] -= sum;
            }
        }

        SmallMatrix.Symmetrise(ref state.Covariance);
    }
}
