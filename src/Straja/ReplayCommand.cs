using System.Globalization;
using System.Text.Json;
using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Geo.Zones;
using Straja.Registry;
using Straja.Server;
using Straja.Server.Hosting;
using Straja.Sim;
using Straja.Storage;

namespace Straja.Cli;

/// <summary>
/// <c>straja replay</c>: re-runs a data directory's detection journal through a fresh fusion engine built as the
/// server builds it (sensors, friendly ids, zones, registry, alert rules), optionally over a time window, and reports
/// the alerts it raises beside those the store recorded. Docs: docs/cli.md.
/// </summary>
internal static class ReplayCommand
{
    private const string Usage = """
        usage: straja replay --data DIR [--from TIME] [--to TIME] [--scenario NAME|FILE | --sensors FILE] [--rules FILE]
                             [--step S] [--alerts-out FILE] [--tracks-out FILE]

          --data DIR         the data directory of a demo or serve run (journal/ and straja.db)
          --from, --to TIME  replay only detections in [from, to), ISO-8601 UTC, e.g. 2026-11-27T10:00:00Z
          --scenario S       the demo's scenario: its sensors (in its order) and friendly ids
          --sensors FILE     a serve deployment's sensors file: its sensors and friendly ids
                             (neither: the sensors recorded in the store, and no friendly ids)
          --rules FILE       the alert rules the run used (default: the built-in ones)
          --step S           batch period in seconds, as the live loop's tick (default 1)
          --alerts-out FILE  the alerts raised: .jsonl for JSON lines, otherwise CSV
          --tracks-out FILE  track points, one per track per second as the store keeps them: .jsonl or CSV
                             (CSV time,track_id,lat_deg,lon_deg,alt_m,... which `straja eval --tracks` reads)
        exit code: 0 replayed; 1 replayed, but some journal lines were corrupt and skipped (listed on stderr); 2 nothing replayed
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        OfflineVerb.Run("replay", Usage, args, stdout, stderr, () =>
        {
            var flags = Flags.Parse(args, "data", "from", "to", "scenario", "sensors", "rules", "step", "alerts-out", "tracks-out");
            string data = flags.Get("data") ?? throw new UsageException("replay needs --data DIR");
            var from = flags.GetTime("from") ?? DateTimeOffset.MinValue;
            var to = flags.GetTime("to") ?? DateTimeOffset.MaxValue;
            if (from >= to)
                throw new UsageException("--from must be before --to");
            var step = TimeSpan.FromSeconds(flags.GetDouble("step", 1, min: 0.05, max: 60));
            string journal = Path.Combine(data, "journal");
            if (!Directory.Exists(journal))
                throw new UsageException($"{data}: no journal/ directory: not a Straja data directory");
            if (flags.Get("scenario") is not null && flags.Get("sensors") is not null)
                throw new UsageException("give --scenario or --sensors, not both");

            var corrupt = new List<string>();
            var detections = DetectionJournal.Read(journal, corrupt.Add).Where(d => d.Time >= from && d.Time < to).ToList();
            foreach (var line in corrupt)
                stderr.WriteLine($"straja replay: {Path.Combine(journal, line)} (skipped)");
            if (detections.Count == 0)
            {
                stderr.WriteLine($"straja replay: {journal} holds no detections{(from == DateTimeOffset.MinValue && to == DateTimeOffset.MaxValue ? "" : " in the window")}; nothing to replay");
                return 2;
            }

            string db = Path.Combine(data, "straja.db");
            var store = File.Exists(db) ? new SqliteStore(db) : null;
            try
            {
                var (sensors, friendly, source) = Sources(flags, store);
                stderr.WriteLine($"straja replay: sensors from {source}");
                var epoch = JournalReplay.SlotOf(detections[0].Time, step) - step;
                var engine = NewEngine(sensors, friendly, flags.Get("rules"), store is null ? null : db, epoch);
                var raised = new List<Alert>();
                using var tracksOut = flags.Get("tracks-out") is { } tracksPath ? new TrackPointWriter(tracksPath) : null;
                int steps = 0;
                long rejected = 0;
                JournalReplay.Run(engine, detections, step, s =>
                {
                    steps++;
                    rejected += s.Rejected.Count;
                    raised.AddRange(s.NewAlerts);
                    tracksOut?.Write(s);
                });

                foreach (var a in raised)
                    stdout.WriteLine(Describe(a));
                if (flags.Get("alerts-out") is { } alertsPath)
                    WriteAlerts(alertsPath, raised);
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"straja replay: {detections.Count} detections from {detections[0].Time:O} to {detections[^1].Time:O} in {steps} steps of {step.TotalSeconds:0.###} s; {rejected} refused; {raised.Count} alerts"));
                if (store is not null)
                    stderr.WriteLine(CompareWithStore(raised, store.LoadAlerts(int.MaxValue), detections[0].Time, detections[^1].Time + step + step));
                return corrupt.Count > 0 ? 1 : 0;
            }
            finally
            {
                store?.Dispose();
            }
        });

    /// <summary>
    /// The sensors and friendly ids the run used. The store's sensors table is the union of every run on the directory
    /// (it is never pruned), so a scenario or a sensors file, when given, is the better record of one run's sensors.
    /// </summary>
    private static (IReadOnlyList<SensorDescriptor> Sensors, IReadOnlyList<string> Friendly, string Source) Sources(Flags flags, SqliteStore? store)
    {
        if (flags.Get("scenario") is { } name)
        {
            var scenario = File.Exists(name) ? Scenario.Load(name) : Scenario.BuiltIn(name);
            return (scenario.Sensors, scenario.FriendlyIds, $"scenario {scenario.Name}");
        }

        if (flags.Get("sensors") is { } path)
        {
            var file = DeploymentFile.Load(path);
            return (file.Sensors, file.FriendlyIds, path);
        }

        var stored = store?.LoadSensors() ?? [];
        return stored.Count > 0
            ? (stored, [], "the store (no friendly ids: give --scenario or --sensors for them)")
            : throw new UsageException("the data directory's store records no sensors: give --scenario or --sensors");
    }

    /// <summary>The engine as <see cref="StrajaServer.StartAsync"/> builds it, with this directory's zones and registry.</summary>
    internal static FusionEngine NewEngine(IReadOnlyList<SensorDescriptor> sensors, IReadOnlyList<string> friendly, string? rulesFile, string? db, DateTimeOffset epoch)
    {
        var defaults = StrajaServerOptions.Default;
        var options = FusionOptions.Default with
        {
            Rules = RuleSource.Load(rulesFile).Rules,
            FriendlyIds = [.. friendly],
            InnerZoneRadiusM = defaults.InnerZoneRadiusM,
            OuterZoneRadiusM = defaults.OuterZoneRadiusM,
        };
        if (db is not null)
        {
            using var zones = new ZoneStore(db, ZoneCatalog.Defaults(defaults.InnerZoneRadiusM, defaults.OuterZoneRadiusM), epoch);
            using var registry = new RegistryStore(db);
            options = options with { Zones = zones.Snapshot(), Registry = RegistryRefresh.ViewOf(new RegistryService(registry)) };
        }

        return new FusionEngine(StrajaServer.SectorOrigin(sensors), sensors, epoch, options);
    }

    internal static string Describe(Alert a) =>
        string.Create(CultureInfo.InvariantCulture,
            $"{a.Time:yyyy-MM-ddTHH:mm:ss.fffZ} {a.Kind.ToWire()} {a.Severity.ToWire()} track {a.TrackId ?? "-"} zone {a.Zone ?? "-"}: {a.Message}");

    /// <summary>
    /// How the replay's alerts compare with the store's over the same period, by what each alert is about (its
    /// deduplication key). Sensor-silent alerts are left out: listeners raise them from liveness, which no journal holds.
    /// </summary>
    internal static string CompareWithStore(IReadOnlyList<Alert> replayed, IReadOnlyList<Alert> stored, DateTimeOffset from, DateTimeOffset to)
    {
        var recorded = stored.Where(a => a.Kind != AlertKind.SensorSilent && a.Time >= from && a.Time <= to).Select(a => a.Key).ToList();
        var again = replayed.Where(a => a.Kind != AlertKind.SensorSilent).Select(a => a.Key).ToList();
        var missing = recorded.Except(again, StringComparer.Ordinal).ToList();
        var extra = again.Except(recorded, StringComparer.Ordinal).ToList();
        if (missing.Count == 0 && extra.Count == 0)
            return $"straja replay: the replay raised the same {recorded.Count} alerts the store recorded over this period";
        return $"straja replay: the store recorded {recorded.Count} alerts over this period, the replay {again.Count}"
            + (missing.Count > 0 ? $"; not raised again: {string.Join(", ", missing)}" : "")
            + (extra.Count > 0 ? $"; raised only by the replay: {string.Join(", ", extra)}" : "")
            + " (a different step, rules file, zone or registry edit since, or a window cutting a track's history explain most)";
    }

    private static bool JsonLines(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".json", StringComparison.OrdinalIgnoreCase);

    private static void WriteAlerts(string path, IReadOnlyList<Alert> alerts)
    {
        using var w = new StreamWriter(path);
        bool json = JsonLines(path);
        if (!json)
            w.WriteLine("time,kind,severity,track_id,zone,lat_deg,lon_deg,alt_m,key,message");
        foreach (var a in alerts)
        {
            if (json)
            {
                w.WriteLine(JsonSerializer.Serialize(new
                {
                    time = a.Time.UtcDateTime, kind = a.Kind.ToWire(), severity = a.Severity.ToWire(), trackId = a.TrackId, zone = a.Zone,
                    latDeg = a.Position.LatDeg, lonDeg = a.Position.LonDeg, altM = a.Position.AltM, key = a.Key, message = a.Message,
                }));
            }
            else
            {
                w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{a.Time:yyyy-MM-ddTHH:mm:ss.fffZ},{a.Kind.ToWire()},{a.Severity.ToWire()},{a.TrackId},{CsvField.Of(a.Zone)},{a.Position.LatDeg:F7},{a.Position.LonDeg:F7},{a.Position.AltM:F1},{CsvField.Of(a.Key)},{CsvField.Of(a.Message)}"));
            }
        }
    }

    /// <summary>Track points decimated to about one per track per second, as the store keeps them.</summary>
    private sealed class TrackPointWriter : IDisposable
    {
        private readonly StreamWriter _w;
        private readonly bool _json;
        private readonly Dictionary<string, DateTimeOffset> _lastAt = new(StringComparer.Ordinal);

        public TrackPointWriter(string path)
        {
            _w = new StreamWriter(path);
            _json = JsonLines(path);
            if (!_json)
                _w.WriteLine("time,track_id,lat_deg,lon_deg,alt_m,speed_mps,heading_deg,class,identity,confirmed");
        }

        public void Write(FusionStep step)
        {
            foreach (var t in step.Picture.Tracks)
            {
                if (_lastAt.TryGetValue(t.Id, out var last) && (t.LastUpdate - last).TotalSeconds < 1)
                    continue;
                _lastAt[t.Id] = t.LastUpdate;
                if (_json)
                {
                    _w.WriteLine(JsonSerializer.Serialize(new
                    {
                        time = t.LastUpdate.UtcDateTime, trackId = t.Id, latDeg = t.Position.LatDeg, lonDeg = t.Position.LonDeg, altM = t.Position.AltM,
                        speedMps = t.SpeedMps, headingDeg = t.HeadingDeg, @class = t.Class.ToString(), identity = t.Identity.ToString(), confirmed = t.Confirmed,
                    }));
                }
                else
                {
                    _w.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{t.LastUpdate:yyyy-MM-ddTHH:mm:ss.fffZ},{t.Id},{t.Position.LatDeg:F7},{t.Position.LonDeg:F7},{t.Position.AltM:F1},{t.SpeedMps:F1},{t.HeadingDeg:F1},{t.Class},{t.Identity},{(t.Confirmed ? 1 : 0)}"));
                }
            }

            foreach (var id in step.DeletedTracks)
                _lastAt.Remove(id);
        }

        public void Dispose() => _w.Dispose();
    }
}
