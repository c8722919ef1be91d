namespace Straja.Tracking;

/// <summary>
/// Measurement functions h(x) and their Jacobians, one per <see cref="MeasurementKind"/>, each in the sensor's
/// own geometry relative to the scan's sensor position:
/// <list type="bullet">
/// <item>Position: h = (E, N, U), H = I — linear.</item>
/// <item>Polar: h = (range, azimuth, elevation) of d = p − s; Jacobian taken at the prediction, so the update
/// is an extended Kalman filter. Azimuth is clockwise from north, atan2(dE, dN); elevation atan2(dU, ρ) with
/// ρ the horizontal distance. A 2D radar (elevation NaN) uses the range and azimuth rows only.</item>
/// <item>Bearing: (azimuth, elevation if present) rows of the polar model — also EKF.</item>
/// </list>
/// Angular residuals are wrapped to (−π, π] so a target due south (azimuth ±π) is not thrown across the circle.
/// </summary>
internal static class MeasurementModel
{
    /// <summary>Below this horizontal distance from the sensor, azimuth is undefined and the pair is not gated.</summary>
    private const double MinHorizontalDistanceM = 1;

    /// <summary>Every value the kind uses is finite with a finite positive sigma; optional angles may be NaN.</summary>
    public static bool IsWellFormed(in Measurement m) => double.IsFinite(m.ClassConfidence) && VelocityModel.IsWellFormed(m) && m.Kind switch
    {
        MeasurementKind.Position => Used(m.Z0, m.Sigma0) && Used(m.Z1, m.Sigma1) && Used(m.Z2, m.Sigma2),
        MeasurementKind.Polar => Used(m.Z0, m.Sigma0) && m.Z0 >= 0 && Used(m.Z1, m.Sigma1) && Optional(m.Z2, m.Sigma2)
            && Optional(m.RangeRateMps, m.SigmaRangeRateMps),
        MeasurementKind.Bearing => Used(m.Z0, m.Sigma0) && Optional(m.Z1, m.Sigma1),
        _ => false,
    };

    /// <summary>Computes the innovation of <paramref name="m"/> against <paramref name="predicted"/>; false when the geometry is degenerate.</summary>
    public static bool TryInnovate(in GaussianState predicted, in Measurement m, Vec3 sensor, out Innovation innovation)
    {
        innovation = default;
        var r = default(Vector3);
        switch (m.Kind)
        {
            case MeasurementKind.Position:
                innovation.Dim = 3;
                innovation.Residual[0] = m.Z0 - predicted.Mean[0];
                innovation.Residual[1] = m.Z1 - predicted.Mean[1];
                innovation.Residual[2] = m.Z2 - predicted.Mean[2];
                for (var i = 0; i < 3; i++)
                    innovation.H.Set(i, i, 1);
                r[0] = m.Sigma0 * m.Sigma0;
                r[1] = m.Sigma1 * m.Sigma1;
                r[2] = m.Sigma2 * m.Sigma2;
                break;
            case MeasurementKind.Polar:
                if (!Polar(predicted.Position - sensor, out var geometry))
                    return false;
                innovation.Residual[0] = m.Z0 - geometry.Range;
                SetRangeRow(ref innovation.H, 0, geometry);
                r[0] = m.Sigma0 * m.Sigma0;
                AddAngles(ref innovation, ref r, 1, geometry, m.Z1, m.Sigma1, m.Z2, m.Sigma2);
                break;
            case MeasurementKind.Bearing:
                if (!Polar(predicted.Position - sensor, out var bearing))
                    return false;
                AddAngles(ref innovation, ref r, 0, bearing, m.Z0, m.Sigma0, m.Z1, m.Sigma1);
                break;
            default:
                return false;
        }

        return Finish(predicted, r, ref innovation);
    }

