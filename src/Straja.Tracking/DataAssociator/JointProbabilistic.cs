namespace Straja.Tracking;

/// <summary>
/// Joint probabilistic data association for one cluster of a <see cref="GatingGraph"/>: enumerates every
/// feasible joint event (each track takes at most one of its gated measurements, each measurement goes to at
/// most one track) and turns their weights into marginal probabilities β per edge and β₀ per track (no
/// measurement is the track's). An event's weight is Π w_ij over the detected tracks × Π (1 − P_D P_G) over
/// the others, with w_ij = P_D g_ij / λ the edge's <see cref="GatingGraph.Weight"/> (Bar-Shalom, Daum, Huang,
/// "The probabilistic data association filter", IEEE Control Systems 29(6), 2009).
/// </summary>
/// <remarks>
/// <para>
/// <b>Coalescence avoidance (JPDA*).</b> Plain JPDA lets two close tracks share each other's measurements and
/// drift together. With <c>avoidCoalescence</c>, of all the events that give the same set of measurements to
/// the same set of tracks — permutations of one another — only the likeliest is kept (Blom, Bloem, "Probabilistic
/// data association avoiding track coalescence", IEEE TAC 45(2), 2000). Done in two passes over the events: the
/// first records the best weight of each (tracks detected, measurements used) key, the second sums only the
/// events that reach it (the first such in enumeration order, should two tie).
/// </para>
/// <para>
/// <b>Bounded work.</b> A cluster with more than <c>maxTracks</c> tracks or <c>maxMeasurements</c> measurements,
/// or whose enumeration passes <c>maxEvents</c> events, is refused (<see cref="TrySolve"/> returns false) so the
/// caller can split it or fall back to GNN. Buffers are sized once from the caps; nothing is allocated per call.
/// </para>
/// </remarks>
internal sealed class JointProbabilisticAssociator
{
    private const int MaxTracksLimit = 16;
    private const int MaxMeasurementsLimit = 48;

    private readonly int _maxTracks, _maxMeasurements, _maxEvents;
    private readonly bool _avoidCoalescence;
    private readonly int[] _trackOf, _edgeStart, _localEdge, _localMeasurement, _chosen;
    private readonly double[] _edgeWeight, _missWeight;
    private readonly ulong[] _keys;
    private readonly double[] _best;
    private readonly int[] _stamp;
    private readonly bool[] _taken;
    private readonly int _tableMask;
    private int[] _rowOfTrack = [];
    private int[] _colOfMeasurement = [];
    private double[] _edgeBeta = new double[64];
    private readonly double[] _missBeta;
    private int _generation, _tracks, _events;
    private double _total;
    private bool _secondPass;

    public JointProbabilisticAssociator(int maxTracks, int maxMeasurements, int maxEvents, bool avoidCoalescence)
    {
        if (maxTracks is < 1 or > MaxTracksLimit)
            throw new ArgumentOutOfRangeException(nameof(maxTracks), maxTracks, $"JPDA clusters hold 1..{MaxTracksLimit} tracks.");
        if (maxMeasurements is < 1 or > MaxMeasurementsLimit)
            throw new ArgumentOutOfRangeException(nameof(maxMeasurements), maxMeasurements, $"JPDA clusters hold 1..{MaxMeasurementsLimit} measurements.");
        if (maxEvents is < 1 or > 1 << 22)
            throw new ArgumentOutOfRangeException(nameof(maxEvents), maxEvents, "The JPDA event budget must be in 1..4194304.");
        _maxTracks = maxTracks;
        _maxMeasurements = maxMeasurements;
        _maxEvents = maxEvents;
        _avoidCoalescence = avoidCoalescence;
        _trackOf = new int[maxTracks];
        _chosen = new int[maxTracks];
        _missWeight = new double[maxTracks];
        _missBeta = new double[maxTracks];
        _edgeStart = new int[maxTracks + 1];
        int maxEdges = maxTracks * maxMeasurements;
        _localEdge = new int[maxEdges];
        _localMeasurement = new int[maxEdges];
        _edgeWeight = new double[maxEdges];
        int capacity = 16;
        while (capacity < 2 * maxEvents)
            capacity <<= 1;
        _keys = new ulong[capacity];
        _best = new double[capacity];
        _stamp = new int[capacity];
        _taken = new bool[capacity];
        _tableMask = capacity - 1;
    }

