using System.Globalization;
using System.Runtime.InteropServices;

namespace Straja.Tracking;

/// <summary>
/// Multi-target, multi-sensor tracker for one sector's ENU frame. Pure and deterministic: the same scans in
/// the same order give the same tracks with the same ids. Not thread-safe; one writer per sector.
/// </summary>
public sealed class Tracker
{
    /// <summary>
    /// JPDA: a measurement the tracks claim with at least this total probability starts no track. Low, so only
    /// a measurement at least 90 % likely to be clutter or a new object does: one shared by tracks that each
    /// took less than half of it is still theirs, and a new track on it would be a duplicate.
    /// </summary>
    private const double NewOrClutterClaim = 0.1;

    private readonly TrackerOptions _options;
    private readonly TrackPredictor _predictor;
    private readonly TrackUpdater _updater;
    private readonly OutOfSequenceUpdater _lateUpdater;
    private readonly BearingTriangulator _triangulator;
    private readonly ChiSquareGate _gate;
    private readonly DistanceHypothesiser _hypothesiser;
    private readonly GlobalNearestNeighbour _associator = new();
    private readonly ProbabilisticAssociator? _probabilistic;
    private readonly MixtureUpdater _mixture;
    private readonly SinglePointInitiator _initiator;
    private readonly MOfNConfirmer _confirmer;
    private readonly MissDeleter _missDeleter;
    private readonly CoastTimeDeleter _coastDeleter;
    private readonly ClassFuser _classifier;
    private readonly List<Track> _tracks = [];
    private readonly List<Hypothesis> _hypotheses = [];
    private readonly List<Measurement> _valid = [];
    private readonly List<(Track Track, Measurement Measurement)> _bound = [];
    private readonly Dictionary<(string Sensor, string SourceTrack), Track> _sourceTracks = [];
    private long _nextId = 1;
    private double _lastScanTimeS = double.NegativeInfinity;

    public Tracker(TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _predictor = TrackPredictor.From(options);
        _updater = TrackUpdater.From(options);
        _lateUpdater = new OutOfSequenceUpdater(_predictor, _updater);
        _gate = new ChiSquareGate(options.GateProbability);
        _triangulator = new BearingTriangulator(options, _gate);
        _hypothesiser = new DistanceHypothesiser(_gate, options.CooperativeBonus);
        _initiator = new SinglePointInitiator(options);
        _confirmer = new MOfNConfirmer(options.ConfirmHits, options.ConfirmWindow);
        _missDeleter = new MissDeleter(options.ConfirmHits, options.ConfirmWindow, options.MaxMisses);
        _coastDeleter = new CoastTimeDeleter(options.MaxCoastS);
        _classifier = new ClassFuser(options);
        _mixture = new MixtureUpdater(_updater.Innovator);
        if (options.Association == AssociationMethod.Jpda)
            _probabilistic = new ProbabilisticAssociator(options, _gate);
    }

    /// <summary>Clusters of the last in-order scan solved by JPDA, and those handed to GNN (0 and 0 under GNN).</summary>
    internal (int Jpda, int Gnn) LastClusters => _probabilistic is null ? (0, 0) : (_probabilistic.LastJpdaClusters, _probabilistic.LastGnnClusters);

    /// <summary>
    /// Predict every track to the scan time, gate, associate (GNN, or JPDA per <see cref="TrackerOptions.Association"/>),
    /// update or record misses, confirm, delete, and start tentative tracks from what is left. A scan older than the last processed one, by at most
    /// <see cref="TrackerOptions.OutOfSequenceWindowS"/>, re-filters the tracks its measurements belong to
    /// (see <see cref="OutOfSequenceUpdater"/>); an older one is refused.
    /// </summary>
    public ScanResult Process(Scan scan)
    {
        ValidateScan(scan);
        var rejected = KeepWellFormed(scan);
        if (scan.TimeS < _lastScanTimeS)
            return ProcessLate(scan, rejected);
        _lastScanTimeS = scan.TimeS;

        foreach (var track in _tracks)
            _predictor.Predict(ref track.State, track.Imm, scan.TimeS);
        foreach (var (track, measurement) in _bound)
            Apply(track, measurement, scan, default, hasGated: false);
        _hypothesiser.Hypothesise(_tracks, _valid, scan, _hypotheses);
        var used = new bool[_valid.Count];
        var confirmed = new List<long>();
        if (_probabilistic is not null)
        {
            UpdateProbabilistically(scan, used, confirmed);
        }
        else
        {
            var chosen = new int[_tracks.Count];
            _associator.Associate(_hypotheses, chosen);
            for (var t = 0; t < _tracks.Count; t++)
            {
                var track = _tracks[t];
                if (chosen[t] >= 0)
                {
                    var hypothesis = _hypotheses[chosen[t]];
                    used[hypothesis.MeasurementIndex] = true;
                    Update(track, hypothesis, _valid[hypothesis.MeasurementIndex], scan);
                }
                else
                {
                    MissIfCovered(track, scan);
                }

                Confirm(track, confirmed);
            }
        }

        var deleted = RemoveWhere(_missDeleter.Deletes);
        var initiated = Initiate(scan, used, confirmed);
        return new ScanResult(confirmed, deleted, used.Count(u => u) + _bound.Count, initiated) { Rejected = rejected };
    }

