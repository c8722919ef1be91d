using Straja.Tracking;

namespace Straja.Cli.Tests;

public sealed class TrackConfigTests
{
    [Fact]
    public void Process_noise_q_becomes_an_acceleration_sigma_of_root_q()
    {
        // q = σa² × 1 s: q = 4 m²/s³ → σa = 2 m/s².
        var s = TrackCommand.ReadConfig("tracker.json", """{ "processNoise": 4, "measurementStdM": 7, "confirmHits": 2, "confirmWindow": 3 }""");
        Assert.Equal(2, s.Options.AccelerationSigmaHorizontal, 1e-12);
        Assert.Equal(7, s.MeasurementStdM);
        Assert.Equal(2, s.Options.ConfirmHits);
        Assert.Equal(3, s.Options.ConfirmWindow);
        Assert.Equal(TrackerOptions.Default.MaxMisses, s.Options.MaxMisses);
    }

    [Theory]
    [InlineData("""{ "procesNoise": 4 }""", "unknown field 'procesNoise'")]
    [InlineData("""{ "confirmHits": 2.5 }""", "field 'confirmHits' must be an integer")]
    [InlineData("""{ "pd": "high" }""", "field 'pd' must be a number")]
    [InlineData("""{ "pd": 1.5 }""", "field 'pd': 1.5 is outside (0, 1]")]
    [InlineData("""{ "maxCoastS": 30, """, "tracker.json: line")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    public void A_bad_configuration_names_the_field(string json, string expected)
    {
        var e = Assert.Throws<UsageException>(() => TrackCommand.ReadConfig("tracker.json", json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_override_the_file_and_pd_and_clutter_are_said_to_be_unused()
    {
        using var dir = new TempDirectory();
        var config = dir.File("tracker.json", """{ "processNoise": 1, "pd": 0.8 }""");
        var det = dir.File("det.csv", "time_s,x_m,y_m\n0,0,0\n1,10,0\n2,20,0\n3,30,0\n");
        var stderr = new StringWriter();

        int exit = TrackCommand.Run(["--detections", det, "--out", dir.File("tracks.csv"), "--config", config, "--pd", "0.9", "--clutter-density", "1e-7"], TextWriter.Null, stderr);

        Assert.Equal(0, exit);
        Assert.Contains("pd 0.9 and clutter density 1E-07 recorded but unused (GNN tracker)", stderr.ToString(), StringComparison.Ordinal);
        var rows = File.ReadAllLines(dir.File("tracks.csv"));
        Assert.Equal("time_s,track_id,x_m,y_m,vx_mps,vy_mps", rows[0]);
        Assert.Equal(["2", "3"], rows.Skip(1).Select(r => r.Split(',')[0])); // confirmed at the third hit (3 of 5)
    }

    [Fact]
    public void A_configuration_the_tracker_rejects_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();
        var config = dir.File("tracker.json", """{ "confirmHits": 9, "confirmWindow": 5 }""");
        int exit = TrackCommand.Run(["--detections", dir.File("d.csv", "time_s,x_m,y_m\n"), "--out", dir.File("o.csv"), "--config", config], TextWriter.Null, stderr);
        Assert.Equal(2, exit);
        Assert.Contains("ConfirmHits", stderr.ToString(), StringComparison.Ordinal);
    }
}
