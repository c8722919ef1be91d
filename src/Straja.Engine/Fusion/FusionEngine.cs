using Straja.Engine.Evaluation;
using Straja.Engine.Identification;
using Straja.Engine.Picture;
using Straja.Geo;
using Straja.Geo.Zones;
using Straja.Tracking;

namespace Straja.Engine.Fusion;

public sealed record FusionOptions
{
    /// <summary>
    /// Cooperative ids trusted as friendly without proof: allied tanker and transport aircraft by ICAO address.
    /// A Remote ID serial of a registered unit is never trusted from this list, only by its signature (<see cref="Registry"/>).
    /// </summary>
    public IReadOnlyCollection<string> FriendlyIds { get; init; } = [];
    /// <summary>The registry of programme units at start; <see cref="FusionEngine.UseRegistry"/> replaces it.</summary>
    public RegistryView Registry { get; init; } = RegistryView.Empty;
    public IdentityOptions Proofs { get; init; } = IdentityOptions.Default;
    public double InnerZoneRadiusM { get; init; } = 5_000;
    public double OuterZoneRadiusM { get; init; } = 15_000;
    public double ZoneApproachHorizonS { get; init; } = 300;
    /// <summary>The zones to start with; null: <see cref="ZoneCatalog.Defaults"/> with the radii above. <see cref="FusionEngine.ReplaceZones"/> swaps them later.</summary>
    public ZoneSet? Zones { get; init; }
    public TimeSpan MaxAhead { get; init; } = TimeSpan.FromSeconds(30);
    public TimeSpan MaxBehind { get; init; } = TimeSpan.FromSeconds(120);
    /// <summary>How long a detection waits for slower ones so that all reach the tracker in time order.</summary>
    public TimeSpan ReorderWindow { get; init; } = TimeSpan.FromSeconds(0.5);
    public TrackerOptions Tracker { get; init; } = TrackerOptions.Default;
    /// <summary>Added to the tracker's numbers so a restarted engine never reuses a recorded track id.</summary>
    public long TrackNumberBase { get; init; }
    /// <summary>Operator-defined alert rules (Evaluation/Rules, docs/alert-rules.md), evaluated after the built-in evaluators.</summary>
    public IReadOnlyList<Evaluation.Rules.AlertRule> Rules { get; init; } = [];
    /// <summary>How field reports show in the picture (FieldReports/ObservationBook).</summary>
    public FieldReports.ObservationOptions Observations { get; init; } = FieldReports.ObservationOptions.Default;
    public static FusionOptions Default { get; } = new();
}

/// <summary>What one call of <see cref="FusionEngine.Process"/> produced.</summary>
public sealed record FusionStep(
    PictureSnapshot Picture,
    IReadOnlyList<Alert> NewAlerts,
    IReadOnlyList<DetectionRejection> Rejected,
    IReadOnlyList<string> DeletedTracks);

/// <summary>
/// One sector's fusion: validated detections → tracker → picture → evaluators → alerts.
/// Pure and deterministic: time comes in with the data, nothing here reads a clock or does I/O,
/// and a single caller drives it (the sector loop). The same detections in the same order give the
/// same tracks and the same alerts.
/// </summary>
public sealed class FusionEngine
{
    private readonly FusionOptions _options;
    private readonly DetectionValidator _validator;
    private readonly SectorFrame _frame;
    private readonly Tracker _tracker;
    private readonly IEvaluator[] _evaluators;
    private readonly Evaluation.Rules.RuleEvaluator _rules;
    private readonly ZoneEvaluator _zoneEvaluator;
    private readonly AlertBook _alerts = new();
    private readonly IdentityResolver _identity;
    private readonly Dictionary<string, SensorDescriptor> _sensors;
    private readonly DateTimeOffset _epoch;
    private double _lastScanS = double.NegativeInfinity;
    private readonly Dictionary<string, double> _lastPlotS = new(StringComparer.Ordinal);
    private readonly List<(Detection Detection, long Arrival)> _pending = [];
    private long _arrival;
    private readonly List<AlertProposal> _proposals = [];
    private readonly FieldReports.ObservationBook _observations;

    public FusionEngine(GeoPoint sectorOrigin, IEnumerable<SensorDescriptor> sensors, DateTimeOffset epoch, FusionOptions? options = null)
    {
        _options = options ?? FusionOptions.Default;
        _sensors = sensors.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _validator = new DetectionValidator(_sensors, _options.MaxAhead, _options.MaxBehind);
        _frame = new SectorFrame(sectorOrigin, _sensors.Values);
        _tracker = new Tracker(_options.Tracker);
        _identity = new IdentityResolver(_options.Registry, _options.FriendlyIds, _options.Proofs);
        _epoch = epoch;
        _zoneEvaluator = new ZoneEvaluator(
            _options.Zones ?? new ZoneSet(ZoneCatalog.Defaults(_options.InnerZoneRadiusM, _options.OuterZoneRadiusM)), _options.ZoneApproachHorizonS);
        _rules = new Evaluation.Rules.RuleEvaluator(_options.Rules, new Evaluation.Rules.ZoneSetRuleZones(() => Zones), BorderMap.Embedded);
        _evaluators =
        [
            new BorderCrossingEvaluator(BorderMap.Embedded),
            _zoneEvaluator,
            new IdentityEvaluator(),
            _rules,
        ];
        _observations = new FieldReports.ObservationBook(_options.Observations);
        Picture = PictureSnapshot.Empty(epoch);
    }

