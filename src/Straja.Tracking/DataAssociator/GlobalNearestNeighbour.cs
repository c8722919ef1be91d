namespace Straja.Tracking;

/// <summary>
/// Global nearest neighbour: the one joint assignment of measurements to tracks with the least total cost,
/// solved optimally by <see cref="Assignment"/>. Leaving a track or a measurement unassigned has a price
/// (half its cheapest gate-edge cost each), added as dummy columns and rows, so a pair is only taken when
/// it beats leaving both sides free — a single isolated pair is taken exactly when it is inside the gate.
/// Tracks and measurements that share no hypothesis cannot affect each other's choice, so the problem is
/// split into connected clusters first and each is solved alone: O(n³) in the largest cluster, not the scene.
/// </summary>
internal sealed class GlobalNearestNeighbour
{
    private readonly Dictionary<int, int> _nodeOfTrack = [];
    private readonly Dictionary<int, int> _nodeOfMeasurement = [];
    private readonly List<int> _parent = [];
    private readonly Dictionary<int, List<int>> _clusterHypotheses = [];
    private readonly List<int> _clusterOrder = [];

    /// <summary>Fills <paramref name="trackToHypothesis"/> with the index of each track's chosen hypothesis, or −1.</summary>
    public void Associate(IReadOnlyList<Hypothesis> hypotheses, Span<int> trackToHypothesis)
    {
        trackToHypothesis.Fill(-1);
        Cluster(hypotheses);
        foreach (var root in _clusterOrder)
            SolveCluster(hypotheses, _clusterHypotheses[root], trackToHypothesis);
    }

    // Union-find over track and measurement nodes; clusters are listed in order of their first hypothesis,
    // which is deterministic because hypotheses are generated in (track, measurement) order.
    private void Cluster(IReadOnlyList<Hypothesis> hypotheses)
    {
        _nodeOfTrack.Clear();
        _nodeOfMeasurement.Clear();
        _parent.Clear();
        _clusterHypotheses.Clear();
        _clusterOrder.Clear();
        foreach (var hypothesis in hypotheses)
        {
            var a = Node(_nodeOfTrack, hypothesis.TrackIndex);
            var b = Node(_nodeOfMeasurement, hypothesis.MeasurementIndex);
            _parent[Find(a)] = Find(b);
        }

        for (var h = 0; h < hypotheses.Count; h++)
        {
            var root = Find(_nodeOfTrack[hypotheses[h].TrackIndex]);
            if (!_clusterHypotheses.TryGetValue(root, out var members))
            {
                members = [];
                _clusterHypotheses[root] = members;
                _clusterOrder.Add(root);
            }

            members.Add(h);
        }
    }

    private int Node(Dictionary<int, int> nodes, int key)
    {
        if (!nodes.TryGetValue(key, out var node))
        {
            node = _parent.Count;
            nodes[key] = node;
            _parent.Add(node);
        }

        return node;
    }

    private int Find(int node)
    {
        while (_parent[node] != node)
        {
            _parent[node] = _parent[_parent[node]];
            node = _parent[node];
        }

        return node;
    }

    private static void SolveCluster(IReadOnlyList<Hypothesis> hypotheses, List<int> members, Span<int> trackToHypothesis)
    {
        var tracks = new List<int>();
        var measurements = new List<int>();
        var rowOfTrack = new Dictionary<int, int>();
        var colOfMeasurement = new Dictionary<int, int>();
        foreach (var h in members)
        {
            if (rowOfTrack.TryAdd(hypotheses[h].TrackIndex, tracks.Count))
                tracks.Add(hypotheses[h].TrackIndex);
            if (colOfMeasurement.TryAdd(hypotheses[h].MeasurementIndex, measurements.Count))
                measurements.Add(hypotheses[h].MeasurementIndex);
        }

        // Rows: tracks, then one dummy row per measurement ("measurement unassigned").
        // Columns: measurements, then one dummy column per track ("track unassigned").
        int t = tracks.Count, m = measurements.Count, size = t + m;
        var cost = new double[size * size];
        Array.Fill(cost, double.PositiveInfinity);
        var pairOf = new int[t * m];
        var trackMiss = new double[t];
        var measurementMiss = new double[m];
        Array.Fill(trackMiss, double.PositiveInfinity);
        Array.Fill(measurementMiss, double.PositiveInfinity);
        foreach (var h in members)
        {
            var hypothesis = hypotheses[h];
            var row = rowOfTrack[hypothesis.TrackIndex];
            var col = colOfMeasurement[hypothesis.MeasurementIndex];
            cost[(row * size) + col] = hypothesis.Cost;
            pairOf[(row * m) + col] = h;
            trackMiss[row] = Math.Min(trackMiss[row], hypothesis.GateCost / 2);
            measurementMiss[col] = Math.Min(measurementMiss[col], hypothesis.GateCost / 2);
        }

        for (var row = 0; row < t; row++)
            cost[(row * size) + m + row] = trackMiss[row];
        for (var col = 0; col < m; col++)
        {
            var dummyRow = t + col;
            cost[(dummyRow * size) + col] = measurementMiss[col];
            Array.Fill(cost, 0, (dummyRow * size) + m, t);
        }

        var rowToCol = new int[size];
        Assignment.Solve(cost, size, size, rowToCol);
        for (var row = 0; row < t; row++)
        {
            var col = rowToCol[row];
            if (col >= 0 && col < m)
                trackToHypothesis[tracks[row]] = pairOf[(row * m) + col];
        }
    }
}
