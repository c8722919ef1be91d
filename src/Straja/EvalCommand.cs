using System.Globalization;
using Straja.Cli.Plotting;
using Straja.Geo;
using Straja.Tracking;
using Straja.Tracking.Metrics;

namespace Straja.Cli;

/// <summary>One evaluation step: the true objects and the tracks at one truth time, local frame, m.</summary>
internal sealed record EvalStep(double TimeS, LabelledPoint[] Truth, LabelledPoint[] Tracks);

/// <summary>Both files read and put on common steps.</summary>
/// <param name="Frame">How positions were put into metres, for the report.</param>
/// <param name="UnplacedTrackRows">Track rows with no truth time within half a step.</param>
internal sealed record EvalInput(IReadOnlyList<EvalStep> Steps, IReadOnlyList<CsvProblem> Problems, int UnplacedTrackRows, string Frame);

/// <summary>
/// <c>straja eval</c>: scores a tracks CSV against a truth CSV with <see cref="TrackScorer"/> (OSPA, GOSPA and
/// its parts, ID switches, fragmentations, time to confirm, false-track rate). Formats: docs/metrics.md.
/// </summary>
internal static class EvalCommand
{
    private const string Usage = """
        usage: straja eval --truth TRUTH.csv --tracks TRACKS.csv [--cutoff M] [--p P] [--gate M] [--per-step] [--plot FILE.png]

          --truth FILE    time_s,truth_id,x_m,y_m[,z_m]  or the simulator's truth CSV (time,targetId,...,latDeg,lonDeg,altM,...)
          --tracks FILE   time_s,track_id,x_m,y_m[,...]  or, with simulator truth, time,track_id,lat_deg,lon_deg,alt_m
          --cutoff M      OSPA/GOSPA cut-off c in metres (default 100)
          --p P           OSPA/GOSPA order p >= 1 (default 2)
          --gate M        truth-track match distance for switches, fragments, confirmation, false tracks (default: the cut-off)
          --per-step      print one line per step and each truth object's time to confirm
          --plot FILE     write a PNG: GOSPA and its parts over time beside a map of tracks and truth
        exit code: 0 scored; 1 scored, but some input rows were skipped (listed on stderr); 2 nothing scored
        """;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr) =>
        OfflineVerb.Run("eval", Usage, args, stdout, stderr, () =>
        {
            bool perStep = args.Contains("--per-step");
            var flags = Flags.Parse([.. args.Where(a => a != "--per-step")], "truth", "tracks", "cutoff", "p", "gate", "plot");
            string truthPath = flags.Get("truth") ?? throw new UsageException("eval needs --truth FILE");
            string tracksPath = flags.Get("tracks") ?? throw new UsageException("eval needs --tracks FILE");
            double cutoff = flags.GetDouble("cutoff", 100, min: 1e-6, max: 1e9);
            var options = MetricOptions.Default with
            {
                CutoffM = cutoff,
                Order = flags.GetDouble("p", 2, min: 1, max: 100),
                MatchGateM = flags.Get("gate") is null ? null : flags.GetDouble("gate", cutoff, min: 1e-6, max: 1e9),
            };

            EvalInput input;
            using (var truth = File.OpenText(truthPath))
            using (var tracks = File.OpenText(tracksPath))
                input = Load(truthPath, truth, tracksPath, tracks);

            OfflineVerb.Report("eval", input.Problems, stderr);
            if (input.Steps.Count == 0)
            {
                stderr.WriteLine($"straja eval: {truthPath} holds no usable truth rows; nothing to score");
                return 2;
            }

            var scores = Score(input, options, out var summary);
            Report(stdout, input, options, scores, summary, perStep);
            if (flags.Get("plot") is { } plotPath)
            {
                EvalPlot.Save(plotPath, input, scores, summary, options);
                stdout.WriteLine($"plot written to {plotPath}");
            }

            return input.Problems.Count > 0 ? 1 : 0;
        });

    /// <summary>Scores every step in order.</summary>
    internal static IReadOnlyList<StepScore> Score(EvalInput input, MetricOptions options, out ScoreSummary summary)
    {
        var scorer = new TrackScorer(options);
        var scores = new StepScore[input.Steps.Count];
        for (int k = 0; k < scores.Length; k++)
            scores[k] = scorer.Add(input.Steps[k].TimeS, input.Steps[k].Truth, input.Steps[k].Tracks);
        summary = scorer.Summarise();
        return scores;
    }

    /// <summary>
    /// Reads both files (format told by their headers), converts WGS84 to a local ENU frame when the truth is the
    /// simulator's, and puts each track row on the nearest truth time within half the median truth interval.
    /// </summary>
    internal static EvalInput Load(string truthName, TextReader truthReader, string tracksName, TextReader tracksReader)
    {
        var truthCsv = CsvInput.Read(truthName, truthReader);
        var tracksCsv = CsvInput.Read(tracksName, tracksReader);
        var problems = new List<CsvProblem>();
        bool geo = truthCsv.Has("time", "targetId", "latDeg", "lonDeg", "altM");
        if (!geo && !truthCsv.Has("time_s", "truth_id", "x_m", "y_m") && truthCsv.Header.Length > 0)
        {
            throw new UsageException(
                $"{truthName}: line 1: header '{string.Join(',', truthCsv.Header)}' is neither time_s,truth_id,x_m,y_m[,z_m] nor the simulator's time,targetId,class,latDeg,lonDeg,altM,...");
        }

        if (tracksCsv.Header.Length > 0 && !(geo ? tracksCsv.Has("time", "track_id", "lat_deg", "lon_deg", "alt_m") : tracksCsv.Has("time_s", "track_id", "x_m", "y_m")))
        {
            throw new UsageException(geo
                ? $"{tracksName}: line 1: with simulator truth (lat/lon) the tracks need the header time,track_id,lat_deg,lon_deg,alt_m; found '{string.Join(',', tracksCsv.Header)}'"
                : $"{tracksName}: line 1: the tracks need the header time_s,track_id,x_m,y_m[,vx_mps,vy_mps]; found '{string.Join(',', tracksCsv.Header)}'");
        }

        List<Sample> truth, tracks;
        string frame;
        if (geo)
        {
            var truthGeo = ReadGeo(truthCsv, "time", "targetId", "latDeg", "lonDeg", "altM");
            var tracksGeo = ReadGeo(tracksCsv, "time", "track_id", "lat_deg", "lon_deg", "alt_m");
            var origin = truthGeo.Count == 0
                ? new GeoPoint(0, 0)
                : new GeoPoint(truthGeo.Average(s => s.Position.X), truthGeo.Average(s => s.Position.Y), truthGeo.Average(s => s.Position.Z));
            double epoch = truthGeo.Count == 0 ? 0 : truthGeo.Min(s => s.TimeS);
            var local = new LocalFrame(origin);
            truth = ToLocal(truthGeo, local, epoch);
            tracks = ToLocal(tracksGeo, local, epoch);
            frame = string.Create(CultureInfo.InvariantCulture,
                $"local ENU frame at the mean truth position {origin.LatDeg:F5} N {origin.LonDeg:F5} E {origin.AltM:F0} m; time 0 = {DateTimeOffset.UnixEpoch.AddSeconds(epoch):yyyy-MM-ddTHH:mm:ss.fffZ}");
        }
        else
        {
            truth = ReadPlanar(truthCsv, "truth_id");
            tracks = ReadPlanar(tracksCsv, "track_id");
            frame = "the files' own x/y frame";
        }

        var steps = BuildSteps(truth, tracks, truthName, geo ? "targetId" : "truth_id", truthCsv.Problems, out int unplaced);
        problems.AddRange(truthCsv.Problems.OrderBy(p => p.Line));
        problems.AddRange(tracksCsv.Problems.OrderBy(p => p.Line));
        return new EvalInput(steps, problems, unplaced, frame);
    }

    /// <summary>A row read from either file; position in metres (planar) or degrees and metres (geo, before conversion).</summary>
    private readonly record struct Sample(double TimeS, string Id, Vec3 Position, int Line);

    private static List<Sample> ReadPlanar(CsvInput csv, string idColumn)
    {
        var samples = new List<Sample>();
        foreach (var row in csv.Rows())
        {
            double t = row.Number("time_s");
            string id = row.Text(idColumn);
            double x = row.Number("x_m"), y = row.Number("y_m"), z = row.OptionalNumber("z_m", 0);
            if (!row.Failed)
                samples.Add(new Sample(t, id, new Vec3(x, y, z), row.Line));
        }

        return samples;
    }

    /// <summary>Geo rows with time as seconds since the Unix epoch and (lat, lon, alt) in the position.</summary>
    private static List<Sample> ReadGeo(CsvInput csv, string time, string id, string lat, string lon, string alt)
    {
        var samples = new List<Sample>();
        foreach (var row in csv.Rows())
        {
            var t = row.Time(time);
            string name = row.Text(id);
            double latDeg = row.Number(lat, -90, 90), lonDeg = row.Number(lon, -180, 180), altM = row.Number(alt);
            if (!row.Failed)
                samples.Add(new Sample((t - DateTimeOffset.UnixEpoch).TotalSeconds, name, new Vec3(latDeg, lonDeg, altM), row.Line));
        }

        return samples;
    }

    private static List<Sample> ToLocal(List<Sample> geo, LocalFrame frame, double epochS) =>
    [
        .. geo.Select(s =>
        {
            var enu = frame.ToEnu(new GeoPoint(s.Position.X, s.Position.Y, s.Position.Z));
            return s with { TimeS = s.TimeS - epochS, Position = new Vec3(enu.E, enu.N, enu.U) };
        }),
    ];

    private static List<EvalStep> BuildSteps(List<Sample> truth, List<Sample> tracks, string truthName, string idColumn, List<CsvProblem> problems, out int unplaced)
    {
        var times = truth.Select(s => s.TimeS).Distinct().Order().ToArray();
        var truthAt = times.Select(_ => new List<LabelledPoint>()).ToArray();
        var seen = new HashSet<(int, string)>();
        foreach (var s in truth)
        {
            int k = Array.BinarySearch(times, s.TimeS);
            if (seen.Add((k, s.Id)))
                truthAt[k].Add(new LabelledPoint(s.Id, s.Position));
            else
                problems.Add(new CsvProblem(truthName, s.Line, idColumn, $"'{s.Id}' already has a row at this time; row skipped"));
        }

        // Trackers and truth recorders rarely share a clock tick exactly: each track row goes to the nearest
        // truth time if within half the typical truth interval, and per step a track keeps its nearest row.
        double[] gaps = [.. times.Zip(times.Skip(1), (a, b) => b - a).Order()];
        double tolerance = (gaps.Length == 0 ? 0 : gaps[gaps.Length / 2] / 2) + 1e-9;
        var nearest = new Dictionary<(int Step, string Id), (double Dt, Vec3 Position)>();
        unplaced = 0;
        foreach (var s in tracks)
        {
            int k = NearestIndex(times, s.TimeS);
            double dt = k < 0 ? double.PositiveInfinity : Math.Abs(times[k] - s.TimeS);
            if (dt > tolerance)
            {
                unplaced++;
                continue;
            }

            if (!nearest.TryGetValue((k, s.Id), out var have) || dt < have.Dt)
                nearest[(k, s.Id)] = (dt, s.Position);
        }

        var tracksAt = times.Select(_ => new List<LabelledPoint>()).ToArray();
        foreach (var ((step, id), (_, position)) in nearest.OrderBy(e => e.Key.Id, StringComparer.Ordinal))
            tracksAt[step].Add(new LabelledPoint(id, position));
        return [.. times.Select((t, k) => new EvalStep(t, [.. truthAt[k]], [.. tracksAt[k]]))];
    }

    private static int NearestIndex(double[] sorted, double t)
    {
        if (sorted.Length == 0)
            return -1;
        int k = Array.BinarySearch(sorted, t);
        if (k >= 0)
            return k;
        k = ~k;
        if (k == 0)
            return 0;
        if (k == sorted.Length)
            return k - 1;
        return t - sorted[k - 1] <= sorted[k] - t ? k - 1 : k;
    }

    private static void Report(TextWriter w, EvalInput input, MetricOptions options, IReadOnlyList<StepScore> scores, ScoreSummary s, bool perStep)
    {
        var ci = CultureInfo.InvariantCulture;
        string pow = options.Order.ToString("0.##", ci);
        if (perStep)
        {
            w.WriteLine(string.Create(ci, $"{"time_s",10} {"truth",5} {"tracks",6} {"gospa_m",9} {"loc_m^" + pow,10} {"miss_m^" + pow,10} {"false_m^" + pow,10} {"ospa_m",8} {"matched",7} {"switch",6} {"frag",4}"));
            foreach (var x in scores)
            {
                var e = x.Errors;
                w.WriteLine(string.Create(ci, $"{x.TimeS,10:0.###} {x.TruthCount,5} {x.TrackCount,6} {e.GospaM,9:F2} {e.Localisation,10:F1} {e.Missed,10:F1} {e.False,10:F1} {e.OspaM,8:F2} {x.Matched,7} {x.IdSwitches,6} {x.Fragmentations,4}"));
            }

            w.WriteLine();
            foreach (var c in s.Confirmations)
                w.WriteLine(string.Create(ci, $"truth {c.TruthId}: first seen {c.FirstSeenS:0.###} s, {(double.IsNaN(c.ConfirmedS) ? "never matched to a track" : $"confirmed after {c.TimeToConfirmS:0.###} s")}"));
            w.WriteLine();
        }

        double gate = options.MatchGateM ?? options.CutoffM;
        w.WriteLine(string.Create(ci, $"{s.Steps} steps over {s.DurationS:0.###} s in {input.Frame}"));
        w.WriteLine(string.Create(ci, $"cut-off c = {options.CutoffM:0.###} m, order p = {pow}, match gate {gate:0.###} m; Euclidean distance"));
        if (input.UnplacedTrackRows > 0)
            w.WriteLine($"{input.UnplacedTrackRows} track rows had no truth time within half a step and were not scored");
        w.WriteLine();
        Row(w, "GOSPA, mean (m)", s.MeanGospaM.ToString("F2", ci));
        Row(w, $"  localisation, mean (m^{pow})", s.MeanLocalisation.ToString("F1", ci));
        Row(w, $"  missed, mean (m^{pow})", s.MeanMissed.ToString("F1", ci));
        Row(w, $"  false, mean (m^{pow})", s.MeanFalse.ToString("F1", ci));
        Row(w, "OSPA, mean (m)", s.MeanOspaM.ToString("F2", ci));
        Row(w, "ID switches", s.IdSwitches.ToString(ci));
        Row(w, "fragmentations", s.Fragmentations.ToString(ci));
        Row(w, "truth objects (matched)", $"{s.Confirmations.Count} ({s.Confirmations.Count(c => !double.IsNaN(c.ConfirmedS))})");
        Row(w, "time to confirm, mean (s)", double.IsNaN(s.MeanTimeToConfirmS) ? "-" : s.MeanTimeToConfirmS.ToString("F2", ci));
        Row(w, "tracks", s.Tracks.ToString(ci));
        Row(w, "false tracks", s.FalseTracks.ToString(ci));
        Row(w, "false tracks per hour", double.IsNaN(s.FalseTracksPerHour) ? "-" : s.FalseTracksPerHour.ToString("F1", ci));
    }

    private static void Row(TextWriter w, string name, string value) => w.WriteLine($"{name,-30} {value,12}");
}
