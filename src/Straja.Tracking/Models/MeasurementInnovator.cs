namespace Straja.Tracking;

/// <summary>How polar and bearing measurements are linearised for the update.</summary>
public enum PolarUpdate
{
    /// <summary>Extended Kalman filter: the Jacobian at the prediction.</summary>
    Extended = 1,
    /// <summary>Unscented: sigma points through the exact measurement function.</summary>
    Unscented = 2,
}

/// <summary>Picks the measurement model the updater uses: position is linear; polar and bearing are EKF or UKF.</summary>
internal sealed class MeasurementInnovator(PolarUpdate polar)
{
    public bool IsExtended => polar == PolarUpdate.Extended;

    public bool TryInnovate(in GaussianState predicted, in Measurement m, Vec3 sensor, out Innovation innovation) =>
        polar == PolarUpdate.Unscented
            ? UnscentedMeasurementModel.TryInnovate(predicted, m, sensor, out innovation)
            : MeasurementModel.TryInnovate(predicted, m, sensor, out innovation);
}
