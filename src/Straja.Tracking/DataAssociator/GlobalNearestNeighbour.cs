namespace Straja.Tracking;

/// <summary>
/// Global nearest neighbour: the one joint assignment of measurements to tracks with the least total cost,
/// solved optimally by <see cref="Assignment"/>. Leaving a track or a measurement unassigned has a price
/// (half its cheapest gate-edge cost each), added as dummy columns and rows, so a pair is only taken when
/// it beats leaving both sides free — a single isolated pair is taken exactly when it is inside the gate.
/// Tracks and measurements that share no edge cannot affect each other's choice, so the problem is split
/// into connected clusters first (<see cref="EdgeClusters"/>) and each is solved alone: O(n³) in the largest
/// cluster, not the scene. Buffers are reused: no allocation per scan in steady state (clusters up to 127
/// tracks + measurements; beyond that the solver's own work arrays are allocated).
/// </summary>
internal sealed class GlobalNearestNeighbour
{
    private readonly GatingGraph _graph = new();
    private readonly EdgeClusters _clusters = new();
    private int[] _rowOfTrack = [];
    private int[] _colOfMeasurement = [];
    private int[] _rowTrack = new int[16];
    private int[] _colMeasurement = new int[16];
    private int[] _pairOf = new int[256];
    private double[] _trackMiss = new double[16];
    private double[] _measurementMiss = new double[16];
    private double[] _cost = new double[1024];
    private int[] _rowToCol = new int[32];

    /// <summary>Fills <paramref name="trackToHypothesis"/> with the index of each track's chosen hypothesis, or −1.</summary>
    public void Associate(IReadOnlyList<Hypothesis> hypotheses, Span<int> trackToHypothesis)
    {
        _graph.Clear();
        int measurements = 0;
        for (int k = 0; k < hypotheses.Count; k++)
        {
            var h = hypotheses[k];
            _graph.Add(h.TrackIndex, h.MeasurementIndex, h.Cost, h.GateCost);
            measurements = Math.Max(measurements, h.MeasurementIndex + 1);
        }

        Associate(_graph, trackToHypothesis.Length, measurements, trackToHypothesis);
    }

    /// <summary>Fills <paramref name="trackToEdge"/> (one entry per track) with each track's chosen edge of <paramref name="graph"/>, or −1.</summary>
    public void Associate(GatingGraph graph, int tracks, int measurements, Span<int> trackToEdge)
    {
        trackToEdge.Fill(-1);
        _clusters.Build(graph, tracks, measurements);
        PrepareMaps(tracks, measurements);
        for (int c = 0; c < _clusters.Count; c++)
            SolveCluster(graph, _clusters.EdgesOf(c), trackToEdge);
    }

    /// <summary>Sizes the global-to-local maps; call before <see cref="SolveCluster"/> with the scene's counts.</summary>
    public void PrepareMaps(int tracks, int measurements)
    {
        if (_rowOfTrack.Length < tracks)
        {
            _rowOfTrack = new int[Math.Max(Math.Max(tracks, 64), 2 * _rowOfTrack.Length)];
            Array.Fill(_rowOfTrack, -1);
        }

        if (_colOfMeasurement.Length < measurements)
        {
            _colOfMeasurement = new int[Math.Max(Math.Max(measurements, 64), 2 * _colOfMeasurement.Length)];
            Array.Fill(_colOfMeasurement, -1);
        }
    }

    /// <summary>Solves one connected cluster given by its edges; writes the chosen edge of each of its tracks.</summary>
    public void SolveCluster(GatingGraph graph, ReadOnlySpan<int> edges, Span<int> trackToEdge)
    {
        if (edges.Length == 1)
        {
            // An isolated pair inside the gate: its cost is below the two half gate costs of leaving it.
            trackToEdge[graph.Track[edges[0]]] = edges[0];
            return;
        }

        // Rows: tracks in order of first appearance; columns: measurements likewise.
        int t = 0, m = 0;
        foreach (int e in edges)
        {
            if (_rowOfTrack[graph.Track[e]] < 0)
            {
                SpatialGrid.Ensure(ref _rowTrack, t + 1);
                _rowOfTrack[graph.Track[e]] = t;
                _rowTrack[t++] = graph.Track[e];
            }

            if (_colOfMeasurement[graph.Measurement[e]] < 0)
            {
                SpatialGrid.Ensure(ref _colMeasurement, m + 1);
                _colOfMeasurement[graph.Measurement[e]] = m;
                _colMeasurement[m++] = graph.Measurement[e];
            }
        }

        // Rows: tracks, then one dummy row per measurement ("measurement unassigned").
        // Columns: measurements, then one dummy column per track ("track unassigned").
        int size = t + m;
        SpatialGrid.Ensure(ref _cost, size * size);
        SpatialGrid.Ensure(ref _pairOf, t * m);
        SpatialGrid.Ensure(ref _trackMiss, t);
        SpatialGrid.Ensure(ref _measurementMiss, m);
        SpatialGrid.Ensure(ref _rowToCol, size);
        var cost = _cost.AsSpan(0, size * size);
        cost.Fill(double.PositiveInfinity);
        _trackMiss.AsSpan(0, t).Fill(double.PositiveInfinity);
        _measurementMiss.AsSpan(0, m).Fill(double.PositiveInfinity);
        foreach (int e in edges)
        {
            int row = _rowOfTrack[graph.Track[e]], col = _colOfMeasurement[graph.Measurement[e]];
            cost[(row * size) + col] = graph.Cost[e];
            _pairOf[(row * m) + col] = e;
            _trackMiss[row] = Math.Min(_trackMiss[row], graph.GateCost[e] / 2);
            _measurementMiss[col] = Math.Min(_measurementMiss[col], graph.GateCost[e] / 2);
        }

        for (int row = 0; row < t; row++)
            cost[(row * size) + m + row] = _trackMiss[row];
        for (int col = 0; col < m; col++)
        {
            int dummyRow = t + col;
            cost[(dummyRow * size) + col] = _measurementMiss[col];
            cost.Slice((dummyRow * size) + m, t).Clear();
        }

        var rowToCol = _rowToCol.AsSpan(0, size);
        Assignment.Solve(cost, size, size, rowToCol);
        for (int row = 0; row < t; row++)
        {
            int col = rowToCol[row];
            if (col >= 0 && col < m)
                trackToEdge[_rowTrack[row]] = _pairOf[(row * m) + col];
        }

        // Leave the maps all −1 for the next cluster, touching only what this one used.
        for (int row = 0; row < t; row++)
            _rowOfTrack[_rowTrack[row]] = -1;
        for (int col = 0; col < m; col++)
            _colOfMeasurement[_colMeasurement[col]] = -1;
    }
}
