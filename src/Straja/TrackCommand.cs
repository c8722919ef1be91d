using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Straja.Tracking;

namespace Straja.Cli;

/// <summary>
/// Settings of <c>straja track</c>: the tracker's options plus the measurement model of the detections file.
/// </summary>
/// <param name="ProcessNoise">q, m²/s³ per horizontal axis, of the nearly-constant-velocity model (q = σa² × 1 s).</param>
/// <param name="MeasurementStdM">One-sigma of each detection coordinate, m.</param>
/// <param name="DetectionProbability">Recorded only: the GNN tracker has no use for it.</param>
/// <param name="ClutterDensity">False detections per m² per scan. Recorded only: the GNN tracker has no use for it.</param>
internal sealed record TrackSettings(
    TrackerOptions Tracker, double ProcessNoise, double MeasurementStdM, double? DetectionProbability, double? ClutterDensity)
{
    // The offline command is the textbook NCV + GNN path its options describe, not the tracker's IMM default.
    public static TrackSettings Default { get; } = new(TrackerOptions.Default with { Motion = MotionModel.ConstantVelocity }, 9, 10, null, null);

    /// <summary>The tracker options with the process noise applied.</summary>
    public TrackerOptions Options => Tracker with { AccelerationSigmaHorizontal = Math.Sqrt(ProcessNoise) };
}

/// <summary>
/// <c>straja track</c>: runs <see cref="Tracker"/> over a CSV of 2D position detections and writes the confirmed
/// tracks at every detection time. Formats and the configuration file: docs/metrics.md.
/// </summary>
internal static class TrackCommand
{
    private const string Usage = """
        usage: straja track --detections DET.csv --out TRACKS.csv [--config TRACKER.json]
                            [--process-noise Q] [--measurement-std S] [--pd P] [--clutter-density D]

          --detections FILE    time_s,x_m,y_m[,sensor]: 2D position detections, metres, any order
          --out FILE           time_s,track_id,x_m,y_m,vx_mps,vy_mps for the confirmed tracks at each detection time
          --config FILE        JSON tracker configuration (fields in docs/metrics.md); options below override it
          --process-noise Q    m^2/s^3 per axis, nearly-constant-velocity model (default 9, i.e. 3 m/s^2 white acceleration)
          --measurement-std S  one-sigma of x and y, m (default 10)
          --pd P               probability of detection: recorded, unused by the GNN tracker
          --clutter-density D  false detections per m^2 per scan: recorded, unused by the GNN tracker
        exit code: 0 done; 1 done, but some detection rows were skipped (listed on stderr); 2 nothing done
        """;

