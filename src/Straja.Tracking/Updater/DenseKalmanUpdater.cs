namespace Straja.Tracking;

/// <summary>
/// The Kalman update of a <see cref="DenseGaussian"/> given an <see cref="Innovation"/> computed on its
/// position-velocity marginal. The measurement Jacobian has non-zero columns for position only, so
/// P Hᵀ needs only the first three columns of P; every further state component (turn rate, acceleration)
/// is corrected through its correlation with position.
/// </summary>
internal static class DenseKalmanUpdater
{
    public static void Update(DenseGaussian state, in Innovation innovation)
    {
        int n = state.Dim, dim = innovation.Dim;
        var pht = new double[n * 3];
        var gain = new double[n * 3];
        for (var r = 0; r < n; r++)
        {
            var row = default(Vector3);
            for (var c = 0; c < dim; c++)
            {
                var sum = 0.0;
                for (var j = 0; j < 3; j++)
                    sum += state.Get(r, j) * innovation.H.Get(c, j);
                row[c] = sum;
                pht[(r * 3) + c] = sum;
            }

            SmallMatrix.CholeskySolve(innovation.CholeskyS, dim, ref row);
            for (var c = 0; c < dim; c++)
                gain[(r * 3) + c] = row[c];
        }

        var cov = state.Covariance;
        for (var r = 0; r < n; r++)
        {
            var correction = 0.0;
            for (var c = 0; c < dim; c++)
                correction += gain[(r * 3) + c] * innovation.Residual[c];
            state.Mean[r] += correction;
            for (var s = 0; s < n; s++)
            {
                var sum = 0.0;
                for (var c = 0; c < dim; c++)
                    sum += pht[(r * 3) + c] * gain[(s * 3) + c];
                cov[(r * n) + s] -= sum;
            }
        }

        Dense.Symmetrise(cov, n);
    }
}
