namespace Straja.Tracking.Planar;

/// <summary>
/// A fast multi-target tracker for 2D position detections: nearly-constant-velocity Kalman filters held as
/// struct-of-arrays, gating through a <see cref="SpatialGrid"/>, association per connected cluster (optimal
/// GNN, or JPDA* with splitting and a GNN fallback), and track confirmation and deletion by a
/// log-likelihood-ratio score that uses P_D and the clutter density. Pure and deterministic; not thread-safe.
/// </summary>
/// <remarks>
/// Every buffer grows to the largest scene seen and is then reused: in steady state <see cref="Process"/>
/// allocates nothing. The x and y axes share one 4×4 covariance (10 numbers per track), which JPDA needs: its
/// spread-of-innovations term couples the axes.
/// </remarks>
public sealed partial class PlanarTracker
{
    // Rounding slack on the gate radius, so the grid never drops a pair the exact test would keep.
    private const double RadiusSlack = 1 + 1e-6;
    private const int Cov = 10; // xx xy xvx xvy yy yvx yvy vxvx vxvy vyvy

    private readonly PlanarOptions _options;
    private readonly bool _exhaustiveGating;
    private readonly double _gate, _splitGate, _r2, _logPdOverClutter, _missWeight, _newScore;
    private readonly SpatialGrid _grid = new();
    private readonly GatingGraph _graph = new();
    private readonly EdgeClusters _clusters = new();
    private readonly EdgeClusters _split = new();
    private readonly GlobalNearestNeighbour _gnn = new();
    private readonly JointProbabilisticAssociator? _jpda;

    // Track state, struct-of-arrays.
    private long[] _id = new long[16];
    private double[] _x = new double[16], _y = new double[16], _vx = new double[16], _vy = new double[16];
    private double[] _p = new double[16 * Cov];
    private double[] _score = new double[16], _bestScore = new double[16];
    private bool[] _confirmed = new bool[16];
    private int[] _hits = new int[16];

    // Per-scan work, per track.
    private double[] _sxx = new double[16], _sxy = new double[16], _syy = new double[16];
    private double[] _ixx = new double[16], _ixy = new double[16], _iyy = new double[16];
    private double[] _logNorm = new double[16], _radius = new double[16];
    private double[] _accBeta = new double[16], _accNuX = new double[16], _accNuY = new double[16];
    private double[] _accXX = new double[16], _accXY = new double[16], _accYY = new double[16];
    private double[] _scoreGain = new double[16];
    private int[] _trackToEdge = new int[16];

    // Per-scan work, per measurement and per edge.
    private double[] _mx = new double[64], _my = new double[64];
    private bool[] _used = new bool[64];
    private double[] _claimed = new double[64];
    private int[] _candidates = new int[64];
    private int[] _subset = new int[64];
    private double[] _d2 = new double[64], _logWeight = new double[64];

    private int _count;
    private long _nextId = 1;
    private double _timeS = double.NegativeInfinity;

    public PlanarTracker(PlanarOptions options)
        : this(options, exhaustiveGating: false)
    {
    }

    /// <summary>
    /// The O(tracks × detections) reference: the same tracker with every pair compared instead of the grid. It
    /// gives exactly the same tracks; benchmarks run it beside the fast path to show what the index buys.
    /// </summary>
    public static PlanarTracker CreateExhaustive(PlanarOptions options) => new(options, exhaustiveGating: true);