    // The detections are planar; they go in as 3D positions at z = 0 (see docs/metrics.md for why 1 m).
    private const double VerticalSigmaM = 1;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        OfflineVerb.Run("track", Usage, args, stdout, stderr, () =>
        {
            var flags = Flags.Parse(args, "detections", "out", "config", "process-noise", "measurement-std", "pd", "clutter-density");
            string detectionsPath = flags.Get("detections") ?? throw new UsageException("track needs --detections FILE");
            string outPath = flags.Get("out") ?? throw new UsageException("track needs --out FILE");
            var settings = flags.Get("config") is { } configPath ? ReadConfig(configPath, File.ReadAllText(configPath)) : TrackSettings.Default;
            settings = settings with
            {
                ProcessNoise = flags.GetDouble("process-noise", settings.ProcessNoise, min: 1e-9, max: 1e9),
                MeasurementStdM = flags.GetDouble("measurement-std", settings.MeasurementStdM, min: 1e-6, max: 1e9),
                DetectionProbability = flags.Get("pd") is null ? settings.DetectionProbability : flags.GetDouble("pd", 1, min: 1e-9, max: 1),
                ClutterDensity = flags.Get("clutter-density") is null ? settings.ClutterDensity : flags.GetDouble("clutter-density", 0, min: 0, max: 1e9),
            };
            Tracker tracker;
            try
            {
                tracker = new Tracker(settings.Options);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"tracker configuration: {e.Message}");
            }

            CsvInput csv;
            using (var reader = File.OpenText(detectionsPath))
                csv = CsvInput.Read(detectionsPath, reader);
            var detections = ReadDetections(csv);
            OfflineVerb.Report("track", csv.Problems.OrderBy(p => p.Line), stderr);

            var clock = Stopwatch.StartNew();
            int tracks;
            using (var output = new StreamWriter(outPath))
                tracks = Process(tracker, settings, detections, output);
            double seconds = clock.Elapsed.TotalSeconds;
            stderr.WriteLine(Summary(detections.Count, tracks, seconds, settings));
            return csv.Problems.Count > 0 ? 1 : 0;
        });

    /// <summary>A 2D position detection.</summary>
    internal readonly record struct Detection2D(double TimeS, double XM, double YM, string Sensor);

    internal static List<Detection2D> ReadDetections(CsvInput csv)
    {
        var list = new List<Detection2D>();
        if (csv.Header.Length > 0 && !csv.Has("time_s", "x_m", "y_m"))
        {
            csv.Problems.Add(new CsvProblem(csv.Name, 1, "(header)", $"expected time_s,x_m,y_m[,sensor]; found '{string.Join(',', csv.Header)}'"));
            return list;
        }

        bool hasSensor = csv.Has("sensor");
        foreach (var row in csv.Rows())
        {
            double t = row.Number("time_s"), x = row.Number("x_m"), y = row.Number("y_m");
            string sensor = hasSensor ? row.Text("sensor") : "detections";
            if (!row.Failed)
                list.Add(new Detection2D(t, x, y, sensor));
        }

        return list;
    }

    /// <summary>
    /// Feeds the detections to the tracker, one scan per (time, sensor) in time order, and after each distinct time
    /// writes the confirmed tracks. Returns how many distinct tracks were ever written.
    /// </summary>
    internal static int Process(Tracker tracker, TrackSettings settings, List<Detection2D> detections, TextWriter output)
    {
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine("time_s,track_id,x_m,y_m,vx_mps,vy_mps");
        var ordered = detections
            .Select((d, index) => (d, index))
            .OrderBy(p => p.d.TimeS).ThenBy(p => p.d.Sensor, StringComparer.Ordinal).ThenBy(p => p.index)
            .Select(p => p.d)
            .ToList();
        var written = new HashSet<long>();
        var measurements = new List<Measurement>();
        double s = settings.MeasurementStdM;
        for (int k = 0; k < ordered.Count;)
        {
            double time = ordered[k].TimeS;
            while (k < ordered.Count && ordered[k].TimeS == time)
            {
                string sensor = ordered[k].Sensor;
                measurements.Clear();
                for (; k < ordered.Count && ordered[k].TimeS == time && ordered[k].Sensor == sensor; k++)
                    measurements.Add(new Measurement(MeasurementKind.Position, ordered[k].XM, ordered[k].YM, 0, s, s, VerticalSigmaM));

                // Position sensors see everywhere: infinite coverage makes every silent scan a miss for every track.
                tracker.Process(new Scan(sensor, time, default, double.PositiveInfinity, [.. measurements]));
            }

            tracker.Expire(time);
            foreach (var track in tracker.Snapshot())
            {
                if (track.Status != TrackStatus.Confirmed)
                    continue;
                written.Add(track.Id);
                output.WriteLine(string.Create(ci,
                    $"{time.ToString("R", ci)},{track.Id},{track.Position.X:F3},{track.Position.Y:F3},{track.Velocity.X:F3},{track.Velocity.Y:F3}"));
            }
        }

        return written.Count;
    }

    internal static string Summary(int detections, int tracks, double seconds, TrackSettings settings)
    {
        var ci = CultureInfo.InvariantCulture;
        string rate = seconds > 0 ? (detections / seconds).ToString("N0", ci) : "-";
        string unused = settings.DetectionProbability is null && settings.ClutterDensity is null
            ? ""
            : string.Create(ci, $"; pd {settings.DetectionProbability?.ToString("G4", ci) ?? "-"} and clutter density {settings.ClutterDensity?.ToString("G4", ci) ?? "-"} recorded but unused (GNN tracker)");
        return string.Create(ci, $"straja track: {detections} detections, {tracks} tracks, {seconds:F3} s, {rate} detections/s{unused}");
    }

    /// <summary>
    /// Reads the JSON configuration. Unknown fields and wrong types are errors naming the field, so a typo never
    /// silently leaves a default in place.
    /// </summary>
    internal static TrackSettings ReadConfig(string name, string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{name}: line {e.LineNumber + 1}: {e.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{name}: the configuration must be a JSON object");
            var s = TrackSettings.Default;
            var o = s.Tracker;
            foreach (var field in doc.RootElement.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "processNoise": s = s with { ProcessNoise = Number(name, field) }; break;
                    case "measurementStdM": s = s with { MeasurementStdM = Number(name, field) }; break;
                    case "pd": s = s with { DetectionProbability = Number(name, field) }; break;
                    case "clutterDensity": s = s with { ClutterDensity = Number(name, field) }; break;
                    case "gateProbability": o = o with { GateProbability = Number(name, field) }; break;
                    case "confirmHits": o = o with { ConfirmHits = Integer(name, field) }; break;
                    case "confirmWindow": o = o with { ConfirmWindow = Integer(name, field) }; break;
                    case "maxMisses": o = o with { MaxMisses = Integer(name, field) }; break;
                    case "maxCoastS": o = o with { MaxCoastS = Number(name, field) }; break;
                    case "initialVelocitySigmaMps": o = o with { InitialVelocitySigmaHorizontal = Number(name, field) }; break;
                    default:
                        throw new UsageException($"{name}: unknown field '{field.Name}' (known: processNoise, measurementStdM, pd, clutterDensity, gateProbability, confirmHits, confirmWindow, maxMisses, maxCoastS, initialVelocitySigmaMps)");
                }
            }

            if (!(s.ProcessNoise > 0) || !(s.MeasurementStdM > 0))
                throw new UsageException($"{name}: processNoise and measurementStdM must be > 0");
            if (s.DetectionProbability is { } pd && !(pd > 0 && pd <= 1))
                throw new UsageException($"{name}: field 'pd': {pd.ToString(CultureInfo.InvariantCulture)} is outside (0, 1]");
            if (s.ClutterDensity is < 0)
                throw new UsageException($"{name}: field 'clutterDensity' must be >= 0");
            return s with { Tracker = o };
        }
    }

    private static double Number(string name, JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetDouble(out double v) && double.IsFinite(v)
            ? v
            : throw new UsageException($"{name}: field '{field.Name}' must be a number, was {field.Value.GetRawText()}");

    private static int Integer(string name, JsonProperty field) =>
        field.Value.ValueKind == JsonValueKind.Number && field.Value.TryGetInt32(out int v)
            ? v
            : throw new UsageException($"{name}: field '{field.Name}' must be an integer, was {field.Value.GetRawText()}");
}
