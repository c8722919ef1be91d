namespace Straja.Tracking;

/// <summary>
/// The gating graph of one scan in struct-of-arrays form: one edge per (track, measurement) pair inside the
/// gate, with what the associators need. Reused across scans; grows to the largest scan and then stops allocating.
/// </summary>
internal sealed class GatingGraph
{
    public int[] Track = new int[64];
    public int[] Measurement = new int[64];
    /// <summary>GNN cost: d² + ln det S (less any cooperative bonus).</summary>
    public double[] Cost = new double[64];
    /// <summary>The cost at the gate edge, G + ln det S: the price of leaving either end unassigned.</summary>
    public double[] GateCost = new double[64];
    /// <summary>JPDA likelihood ratio of the pair, P_D g(z) / λ; 0 when unused.</summary>
    public double[] Weight = new double[64];

    public int Count { get; private set; }

    public void Clear() => Count = 0;

    public void Add(int track, int measurement, double cost, double gateCost, double weight = 0)
    {
        if (Count == Track.Length)
        {
            int size = 2 * Count;
            Array.Resize(ref Track, size);
            Array.Resize(ref Measurement, size);
            Array.Resize(ref Cost, size);
            Array.Resize(ref GateCost, size);
            Array.Resize(ref Weight, size);
        }

        Track[Count] = track;
        Measurement[Count] = measurement;
        Cost[Count] = cost;
        GateCost[Count] = gateCost;
        Weight[Count] = weight;
        Count++;
    }
}

/// <summary>
/// Connected components of a <see cref="GatingGraph"/> by union-find over track and measurement nodes. Tracks
/// and measurements that share no edge cannot affect each other's association, so each component is solved
/// alone. Components are numbered in order of their first edge and list their edges in graph order, which
/// keeps every downstream choice deterministic. O(edges + tracks + measurements), no allocation in steady state.
/// </summary>
internal sealed class EdgeClusters
{
    private int[] _parent = new int[64];
    private int[] _clusterOfRoot = new int[64];
    private int[] _clusterOfEdge = new int[64];
    private int[] _start = new int[16];
    private int[] _edges = new int[64];

    public int Count { get; private set; }

    /// <summary>The edges of component <paramref name="cluster"/>, in graph order.</summary>
    public ReadOnlySpan<int> EdgesOf(int cluster) => _edges.AsSpan(_start[cluster], _start[cluster + 1] - _start[cluster]);

    /// <summary>Finds the components of <paramref name="graph"/> restricted to the edges in <paramref name="subset"/> (all when empty-default).</summary>
    public void Build(GatingGraph graph, int tracks, int measurements) => Build(graph, tracks, measurements, default, allEdges: true);

    /// <summary>Finds the components formed by only the listed edges (used to split one oversized component).</summary>
    public void Build(GatingGraph graph, int tracks, int measurements, ReadOnlySpan<int> subset) => Build(graph, tracks, measurements, subset, allEdges: false);

    private void Build(GatingGraph graph, int tracks, int measurements, ReadOnlySpan<int> subset, bool allEdges)
    {
        int nodes = tracks + measurements;
        int edgeCount = allEdges ? graph.Count : subset.Length;
        SpatialGrid.Ensure(ref _parent, nodes);
        SpatialGrid.Ensure(ref _clusterOfRoot, nodes);
        SpatialGrid.Ensure(ref _clusterOfEdge, edgeCount);
        SpatialGrid.Ensure(ref _edges, edgeCount);
        for (int i = 0; i < nodes; i++)
        {
            _parent[i] = i;
            _clusterOfRoot[i] = -1;
        }

        for (int k = 0; k < edgeCount; k++)
        {
            int e = allEdges ? k : subset[k];
            int a = Find(graph.Track[e]), b = Find(tracks + graph.Measurement[e]);
            if (a != b)
                _parent[a] = b;
        }

        Count = 0;
        for (int k = 0; k < edgeCount; k++)
        {
            int e = allEdges ? k : subset[k];
            int root = Find(graph.Track[e]);
            if (_clusterOfRoot[root] < 0)
                _clusterOfRoot[root] = Count++;
            _clusterOfEdge[k] = _clusterOfRoot[root];
        }

        // Counting sort of the edges by component, stable so each component keeps graph order.
        SpatialGrid.Ensure(ref _start, Count + 1);
        _start.AsSpan(0, Count + 1).Clear();
        for (int k = 0; k < edgeCount; k++)
            _start[_clusterOfEdge[k] + 1]++;
        for (int c = 0; c < Count; c++)
            _start[c + 1] += _start[c];
        for (int k = 0; k < edgeCount; k++)
            _edges[_start[_clusterOfEdge[k]]++] = allEdges ? k : subset[k];
        for (int c = Count; c > 0; c--)
            _start[c] = _start[c - 1];
        _start[0] = 0;
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
}