    /// <summary>
    /// JPDA (docs/tracking.md). A confirmed track is updated with the mixture of its gated measurements weighted
    /// by their marginal association probabilities; a tentative one, when detected, with its likeliest
    /// measurement alone, since a soft update keeps its gate wide enough to live on clutter; a pair from a
    /// GNN-solved cluster (β = 1) takes the ordinary update. A track counts as detected — a hit, its sensor,
    /// class report and source track recorded from its likeliest measurement — when that measurement's β ≥ ½
    /// and no other track is likelier to own it; otherwise it is judged for a miss as under GNN. A measurement
    /// starts a track only when the tracks claim it with total probability below <see cref="NewOrClutterClaim"/>.
    /// </summary>
    private void UpdateProbabilistically(Scan scan, bool[] used, List<long> confirmed)
    {
        var edgeBeta = new double[_hypotheses.Count];
        var missBeta = new double[_tracks.Count];
        _probabilistic!.Associate(_hypotheses, _valid, scan.SensorId, edgeBeta, missBeta);
        var claimed = new double[_valid.Count];
        var owner = Owners(edgeBeta);
        var weighted = new List<WeightedMeasurement>();
        var k = 0;
        for (var t = 0; t < _tracks.Count; t++)
        {
            var track = _tracks[t];
            weighted.Clear();
            int likeliest = -1;
            for (; k < _hypotheses.Count && _hypotheses[k].TrackIndex == t; k++)
            {
                if (!(edgeBeta[k] > 0))
                    continue;
                var h = _hypotheses[k];
                claimed[h.MeasurementIndex] += edgeBeta[k];
                var innovation = h.Innovation;
                weighted.Add(new WeightedMeasurement(_valid[h.MeasurementIndex], edgeBeta[k],
                    -0.5 * (innovation.DistanceSquared + innovation.LogDetS + (innovation.Dim * Math.Log(2 * Math.PI)))));
                if (likeliest < 0 || edgeBeta[k] > edgeBeta[likeliest])
                    likeliest = k;
            }

            var detected = likeliest >= 0 && edgeBeta[likeliest] >= 0.5 && owner[_hypotheses[likeliest].MeasurementIndex] == t;
            if (detected && (track.Status != TrackStatus.Confirmed || (weighted.Count == 1 && missBeta[t] == 0)))
            {
                // A GNN-solved pair, or a tentative track: the likeliest measurement alone (see the summary).
                Update(track, _hypotheses[likeliest], _valid[_hypotheses[likeliest].MeasurementIndex], scan);
            }
            else if (track.Status == TrackStatus.Confirmed && weighted.Count > 0
                && _mixture.Update(ref track.State, track.Imm, CollectionsMarshal.AsSpan(weighted), missBeta[t], scan.SensorPosition))
            {
                if (detected)
                {
                    Record(track, scan, _valid[_hypotheses[likeliest].MeasurementIndex]);
                }
                else
                {
                    // The state moved, so the history keeps it, but no measurement is this track's to re-apply.
                    Remember(track, scan, measurement: null);
                    MissIfCovered(track, scan);
                }
            }
            else
            {
                MissIfCovered(track, scan);
            }

            Confirm(track, confirmed);
        }

        for (var j = 0; j < _valid.Count; j++)
            used[j] = claimed[j] >= NewOrClutterClaim;
    }

