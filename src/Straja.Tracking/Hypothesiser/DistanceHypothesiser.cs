namespace Straja.Tracking;

/// <summary>A gated (track, measurement) pairing with its association cost.</summary>
internal struct Hypothesis
{
    public int TrackIndex;
    public int MeasurementIndex;
    public Innovation Innovation;
    /// <summary>d² + ln det S (−2 ln of the Gaussian likelihood up to a constant), less any cooperative bonus.</summary>
    public double Cost;
    /// <summary>What the cost would be at the gate edge, G + ln det S: the price of leaving either side unassigned.</summary>
    public double GateCost;
}

/// <summary>
/// Pairs every predicted track with every measurement of a scan and keeps the plausible pairs: inside the
/// Mahalanobis gate, or carrying the track's own cooperative id (identity outranks kinematics, so such a
/// pair is kept even outside the gate). A measurement whose cooperative id differs from the track's never pairs.
/// Adding ln det S to d² keeps precise sensors from being penalised for their small S: it is the negative log
/// likelihood, where d² alone would favour whichever pairing has the loosest covariance.
/// </summary>
internal sealed class DistanceHypothesiser(ChiSquareGate gate, double cooperativeBonus)
{
    public void Hypothesise(IReadOnlyList<Track> tracks, IReadOnlyList<Measurement> measurements, Scan scan, List<Hypothesis> into)
    {
        into.Clear();
        var sensorPosition = scan.SensorPosition;
        for (var t = 0; t < tracks.Count; t++)
        {
            var track = tracks[t];
            // A bearing gate is a wedge without end: only tracks the sensor could have heard qualify.
            bool inRange = (track.State.Position - sensorPosition).Length() <= scan.MaxRangeM;
            for (var j = 0; j < measurements.Count; j++)
            {
                var measurement = measurements[j];
                if (measurement.Kind == MeasurementKind.Bearing && !inRange)
                    continue;
                var sameIdentity = track.CooperativeId is not null && measurement.CooperativeId is not null
                    && string.Equals(track.CooperativeId, measurement.CooperativeId, StringComparison.Ordinal);
                if (track.CooperativeId is not null && measurement.CooperativeId is not null && !sameIdentity)
                    continue;
                if (!MeasurementModel.TryInnovate(track.State, measurement, sensorPosition, out var innovation))
                    continue;
                var threshold = gate.Threshold(innovation.Dim);
                if (!sameIdentity && innovation.DistanceSquared > threshold)
                    continue;
                into.Add(new Hypothesis
                {
                    TrackIndex = t,
                    MeasurementIndex = j,
                    Innovation = innovation,
                    Cost = sameIdentity
                        ? Math.Min(innovation.DistanceSquared, threshold) + innovation.LogDetS - cooperativeBonus
                        : innovation.DistanceSquared + innovation.LogDetS,
                    GateCost = threshold + innovation.LogDetS,
                });
            }
        }
    }
}
