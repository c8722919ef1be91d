using System.Diagnostics;
using System.Globalization;
using Straja.Tracking.Planar;

namespace Straja.Cli;

/// <summary>
/// <c>straja track</c>: runs the 2D <see cref="PlanarTracker"/> over a CSV of position detections and writes the
/// confirmed tracks at every detection time. Formats and the configuration file: docs/tracking.md.
/// </summary>
internal static class TrackCommand
{
    private const string Usage = """
        usage: straja track --detections DET.csv --out TRACKS.csv [--config TRACKER.yaml]
                            [--process-noise Q] [--measurement-std S] [--pd P] [--clutter-density D] [--association gnn|jpda]

          --detections FILE    time_s,x_m,y_m[,sensor]: 2D position detections, metres, any order
          --out FILE           time_s,track_id,x_m,y_m,vx_mps,vy_mps for the confirmed tracks at each detection time
          --config FILE        key: value tracker configuration (or .json; keys in docs/tracking.md); options below override it
          --process-noise Q    m^2/s^3 per axis, nearly-constant-velocity model (default 9)
          --measurement-std S  one-sigma of x and y, m (default 10)
          --pd P               probability of detection, used by the track score and JPDA (default 0.9)
          --clutter-density D  false detections per m^2 per scan, used by the track score and JPDA (default 1e-8)
          --association A      gnn (default) or jpda
        exit code: 0 done; 1 done, but some detection rows were skipped (listed on stderr); 2 nothing done
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        OfflineVerb.Run("track", Usage, args, stdout, stderr, () =>
        {
            var flags = Flags.Parse(args, "detections", "out", "config", "process-noise", "measurement-std", "pd", "clutter-density", "association");
            string detectionsPath = flags.Get("detections") ?? throw new UsageException("track needs --detections FILE");
            string outPath = flags.Get("out") ?? throw new UsageException("track needs --out FILE");
            var options = Options(flags);
            PlanarTracker tracker;
            try
            {
                tracker = new PlanarTracker(options);
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
                tracks = Process(tracker, detections, output);
            double seconds = clock.Elapsed.TotalSeconds;
            stderr.WriteLine(Summary(detections.Count, tracks, seconds, options));
            return csv.Problems.Count > 0 ? 1 : 0;
        });

    /// <summary>Defaults, then the configuration file, then the command-line options.</summary>
    internal static PlanarOptions Options(Flags flags)
    {
        var o = PlanarOptions.Default;
        if (flags.Get("config") is { } configPath)
            o = TrackConfig.Read(configPath, File.ReadAllText(configPath), o);
        o = o with
        {
            ProcessNoise = flags.GetDouble("process-noise", o.ProcessNoise, min: 1e-9, max: 1e9),
            MeasurementStdM = flags.GetDouble("measurement-std", o.MeasurementStdM, min: 1e-6, max: 1e9),
            DetectionProbability = flags.GetDouble("pd", o.DetectionProbability, min: 1e-9, max: 0.999999),
            ClutterDensity = flags.GetDouble("clutter-density", o.ClutterDensity, min: 1e-30, max: 1e6),
        };
        return flags.Get("association") is { } association ? TrackConfig.Apply(o, "association", association, "--association") : o;
    }

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
    internal static int Process(PlanarTracker tracker, List<Detection2D> detections, TextWriter output)
    {
        var ci = CultureInfo.InvariantCulture;
        output.WriteLine("time_s,track_id,x_m,y_m,vx_mps,vy_mps");
        var ordered = detections
            .Select((d, index) => (d, index))
            .OrderBy(p => p.d.TimeS).ThenBy(p => p.d.Sensor, StringComparer.Ordinal).ThenBy(p => p.index)
            .Select(p => p.d)
            .ToList();
        var written = new HashSet<long>();
        var scan = new List<PlanarDetection>();
        for (int k = 0; k < ordered.Count;)
        {
            double time = ordered[k].TimeS;
            while (k < ordered.Count && ordered[k].TimeS == time)
            {
                string sensor = ordered[k].Sensor;
                scan.Clear();
                for (; k < ordered.Count && ordered[k].TimeS == time && ordered[k].Sensor == sensor; k++)
                    scan.Add(new PlanarDetection(ordered[k].XM, ordered[k].YM));
                tracker.Process(time, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(scan));
            }

            for (int i = 0; i < tracker.Count; i++)
            {
                var track = tracker[i];
                if (!track.Confirmed)
                    continue;
                written.Add(track.Id);
                output.WriteLine(string.Create(ci,
                    $"{time.ToString("R", ci)},{track.Id},{track.XM:F3},{track.YM:F3},{track.VxMps:F3},{track.VyMps:F3}"));
            }
        }

        return written.Count;
    }

    internal static string Summary(int detections, int tracks, double seconds, PlanarOptions options)
    {
        var ci = CultureInfo.InvariantCulture;
        string rate = seconds > 0 ? (detections / seconds).ToString("N0", ci) : "-";
        return string.Create(ci,
            $"straja track: {detections} detections, {tracks} tracks, {seconds:F3} s, {rate} detections/s ({options.Association.ToString().ToUpperInvariant()}, pd {options.DetectionProbability:G4}, clutter density {options.ClutterDensity:G4} /m^2/scan)");
    }
}
