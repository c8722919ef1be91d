namespace Straja.Tracking.Metrics;

/// <summary>
/// Scores a tracker's output against ground truth step by step: OSPA and GOSPA per step, and the CLEAR-MOT
/// style identity measures (Bernardin, Stiefelhagen, "Evaluating multiple object tracking performance: the
/// CLEAR MOT metrics", EURASIP JIVP 2008) over the run. Feed steps in increasing time, then read
/// <see cref="Summarise"/>. Buffers are reused across steps; the per-step cost is one small assignment.
/// </summary>
/// <remarks>
/// Matching per step: a true object keeps the track it was matched to last step if that track is still within
/// the gate; the rest are matched by an optimal assignment on distance within the gate (most pairs, then least
/// total distance). An <b>ID switch</b> is a true object matched to a different track than at its last match; a
/// <b>fragmentation</b> is a true object matched again after one or more steps in which it was present but
/// unmatched.
/// </remarks>
public sealed class TrackScorer
{
    private readonly MetricOptions _options;
    private readonly Dictionary<string, TruthHistory> _truths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TrackLife> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _trackIndex = new(StringComparer.Ordinal);
    private readonly HashSet<string> _truthIds = new(StringComparer.Ordinal);
    private readonly List<TruthHistory> _truthOrder = [];
    private readonly List<TrackLife> _trackOrder = [];
    private Vec3[] _truthPositions = new Vec3[16];
    private Vec3[] _trackPositions = new Vec3[16];
    private int[] _truthToTrack = new int[16];
    private bool[] _trackTaken = new bool[16];
    private double[] _cost = new double[256];
    private int[] _rowToCol = new int[16];
    private int[] _freeRows = new int[16];
    private int[] _freeCols = new int[16];
    private double _firstTimeS = double.NaN;
    private double _lastTimeS = double.NegativeInfinity;
    private int _steps, _idSwitches, _fragmentations;
    private double _sumOspa, _sumGospa, _sumLocalisation, _sumMissed, _sumFalse;

    public TrackScorer(MetricOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
    }

    /// <summary>Scores one step. Ids must be unique within each set; steps must come in increasing time.</summary>
    public StepScore Add(double timeS, ReadOnlySpan<LabelledPoint> truth, ReadOnlySpan<LabelledPoint> tracks)
    {
        if (!double.IsFinite(timeS) || timeS <= _lastTimeS)
            throw new ArgumentException($"Step time {timeS} s must be finite and after the previous step ({_lastTimeS} s).", nameof(timeS));
        Prepare(truth, tracks);
        _lastTimeS = timeS;
        if (_steps++ == 0)
            _firstTimeS = timeS;

        var errors = SubPatternMetrics.Compute(
            _truthPositions.AsSpan(0, truth.Length), _trackPositions.AsSpan(0, tracks.Length), _options.CutoffM, _options.Order);
        _sumOspa += errors.OspaM;
        _sumGospa += errors.GospaM;
        _sumLocalisation += errors.Localisation;
        _sumMissed += errors.Missed;
        _sumFalse += errors.False;

        Match(truth, tracks);
        int matched = 0, switches = 0, fragments = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            var history = Truth(truth[i].Id, timeS);
            int j = _truthToTrack[i];
            if (j < 0)
            {
                history.Interrupted |= history.LastTrack is not null;
                continue;
            }

            matched++;
            var trackId = tracks[j].Id;
            _tracks[trackId].MatchedSteps++;
            if (history.LastTrack is null)
                history.ConfirmedS = timeS;
            else if (!string.Equals(history.LastTrack, trackId, StringComparison.Ordinal))
                switches++;
            if (history.Interrupted)
                fragments++;
            history.LastTrack = trackId;
            history.Interrupted = false;
        }