    /// <param name="exhaustiveGating">Compare every track with every detection (the O(n·m) textbook baseline).</param>
    internal PlanarTracker(PlanarOptions options, bool exhaustiveGating)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _exhaustiveGating = exhaustiveGating;
        _gate = ChiSquare.Quantile(options.GateProbability, 2);
        _splitGate = ChiSquare.Quantile(0.99, 2) < _gate ? ChiSquare.Quantile(0.99, 2) : _gate / 2;
        _r2 = options.MeasurementStdM * options.MeasurementStdM;
        _logPdOverClutter = Math.Log(options.DetectionProbability / options.ClutterDensity);
        _missWeight = 1 - (options.DetectionProbability * options.GateProbability);
        _newScore = Math.Log(options.NewTargetDensity / options.ClutterDensity);
        if (options.Association == PlanarAssociation.Jpda)
            _jpda = new JointProbabilisticAssociator(options.JpdaMaxTracks, options.JpdaMaxMeasurements, options.JpdaMaxEvents, options.AvoidCoalescence);
    }

    /// <summary>Live tracks (tentative and confirmed), in order of id.</summary>
    public int Count => _count;

    /// <summary>The time of the last scan processed, s.</summary>
    public double TimeS => _timeS;

    /// <summary>The <paramref name="index"/>-th live track (0 ≤ index &lt; <see cref="Count"/>), ordered by id.</summary>
    public PlanarTrack this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            int o = index * Cov;
            double a = _p[o], b = _p[o + 1], c = _p[o + 4];
            double largest = (0.5 * (a + c)) + Math.Sqrt((0.25 * (a - c) * (a - c)) + (b * b));
            return new PlanarTrack(_id[index], _confirmed[index], _x[index], _y[index], _vx[index], _vy[index],
                _score[index], Math.Sqrt(Math.Max(0, largest)), _hits[index]);
        }
    }

    /// <summary>Edges in the last scan's gating graph (pairs inside a gate).</summary>
    internal int LastEdges { get; private set; }

    /// <summary>Clusters of the last scan solved by JPDA, and those handed to GNN because they were too big even after splitting.</summary>
    internal int LastJpdaClusters { get; private set; }

    internal int LastGnnFallbacks { get; private set; }

    /// <summary>
    /// Processes one scan: predict every track to <paramref name="timeS"/>, gate, associate per cluster, update,
    /// score, confirm, delete, and start tentative tracks from the detections nothing claimed. Scans must come in
    /// non-decreasing time; several scans may share a time (several sensors).
    /// </summary>
    public PlanarScanResult Process(double timeS, ReadOnlySpan<PlanarDetection> detections)
    {
        if (!double.IsFinite(timeS))
            throw new ArgumentException($"Scan time must be finite, was {timeS}.", nameof(timeS));
        if (timeS < _timeS)
            throw new ArgumentException($"Scan at {timeS} s is older than the last processed scan at {_timeS} s; scans must come in non-decreasing time.", nameof(timeS));
        for (int j = 0; j < detections.Length; j++)
        {
            if (!double.IsFinite(detections[j].XM) || !double.IsFinite(detections[j].YM))
                throw new ArgumentException($"Detection {j} of the scan at {timeS} s is not finite: ({detections[j].XM}, {detections[j].YM}).", nameof(detections));
        }

        if (_count > 0 && timeS > _timeS)
            Predict(timeS - _timeS);
        _timeS = timeS;

        int m = detections.Length;
        PrepareMeasurements(detections);
        Innovations();
        Gate(m);
        Associate(m);
        int updated = Update();
        int confirmed = 0, deleted = Judge(ref confirmed);
        int initiated = Initiate(m, ref confirmed);
        return new PlanarScanResult(updated, initiated, confirmed, deleted);
    }

    private void Predict(double dt)
    {
        double q = _options.ProcessNoise, dt2 = dt * dt;
        double qPos = q * dt2 * dt / 3, qCross = q * dt2 / 2, qVel = q * dt;
        var p = _p.AsSpan(0, _count * Cov);
        for (int t = 0; t < _count; t++)
        {
            _x[t] += dt * _vx[t];
            _y[t] += dt * _vy[t];
            var c = p.Slice(t * Cov, Cov);
            double xx = c[0], xy = c[1], xa = c[2], xb = c[3], yy = c[4], ya = c[5], yb = c[6], aa = c[7], ab = c[8], bb = c[9];
            c[0] = xx + (2 * dt * xa) + (dt2 * aa) + qPos;
            c[1] = xy + (dt * (xb + ya)) + (dt2 * ab);
            c[2] = xa + (dt * aa) + qCross;
            c[3] = xb + (dt * ab);
            c[4] = yy + (2 * dt * yb) + (dt2 * bb) + qPos;
            c[5] = ya + (dt * ab);
            c[6] = yb + (dt * bb) + qCross;
            c[7] = aa + qVel;
            c[9] = bb + qVel;
        }
    }

    private void PrepareMeasurements(ReadOnlySpan<PlanarDetection> detections)
    {
        int m = detections.Length;
        SpatialGrid.Ensure(ref _mx, m);
        SpatialGrid.Ensure(ref _my, m);
        SpatialGrid.Ensure(ref _used, m);
        SpatialGrid.Ensure(ref _claimed, m);
        for (int j = 0; j < m; j++)
        {
            _mx[j] = detections[j].XM;
            _my[j] = detections[j].YM;
        }

        _used.AsSpan(0, m).Clear();
        _claimed.AsSpan(0, m).Clear();
    }

    // S = P_pos + r² I per track, its inverse, ln(2π √det S), and the gate's radius √(G λmax(S)).
    private void Innovations()
    {
        for (int t = 0; t < _count; t++)
        {
            int o = t * Cov;
            double sxx = _p[o] + _r2, sxy = _p[o + 1], syy = _p[o + 4] + _r2;
            double det = (sxx * syy) - (sxy * sxy);
            _sxx[t] = sxx;
            _sxy[t] = sxy;
            _syy[t] = syy;
            _ixx[t] = syy / det;
            _ixy[t] = -sxy / det;
            _iyy[t] = sxx / det;
            _logNorm[t] = Math.Log(2 * Math.PI) + (0.5 * Math.Log(det));
            double largest = (0.5 * (sxx + syy)) + Math.Sqrt((0.25 * (sxx - syy) * (sxx - syy)) + (sxy * sxy));
            _radius[t] = Math.Sqrt(_gate * largest) * RadiusSlack;
            _accBeta[t] = _accNuX[t] = _accNuY[t] = _accXX[t] = _accXY[t] = _accYY[t] = 0;
            _scoreGain[t] = 0;
        }
    }

    private void Gate(int m)
    {
        _graph.Clear();
        if (_count == 0 || m == 0)
        {
            LastEdges = 0;
            return;
        }

        if (!_exhaustiveGating)
        {
            double sum = 0;
            for (int t = 0; t < _count; t++)
                sum += _radius[t];
            _grid.Build(_mx.AsSpan(0, m), _my.AsSpan(0, m), Math.Max(1, sum / _count));
        }

        for (int t = 0; t < _count; t++)
        {
            int n;
            if (_exhaustiveGating)
            {
                for (int j = 0; j < m; j++)
                    Consider(t, j);
                continue;
            }

            n = _grid.Query(_x[t], _y[t], _radius[t], ref _candidates, 0);

            // Detection order, as the exhaustive loop has it: edges, clusters and sums then come out bit-identical.
            _candidates.AsSpan(0, n).Sort();
            for (int k = 0; k < n; k++)
                Consider(t, _candidates[k]);
        }

        LastEdges = _graph.Count;
    }

    private void Consider(int t, int j)
    {
        double dx = _mx[j] - _x[t], dy = _my[j] - _y[t];
        double d2 = (dx * dx * _ixx[t]) + (2 * dx * dy * _ixy[t]) + (dy * dy * _iyy[t]);
        if (d2 > _gate)
            return;
        double logWeight = _logPdOverClutter - _logNorm[t] - (0.5 * d2);
        SpatialGrid.Ensure(ref _d2, _graph.Count + 1);
        _d2[_graph.Count] = d2;
        _graph.Add(t, j, d2 + (2 * _logNorm[t]), _gate + (2 * _logNorm[t]), Math.Exp(logWeight));
        SpatialGrid.Ensure(ref _logWeight, _graph.Count);
        _logWeight[_graph.Count - 1] = logWeight;
    }

    private void Associate(int m)
    {
        LastJpdaClusters = LastGnnFallbacks = 0;
        SpatialGrid.Ensure(ref _trackToEdge, _count);
        var trackToEdge = _trackToEdge.AsSpan(0, _count);
        trackToEdge.Fill(-1);
        if (_graph.Count == 0)
            return;
        _clusters.Build(_graph, _count, m);
        _gnn.PrepareMaps(_count, m);
        for (int c = 0; c < _clusters.Count; c++)
        {
            var edges = _clusters.EdgesOf(c);
            if (_jpda is null)
            {
                _gnn.SolveCluster(_graph, edges, trackToEdge);
                continue;
            }

            if (TryJpda(edges, m))
                continue;
            SplitOrFallBack(edges, m, trackToEdge);
        }

        for (int t = 0; t < _count; t++)
        {
            int e = trackToEdge[t];
            if (e < 0)
                continue;
            Accumulate(e, 1);
        }

        // A detection starts a track unless existing tracks claim it: GNN assigned it, or JPDA gives it
        // to them with probability at least one half (so a new target beside a track still starts one).
        for (int j = 0; j < m; j++)
            _used[j] = _claimed[j] >= 0.5;
    }
}