    /// <summary>
    /// The single-point initial state for a Position or Polar measurement: position from the measurement with
    /// its covariance mapped to ENU, zero velocity with a broad covariance, except for the components the
    /// measurement gives a velocity for: those start at it, with its variance. Bearings cannot start a track.
    /// </summary>
    public static bool TryInitialState(in Measurement m, Vec3 sensor, double timeS, TrackerOptions options, out GaussianState state)
    {
        state = default;
        state.TimeS = timeS;
        switch (m.Kind)
        {
            case MeasurementKind.Position:
                state.Mean[0] = m.Z0;
                state.Mean[1] = m.Z1;
                state.Mean[2] = m.Z2;
                state.Covariance.Set(0, 0, m.Sigma0 * m.Sigma0);
                state.Covariance.Set(1, 1, m.Sigma1 * m.Sigma1);
                state.Covariance.Set(2, 2, m.Sigma2 * m.Sigma2);
                break;
            case MeasurementKind.Polar:
                InitialPolar(m, sensor, options, ref state);
                break;
            default:
                return false;
        }

        SetUnknownVelocity(ref state, options);
        VelocityModel.Initialise(ref state, m);
        return true;
    }

    /// <summary>Zero velocity with the broad prior covariance of a new track: a single fix says nothing about motion.</summary>
    public static void SetUnknownVelocity(ref GaussianState state, TrackerOptions options)
    {
        var sh = options.InitialVelocitySigmaHorizontal;
        var sv = options.InitialVelocitySigmaVertical;
        state.Covariance.Set(3, 3, sh * sh);
        state.Covariance.Set(4, 4, sh * sh);
        state.Covariance.Set(5, 5, sv * sv);
    }

    /// <summary>The measurement with a sensor's systematic error taken out: polar range and angles, bearing angles.</summary>
    public static Measurement RemoveBias(in Measurement m, SensorBias bias) => m.Kind switch
    {
        MeasurementKind.Polar => m with
        {
            Z0 = Math.Max(0, m.Z0 - bias.RangeM),
            Z1 = WrapAngle(m.Z1 - bias.AzimuthRad),
            Z2 = m.Z2 - bias.ElevationRad,
        },
        MeasurementKind.Bearing => m with { Z0 = WrapAngle(m.Z0 - bias.AzimuthRad), Z1 = m.Z1 - bias.ElevationRad },
        _ => m,
    };

    /// <summary>Wraps an angle to (−π, π].</summary>
    public static double WrapAngle(double angle)
    {
        var wrapped = Math.IEEERemainder(angle, 2 * Math.PI);
        return wrapped <= -Math.PI ? wrapped + (2 * Math.PI) : wrapped;
    }

    private static void InitialPolar(in Measurement m, Vec3 sensor, TrackerOptions options, ref GaussianState state)
    {
        var range = m.Z0;
        var azimuth = m.Z1;
        var has3D = !double.IsNaN(m.Z2);
        var elevation = has3D ? m.Z2 : 0;
        var (sinAz, cosAz) = Math.SinCos(azimuth);
        var (sinEl, cosEl) = Math.SinCos(elevation);
        state.Mean[0] = sensor.X + (range * cosEl * sinAz);
        state.Mean[1] = sensor.Y + (range * cosEl * cosAz);
        state.Mean[2] = sensor.Z + (range * sinEl);

        // P = J R Jᵀ with J = ∂(E, N, U)/∂(range, azimuth, elevation). Without elevation the target is put at
        // sensor height and its height gets a broad independent variance instead.
        var j = default(Matrix3);
        j.Set(0, 0, cosEl * sinAz);
        j.Set(0, 1, range * cosEl * cosAz);
        j.Set(0, 2, -range * sinEl * sinAz);
        j.Set(1, 0, cosEl * cosAz);
        j.Set(1, 1, -range * cosEl * sinAz);
        j.Set(1, 2, -range * sinEl * cosAz);
        j.Set(2, 0, sinEl);
        j.Set(2, 2, range * cosEl);
        Span<double> variance = [m.Sigma0 * m.Sigma0, m.Sigma1 * m.Sigma1, has3D ? m.Sigma2 * m.Sigma2 : 0];
        for (var a = 0; a < 3; a++)
        {
            for (var b = 0; b < 3; b++)
            {
                var sum = 0.0;
                for (var k = 0; k < 3; k++)
                    sum += j.Get(a, k) * variance[k] * j.Get(b, k);
                state.Covariance.Set(a, b, sum);
            }
        }

        if (!has3D)
            state.Covariance[(2 * 6) + 2] += options.UnknownHeightSigmaM * options.UnknownHeightSigmaM;
    }