    /// <summary>The zones the next evaluation uses.</summary>
    public ZoneSet Zones => _zoneEvaluator.Zones;

    /// <summary>The operator's alert rules now in force.</summary>
    public IReadOnlyList<Evaluation.Rules.AlertRule> Rules => _rules.Rules;

    /// <summary>Replaces the alert rules; a rule kept by id keeps its memory of what it already raised.</summary>
    public void ReplaceRules(IReadOnlyList<Evaluation.Rules.AlertRule> rules) => _rules.Replace(rules);

    /// <summary>Which sensors are known and which are silent now, for rules with a sensorSilent condition.</summary>
    public void SetSensorStates(IReadOnlySet<string> known, IReadOnlySet<string> silent) => _rules.SetSensorStates(known, silent);

    /// <summary>
    /// Hands the engine a new zone set, e.g. after an operator's edit. Safe from any thread: the set is immutable and
    /// the next picture is evaluated against it whole.
    /// </summary>
    public void ReplaceZones(ZoneSet zones) => _zoneEvaluator.Zones = zones;
    public IReadOnlyCollection<SensorDescriptor> Sensors => _sensors.Values;
    public PictureSnapshot Picture { get; private set; }
    public long LateDetections { get; private set; }

    /// <summary>Detections accepted but still waiting in the reorder window.</summary>
    public int Pending => _pending.Count;

    public IEnumerable<Alert> Alerts => _alerts.All;

    /// <summary>Replaces the registry view (the server refreshes it when the registry changes); call on the engine's loop.</summary>
    public void UseRegistry(RegistryView registry) => _identity.Registry = registry ?? throw new ArgumentNullException(nameof(registry));

    public void RestoreAlert(Alert alert) => _alerts.Restore(alert);

    /// <summary>Takes a triaged field report into the picture as an observation from the next picture on; call on the engine's loop.</summary>
    public void Observe(FieldReports.TriagedReport report) => _observations.Add(report);

    public Alert? Acknowledge(string alertId, string by, DateTimeOffset at) => _alerts.Acknowledge(alertId, by, at);

    /// <summary>Escalates the open alerts left unacknowledged for <paramref name="after"/> (see AlertBook.Escalate).</summary>
    public IReadOnlyList<Alert> Escalate(DateTimeOffset now, TimeSpan after)
    {
        var escalated = new List<Alert>();
        _alerts.Escalate(now, after, escalated);
        return escalated;
    }

