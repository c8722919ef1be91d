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
/// Pairs predicted tracks with the measurements of a scan and keeps the plausible pairs: inside the
/// Mahalanobis gate, or carrying the track's own cooperative id (identity outranks kinematics, so such a
/// pair is kept even outside the gate). A measurement whose cooperative id differs from the track's never pairs.
/// Adding ln det S to d² keeps precise sensors from being penalised for their small S: it is the negative log
/// likelihood, where d² alone would favour whichever pairing has the loosest covariance.
/// </summary>
/// <remarks>
/// Position measurements without a cooperative id are put in a <see cref="SpatialGrid"/>, and each track only
/// looks at the cells within a horizontal radius that provably contains its gate: d² = yᵀS⁻¹y ≥ |y_EN|² / λmax(S)
/// and λmax(S) ≤ λmax(P_pos) + max σ² (Weyl), so a pair with |y_EN|² > G₃ (λmax(P_pos) + max σ²) is outside the
/// gate. The pairs kept, their order (track, then measurement) and their costs are exactly those of comparing
/// every track with every measurement; only the work changes, from O(tracks × measurements) to about
/// O(tracks + measurements). Polar and bearing measurements and those with a cooperative id (few, and not
/// bounded by a Cartesian disc) are still compared with every track.
/// </remarks>
internal sealed class DistanceHypothesiser(ChiSquareGate gate, double cooperativeBonus)
{
    // Rounding slack on the pruning radius, so the bound never cuts a pair the exact test would keep.
    private const double RadiusSlack = 1 + 1e-6;

    private readonly SpatialGrid _grid = new();
    private double[] _xs = new double[64];
    private double[] _ys = new double[64];
    private int[] _indexed = new int[64];
    private int[] _others = new int[16];
    private double[] _radius = new double[64];
    private int[] _candidates = new int[64];

    public void Hypothesise(IReadOnlyList<Track> tracks, IReadOnlyList<Measurement> measurements, Scan scan, List<Hypothesis> into)
    {
        into.Clear();
        int indexed = Split(measurements, out double maxSigmaSquared);
        int others = measurements.Count - indexed;
        double cellSize = PruningRadii(tracks, gate.Threshold(3), maxSigmaSquared);
        if (indexed > 0)
            _grid.Build(_xs.AsSpan(0, indexed), _ys.AsSpan(0, indexed), cellSize);

        for (var t = 0; t < tracks.Count; t++)
        {
            var track = tracks[t];
            var position = track.State.Position;
            int count = indexed > 0 ? _grid.Query(position.X, position.Y, _radius[t], ref _candidates, 0) : 0;
            for (int k = 0; k < count; k++)
                _candidates[k] = _indexed[_candidates[k]];
            SpatialGrid.Ensure(ref _candidates, count + others);
            _others.AsSpan(0, others).CopyTo(_candidates.AsSpan(count));
            count += others;
            var candidates = _candidates.AsSpan(0, count);
            candidates.Sort();

            // A bearing gate is a wedge without end: only tracks the sensor could have heard qualify.
            bool inRange = (position - scan.SensorPosition).Length() <= scan.MaxRangeM;
            foreach (int j in candidates)
                Consider(track, t, measurements[j], j, inRange, scan.SensorPosition, into);
        }
    }

    private void Consider(Track track, int t, in Measurement measurement, int j, bool inRange, Vec3 sensorPosition, List<Hypothesis> into)
    {
        if (measurement.Kind == MeasurementKind.Bearing && !inRange)
            return;
        var sameIdentity = track.CooperativeId is not null && measurement.CooperativeId is not null
            && string.Equals(track.CooperativeId, measurement.CooperativeId, StringComparison.Ordinal);
        if (track.CooperativeId is not null && measurement.CooperativeId is not null && !sameIdentity)
            return;
        if (!MeasurementModel.TryInnovate(track.State, measurement, sensorPosition, out var innovation))
            return;
        var threshold = gate.Threshold(innovation.Dim);
        if (!sameIdentity && innovation.DistanceSquared > threshold)
            return;
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

    /// <summary>Puts anonymous position measurements in the index arrays and the rest in <c>_others</c>; returns how many were indexed.</summary>
    private int Split(IReadOnlyList<Measurement> measurements, out double maxSigmaSquared)
    {
        int indexed = 0, others = 0;
        maxSigmaSquared = 0;
        SpatialGrid.Ensure(ref _xs, measurements.Count);
        SpatialGrid.Ensure(ref _ys, measurements.Count);
        SpatialGrid.Ensure(ref _indexed, measurements.Count);
        SpatialGrid.Ensure(ref _others, measurements.Count);
        for (int j = 0; j < measurements.Count; j++)
        {
            var m = measurements[j];
            if (m.Kind == MeasurementKind.Position && m.CooperativeId is null)
            {
                _xs[indexed] = m.Z0;
                _ys[indexed] = m.Z1;
                _indexed[indexed++] = j;
                maxSigmaSquared = Math.Max(maxSigmaSquared, Math.Max(m.Sigma0 * m.Sigma0, Math.Max(m.Sigma1 * m.Sigma1, m.Sigma2 * m.Sigma2)));
            }
            else
            {
                _others[others++] = j;
            }
        }

        return indexed;
    }

    /// <summary>Each track's pruning radius (see the remarks); returns their mean as the grid's cell size.</summary>
    private double PruningRadii(IReadOnlyList<Track> tracks, double threshold, double maxSigmaSquared)
    {
        SpatialGrid.Ensure(ref _radius, tracks.Count);
        double sum = 0;
        for (int t = 0; t < tracks.Count; t++)
        {
            double sigma = tracks[t].State.PositionSigmaM;
            double r = Math.Sqrt(threshold * ((sigma * sigma) + maxSigmaSquared)) * RadiusSlack;
            _radius[t] = double.IsNaN(r) ? double.PositiveInfinity : r;
            if (double.IsFinite(_radius[t]))
                sum += _radius[t];
        }

        double mean = tracks.Count > 0 ? sum / tracks.Count : 0;
        return mean >= 1 ? mean : 1;
    }
}
