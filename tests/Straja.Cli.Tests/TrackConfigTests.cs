using Straja.Tracking.Planar;

namespace Straja.Cli.Tests;

public sealed class TrackConfigTests
{
    private const string Yaml = """
        # tracker.yaml
        motion: cv2d
        association: jpda          # dense scenes
        processNoise: 4
        measurementStdM: 7
        pd: 0.85
        clutterDensity: 2.5e-7
        confirmScore: 12
        avoidCoalescence: "false"
        """;

    [Fact]
    public void A_key_value_file_sets_the_models_and_their_parameters()
    {
        var o = TrackConfig.Read("tracker.yaml", Yaml, PlanarOptions.Default);
        Assert.Equal(PlanarAssociation.Jpda, o.Association);
        Assert.Equal(4, o.ProcessNoise);
        Assert.Equal(7, o.MeasurementStdM);
        Assert.Equal(0.85, o.DetectionProbability);
        Assert.Equal(2.5e-7, o.ClutterDensity);
        Assert.Equal(12, o.ConfirmScore);
        Assert.False(o.AvoidCoalescence);
        Assert.Equal(PlanarOptions.Default.GateProbability, o.GateProbability);
    }

    [Fact]
    public void A_json_file_with_the_same_keys_gives_the_same_options()
    {
        const string json = """{ "motion": "cv2d", "association": "jpda", "processNoise": 4, "measurementStdM": 7, "pd": 0.85, "clutterDensity": 2.5e-7, "confirmScore": 12, "avoidCoalescence": false }""";
        Assert.Equal(TrackConfig.Read("tracker.yaml", Yaml, PlanarOptions.Default), TrackConfig.Read("tracker.json", json, PlanarOptions.Default));
    }

    [Theory]
    [InlineData("processNoise: 1\nprocesNoise: 4\n", "tracker.yaml:2: unknown key 'procesNoise'")]
    [InlineData("jpdaMaxTracks: 2.5", "tracker.yaml:1: key 'jpdaMaxTracks' must be an integer")]
    [InlineData("pd: high", "tracker.yaml:1: key 'pd' must be a number, was 'high'")]
    [InlineData("\n\npd: 1.5", "tracker.yaml:3: key 'pd': 1.5 is outside")]
    [InlineData("association: mht", "key 'association': 'mht' is not gnn or jpda")]
    [InlineData("motion: imm", "key 'motion': 'imm' is not a model of the 2D tracker")]
    [InlineData("pd: 0.9\npd: 0.8", "tracker.yaml:2: key 'pd' is given twice")]
    [InlineData("gates:\n  probability: 0.99", "tracker.yaml:1: key 'gates' has no value")]
    [InlineData("just text", "tracker.yaml:1: expected 'key: value'")]
    [InlineData("confirmHits: 3", "belonged to the M-of-N tracker")]
    public void A_bad_configuration_names_the_line_and_key(string text, string expected)
    {
        var e = Assert.Throws<UsageException>(() => TrackConfig.Read("tracker.yaml", text, PlanarOptions.Default));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "maxCoastS": 30, """, "tracker.json: line")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{ "pd": [0.9] }""", "field 'pd' must be a number, a string or a boolean")]
    public void A_bad_json_configuration_names_the_field(string json, string expected)
    {
        var e = Assert.Throws<UsageException>(() => TrackConfig.Read("tracker.json", json, PlanarOptions.Default));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_override_the_file_and_pd_and_clutter_reach_the_tracker()
    {
        using var dir = new TempDirectory();
        var config = dir.File("tracker.yaml", "processNoise: 1\npd: 0.8\nassociation: gnn\n");
        var det = dir.File("det.csv", "time_s,x_m,y_m\n0,0,0\n1,10,0\n2,20,0\n3,30,0\n4,40,0\n");
        var stderr = new StringWriter();

        int exit = TrackCommand.Run(["--detections", det, "--out", dir.File("tracks.csv"), "--config", config, "--pd", "0.9", "--clutter-density", "1e-7", "--association", "jpda"], TextWriter.Null, stderr);

        Assert.Equal(0, exit);
        Assert.Contains("(JPDA, pd 0.9, clutter density 1E-07 /m^2/scan)", stderr.ToString(), StringComparison.Ordinal);
        var rows = File.ReadAllLines(dir.File("tracks.csv"));
        Assert.Equal("time_s,track_id,x_m,y_m,vx_mps,vy_mps", rows[0]);
        Assert.True(rows.Length > 1, "no confirmed track");
        Assert.All(rows.Skip(1), r => Assert.Equal("1", r.Split(',')[1]));
    }

    [Fact]
    public void Denser_clutter_on_the_command_line_delays_confirmation()
    {
        using var dir = new TempDirectory();
        var det = dir.File("det.csv", "time_s,x_m,y_m\n" + string.Concat(Enumerable.Range(0, 12).Select(k => $"{k},{10 * k},0\n")));
        int FirstConfirmedTime(string clutter)
        {
            var tracks = dir.File($"tracks-{clutter}.csv");
            Assert.Equal(0, TrackCommand.Run(["--detections", det, "--out", tracks, "--clutter-density", clutter], TextWriter.Null, TextWriter.Null));
            return int.Parse(File.ReadAllLines(tracks)[1].Split(',')[0], System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(FirstConfirmedTime("1e-10") < FirstConfirmedTime("1e-5"));
    }

    [Fact]
    public void A_configuration_the_tracker_rejects_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        var stderr = new StringWriter();
        var config = dir.File("tracker.yaml", "tentativeDeleteDrop: 3\nconfirmScore: 1e7\n");
        int exit = TrackCommand.Run(["--detections", dir.File("d.csv", "time_s,x_m,y_m\n"), "--out", dir.File("o.csv"), "--config", config], TextWriter.Null, stderr);
        Assert.Equal(2, exit);
        Assert.Contains("confirmScore", stderr.ToString(), StringComparison.Ordinal);
    }
}
