using System.Globalization;

namespace Straja.Tracking;

/// <summary>
/// Multi-target, multi-sensor tracker for one sector's ENU frame. Pure and deterministic: the same scans in
/// the same order give the same tracks with the same ids. Not thread-safe; one writer per sector.
/// </summary>
public sealed class Tracker
{
    private readonly TrackerOptions _options;
    private readonly ConstantVelocityPredictor _predictor;
    private readonly DistanceHypothesiser _hypothesiser;
    private readonly GlobalNearestNeighbour _associator = new();
    private readonly SinglePointInitiator _initiator;
    private readonly MOfNConfirmer _confirmer;
    private readonly MissDeleter _missDeleter;
    private readonly CoastTimeDeleter _coastDeleter;
    private readonly ClassFuser _classifier;
    private readonly List<Track> _tracks = [];
    private readonly List<Hypothesis> _hypotheses = [];
    private readonly List<Measurement> _valid = [];
    private long _nextId = 1;
    private double _lastScanTimeS = double.NegativeInfinity;

    public Tracker(TrackerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _predictor = ConstantVelocityPredictor.From(options);
        _hypothesiser = new DistanceHypothesiser(new ChiSquareGate(options.GateProbability), options.CooperativeBonus);
        _initiator = new SinglePointInitiator(options);
        _confirmer = new MOfNConfirmer(options.ConfirmHits, options.ConfirmWindow);
        _missDeleter = new MissDeleter(options.ConfirmHits, options.ConfirmWindow, options.MaxMisses);
        _coastDeleter = new CoastTimeDeleter(options.MaxCoastS);
        _classifier = new ClassFuser(options);
    }

    /// <summary>
    /// Predict every track to the scan time, gate, associate (GNN), update or record misses, confirm, delete,
    /// and start tentative tracks from what is left. Scans must come in non-decreasing time.
    /// </summary>
    public ScanResult Process(Scan scan)
    {
        ValidateScan(scan);
        _lastScanTimeS = scan.TimeS;
        var rejected = KeepWellFormed(scan.Measurements);

        foreach (var track in _tracks)
            _predictor.Predict(ref track.State, scan.TimeS);
        _hypothesiser.Hypothesise(_tracks, _valid, scan, _hypotheses);
        var chosen = new int[_tracks.Count];
        _associator.Associate(_hypotheses, chosen);

        var used = new bool[_valid.Count];
        var confirmed = new List<long>();
        for (var t = 0; t < _tracks.Count; t++)
        {
            var track = _tracks[t];
            if (chosen[t] >= 0)
            {
                var hypothesis = _hypotheses[chosen[t]];
                used[hypothesis.MeasurementIndex] = true;
                Update(track, hypothesis, _valid[hypothesis.MeasurementIndex], scan);
            }
            else if (scan.CountsMisses && scan.Covers(track.State.Position) && !track.SeenBy(scan.SensorId, scan.TimeS - scan.MissGraceS))
            {
                track.RecordMiss();
            }

            Confirm(track, confirmed);
        }

        var deleted = RemoveWhere(_missDeleter.Deletes);
        var initiated = Initiate(scan, used, confirmed);
        return new ScanResult(confirmed, deleted, used.Count(u => u), initiated) { Rejected = rejected };
    }

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
            var (cls, probability) = _classifier.Estimate(track);
            snapshots[i] = new TrackSnapshot(
                track.Id, track.Status, track.State.TimeS, track.State.Position, track.State.Velocity,
                track.State.PositionSigmaM, cls, probability, track.CooperativeId, track.Callsign,
                track.RecentSensors(_options.SensorMemoryS), track.Hits, track.ConsecutiveMisses, track.LastUpdateTimeS);
        }

        return snapshots;
    }

    private void Update(Track track, in Hypothesis hypothesis, in Measurement measurement, Scan scan)
    {
        KalmanUpdater.Update(ref track.State, hypothesis.Innovation);
        // A bearing refines a track but cannot fix where it is: it neither confirms a track nor keeps
        // one alive on its own, or a clutter plot seen once would be held (and dragged along the
        // bearing line) by a direction finder for ever.
        if (measurement.Kind == MeasurementKind.Bearing)
            track.RecordBearing(scan.SensorId, scan.TimeS);
        else
            track.RecordHit(scan.SensorId, scan.TimeS);
        track.ForgetSensorsOlderThan(scan.TimeS - _options.SensorMemoryS);
        ClassFuser.Update(ref track.Class, measurement.ClassHint, measurement.ClassConfidence);
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
            var track = new Track(_nextId++, state, scan.TimeS)
            {
                Class = ClassFuser.Prior(),
                CooperativeId = measurement.CooperativeId,
                Callsign = measurement.Callsign,
            };
            track.RecordHit(scan.SensorId, scan.TimeS);
            ClassFuser.Update(ref track.Class, measurement.ClassHint, measurement.ClassConfidence);
            _tracks.Add(track);
            Confirm(track, confirmed); // with M = 1 a single hit confirms
            initiated++;
        }

        return initiated;
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
        return deleted;
    }

    private int KeepWellFormed(IReadOnlyList<Measurement> measurements)
    {
        _valid.Clear();
        foreach (var measurement in measurements)
        {
            if (MeasurementModel.IsWellFormed(measurement))
                _valid.Add(measurement);
        }

        return measurements.Count - _valid.Count;
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
        if (scan.TimeS < _lastScanTimeS)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"Scan from {scan.SensorId} at TimeS {scan.TimeS} is older than the last processed scan at TimeS {_lastScanTimeS}; scans must come in non-decreasing time."),
                nameof(scan));
        }
    }
}
