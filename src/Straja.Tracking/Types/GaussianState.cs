namespace Straja.Tracking;

/// <summary>A 6-state Gaussian [E, N, U, vE, vN, vU] at a time: the filter's belief about one object.</summary>
internal struct GaussianState
{
    public Vector6 Mean;
    public Matrix6 Covariance;
    public double TimeS;

    public readonly Vec3 Position => new(Mean[0], Mean[1], Mean[2]);

    public readonly Vec3 Velocity => new(Mean[3], Mean[4], Mean[5]);

    /// <summary>Square root of the largest eigenvalue of the position covariance, m.</summary>
    public readonly double PositionSigmaM => Math.Sqrt(Math.Max(0, SmallMatrix.LargestEigenvalueSymmetric(
        Covariance.Get(0, 0), Covariance.Get(0, 1), Covariance.Get(0, 2),
        Covariance.Get(1, 1), Covariance.Get(1, 2), Covariance.Get(2, 2))));

    /// <summary>RMS of the three velocity sigmas, m/s: how far the speed estimate can be trusted.</summary>
    public readonly double VelocitySigma => Math.Sqrt((Covariance.Get(3, 3) + Covariance.Get(4, 4) + Covariance.Get(5, 5)) / 3);
}
