namespace Straja.Tracking;

/// <summary>
/// The unscented transform of the polar and bearing measurement functions (Julier, Uhlmann, "Unscented
/// filtering and nonlinear estimation", Proc. IEEE 92(3), 2004), as an alternative to the EKF's Jacobian
/// at the prediction. h reads position only, so sigma points are drawn from the 3-D position marginal:
/// 2n + 1 = 7 points at μ and μ ± √(n + κ) Lᵢ with κ = 1, weights κ/(n + κ) and 1/(2(n + κ)), all positive,
/// so S is a sum of outer products plus R and is positive definite whenever R is.
/// </summary>
/// <remarks>
/// The result is returned as an <see cref="Innovation"/> whose H is the statistical linearisation
/// H = Cᵀ Pₚ⁻¹ (C the position–measurement cross-covariance), and whose S is the unscented one. With that H
/// the ordinary Kalman update gives K = P Hᵀ S⁻¹: C S⁻¹ for position and Pᵥₚ Pₚ⁻¹ C S⁻¹ for velocity, exactly
/// what a full-state unscented update gives when h depends on position alone.
/// </remarks>
internal static class UnscentedMeasurementModel
{
    private const int N = 3;
    private const double Kappa = 1;
    private const double MinHorizontalDistanceM = 1;

    public static bool TryInnovate(in GaussianState predicted, in Measurement m, Vec3 sensor, out Innovation innovation)
    {
        innovation = default;
        if (m.Kind is not (MeasurementKind.Polar or MeasurementKind.Bearing))
            return MeasurementModel.TryInnovate(predicted, m, sensor, out innovation);

        var pp = default(Matrix3);
        for (var a = 0; a < N; a++)
        {
            for (var b = 0; b < N; b++)
                pp.Set(a, b, predicted.Covariance.Get(a, b));
        }

        if (!SmallMatrix.TryCholesky(pp, N, out var l))
            return false;

        var polar = m.Kind == MeasurementKind.Polar;
        var hasElevation = !double.IsNaN(polar ? m.Z2 : m.Z1);
        var dim = (polar ? 1 : 0) + 1 + (hasElevation ? 1 : 0);
        var firstAngle = polar ? 1 : 0;
        var mean = predicted.Position - sensor;

        Span<Vec3> points = stackalloc Vec3[(2 * N) + 1];
        var spread = Math.Sqrt(N + Kappa);
        points[0] = mean;
        for (var i = 0; i < N; i++)
        {
            var column = new Vec3(spread * l.Get(0, i), spread * l.Get(1, i), spread * l.Get(2, i));
            points[1 + i] = mean + column;
            points[1 + N + i] = mean - column;
        }

        Span<double> weights = stackalloc double[(2 * N) + 1];
        weights.Fill(1 / (2 * (N + Kappa)));
        weights[0] = Kappa / (N + Kappa);

        // Angles are averaged as offsets from the central point's, so a mean near ±π does not split.
        Span<double> z = stackalloc double[((2 * N) + 1) * 3];
        for (var k = 0; k < points.Length; k++)
        {
            if (!Observe(points[k], polar, hasElevation, z.Slice(k * 3, 3)))
                return false;
        }

        var predictedZ = default(Vector3);
        for (var c = 0; c < dim; c++)
        {
            var sum = 0.0;
            for (var k = 0; k < points.Length; k++)
                sum += weights[k] * Offset(z[(k * 3) + c] - z[c], c >= firstAngle);
            predictedZ[c] = z[c] + sum;
        }

        var s = default(Matrix3);
        var cross = default(Matrix3); // rows: position axis, columns: measurement component
        for (var k = 0; k < points.Length; k++)
        {
            var dz = default(Vector3);
            for (var c = 0; c < dim; c++)
                dz[c] = Offset(z[(k * 3) + c] - predictedZ[c], c >= firstAngle);
            var dx = points[k] - mean;
            for (var a = 0; a < dim; a++)
            {
                for (var b = 0; b < dim; b++)
                    s[(a * 3) + b] += weights[k] * dz[a] * dz[b];
                cross[(0 * 3) + a] += weights[k] * dx.X * dz[a];
                cross[(1 * 3) + a] += weights[k] * dx.Y * dz[a];
                cross[(2 * 3) + a] += weights[k] * dx.Z * dz[a];
            }
        }

        Span<double> measured = polar ? [m.Z0, m.Z1, m.Z2] : [m.Z0, m.Z1, double.NaN];
        Span<double> sigma = polar ? [m.Sigma0, m.Sigma1, m.Sigma2] : [m.Sigma0, m.Sigma1, double.NaN];
        innovation.Dim = dim;
        for (var c = 0; c < dim; c++)
        {
            s[(c * 3) + c] += sigma[c] * sigma[c];
            innovation.Residual[c] = Offset(measured[c] - predictedZ[c], c >= firstAngle);
            // Row c of H = (Pₚ⁻¹ C[:, c])ᵀ.
            var column = default(Vector3);
            for (var a = 0; a < N; a++)
                column[a] = cross[(a * 3) + c];
            SmallMatrix.CholeskySolve(l, N, ref column);
            for (var a = 0; a < N; a++)
                innovation.H.Set(c, a, column[a]);
        }

        SymmetriseLeading(ref s, dim);
        return MeasurementModel.Finish(s, ref innovation);
    }

    private static double Offset(double difference, bool isAngle) => isAngle ? MeasurementModel.WrapAngle(difference) : difference;

    private static bool Observe(Vec3 d, bool polar, bool hasElevation, Span<double> into)
    {
        var horizontal = Math.Sqrt((d.X * d.X) + (d.Y * d.Y));
        if (horizontal < MinHorizontalDistanceM)
            return false;
        var c = 0;
        if (polar)
            into[c++] = d.Length();
        into[c++] = Math.Atan2(d.X, d.Y);
        if (hasElevation)
            into[c] = Math.Atan2(d.Z, horizontal);
        return true;
    }

    private static void SymmetriseLeading(ref Matrix3 s, int dim)
    {
        for (var a = 0; a < dim; a++)
        {
            for (var b = a + 1; b < dim; b++)
            {
                var mean = 0.5 * (s[(a * 3) + b] + s[(b * 3) + a]);
                s[(a * 3) + b] = mean;
                s[(b * 3) + a] = mean;
            }
        }
    }
}
