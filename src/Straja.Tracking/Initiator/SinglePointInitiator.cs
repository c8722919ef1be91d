namespace Straja.Tracking;

/// <summary>
/// Starts a tentative track from one unassociated Position or Polar measurement: the measured position, zero
/// velocity with a broad covariance (Bar-Shalom et al. 2001 discuss one- and two-point initiation; one point
/// suffices when the velocity prior covers the targets' speeds). Bearings never start a track in v1, and a
/// measurement whose cooperative id a live track already holds does not start a second one.
/// </summary>
internal sealed class SinglePointInitiator(TrackerOptions options)
{
    public bool TryInitiate(in Measurement measurement, Scan scan, IReadOnlyList<Track> live, out GaussianState state)
    {
        state = default;
        if (measurement.Kind == MeasurementKind.Bearing)
            return false;
        if (measurement.CooperativeId is { } id)
        {
            foreach (var track in live)
            {
                if (string.Equals(track.CooperativeId, id, StringComparison.Ordinal))
                    return false;
            }
        }

        return MeasurementModel.TryInitialState(measurement, scan.SensorPosition, scan.TimeS, options, out state);
    }
}
