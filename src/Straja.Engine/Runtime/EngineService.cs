using Straja.Engine.Fusion;
using Straja.Engine.Picture;

namespace Straja.Engine.Runtime;

/// <summary>
/// Composes the pure fusion engine with the journal, the bus and the store: ingest journals then
/// publishes; one loop consumes the bus, fuses, records and tells subscribers. This is where I/O
/// lives; <see cref="FusionEngine"/> stays pure.
/// </summary>
public sealed class EngineService : IDisposable
{
    private readonly FusionEngine _engine;
    private readonly DetectionJournal _journal;
    private readonly IAirPictureStore _store;
    private readonly IDetectionBus _bus;
    private readonly Lock _engineLock = new();
    private readonly Lock _journalLock = new();
    private readonly Dictionary<string, DateTimeOffset> _lastPointAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _sensorLastSeen = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, SensorSpan>> _trackSensors = new(StringComparer.Ordinal);
    private volatile PictureSnapshot _picture;
    private long _processed, _rejected;

    public EngineService(FusionEngine engine, DetectionJournal journal, IAirPictureStore store, IDetectionBus bus)
    {
        _engine = engine;
        _journal = journal;
        _store = store;
        _bus = bus;
        _picture = engine.Picture;
        _store.SaveSensors(engine.Sensors);
        foreach (var a in _store.LoadAlerts(int.MaxValue).Reverse())
            _engine.RestoreAlert(a);
    }

    /// <summary>Raised (on the engine loop) when an alert is raised or acknowledged.</summary>
    public event Action<Alert>? AlertChanged;

    /// <summary>Raised (on the engine loop) for each detection refused, with the sensor and field.</summary>
    public event Action<DetectionRejection>? Rejected;

    public PictureSnapshot Picture => _picture;
    public FusionEngine Engine => _engine;
    public long Processed => Interlocked.Read(ref _processed);
    public long RejectedCount => Interlocked.Read(ref _rejected);
    public long Journaled => _journal.Appended;

    public DateTimeOffset? SensorLastSeen(string sensorId)
    {
        lock (_engineLock)
            return _sensorLastSeen.TryGetValue(sensorId, out var t) ? t : null;
    }

