using System.Globalization;
using Straja.Tracking.Metrics;

namespace Straja.Cli.Tests;

public sealed class OfflineEndToEndTests
{
    private static EvalInput Load(string truthPath, string tracksPath)
    {
        using var truth = File.OpenText(truthPath);
        using var tracks = File.OpenText(tracksPath);
        return EvalCommand.Load(truthPath, truth, tracksPath, tracks);
    }

    private static ScoreSummary Summarise(string truthPath, string tracksPath)
    {
        EvalCommand.Score(Load(truthPath, tracksPath), MetricOptions.Default, out var summary);
        return summary;
    }

    [Fact]
    public void Tracking_two_crossing_targets_in_clutter_scores_far_better_than_no_tracks()
    {
        using var dir = new TempDirectory();
        var (truthCsv, detectionsCsv) = CrossingScenario.Write(seed: 20261127);
        string truth = dir.File("truth.csv", truthCsv), detections = dir.File("det.csv", detectionsCsv);
        string tracks = dir.File("tracks.csv"), nothing = dir.File("empty.csv", "time_s,track_id,x_m,y_m,vx_mps,vy_mps\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int trackExit = TrackCommand.Run(["--detections", detections, "--out", tracks, "--measurement-std", "5"], stdout, stderr);
        int evalExit = EvalCommand.Run(["--truth", truth, "--tracks", tracks, "--plot", dir.File("plot.png")], stdout, stderr);

        Assert.Equal(0, trackExit);
        Assert.Equal(0, evalExit);
        Assert.Matches(@"^straja track: \d+ detections, \d+ tracks, [\d.]+ s, [\d,]+ detections/s", stderr.ToString());
        Assert.True(new FileInfo(dir.File("plot.png")).Length > 10_000, "the plot is missing or blank");

        // With c = 100 m: a perfect tracker pays ~7 m of noise plus the 100 m of the first two steps before
        // confirmation (3 of 5): about (99 × 7 + 2 × 100) / 101 ≈ 9 m. Outputting nothing costs 100 m every step.
        var good = Summarise(truth, tracks);
        var none = Summarise(truth, nothing);
        Assert.InRange(good.MeanGospaM, 0, 20);
        Assert.Equal(100, none.MeanGospaM, 1e-9);
        Assert.Equal(2, good.Confirmations.Count(c => c.TimeToConfirmS <= 5));
        Assert.Equal(0, good.FalseTracks);
        Assert.True(good.IdSwitches <= 1, $"{good.IdSwitches} ID switches at one crossing");
    }

    [Fact]
    public void Simulator_truth_in_latitude_and_longitude_scores_as_the_same_scene_in_metres()
    {
        using var dir = new TempDirectory();
        var (truthCsv, _) = CrossingScenario.Write(seed: 3);
        var planarTracks = new System.Text.StringBuilder("time_s,track_id,x_m,y_m\n");
        var geoTracks = new System.Text.StringBuilder("time,track_id,lat_deg,lon_deg,alt_m\n");
        var samples = new List<Straja.Sim.TruthSample>();
        var frame = new Straja.Geo.LocalFrame(new GeoPoint(45.2, 28.8, 0));
        var start = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
        var ci = CultureInfo.InvariantCulture;
        for (int k = 0; k < CrossingScenario.Steps; k += 5)
        {
            foreach (var id in new[] { "A", "B" })
            {
                var (x, y) = CrossingScenario.Position(id, k);
                samples.Add(new Straja.Sim.TruthSample(start.AddSeconds(k), id, TargetClass.Multirotor, frame.ToGeo(new Straja.Geo.Enu(x, y, 0)), 20, 10, 0, null));
                // The track lags 30 m behind along x and reports 0.2 s late: the time match must absorb the lag.
                var g = frame.ToGeo(new Straja.Geo.Enu(x - 30, y, 0));
                planarTracks.Append(ci, $"{k},{id}{id},{x - 30:F3},{y:F3}\n");
                geoTracks.Append(ci, $"{start.AddSeconds(k + 0.2):yyyy-MM-ddTHH:mm:ss.fffZ},{id}{id},{g.LatDeg:F8},{g.LonDeg:F8},{g.AltM:F2}\n");
            }
        }

        var simTruth = new StringWriter();
        Straja.Sim.TruthCsv.WriteHeader(simTruth);
        Straja.Sim.TruthCsv.Write(simTruth, samples);
        var planarTruth = string.Join('\n', truthCsv.Split('\n').Where((line, i) => i == 0 || (line.Length > 0 && int.Parse(line.Split(',')[0], ci) % 5 == 0)));

        var geo = Summarise(dir.File("sim-truth.csv", simTruth.ToString()), dir.File("geo-tracks.csv", geoTracks.ToString()));
        var planar = Summarise(dir.File("truth.csv", planarTruth), dir.File("tracks.csv", planarTracks.ToString()));

        Assert.Equal(21, geo.Steps);
        // Each step: two pairs 30 m apart. GOSPA = (30² + 30²)^½ = √1800; OSPA = ((30² + 30²) / 2)^½ = 30.
        Assert.Equal(Math.Sqrt(1800), planar.MeanGospaM, 1e-6);
        Assert.Equal(30, planar.MeanOspaM, 1e-6);
        Assert.Equal(planar.MeanGospaM, geo.MeanGospaM, 0.1);
        Assert.Equal(planar.MeanOspaM, geo.MeanOspaM, 0.1);
    }
}