    /// <summary>Tracks of the last solved cluster (local index → global track).</summary>
    public int TrackCount => _tracks;

    public int TrackOf(int local) => _trackOf[local];

    /// <summary>β₀ of local track <paramref name="local"/>: probability that none of its measurements is its own.</summary>
    public double MissProbability(int local) => _missBeta[local];

    /// <summary>β of the k-th edge of the cluster passed to the last <see cref="TrySolve"/>.</summary>
    public double EdgeProbability(int k) => _edgeBeta[k];

    /// <summary>
    /// Computes β for every edge of the cluster and β₀ for each of its tracks. <paramref name="missWeight"/> is
    /// 1 − P_D P_G. Returns false, computing nothing, when the cluster is over the caps.
    /// </summary>
    public bool TrySolve(GatingGraph graph, ReadOnlySpan<int> edges, int tracks, int measurements, double missWeight)
    {
        if (_rowOfTrack.Length < tracks)
        {
            _rowOfTrack = new int[Math.Max(tracks, 2 * _rowOfTrack.Length)];
            Array.Fill(_rowOfTrack, -1);
        }

        if (_colOfMeasurement.Length < measurements)
        {
            _colOfMeasurement = new int[Math.Max(measurements, 2 * _colOfMeasurement.Length)];
            Array.Fill(_colOfMeasurement, -1);
        }

        bool fits = Index(graph, edges);
        if (fits)
            fits = Enumerate(edges.Length, missWeight);
        for (int i = 0; i < _tracks; i++)
            _rowOfTrack[_trackOf[i]] = -1;
        foreach (int e in edges)
            _colOfMeasurement[graph.Measurement[e]] = -1;
        return fits;
    }

    // Local tracks and measurements by first appearance; each track's edges grouped (CSR) with weights
    // normalised per track — scaling all of one track's options by one factor scales every event alike.
    private bool Index(GatingGraph graph, ReadOnlySpan<int> edges)
    {
        _tracks = 0;
        int measurementsSeen = 0;
        if (edges.Length > _localEdge.Length)
            return false;
        foreach (int e in edges)
        {
            int track = graph.Track[e], measurement = graph.Measurement[e];
            if (_rowOfTrack[track] < 0)
            {
                if (_tracks == _maxTracks)
                    return false;
                _rowOfTrack[track] = _tracks;
                _trackOf[_tracks++] = track;
            }

            if (_colOfMeasurement[measurement] < 0)
            {
                if (measurementsSeen == _maxMeasurements)
                    return false;
                _colOfMeasurement[measurement] = measurementsSeen++;
            }
        }

        _edgeStart.AsSpan(0, _tracks + 1).Clear();
        foreach (int e in edges)
            _edgeStart[_rowOfTrack[graph.Track[e]] + 1]++;
        for (int i = 0; i < _tracks; i++)
            _edgeStart[i + 1] += _edgeStart[i];
        for (int k = 0; k < edges.Length; k++)
        {
            int e = edges[k];
            int slot = _edgeStart[_rowOfTrack[graph.Track[e]]]++;
            _localEdge[slot] = k;
            _localMeasurement[slot] = _colOfMeasurement[graph.Measurement[e]];
            _edgeWeight[slot] = graph.Weight[e];
        }

        for (int i = _tracks; i > 0; i--)
            _edgeStart[i] = _edgeStart[i - 1];
        _edgeStart[0] = 0;
        return true;
    }