    /// <summary>
    /// The track each measurement most probably belongs to (−1 if none). Only that track may count the
    /// measurement as a hit: otherwise a duplicate track beside a real one would live, and confirm, on a share
    /// of the real one's measurements, as it cannot under GNN.
    /// </summary>
    private int[] Owners(double[] edgeBeta)
    {
        var owner = new int[_valid.Count];
        var best = new double[_valid.Count];
        Array.Fill(owner, -1);
        for (var k = 0; k < _hypotheses.Count; k++)
        {
            var j = _hypotheses[k].MeasurementIndex;
            if (edgeBeta[k] > best[j])
                (best[j], owner[j]) = (edgeBeta[k], _hypotheses[k].TrackIndex);
        }

        return owner;
    }

    private static void MissIfCovered(Track track, Scan scan)
    {
        if (scan.CountsMisses && scan.Covers(track.State.Position) && !track.SeenBy(scan.SensorId, scan.TimeS - scan.MissGraceS))
            track.RecordMiss();
    }

    /// <summary>
    /// Whether a scan at <paramref name="timeS"/> would be used: not older than the newest processed scan
    /// by more than <see cref="TrackerOptions.OutOfSequenceWindowS"/>.
    /// </summary>
    public bool Accepts(double timeS) => timeS >= _lastScanTimeS - _options.OutOfSequenceWindowS;

    /// <summary>
    /// A late scan: each measurement is gated against every track's estimate at the scan time (from the
    /// track's history), paired greedily by cost, and re-filtered into its track. A late measurement never
    /// starts a track: by the time it arrives, newer scans have had their chance at that object.
    /// </summary>
    private ScanResult ProcessLate(Scan scan, int rejected)
    {
        var confirmed = new List<long>();
        var associated = 0;
        foreach (var (track, measurement) in _bound)
        {
            if (_lateUpdater.TryRetrodict(track, scan.TimeS, out _, out var anchor) && ApplyLate(track, anchor, measurement, scan))
                associated++;
        }

        var pairs = new List<(double Cost, int Track, int Measurement, int Anchor)>();
        for (var t = 0; t < _tracks.Count; t++)
        {
            var track = _tracks[t];
            if (!_lateUpdater.TryRetrodict(track, scan.TimeS, out var then, out var anchor))
                continue;
            var inRange = (then.Position - scan.SensorPosition).Length() <= scan.MaxRangeM;
            for (var j = 0; j < _valid.Count; j++)
            {
                var m = _valid[j];
                if ((m.Kind == MeasurementKind.Bearing && !inRange) || !SameIdentityOrNone(track, m))
                    continue;
                if (MeasurementModel.TryInnovate(then, m, scan.SensorPosition, out var innovation) && _gate.Accepts(innovation))
                    pairs.Add((innovation.DistanceSquared + innovation.LogDetS, t, j, anchor));
            }
        }

        pairs.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : (a.Track, a.Measurement).CompareTo((b.Track, b.Measurement)));
        var trackTaken = new bool[_tracks.Count];
        var used = new bool[_valid.Count];
        foreach (var (_, t, j, anchor) in pairs)
        {
            if (trackTaken[t] || used[j])
                continue;
            trackTaken[t] = used[j] = true;
            if (ApplyLate(_tracks[t], anchor, _valid[j], scan))
                associated++;
        }

