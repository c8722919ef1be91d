using Straja.Tracking.Metrics;

namespace Straja.Cli.Tests;

public sealed class InputErrorTests
{
    private static EvalInput Load(string truth, string tracks) =>
        EvalCommand.Load("truth.csv", new StringReader(truth), "tracks.csv", new StringReader(tracks));

    [Fact]
    public void A_bad_number_names_file_line_and_field_and_the_other_rows_are_still_scored()
    {
        var input = Load(
            "time_s,truth_id,x_m,y_m\n0,A,0,0\n1,A,abc,0\n2,A,20,0\n",
            "time_s,track_id,x_m,y_m\n0,1,0,0\n1,1,10,0\n2,1,20,oops\n");

        Assert.Equal(
            ["truth.csv:3: field 'x_m': 'abc' is not a finite number", "tracks.csv:4: field 'y_m': 'oops' is not a finite number"],
            input.Problems.Select(p => p.ToString()));
        Assert.Equal([0.0, 2.0], input.Steps.Select(s => s.TimeS));
        Assert.Single(input.Steps[0].Tracks);
        Assert.Empty(input.Steps[1].Tracks);
    }

    [Fact]
    public void Wrong_field_counts_unterminated_quotes_and_bad_times_are_reported_by_line()
    {
        var input = EvalCommand.Load(
            "sim.csv",
            new StringReader("time,targetId,class,latDeg,lonDeg,altM,vE,vN,vU,cooperativeId\n"
                + "2026-11-27T09:00:00.000Z,d1,multirotor,45.1,28.8,100,0,0,0,\n"
                + "2026-11-27T09:00:01.000Z,d1,multirotor,45.1,28.8,100,0,0\n"
                + "yesterday,d1,multirotor,45.1,28.8,100,0,0,0,\n"
                + "2026-11-27T09:00:03.000Z,d1,multirotor,95.1,28.8,100,0,0,0,\n"
                + "2026-11-27T09:00:04.000Z,\"d1,multirotor,45.1,28.8,100,0,0,0,\n"),
            "geo-tracks.csv",
            new StringReader("time,track_id,lat_deg,lon_deg,alt_m\n"));

        Assert.Equal(
            [
                "sim.csv:3: field '(line)': has 8 fields; the header has 10",
                "sim.csv:4: field 'time': 'yesterday' is not an ISO-8601 time",
                "sim.csv:5: field 'latDeg': 95.1 is outside -90..90",
                "sim.csv:6: field '(line)': unterminated quoted field",
            ],
            input.Problems.Select(p => p.ToString()));
        Assert.Single(input.Steps);
    }

    [Fact]
    public void A_repeated_truth_id_at_one_time_is_reported_and_its_second_row_skipped()
    {
        var input = Load("time_s,truth_id,x_m,y_m\n0,A,0,0\n0,A,5,5\n", "time_s,track_id,x_m,y_m\n");
        Assert.Equal("truth.csv:3: field 'truth_id': 'A' already has a row at this time; row skipped", Assert.Single(input.Problems).ToString());
        Assert.Equal(0, Assert.Single(Assert.Single(input.Steps).Truth).Position.X);
    }

    [Fact]
    public void Mixed_formats_are_a_usage_error_naming_the_expected_header()
    {
        var e = Assert.Throws<UsageException>(() => Load(
            "time,targetId,class,latDeg,lonDeg,altM,vE,vN,vU,cooperativeId\n",
            "time_s,track_id,x_m,y_m\n"));
        Assert.Contains("time,track_id,lat_deg,lon_deg,alt_m", e.Message, StringComparison.Ordinal);
        Assert.Throws<UsageException>(() => Load("when,who\n", "time_s,track_id,x_m,y_m\n"));
    }

    [Theory]
    [InlineData(0.3, 0)]
    [InlineData(0.7, 1)]
    [InlineData(-0.4, 0)]
    public void Track_rows_go_to_the_nearest_truth_time_within_half_a_step(double offsetS, int expectedStep)
    {
        var input = Load("time_s,truth_id,x_m,y_m\n0,A,0,0\n1,A,0,0\n", $"time_s,track_id,x_m,y_m\n{offsetS.ToString(System.Globalization.CultureInfo.InvariantCulture)},1,0,0\n");
        Assert.Single(input.Steps[expectedStep].Tracks);
        Assert.Empty(input.Steps[1 - expectedStep].Tracks);
        Assert.Equal(0, input.UnplacedTrackRows);
    }

    [Fact]
    public void Track_rows_far_from_any_truth_time_are_counted_not_scored()
    {
        var input = Load("time_s,truth_id,x_m,y_m\n0,A,0,0\n1,A,0,0\n", "time_s,track_id,x_m,y_m\n5,1,0,0\n-2,1,0,0\n");
        Assert.Equal(2, input.UnplacedTrackRows);
        Assert.All(input.Steps, s => Assert.Empty(s.Tracks));
    }

    [Fact]
    public void Eval_exits_1_with_problems_on_stderr_but_still_prints_the_summary()
    {
        using var dir = new TempDirectory();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = EvalCommand.Run(
            ["--truth", dir.File("t.csv", "time_s,truth_id,x_m,y_m\n0,A,0,0\n1,A,x,0\n"), "--tracks", dir.File("k.csv", "time_s,track_id,x_m,y_m\n0,1,3,4\n"), "--per-step"],
            stdout, stderr);

        Assert.Equal(1, exit);
        Assert.Contains("t.csv:3: field 'x_m'", stderr.ToString(), StringComparison.Ordinal);
        Assert.Matches(@"GOSPA, mean \(m\)\s+5\.00", stdout.ToString());
    }

    [Fact]
    public void Eval_reports_a_missing_file_and_a_missing_option_without_crashing()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, EvalCommand.Run(["--truth", "/nonexistent/truth.csv", "--tracks", "x.csv"], TextWriter.Null, stderr));
        Assert.Contains("/nonexistent/truth.csv", stderr.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, EvalCommand.Run(["--truth", "t.csv"], TextWriter.Null, stderr));
        Assert.Contains("eval needs --tracks FILE", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Detections_with_a_bad_row_or_a_wrong_header_are_reported()
    {
        var csv = CsvInput.Read("det.csv", new StringReader("time_s,x_m,y_m,sensor\n0,1,2,r1\n1,1,,r1\n2,3,4,\n"));
        var detections = TrackCommand.ReadDetections(csv);
        Assert.Single(detections);
        Assert.Equal(
            ["det.csv:3: field 'y_m': '' is not a finite number", "det.csv:4: field 'sensor': is empty"],
            csv.Problems.Select(p => p.ToString()));

        var wrong = CsvInput.Read("det.csv", new StringReader("t,x,y\n0,1,2\n"));
        Assert.Empty(TrackCommand.ReadDetections(wrong));
        Assert.Equal("det.csv:1: field '(header)': expected time_s,x_m,y_m[,sensor]; found 't,x,y'", Assert.Single(wrong.Problems).ToString());
    }
}