    private bool Enumerate(int edgeCount, double missWeight)
    {
        for (int i = 0; i < _tracks; i++)
        {
            double scale = missWeight;
            for (int s = _edgeStart[i]; s < _edgeStart[i + 1]; s++)
                scale = Math.Max(scale, _edgeWeight[s]);
            scale = scale > 0 ? scale : 1;
            _missWeight[i] = missWeight / scale;
            for (int s = _edgeStart[i]; s < _edgeStart[i + 1]; s++)
                _edgeWeight[s] /= scale;
        }

        _generation++;
        if (_generation == int.MaxValue)
        {
            Array.Clear(_stamp);
            _generation = 1;
        }

        _events = 0;
        _secondPass = false;
        if (!Visit(0, 0, 0, 1))
            return false;

        if (_edgeBeta.Length < edgeCount)
            _edgeBeta = new double[Math.Max(edgeCount, 2 * _edgeBeta.Length)];
        _edgeBeta.AsSpan(0, edgeCount).Clear();
        _missBeta.AsSpan(0, _tracks).Clear();
        _total = 0;
        _secondPass = true;
        Visit(0, 0, 0, 1);
        if (!(_total > 0))
        {
            // Every event underflowed: no information, so call every track missed.
            _missBeta.AsSpan(0, _tracks).Fill(1);
            return true;
        }

        double inverse = 1 / _total;
        for (int k = 0; k < edgeCount; k++)
            _edgeBeta[k] *= inverse;
        for (int i = 0; i < _tracks; i++)
            _missBeta[i] *= inverse;
        return true;
    }

    // Depth-first over tracks: track i takes nothing or one still-free gated measurement. Depth ≤ 16.
    private bool Visit(int i, ulong trackMask, ulong measurementMask, double weight)
    {
        if (i == _tracks)
            return Event(trackMask, measurementMask, weight);

        _chosen[i] = -1;
        if (!Visit(i + 1, trackMask, measurementMask, weight * _missWeight[i]))
            return false;
        for (int s = _edgeStart[i]; s < _edgeStart[i + 1]; s++)
        {
            ulong bit = 1UL << _localMeasurement[s];
            if ((measurementMask & bit) != 0)
                continue;
            _chosen[i] = s;
            if (!Visit(i + 1, trackMask | (1UL << i), measurementMask | bit, weight * _edgeWeight[s]))
                return false;
        }

        _chosen[i] = -1;
        return true;
    }

    private bool Event(ulong trackMask, ulong measurementMask, double weight)
    {
        if (!_secondPass)
        {
            if (++_events > _maxEvents)
                return false;
            if (_avoidCoalescence)
            {
                int slot = Slot(trackMask, measurementMask);
                if (_stamp[slot] != _generation)
                {
                    _stamp[slot] = _generation;
                    _keys[slot] = (trackMask << MaxMeasurementsLimit) | measurementMask;
                    _best[slot] = weight;
                    _taken[slot] = false;
                }
                else if (weight > _best[slot])
                {
                    _best[slot] = weight;
                }
            }

            return true;
        }

        if (_avoidCoalescence)
        {
            int slot = Slot(trackMask, measurementMask);
            if (_taken[slot] || weight < _best[slot])
                return true;
            _taken[slot] = true;
        }

        _total += weight;
        for (int t = 0; t < _tracks; t++)
        {
            if (_chosen[t] < 0)
                _missBeta[t] += weight;
            else
                _edgeBeta[_localEdge[_chosen[t]]] += weight;
        }

        return true;
    }

    private int Slot(ulong trackMask, ulong measurementMask)
    {
        ulong key = (trackMask << MaxMeasurementsLimit) | measurementMask;
        int slot = (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> 40) & _tableMask;
        while (_stamp[slot] == _generation && _keys[slot] != key)
            slot = (slot + 1) & _tableMask;
        return slot;
    }
}
