namespace Straja.Tracking;

/// <summary>
/// JPDA for <see cref="Tracker"/>: turns one scan's hypotheses into marginal association probabilities, β per
/// hypothesis and β₀ per track (none of its measurements is its own), cluster by cluster of the gating graph,
/// with the joint events enumerated by the <see cref="JointProbabilisticAssociator"/> that
/// <c>PlanarTracker</c> uses too. A cluster the enumeration refuses (over the track, measurement or event
/// caps), or that holds a measurement carrying a cooperative id or a sensor's own track number, is solved by
/// GNN instead: its chosen pairs get β = 1, its other tracks β₀ = 1.
/// </summary>
/// <remarks>
/// <para>
/// The weight of a pair is its likelihood ratio P_D g / λ, with g = N(ν; 0, S). When the scan's sensor has
/// a clutter density in <see cref="TrackerOptions.ClutterDensities"/> it is used as given. Otherwise λ is
/// estimated per track as mᵢ / Vᵢ, the measurements in its gate over the gate's volume
/// Vᵢ = c_n G_n^{n/2} √det S (c₁ = 2, c₂ = π, c₃ = 4π/3): the non-parametric PDA (Bar-Shalom, Li,
/// Kirubarajan 2001, §6.4). Then √det S cancels and the weight, P_D e^{−d²/2} c_n G_n^{n/2} / ((2π)^{n/2} mᵢ),
/// has no units, which matters here: one sensor's measurement space is metres, another's radians.
/// </para>
/// <para>
/// Identity outranks kinematics: a cooperative id pairs with its track even outside the gate, where no
/// likelihood means anything, and a sensor's own track report is fused by covariance intersection, which is
/// not a Kalman likelihood. Clusters holding either are therefore left to GNN, as before.
/// </para>
/// </remarks>
internal sealed class ProbabilisticAssociator
{
    private readonly double _detectionProbability, _missWeight;
    private readonly double[] _gateFactor = new double[4];
    private readonly IReadOnlyDictionary<string, double> _clutterDensities;
    private readonly GatingGraph _graph = new();
    private readonly EdgeClusters _clusters = new();
    private readonly GlobalNearestNeighbour _gnn = new();
    private readonly JointProbabilisticAssociator _jpda;
    private int[] _trackToEdge = new int[16];
    private int[] _gated = new int[16];

    public ProbabilisticAssociator(TrackerOptions options, ChiSquareGate gate)
    {
        _detectionProbability = options.DetectionProbability;
        _missWeight = 1 - (options.DetectionProbability * options.GateProbability);
        _clutterDensities = options.ClutterDensities;
        _jpda = new JointProbabilisticAssociator(options.JpdaMaxTracks, options.JpdaMaxMeasurements, options.JpdaMaxEvents, options.JpdaAvoidCoalescence);
        double[] unitBall = [0, 2, Math.PI, 4 * Math.PI / 3];
        for (int n = 1; n <= 3; n++)
            _gateFactor[n] = unitBall[n] * Math.Pow(gate.Threshold(n), n / 2.0) / Math.Pow(2 * Math.PI, n / 2.0);
    }

    /// <summary>Clusters of the last scan solved by JPDA.</summary>
    public int LastJpdaClusters { get; private set; }

    /// <summary>Clusters of the last scan handed to GNN: too large for the caps, or holding an identity.</summary>
    public int LastGnnClusters { get; private set; }

    /// <summary>
    /// Fills <paramref name="edgeBeta"/> (one per hypothesis) and <paramref name="missBeta"/> (one per track).
    /// For every track, β₀ plus the β of its hypotheses is 1.
    /// </summary>
    public void Associate(IReadOnlyList<Hypothesis> hypotheses, IReadOnlyList<Measurement> measurements, string sensorId,
        Span<double> edgeBeta, Span<double> missBeta)
    {
        int tracks = missBeta.Length, m = measurements.Count;
        edgeBeta.Clear();
        missBeta.Fill(1);
        LastJpdaClusters = LastGnnClusters = 0;
        if (hypotheses.Count == 0)
            return;
        BuildGraph(hypotheses, tracks, sensorId);
        _clusters.Build(_graph, tracks, m);
        _gnn.PrepareMaps(tracks, m);
        SpatialGrid.Ensure(ref _trackToEdge, tracks);
        var trackToEdge = _trackToEdge.AsSpan(0, tracks);
        trackToEdge.Fill(-1);
        for (int c = 0; c < _clusters.Count; c++)
        {
            var edges = _clusters.EdgesOf(c);
            if (!CarriesIdentity(edges, measurements) && _jpda.TrySolve(_graph, edges, tracks, m, _missWeight))
            {
                for (int i = 0; i < _jpda.TrackCount; i++)
                    missBeta[_jpda.TrackOf(i)] = _jpda.MissProbability(i);
                for (int k = 0; k < edges.Length; k++)
                    edgeBeta[edges[k]] = _jpda.EdgeProbability(k);
                LastJpdaClusters++;
                continue;
            }

            _gnn.SolveCluster(_graph, edges, trackToEdge);
            foreach (int e in edges)
            {
                int t = _graph.Track[e];
                if (trackToEdge[t] == e)
                {
                    edgeBeta[e] = 1;
                    missBeta[t] = 0;
                }
            }

            LastGnnClusters++;
        }
    }

    private void BuildGraph(IReadOnlyList<Hypothesis> hypotheses, int tracks, string sensorId)
    {
        bool given = _clutterDensities.TryGetValue(sensorId, out double density);
        SpatialGrid.Ensure(ref _gated, tracks);
        _gated.AsSpan(0, tracks).Clear();
        foreach (var h in hypotheses)
            _gated[h.TrackIndex]++;
        _graph.Clear();
        foreach (var h in hypotheses)
        {
            var innovation = h.Innovation;
            int n = innovation.Dim;
            double logWeight = given
                ? Math.Log(_detectionProbability / density) - (0.5 * (innovation.DistanceSquared + innovation.LogDetS + (n * Math.Log(2 * Math.PI))))
                : Math.Log(_detectionProbability * _gateFactor[n] / _gated[h.TrackIndex]) - (0.5 * innovation.DistanceSquared);
            _graph.Add(h.TrackIndex, h.MeasurementIndex, h.Cost, h.GateCost, Math.Exp(logWeight));
        }
    }

    private bool CarriesIdentity(ReadOnlySpan<int> edges, IReadOnlyList<Measurement> measurements)
    {
        foreach (int e in edges)
        {
            var measurement = measurements[_graph.Measurement[e]];
            if (measurement.CooperativeId is not null || measurement.SourceTrackId is not null)
                return true;
        }

        return false;
    }
}