        foreach (var track in _tracks)
            Confirm(track, confirmed);
        return new ScanResult(confirmed, [], associated, 0) { Rejected = rejected };
    }

    private bool ApplyLate(Track track, int anchor, in Measurement measurement, Scan scan)
    {
        if (!_lateUpdater.Update(track, anchor, measurement, scan.SensorId, scan.SensorPosition, scan.TimeS))
            return false;
        if (measurement.Kind != MeasurementKind.Bearing)
            track.RecordLateHit(scan.SensorId, scan.TimeS);
        ClassFuser.Report(track, scan.SensorId, measurement.ClassHint, measurement.ClassConfidence);
        Bind(track, measurement, scan.SensorId);
        return true;
    }

    private static bool SameIdentityOrNone(Track track, in Measurement m) =>
        track.CooperativeId is null || m.CooperativeId is null || string.Equals(track.CooperativeId, m.CooperativeId, StringComparison.Ordinal);

    /// <summary>Deletes tracks not updated for more than <see cref="TrackerOptions.MaxCoastS"/> before <paramref name="timeS"/>.</summary>
    public IReadOnlyList<long> Expire(double timeS)
    {
        if (!double.IsFinite(timeS))
            throw new ArgumentException($"Expire time must be finite, was {timeS}.", nameof(timeS));
        return RemoveWhere(track => _coastDeleter.Deletes(track, timeS));
    }

    /// <summary>Live (tentative and confirmed) tracks as immutable copies, ordered by id.</summary>
    public IReadOnlyList<TrackSnapshot> Snapshot()
    {
        var snapshots = new TrackSnapshot[_tracks.Count];
        for (var i = 0; i < _tracks.Count; i++)
        {
            var track = _tracks[i];
            var estimate = _classifier.Estimate(track);
            var sensors = track.RecentSensors(_options.SensorMemoryS);
            snapshots[i] = new TrackSnapshot(
                track.Id, track.Status, track.State.TimeS, track.State.Position, track.State.Velocity,
                track.State.PositionSigmaM, estimate.Class, estimate.Probability, track.CooperativeId, track.Callsign,
                sensors, track.Hits, track.ConsecutiveMisses, track.LastUpdateTimeS)
            {
                SensorLastSeenS = track.LastSeenS(sensors),
                ClassEvidence = estimate.Evidence,
                ClassProbabilities = estimate.Probabilities,
            };
        }

        return snapshots;
    }

    private void Update(Track track, in Hypothesis hypothesis, in Measurement measurement, Scan scan) =>
        Apply(track, measurement, scan, hypothesis.Innovation, hasGated: true);

    private void Apply(Track track, in Measurement measurement, Scan scan, in Innovation gated, bool hasGated)
    {
        if (_updater.Update(ref track.State, track.Imm, measurement, scan.SensorPosition, gated, hasGated))
            Record(track, scan, measurement);
    }

    /// <summary>What follows an update that <paramref name="measurement"/> made (or, for JPDA, was likeliest to make).</summary>
    private void Record(Track track, Scan scan, in Measurement measurement)
    {
        Remember(track, scan, measurement);
        Bind(track, measurement, scan.SensorId);
        // A bearing refines a track but cannot fix where it is: alone it neither confirms a track nor keeps
        // one alive, or a clutter plot seen once would be held (and dragged along the bearing line) by a
        // direction finder for ever. Bearings from two sensors crossing at the track are a fix.
        if (measurement.Kind != MeasurementKind.Bearing || track.RecordBearing(scan.SensorId, scan.TimeS, _options.TriangulationWindowS))
            track.RecordHit(scan.SensorId, scan.TimeS);
        track.ForgetSensorsOlderThan(scan.TimeS - _options.SensorMemoryS);
        ClassFuser.Report(track, scan.SensorId, measurement.ClassHint, measurement.ClassConfidence);
        _classifier.ObserveSpeed(track);
        if (measurement.CooperativeId is not null)
        {
            track.CooperativeId = measurement.CooperativeId;
            track.Callsign = measurement.Callsign ?? track.Callsign;
        }
    }

    private void Confirm(Track track, List<long> confirmed)
    {
        if (!_confirmer.Confirms(track))
            return;
        track.Status = TrackStatus.Confirmed;
        confirmed.Add(track.Id);
    }

    private int Initiate(Scan scan, bool[] used, List<long> confirmed)
    {
        var initiated = 0;
        for (var j = 0; j < _valid.Count; j++)
        {
            var measurement = _valid[j];
            if (used[j] || !_initiator.TryInitiate(measurement, scan, _tracks, out var state))
                continue;
            var track = Start(state, scan, measurement);
            track.RecordHit(scan.SensorId, scan.TimeS);
            ClassFuser.Report(track, scan.SensorId, measurement.ClassHint, measurement.ClassConfidence);
            Bind(track, measurement, scan.SensorId);
            Confirm(track, confirmed); // with M = 1 a single hit confirms
            initiated++;
        }

        foreach (var fix in _triangulator.Triangulate(scan, _valid, used))
        {
            var track = Start(fix.State, scan, measurement: null);
            foreach (var bearing in fix.Bearings)
            {
                track.RecordBearing(bearing.SensorId, bearing.TimeS, _options.TriangulationWindowS);
                ClassFuser.Report(track, bearing.SensorId, bearing.Measurement.ClassHint, bearing.Measurement.ClassConfidence);
            }

            track.RecordHit(scan.SensorId, scan.TimeS);
            Confirm(track, confirmed);
            initiated++;
        }

        return initiated;
    }

    private Track Start(in GaussianState state, Scan scan, Measurement? measurement)
    {
        var track = new Track(_nextId++, state, scan.TimeS)
        {
            Class = ClassFuser.Prior(),
            CooperativeId = measurement?.CooperativeId,
            Callsign = measurement?.Callsign,
        };
        if (_options.Motion == MotionModel.Imm)
        {
            track.Imm = ImmState.Start(state, _options.InitialTurnRateSigma, _options.ImmInitialTurnProbability);
            track.Imm.Combine(ref track.State);
        }

        // The initiating point is the history's first anchor; it is never re-applied.
        Remember(track, scan, measurement: null);
        _tracks.Add(track);
        return track;
    }

    private void Remember(Track track, Scan scan, Measurement? measurement)
    {
        if (_options.OutOfSequenceWindowS == 0)
            return;
        track.Remember(new TrackHistoryEntry(scan.TimeS, scan.SensorId, scan.SensorPosition, measurement)
        {
            State = track.State,
            Imm = track.Imm?.Clone(),
        }, _options.OutOfSequenceWindowS);
    }

    /// <summary>A sensor's own track, once associated, keeps going to the same Straja track.</summary>
    private void Bind(Track track, in Measurement measurement, string sensorId)
    {
        if (measurement.SourceTrackId is { } source)
            _sourceTracks[(sensorId, source)] = track;
    }

    private List<long> RemoveWhere(Func<Track, bool> deletes)
    {
        var deleted = new List<long>();
        _tracks.RemoveAll(track =>
        {
            if (!deletes(track))
                return false;
            track.Status = TrackStatus.Deleted;
            deleted.Add(track.Id);
            return true;
        });
        if (deleted.Count > 0)
        {
            foreach (var key in _sourceTracks.Where(p => p.Value.Status == TrackStatus.Deleted).Select(p => p.Key).ToList())
                _sourceTracks.Remove(key);
        }

        return deleted;
    }

    /// <summary>
    /// Keeps the well-formed measurements with the sensor's configured bias taken out, and sets aside those
    /// from a sensor track already bound to a Straja track (they skip association).
    /// </summary>
    private int KeepWellFormed(Scan scan)
    {
        _valid.Clear();
        _bound.Clear();
        _options.SensorBiases.TryGetValue(scan.SensorId, out var bias);
        var wellFormed = 0;
        foreach (var raw in scan.Measurements)
        {
            if (!MeasurementModel.IsWellFormed(raw))
                continue;
            wellFormed++;
            var measurement = bias is null ? raw : MeasurementModel.RemoveBias(raw, bias);
            if (measurement.SourceTrackId is { } source && _sourceTracks.TryGetValue((scan.SensorId, source), out var track))
                _bound.Add((track, measurement));
            else
                _valid.Add(measurement);
        }

        return scan.Measurements.Count - wellFormed;
    }

    private void ValidateScan(Scan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        if (string.IsNullOrEmpty(scan.SensorId))
            throw new ArgumentException("Scan.SensorId is empty.", nameof(scan));
        if (scan.Measurements is null)
            throw new ArgumentException($"Scan from {scan.SensorId}: Measurements is null.", nameof(scan));
        if (!double.IsFinite(scan.TimeS))
            throw new ArgumentException($"Scan from {scan.SensorId}: TimeS is {scan.TimeS}.", nameof(scan));
        var p = scan.SensorPosition;
        if (!double.IsFinite(p.X) || !double.IsFinite(p.Y) || !double.IsFinite(p.Z))
            throw new ArgumentException($"Scan from {scan.SensorId}: SensorPosition {p} is not finite.", nameof(scan));
        if (!(scan.MaxRangeM >= 0))
            throw new ArgumentException($"Scan from {scan.SensorId}: MaxRangeM must be >= 0, was {scan.MaxRangeM}.", nameof(scan));
        if (!Accepts(scan.TimeS))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Scan from {scan.SensorId} at TimeS {scan.TimeS} is older than the last processed scan at TimeS {_lastScanTimeS} by more than OutOfSequenceWindowS ({_options.OutOfSequenceWindowS} s)."),
                nameof(scan));
        }
    }
}
