namespace Straja.Cli.Tests;

public sealed class BenchCommandTests
{
    [Fact]
    public void Bench_tracking_runs_the_grid_tracker_and_the_naive_baseline_and_finds_them_identical()
    {
        var stdout = new StringWriter();
        int exit = BenchCommand.Run(["tracking", "--targets", "30", "--clutter", "10", "--scans", "9", "--seed", "4"], stdout, TextWriter.Null);

        Assert.Equal(0, exit);
        string text = stdout.ToString();
        Assert.Contains("30 targets, 10 clutter/scan", text, StringComparison.Ordinal);
        Assert.Contains("| grid (PlanarTracker) | 9 |", text, StringComparison.Ordinal);
        Assert.Contains("| naive O(n*m) | 9 |", text, StringComparison.Ordinal);
        Assert.Contains("identical tracks over the 9 scans", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "tracking", "--targets", "0" }, "option '--targets': 0 is outside")]
    [InlineData(new[] { "tracking", "--speed", "2" }, "unknown option '--speed'")]
    [InlineData(new[] { "tracing" }, "expected 'tracking'")]
    public void Bad_arguments_are_named(string[] args, string expected)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, BenchCommand.Run(args, TextWriter.Null, stderr));
        Assert.Contains(expected, stderr.ToString(), StringComparison.Ordinal);
    }
}