        _idSwitches += switches;
        _fragmentations += fragments;
        return new StepScore(timeS, truth.Length, tracks.Length, errors, matched, switches, fragments);
    }

    /// <summary>The run so far.</summary>
    public ScoreSummary Summarise()
    {
        var confirmations = new TruthConfirmation[_truthOrder.Count];
        double sumConfirm = 0;
        int confirmed = 0;
        for (int k = 0; k < confirmations.Length; k++)
        {
            var h = _truthOrder[k];
            confirmations[k] = new TruthConfirmation(h.Id, h.FirstSeenS, h.ConfirmedS);
            if (!double.IsNaN(h.ConfirmedS))
            {
                sumConfirm += h.ConfirmedS - h.FirstSeenS;
                confirmed++;
            }
        }

        TrackLifeSummary[] lives = [.. _trackOrder.Select(t => new TrackLifeSummary(t.Id, t.Steps, t.MatchedSteps))];
        int falseTracks = lives.Count(t => t.IsFalse);
        double duration = _steps == 0 ? 0 : _lastTimeS - _firstTimeS;
        double steps = Math.Max(_steps, 1);
        return new ScoreSummary(
            _steps, duration,
            _sumOspa / steps, _sumGospa / steps, _sumLocalisation / steps, _sumMissed / steps, _sumFalse / steps,
            _idSwitches, _fragmentations,
            confirmations, confirmed == 0 ? double.NaN : sumConfirm / confirmed,
            lives, falseTracks, duration > 0 ? falseTracks / (duration / 3600) : double.NaN);
    }

    /// <summary>Copies positions into the reusable buffers, checks ids, and counts each track's life.</summary>
    private void Prepare(ReadOnlySpan<LabelledPoint> truth, ReadOnlySpan<LabelledPoint> tracks)
    {
        Grow(ref _truthPositions, truth.Length);
        Grow(ref _truthToTrack, truth.Length);
        Grow(ref _trackPositions, tracks.Length);
        Grow(ref _trackTaken, tracks.Length);
        _trackIndex.Clear();
        _truthIds.Clear();
        for (int j = 0; j < tracks.Length; j++)
        {
            if (!_trackIndex.TryAdd(tracks[j].Id, j))
                throw new ArgumentException($"Track id '{tracks[j].Id}' appears twice in one step.", nameof(tracks));
            _trackPositions[j] = tracks[j].Position;
        }

        for (int i = 0; i < truth.Length; i++)
        {
            if (!_truthIds.Add(truth[i].Id))
                throw new ArgumentException($"Truth id '{truth[i].Id}' appears twice in one step.", nameof(truth));
            _truthPositions[i] = truth[i].Position;
        }

        foreach (var t in tracks)
        {
            if (!_tracks.TryGetValue(t.Id, out var life))
            {
                _tracks[t.Id] = life = new TrackLife(t.Id);
                _trackOrder.Add(life);
            }

            life.Steps++;
        }
    }

    /// <summary>Fills <see cref="_truthToTrack"/>: continuity first, then an optimal assignment within the gate.</summary>
    private void Match(ReadOnlySpan<LabelledPoint> truth, ReadOnlySpan<LabelledPoint> tracks)
    {
        double gate = _options.Gate;
        _trackTaken.AsSpan(0, tracks.Length).Clear();
        int freeRows = 0;
        Grow(ref _freeRows, truth.Length);
        for (int i = 0; i < truth.Length; i++)
        {
            _truthToTrack[i] = -1;
            if (_truths.TryGetValue(truth[i].Id, out var h) && h.LastTrack is not null
                && _trackIndex.TryGetValue(h.LastTrack, out int j) && !_trackTaken[j]
                && (truth[i].Position - tracks[j].Position).Length() <= gate)
            {
                _truthToTrack[i] = j;
                _trackTaken[j] = true;
            }
            else
            {
                _freeRows[freeRows++] = i;
            }
        }

        int freeCols = 0;
        Grow(ref _freeCols, tracks.Length);
        for (int j = 0; j < tracks.Length; j++)
        {
            if (!_trackTaken[j])
                _freeCols[freeCols++] = j;
        }

        if (freeRows == 0 || freeCols == 0)
            return;
        Grow(ref _cost, freeRows * freeCols);
        Grow(ref _rowToCol, freeRows);
        var cost = _cost.AsSpan(0, freeRows * freeCols);
        for (int r = 0; r < freeRows; r++)
        {
            var p = truth[_freeRows[r]].Position;
            for (int c = 0; c < freeCols; c++)
            {
                double d = (p - tracks[_freeCols[c]].Position).Length();
                cost[(r * freeCols) + c] = d <= gate ? d : double.PositiveInfinity;
            }
        }

        var rowToCol = _rowToCol.AsSpan(0, freeRows);
        Assignment.Solve(cost, freeRows, freeCols, rowToCol);
        for (int r = 0; r < freeRows; r++)
        {
            if (rowToCol[r] >= 0)
                _truthToTrack[_freeRows[r]] = _freeCols[rowToCol[r]];
        }
    }

    private TruthHistory Truth(string id, double timeS)
    {
        if (!_truths.TryGetValue(id, out var h))
        {
            _truths[id] = h = new TruthHistory(id, timeS);
            _truthOrder.Add(h);
        }

        return h;
    }

    private static void Grow<T>(ref T[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new T[Math.Max(length, buffer.Length * 2)];
    }

    private sealed class TruthHistory(string id, double firstSeenS)
    {
        public string Id { get; } = id;
        public double FirstSeenS { get; } = firstSeenS;
        public double ConfirmedS { get; set; } = double.NaN;
        public string? LastTrack { get; set; }
        public bool Interrupted { get; set; }
    }

    private sealed class TrackLife(string id)
    {
        public string Id { get; } = id;
        public int Steps { get; set; }
        public int MatchedSteps { get; set; }
    }
}
