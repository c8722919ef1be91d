using System.Globalization;
using Straja.Geo;
using Straja.Server;
using Straja.Sim;

namespace Straja.Cli;

/// <summary>
/// <c>straja sim</c>: runs the simulator offline (no sockets, no clock) and writes its detections as the 2D positions
/// <c>straja track --detections</c> reads and its ground truth as <c>straja eval --truth</c> reads, both in one local
/// frame, so <c>sim → track → eval</c> is a pipeline. Docs: docs/cli.md.
/// </summary>
internal static class SimCommand
{
    private const string Usage = """
        usage: straja sim --scenario NAME|FILE --duration D --out DETECTIONS.csv --truth TRUTH.csv [--seed N] [--start TIME]

          --scenario S   a built-in scenario (straja scenarios) or a scenario file (docs/scenarios.md)
          --duration D   simulated time: 90s, 10m, 1h or plain seconds (at most 24h)
          --out FILE     time_s,x_m,y_m,sensor: every radar plot and cooperative position, clutter included,
                         in the local east-north frame at the sensors' centroid (the engine's sector frame);
                         a radar's plots carry the instant their revolution began (one scan for `straja track`)
          --truth FILE   time_s,truth_id,x_m,y_m: each target once a simulated second, the same frame
          --seed N       override the scenario's random seed
          --start TIME   the scenario's start, ISO-8601 UTC (default 2026-11-27T10:00:00Z); time_s counts from it
        Bearing-only sensors (passive RF, acoustic, camera) give no position and are left out (counted on stderr).
        exit code: 0 written; 2 nothing written
        """;