    /// <summary>Journals the batch durably, then hands it to fusion. Returns once it is on the bus.</summary>
    public async ValueTask IngestAsync(IReadOnlyList<Detection> detections, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (detections.Count == 0)
        {
            await _bus.PublishAsync(new DetectionBatch(detections, now), cancellationToken).ConfigureAwait(false);
            return;
        }

        lock (_journalLock)
            _journal.Append(detections);
        await _bus.PublishAsync(new DetectionBatch(detections, now), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Hands stored, triaged field reports to the sector loop, which shows them as observations from its next
    /// picture on: the loop is the picture's only writer, so a report filed over HTTP travels the bus like a detection.
    /// </summary>
    public ValueTask ReportAsync(IReadOnlyList<FieldReports.TriagedReport> reports, DateTimeOffset now, CancellationToken cancellationToken) =>
        _bus.PublishAsync(new DetectionBatch([], now) { Reports = reports }, cancellationToken);

    /// <summary>The single-writer sector loop. Runs until the token is cancelled or the bus completes.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var batch in _bus.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            Step(batch);
    }

    /// <summary>
    /// The sector loop with a heartbeat: an empty batch every <paramref name="tick"/> on
    /// <paramref name="clock"/>, so that detections waiting in the reorder window are fused, and
    /// tracks expire, even when no sensor is sending anything.
    /// </summary>
    public async Task RunAsync(TimeProvider clock, TimeSpan tick, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var heartbeat = HeartbeatAsync(clock, tick, stop.Token);
        try
        {
            await RunAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            try
            {
                await heartbeat.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task HeartbeatAsync(TimeProvider clock, TimeSpan tick, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(tick, clock);
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
            await _bus.PublishAsync(new DetectionBatch([], clock.GetUtcNow()), ct).ConfigureAwait(false);
    }

    /// <summary>Processes one batch synchronously; the loop calls it, and so can a deterministic test or a replay.</summary>
    public FusionStep Step(DetectionBatch batch)
    {
        FusionStep step;
        lock (_engineLock)
        {
            foreach (var r in batch.Reports)
                _engine.Observe(r);
            step = _engine.Process(batch.Detections, batch.Now);
            foreach (var d in batch.Detections)
                _sensorLastSeen[d.SensorId] = d.Time;
        }

        Interlocked.Add(ref _processed, batch.Detections.Count - step.Rejected.Count);
        Interlocked.Add(ref _rejected, step.Rejected.Count);
        _picture = step.Picture;
        Record(step);
        foreach (var r in step.Rejected)
            Rejected?.Invoke(r);
        foreach (var a in step.NewAlerts)
            AlertChanged?.Invoke(a);
        return step;
    }

    /// <summary>Hands the engine a new copy of the registry; it applies from the next batch on.</summary>
    public void UseRegistry(Identification.RegistryView registry)
    {
        lock (_engineLock)
            _engine.UseRegistry(registry);
    }

    public Alert? Acknowledge(string alertId, string by, DateTimeOffset at)
    {
        Alert? acked;
        lock (_engineLock)
        {
            var before = _engine.Alerts.FirstOrDefault(a => a.Id == alertId);
            acked = _engine.Acknowledge(alertId, by, at);
            if (acked is null || before is { Acknowledged: true })
                return acked;
            _store.SaveAlert(acked);
        }

        AlertChanged?.Invoke(acked);
        return acked;
    }

    /// <summary>Raises, records and announces a sensor-silent alert (see <see cref="FusionEngine.RaiseSensorSilent"/>); null if already raised.</summary>
    public Alert? RaiseSensorSilent(string sensorId, DateTimeOffset silentSince, string message, DateTimeOffset at)
    {
        Alert? raised;
        lock (_engineLock)
        {
            raised = _engine.RaiseSensorSilent(sensorId, silentSince, message, at);
            if (raised is not null)
                _store.SaveAlert(raised);
        }

        if (raised is not null)
            AlertChanged?.Invoke(raised);
        return raised;
    }

    public IReadOnlyList<Evaluation.Rules.AlertRule> Rules
    {
        get
        {
            lock (_engineLock)
                return _engine.Rules;
        }
    }

    public void ReplaceRules(IReadOnlyList<Evaluation.Rules.AlertRule> rules)
    {
        lock (_engineLock)
            _engine.ReplaceRules(rules);
    }

    public void SetSensorStates(IReadOnlySet<string> known, IReadOnlySet<string> silent)
    {
        lock (_engineLock)
            _engine.SetSensorStates(known, silent);
    }

    /// <summary>Escalates alerts left unacknowledged for <paramref name="after"/>, stores them and tells the outputs.</summary>
    public IReadOnlyList<Alert> Escalate(DateTimeOffset now, TimeSpan after)
    {
        IReadOnlyList<Alert> escalated;
        lock (_engineLock)
        {
            escalated = _engine.Escalate(now, after);
            foreach (var a in escalated)
                _store.SaveAlert(a);
        }

        foreach (var a in escalated)
            AlertChanged?.Invoke(a);
        return escalated;
    }

    public IReadOnlyList<Alert> Alerts(int limit)
    {
        lock (_engineLock)
            return _engine.Alerts.OrderByDescending(a => a.Time).ThenByDescending(a => a.Id.Length).ThenByDescending(a => a.Id, StringComparer.Ordinal).Take(limit).ToList();
    }

    private void Record(FusionStep step)
    {
        var points = new List<TrackPoint>();
        var seen = new List<TrackSensorSeen>();
        foreach (var t in step.Picture.Tracks)
        {
            NoteSensors(t);
            // Decimate to about one point per track per second: enough to redraw a path or back-track
            // an incident, small enough to keep months of history.
            if (_lastPointAt.TryGetValue(t.Id, out var last) && (t.LastUpdate - last).TotalSeconds < 1)
                continue;
            _lastPointAt[t.Id] = t.LastUpdate;
            points.Add(new TrackPoint(t.Id, t.LastUpdate, t.Position, t.SpeedMps, t.HeadingDeg, t.Class, t.Identity, t.Confirmed));
            FlushSensors(t.Id, seen);
        }

        foreach (var id in step.DeletedTracks)
        {
            _lastPointAt.Remove(id);
            FlushSensors(id, seen);
            _trackSensors.Remove(id);
        }

        if (points.Count > 0)
            _store.AppendTrackPoints(points);
        if (seen.Count > 0)
            _store.RecordTrackSensors(seen);
        foreach (var a in step.NewAlerts)
            _store.SaveAlert(a);
    }

    /// <summary>
    /// Widens the in-memory span of each sensor now seeing <paramref name="t"/>. The store hears of it at the
    /// point cadence and when the track ends, so a track costs one upsert per sensor and second at most.
    /// </summary>
    private void NoteSensors(AirTrack t)
    {
        if (t.Sensors.Count == 0 || t.SensorLastSeen.Count != t.Sensors.Count)
            return;
        if (!_trackSensors.TryGetValue(t.Id, out var spans))
            _trackSensors[t.Id] = spans = new(StringComparer.Ordinal);
        for (int i = 0; i < t.Sensors.Count; i++)
        {
            var at = t.SensorLastSeen[i];
            if (!spans.TryGetValue(t.Sensors[i], out var span))
            {
                spans[t.Sensors[i]] = new SensorSpan { First = at, Last = at, Dirty = true };
            }
            else if (at > span.Last)
            {
                span.Last = at;
                span.Dirty = true;
            }
        }
    }

    private void FlushSensors(string trackId, List<TrackSensorSeen> into)
    {
        if (!_trackSensors.TryGetValue(trackId, out var spans))
            return;
        foreach (var (sensor, span) in spans)
        {
            if (!span.Dirty)
                continue;
            into.Add(new TrackSensorSeen(trackId, sensor, span.First, span.Last));
            span.Dirty = false;
        }
    }

    /// <summary>A sensor's span on one track as the loop knows it; Dirty until the store has it.</summary>
    private sealed class SensorSpan
    {
        public DateTimeOffset First;
        public DateTimeOffset Last;
        public bool Dirty;
    }

    public void Dispose()
    {
        lock (_journalLock)
            _journal.Dispose();
    }
}