    /// <summary>Azimuth row at <paramref name="row"/>, then elevation unless it is NaN; sets the dimension.</summary>
    private static void AddAngles(ref Innovation innovation, ref Vector3 r, int row, in PolarGeometry g,
        double azimuth, double azimuthSigma, double elevation, double elevationSigma)
    {
        innovation.Residual[row] = WrapAngle(azimuth - g.Azimuth);
        SetAzimuthRow(ref innovation.H, row, g);
        r[row] = azimuthSigma * azimuthSigma;
        innovation.Dim = row + 1;
        if (double.IsNaN(elevation))
            return;
        innovation.Residual[row + 1] = WrapAngle(elevation - g.Elevation);
        SetElevationRow(ref innovation.H, row + 1, g);
        r[row + 1] = elevationSigma * elevationSigma;
        innovation.Dim = row + 2;
    }

    private static bool Finish(in GaussianState predicted, in Vector3 r, ref Innovation innovation)
    {
        var dim = innovation.Dim;
        var s = default(Matrix3);
        for (var a = 0; a < dim; a++)
        {
            for (var b = 0; b < dim; b++)
            {
                var sum = a == b ? r[a] : 0;
                for (var i = 0; i < 3; i++)
                {
                    for (var k = 0; k < 3; k++)
                        sum += innovation.H.Get(a, i) * predicted.Covariance.Get(i, k) * innovation.H.Get(b, k);
                }

                s.Set(a, b, sum);
            }
        }

        return Finish(s, ref innovation);
    }

    /// <summary>Factors S and computes the distance and log-determinant; false when S is not positive definite.</summary>
    internal static bool Finish(in Matrix3 s, ref Innovation innovation)
    {
        var dim = innovation.Dim;
        if (!SmallMatrix.TryCholesky(s, dim, out innovation.CholeskyS))
            return false;
        var solved = innovation.Residual;
        SmallMatrix.CholeskySolve(innovation.CholeskyS, dim, ref solved);
        var distance = 0.0;
        var logDet = 0.0;
        for (var i = 0; i < dim; i++)
        {
            distance += innovation.Residual[i] * solved[i];
            logDet += 2 * Math.Log(innovation.CholeskyS.Get(i, i));
        }

        innovation.DistanceSquared = distance;
        innovation.LogDetS = logDet;
        return double.IsFinite(distance) && double.IsFinite(logDet);
    }

    private readonly record struct PolarGeometry(Vec3 D, double Horizontal, double Range, double Azimuth, double Elevation);

    private static bool Polar(Vec3 d, out PolarGeometry geometry)
    {
        var horizontal = Math.Sqrt((d.X * d.X) + (d.Y * d.Y));
        geometry = new PolarGeometry(d, horizontal, d.Length(), Math.Atan2(d.X, d.Y), Math.Atan2(d.Z, horizontal));
        return horizontal >= MinHorizontalDistanceM;
    }

    // ∂range/∂p = d / r
    private static void SetRangeRow(ref Matrix3 h, int row, in PolarGeometry g)
    {
        h.Set(row, 0, g.D.X / g.Range);
        h.Set(row, 1, g.D.Y / g.Range);
        h.Set(row, 2, g.D.Z / g.Range);
    }

    // azimuth = atan2(dE, dN): ∂/∂dE = dN/ρ², ∂/∂dN = −dE/ρ²
    private static void SetAzimuthRow(ref Matrix3 h, int row, in PolarGeometry g)
    {
        var rho2 = g.Horizontal * g.Horizontal;
        h.Set(row, 0, g.D.Y / rho2);
        h.Set(row, 1, -g.D.X / rho2);
        h.Set(row, 2, 0);
    }

    // elevation = atan2(dU, ρ): ∂/∂dE = −dE·dU/(r²ρ), ∂/∂dN = −dN·dU/(r²ρ), ∂/∂dU = ρ/r²
    private static void SetElevationRow(ref Matrix3 h, int row, in PolarGeometry g)
    {
        var r2 = g.Range * g.Range;
        h.Set(row, 0, -g.D.X * g.D.Z / (r2 * g.Horizontal));
        h.Set(row, 1, -g.D.Y * g.D.Z / (r2 * g.Horizontal));
        h.Set(row, 2, g.Horizontal / r2);
    }

    private static bool Used(double value, double sigma) => double.IsFinite(value) && double.IsFinite(sigma) && sigma > 0;

    private static bool Optional(double value, double sigma) => double.IsNaN(value) || Used(value, sigma);
}