    private static readonly DateTimeOffset DefaultStart = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        OfflineVerb.Run("sim", Usage, args, stdout, stderr, () =>
        {
            var flags = Flags.Parse(args, "scenario", "duration", "out", "truth", "seed", "start");
            string name = flags.Get("scenario") ?? throw new UsageException("sim needs --scenario NAME|FILE");
            var duration = Duration(flags.Get("duration") ?? throw new UsageException("sim needs --duration, e.g. 10m"));
            string outPath = flags.Get("out") ?? throw new UsageException("sim needs --out FILE");
            string truthPath = flags.Get("truth") ?? throw new UsageException("sim needs --truth FILE");
            int? seed = flags.Get("seed") is null ? null : (int)flags.GetDouble("seed", 0, int.MinValue, int.MaxValue);
            var start = flags.GetTime("start") ?? DefaultStart;

            Scenario scenario;
            try
            {
                scenario = File.Exists(name) ? Scenario.Load(name) : Scenario.BuiltIn(name);
            }
            catch (ScenarioException e)
            {
                throw new UsageException($"scenario: {e.Message}");
            }

            var sim = new Simulation(scenario, start, seed);
            var frame = new LocalFrame(StrajaServer.SectorOrigin(sim.Sensors));
            var written = new Written();
            using (var detections = new StreamWriter(outPath))
            using (var truth = new StreamWriter(truthPath))
            {
                string header = FrameComment(frame, start);
                detections.WriteLine(header);
                detections.WriteLine("time_s,x_m,y_m,sensor");
                truth.WriteLine(header);
                // No z_m: the offline tracker is 2D, and eval would count the altitude as error against its tracks.
                truth.WriteLine("time_s,truth_id,x_m,y_m");
                // One simulated second at a time keeps memory flat however long the run.
                for (var until = start.AddSeconds(1); until <= start + duration; until = until.AddSeconds(1))
                {
                    var step = sim.AdvanceTo(until);
                    Write(detections, step.Detections, sim.Sensors, frame, start, written);
                    Write(truth, step.Truth, frame, start, written);
                }
            }

            stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"straja sim: {scenario.Name}, {duration.TotalSeconds:0.###} s: {written.Detections} detections, {written.Truth} truth rows of {written.Targets.Count} targets; {written.BearingOnly} bearing-only detections left out"));
            return 0;
        });

    private sealed class Written
    {
        public int Detections, Truth, BearingOnly;
        public HashSet<string> Targets { get; } = new(StringComparer.Ordinal);
        public RadarRevolutions Revolutions { get; } = new();
    }

    /// <summary>90s, 10m, 1h or plain seconds.</summary>
    internal static TimeSpan Duration(string text)
    {
        double unit = text.EndsWith('h') ? 3600 : text.EndsWith('m') ? 60 : 1;
        string number = text.EndsWith('h') || text.EndsWith('m') || text.EndsWith('s') ? text[..^1] : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || v * unit < 1 || v * unit > 86_400)
            throw new UsageException($"option '--duration': '{text}' is not a duration of 1 s to 24h such as 90s, 10m or 1h");
        return TimeSpan.FromSeconds(v * unit);
    }

    private static string FrameComment(LocalFrame frame, DateTimeOffset start) =>
        string.Create(CultureInfo.InvariantCulture,
            $"# straja sim: x east, y north (m) in the local ENU frame at {frame.Origin.LatDeg:F6} N {frame.Origin.LonDeg:F6} E; time_s 0 = {start:yyyy-MM-ddTHH:mm:ssZ}");

    /// <summary>
    /// A detection's position in the frame: a radar plot from its range, azimuth (clockwise from north) and elevation
    /// at the radar; a cooperative report from its WGS84 position. Null for a bearing, which has no range.
    /// </summary>
    internal static Enu? PositionOf(Detection d, SensorDescriptor sensor, LocalFrame frame)
    {
        switch (d.Kind)
        {
            case DetectionKind.Position:
                return frame.ToEnu(d.Position);
            case DetectionKind.Polar:
                double horizontal = d.RangeM * Math.Cos(d.ElevationRad);
                var atSensor = new Enu(horizontal * Math.Sin(d.AzimuthRad), horizontal * Math.Cos(d.AzimuthRad), d.RangeM * Math.Sin(d.ElevationRad));
                return frame.ToEnu(new LocalFrame(sensor.Position).ToGeo(atSensor));
            default:
                return null;
        }
    }

    private static void Write(TextWriter w, IReadOnlyList<Detection> detections, IReadOnlyList<SensorDescriptor> sensors, LocalFrame frame, DateTimeOffset start, Written written)
    {
        foreach (var d in detections)
        {
            var sensor = sensors.First(s => s.Id == d.SensorId);
            if (PositionOf(d, sensor, frame) is not { } p)
            {
                written.BearingOnly++;
                continue;
            }

            double timeS = (d.Time - start).TotalSeconds;
            if (d.Kind == DetectionKind.Polar && sensor.ScanPeriodS > 0)
                timeS = written.Revolutions.InstantOf(sensor.Id, timeS, d.AzimuthRad, sensor.ScanPeriodS);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{timeS:0.######},{p.E:F2},{p.N:F2},{CsvField.Of(d.SensorId)}"));
            written.Detections++;
        }
    }

    private static void Write(TextWriter w, IReadOnlyList<TruthSample> truth, LocalFrame frame, DateTimeOffset start, Written written)
    {
        foreach (var s in truth)
        {
            var p = frame.ToEnu(s.Position);
            w.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(s.Time - start).TotalSeconds:0.######},{CsvField.Of(s.TargetId)},{p.E:F2},{p.N:F2}"));
            written.Truth++;
            written.Targets.Add(s.TargetId);
        }
    }

    /// <summary>
    /// Puts each radar plot on the instant its revolution began. The simulated beam sweeps clockwise from north, so a
    /// plot at azimuth a is stamped scan + a/2π · period; the offline tracker takes a scan at one time and counts a
    /// miss against every track the scan did not update, so plots each at their own instant would make every plot a
    /// scan that misses all the other targets. The price: a plot's time is early by up to one period.
    /// </summary>
    internal sealed class RadarRevolutions
    {
        private readonly Dictionary<string, double> _current = new(StringComparer.Ordinal);

        public double InstantOf(string radar, double plotTimeS, double azimuthRad, double periodS)
        {
            double turn = azimuthRad / (2 * Math.PI);
            double instant = plotTimeS - ((turn - Math.Floor(turn)) * periodS);
            // Azimuth noise moves the computed instant by milliseconds: plots within half a period share a revolution.
            if (_current.TryGetValue(radar, out double current) && Math.Abs(instant - current) < periodS / 2)
                return current;
            _current[radar] = instant;
            return instant;
        }
    }
}
