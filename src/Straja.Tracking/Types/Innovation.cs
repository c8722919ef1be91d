namespace Straja.Tracking;

/// <summary>
/// A measurement compared with a predicted state: what the hypothesiser computes once per (track, measurement)
/// pair and the gater, associator and updater then share. Measurement rows are the leading <see cref="Dim"/>
/// components; <see cref="H"/> is the Jacobian with respect to position only (velocity columns are zero for
/// every measurement model here).
/// </summary>
internal struct Innovation
{
    public int Dim;
    /// <summary>z − h(x̂), with angle components wrapped to (−π, π].</summary>
    public Vector3 Residual;
    public Matrix3 H;
    /// <summary>Cholesky factor of S = H P Hᵀ + R.</summary>
    public Matrix3 CholeskyS;
    /// <summary>Mahalanobis distance squared, yᵀ S⁻¹ y.</summary>
    public double DistanceSquared;
    public double LogDetS;
}
