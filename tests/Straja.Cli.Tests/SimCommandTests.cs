using CsCheck;
using Straja.Tracking.Metrics;

namespace Straja.Cli.Tests;

public sealed class SimCommandTests
{
    // One radar with a 1 s scan, two drones crossing in an X 4-6 km out, some clutter.
    private const string Scenario = """
        {
          "name": "two-drones-x", "seed": 7,
          "sensors": [
            { "id": "radar", "kind": "radar", "lat": 45.20, "lon": 28.50, "altM": 30, "maxRangeM": 15000, "scanPeriodS": 1,
              "noise": { "rangeM": 8, "azimuthDeg": 0.08, "elevationDeg": 0.3 }, "pd": 0.95, "clutterPerScan": 1 }
          ],
          "targets": [
            { "id": "a", "class": "multirotor", "speedMps": 20,
              "waypoints": [ { "lat": 45.23, "lon": 28.46, "altM": 150 }, { "lat": 45.25, "lon": 28.54, "altM": 150 } ] },
            { "id": "b", "class": "multirotor", "speedMps": 20,
              "waypoints": [ { "lat": 45.25, "lon": 28.46, "altM": 200 }, { "lat": 45.23, "lon": 28.54, "altM": 200 } ] }
          ]
        }
        """;

    [Fact]
    public void Sim_then_track_then_eval_finds_both_targets_with_a_finite_small_gospa()
    {
        using var dir = new TempDirectory();
        string scenario = dir.File("x.json", Scenario), detections = dir.File("det.csv"), truth = dir.File("truth.csv"), tracks = dir.File("tracks.csv");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        int simExit = SimCommand.Run(["--scenario", scenario, "--duration", "3m", "--out", detections, "--truth", truth], stdout, stderr);
        int trackExit = TrackCommand.Run(["--detections", detections, "--out", tracks, "--measurement-std", "10"], stdout, stderr);
        int evalExit = EvalCommand.Run(["--truth", truth, "--tracks", tracks, "--cutoff", "100"], stdout, stderr);

        Assert.True(simExit == 0 && trackExit == 0 && evalExit == 0, stderr.ToString());
        Assert.Matches(@"straja sim: two-drones-x, 180 s: \d+ detections, \d+ truth rows of 2 targets; 0 bearing-only", stderr.ToString());
        Assert.Contains("GOSPA, mean (m)", stdout.ToString(), StringComparison.Ordinal);

        EvalInput input;
        using (var t = File.OpenText(truth))
        using (var k = File.OpenText(tracks))
            input = EvalCommand.Load(truth, t, tracks, k);
        Assert.Empty(input.Problems);
        EvalCommand.Score(input, MetricOptions.Default, out var summary);
        Assert.True(double.IsFinite(summary.MeanGospaM));
        // Both drones are tracked within seconds and stay tracked: far from the 100 m per missed target of no tracks.
        Assert.InRange(summary.MeanGospaM, 0, 40);
        Assert.Equal(2, summary.Confirmations.Count(c => c.TimeToConfirmS <= 10));
    }

    [Fact]
    public void The_same_seed_writes_the_same_files_and_another_seed_different_ones()
    {
        using var dir = new TempDirectory();
        string scenario = dir.File("x.json", Scenario);
        string Run(string seed, string name)
        {
            string det = dir.File(name + ".csv");
            Assert.Equal(0, SimCommand.Run(["--scenario", scenario, "--duration", "20s", "--seed", seed, "--out", det, "--truth", dir.File(name + "-truth.csv")], TextWriter.Null, TextWriter.Null));
            return File.ReadAllText(det);
        }

        Assert.Equal(Run("1", "first"), Run("1", "again"));
        Assert.NotEqual(Run("1", "first"), Run("2", "other"));
    }

    [Theory]
    [InlineData("--duration", "ten minutes", "'--duration': 'ten minutes' is not a duration")]
    [InlineData("--duration", "25h", "'--duration': '25h' is not a duration")]
    [InlineData("--scenario", "no-such-scenario", "scenario: ")]
    public void Bad_options_are_usage_errors_naming_the_option(string option, string value, string expected)
    {
        using var dir = new TempDirectory();
        string[] args = ["--scenario", "single-crossing", "--duration", "10s", "--out", dir.File("d.csv"), "--truth", dir.File("t.csv")];
        int k = Array.IndexOf(args, option);
        args[k + 1] = value;
        var stderr = new StringWriter();

        Assert.Equal(2, SimCommand.Run(args, TextWriter.Null, stderr));
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_radar_plot_lands_where_its_range_and_azimuth_point()
    {
        var radar = new SensorDescriptor("r", "r", SensorKind.Radar, new GeoPoint(45.2, 28.5, 30), 20_000, 2);
        var frame = new Straja.Geo.LocalFrame(new GeoPoint(45.2, 28.5, 0));
        // 5 km due east at zero elevation: about 5 km east of the radar in its own frame.
        var plot = new Detection { SensorId = "r", Time = DateTimeOffset.UnixEpoch, Kind = DetectionKind.Polar, RangeM = 5000, AzimuthRad = Math.PI / 2, ElevationRad = 0 };

        var p = SimCommand.PositionOf(plot, radar, frame)!.Value;

        Assert.Equal(5000, p.E, 1.0);
        Assert.Equal(0, p.N, 3.0);
        Assert.Null(SimCommand.PositionOf(plot with { Kind = DetectionKind.Bearing }, radar, frame));
    }

    [Fact]
    public void Every_plot_of_a_revolution_is_put_on_the_instant_the_revolution_began()
    {
        Gen.Select(Gen.Double[0, 100], Gen.Double[0.5, 12], Gen.Double[0, 2 * Math.PI - 1e-3].Array[1, 20].Array[1, 5])
            .Sample((phase, period, revolutions) =>
            {
                var stamps = new SimCommand.RadarRevolutions();
                for (int k = 0; k < revolutions.Length; k++)
                {
                    double scan = phase + (k * period);
                    foreach (double az in revolutions[k].Order())
                        Assert.Equal(scan, stamps.InstantOf("r", scan + (az / (2 * Math.PI) * period), az, period), 1e-6);
                }
            });
    }
}