    /// <summary>
    /// An alert found outside the picture: a sensor that stopped reporting (its listener knows, the
    /// tracker cannot). One alert per silence, keyed by when it began; null if already raised. Pure: the time is given.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="sensorId"/> is not a sensor of this sector.</exception>
    public Alert? RaiseSensorSilent(string sensorId, DateTimeOffset silentSince, string message, DateTimeOffset at)
    {
        if (!_sensors.TryGetValue(sensorId, out var sensor))
            throw new ArgumentException($"sensor '{sensorId}' is not a sensor of this sector", nameof(sensorId));
        var raised = new List<Alert>(1);
        string key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"sensor-silent:{sensorId}:{silentSince.UtcTicks}");
        _alerts.Raise(at, [new AlertProposal(key, AlertKind.SensorSilent, AlertSeverity.Warning, null, null, message, sensor.Position)], raised);
        return raised.Count > 0 ? raised[0] : null;
    }

    /// <summary>
    /// Validates and fuses one batch. <paramref name="now"/> is the ingest clock's time (the
    /// simulator's in a demo, the journal's in a replay); the picture is stamped with it.
    /// </summary>
    public FusionStep Process(IReadOnlyList<Detection> batch, DateTimeOffset now)
    {
        var rejected = new List<DetectionRejection>();
        foreach (var d in batch)
        {
            if (_validator.Validate(d, now) is { } r)
                rejected.Add(r);
            else
                _pending.Add((d, _arrival++));
        }

        // The time-ordering stage: sensors reach us by different paths and delays, so detections wait
        // for the reorder window and then go to the tracker in time order (stable: one sensor's
        // detections at one instant stay in arrival order).
        var cutoff = now - _options.ReorderWindow;
        _pending.Sort(static (a, b) => a.Detection.Time != b.Detection.Time ? a.Detection.Time.CompareTo(b.Detection.Time) : a.Arrival.CompareTo(b.Arrival));
        int ready = 0;
        while (ready < _pending.Count && _pending[ready].Detection.Time <= cutoff)
            ready++;
        var ordered = new List<Detection>(ready);
        for (int i = 0; i < ready; i++)
            ordered.Add(_pending[i].Detection);
        _pending.RemoveRange(0, ready);
        var deleted = new List<string>();
        int start = 0;
        while (start < ordered.Count)
        {
            int end = start + 1;
            while (end < ordered.Count && ordered[end].SensorId == ordered[start].SensorId && ordered[end].Time == ordered[start].Time)
                end++;
            ProcessScan(ordered, start, end, rejected, deleted);
            start = end;
        }

        double nowS = Seconds(cutoff);
        foreach (long id in _tracker.Expire(Math.Max(nowS, _lastScanS)))
            deleted.Add(TrackId(id));

        Picture = BuildPicture(now);
        foreach (var id in deleted)
        {
            foreach (var e in _evaluators)
                e.Forget(id);
        }

        _proposals.Clear();
        foreach (var e in _evaluators)
            e.Evaluate(Picture, _proposals);
        var raised = new List<Alert>();
        _alerts.Raise(now, _proposals, raised);
        return new FusionStep(Picture, raised, rejected, deleted);
    }

    private void ProcessScan(List<Detection> ordered, int start, int end, List<DetectionRejection> rejected, List<string> deleted)
    {
        var first = ordered[start];
        double t = Seconds(first.Time);
        // A scan behind the last processed one goes to the tracker, which re-filters the tracks it belongs
        // to, unless it is older than the tracker's out-of-sequence window: that is refused and counted.
        // It is already in the journal, so nothing accepted is lost.
        bool late = t < _lastScanS;
        if (late && !_tracker.Accepts(t))
        {
            LateDetections += end - start;
            for (int i = start; i < end; i++)
                rejected.Add(new DetectionRejection(ordered[i].SensorId, ordered[i].Time, "Time", "older than the tracker's out-of-sequence window behind the sector's last processed scan"));
            return;
        }

        var sensor = _sensors[first.SensorId];
        var measurements = new Measurement[end - start];
        for (int i = start; i < end; i++)
            measurements[i - start] = _frame.ToMeasurement(ordered[i]) with { CooperativeId = _identity.TrackerKey(ordered[i]) };

        // Only a surveillance radar sees everything in its coverage, so only its scans may count a
        // miss against a track.
        var scan = new Scan(sensor.Id, t, _frame.SensorPosition(sensor.Id), sensor.MaxRangeM, measurements)
        {
            CountsMisses = sensor.Kind == SensorKind.Radar,
        };
        if (sensor.Kind == SensorKind.Radar && sensor.ScanPeriodS > 0 && !late)
        {
            // A rotating radar stamps each plot when its beam crosses it, so a revolution arrives as
            // many scans. Each may only miss the tracks in the wedge swept since the radar's
            // previous plot, and not a track it already updated on this revolution.
            if (_lastPlotS.TryGetValue(sensor.Id, out double last) && t - last < sensor.ScanPeriodS)
            {
                double sweep = 2 * Math.PI * (t - last) / sensor.ScanPeriodS;
                double az = measurements[0].Z1;
                scan = scan with { SweepFromAzimuthRad = az - sweep, SweepToAzimuthRad = az };
            }

            scan = scan with { MissGraceS = 0.5 * sensor.ScanPeriodS };
            _lastPlotS[sensor.Id] = t;
        }

        var result = _tracker.Process(scan);
        foreach (long id in result.Deleted)
            deleted.Add(TrackId(id));
        _lastScanS = Math.Max(_lastScanS, t);
    }

    private PictureSnapshot BuildPicture(DateTimeOffset now)
    {
        var snaps = _tracker.Snapshot();
        var tracks = new AirTrack[snaps.Count];
        for (int i = 0; i < snaps.Count; i++)
        {
            var s = snaps[i];
            var pos = _frame.ToGeo(s.Position);
            var v = _frame.VelocityAt(pos, s.Velocity);
            var (cooperativeId, identity, detail) = _identity.Describe(s.CooperativeId, now);
            tracks[i] = new AirTrack(
                TrackId(s.Id), s.Status == TrackStatus.Confirmed, _epoch.AddSeconds(s.LastUpdateTimeS), pos,
                v.E, v.N, v.U, s.PositionSigmaM, s.Class, s.ClassProbability, identity,
                cooperativeId, s.Callsign, s.Sensors, detail)
            {
                ClassProbabilities = s.ClassProbabilities,
                SensorLastSeen = [.. s.SensorLastSeenS.Select(_epoch.AddSeconds)],
                ClassEvidence = [.. s.ClassEvidence.Select(e => new ClassSupport(e.Source, e.Class, e.Weight))],
            };
        }

        _identity.Forget(snaps.Select(s => s.CooperativeId));

        return new PictureSnapshot(now, tracks) { Observations = _observations.Current(now, tracks) };
    }

    private double Seconds(DateTimeOffset t) => (t - _epoch).TotalSeconds;

    private string TrackId(long id) => $"T{_options.TrackNumberBase + id}";
}
