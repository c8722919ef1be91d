using System.Globalization;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Sim;
using Straja.Storage;

namespace Straja.Cli.Tests;

/// <summary>
/// A data directory recorded the way the server records one: the single-crossing scenario for three minutes, each
/// second's detections journalled, then fused, and the alerts stored. Shared by the replay tests; each copies it.
/// </summary>
public sealed class RecordedRun : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public RecordedRun()
    {
        var scenario = Scenario.BuiltIn("single-crossing");
        var sim = new Simulation(scenario, Start);
        string db = Path.Combine(Directory.Path, "straja.db");
        using var store = new SqliteStore(db);
        var engine = ReplayCommand.NewEngine(sim.Sensors, scenario.FriendlyIds, rulesFile: null, db, Start);
        using var service = new EngineService(engine, new DetectionJournal(Path.Combine(Directory.Path, "journal"), flushToDisk: false), store, new InProcessBus());
        for (var t = Start.AddSeconds(1); t <= Start.AddMinutes(3); t = t.AddSeconds(1))
        {
            var detections = sim.AdvanceTo(t).Detections;
            service.IngestAsync(detections, t, CancellationToken.None).AsTask().GetAwaiter().GetResult();
            Detections.AddRange(detections);
            service.Step(new DetectionBatch(detections, t));
        }

        Alerts = [.. store.LoadAlerts(1000).OrderBy(a => a.Time).ThenBy(a => a.Key, StringComparer.Ordinal)];
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    internal TempDirectory Directory { get; } = new();
    public List<Detection> Detections { get; } = [];
    public IReadOnlyList<Alert> Alerts { get; }

    /// <summary>A copy of the recorded directory that a test may change.</summary>
    internal TempDirectory Copy()
    {
        var copy = new TempDirectory();
        foreach (var file in System.IO.Directory.GetFiles(Directory.Path, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(copy.Path, Path.GetRelativePath(Directory.Path, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    public void Dispose() => Directory.Dispose();
}

public sealed class ReplayCommandTests(RecordedRun run) : IClassFixture<RecordedRun>
{
    private static (int Exit, string Out, string Err) Replay(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exit = ReplayCommand.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Replaying_the_journal_raises_the_alerts_the_store_recorded_at_the_same_times()
    {
        using var dir = run.Copy();
        string alertsCsv = dir.File("alerts.csv"), tracksCsv = dir.File("tracks.csv");

        var (exit, stdout, stderr) = Replay("--data", dir.Path, "--scenario", "single-crossing", "--alerts-out", alertsCsv, "--tracks-out", tracksCsv);

        Assert.Equal(0, exit);
        Assert.Contains(run.Alerts, a => a.Kind == AlertKind.BorderCrossing);
        Assert.Equal(run.Alerts.Select(ReplayCommand.Describe), Lines(stdout));
        Assert.Contains($"the replay raised the same {run.Alerts.Count} alerts the store recorded", stderr, StringComparison.Ordinal);
        var rows = Lines(File.ReadAllText(alertsCsv));
        Assert.StartsWith("time,kind,severity,track_id,zone,", rows[0], StringComparison.Ordinal);
        Assert.Equal(run.Alerts.Select(a => a.TrackId ?? ""), rows.Skip(1).Select(r => r.Split(',')[3]));

        // The track points name the alerted tracks, about one point per track per second.
        var points = Lines(File.ReadAllText(tracksCsv)).Skip(1).Select(r => r.Split(',')).ToList();
        foreach (var id in run.Alerts.Select(a => a.TrackId).OfType<string>())
            Assert.InRange(points.Count(p => p[1] == id), 10, 200);
    }

    [Fact]
    public void A_time_window_replays_only_the_detections_inside_it()
    {
        using var dir = run.Copy();
        var from = RecordedRun.Start.AddSeconds(30);
        var to = RecordedRun.Start.AddSeconds(90);
        int inside = run.Detections.Count(d => d.Time >= from && d.Time < to);

        var (exit, _, stderr) = Replay("--data", dir.Path, "--scenario", "single-crossing",
            "--from", from.ToString("O", CultureInfo.InvariantCulture), "--to", "2026-11-27T10:01:30Z");

        Assert.Equal(0, exit);
        Assert.Contains($"straja replay: {inside} detections from ", stderr, StringComparison.Ordinal);
        Assert.True(inside < run.Detections.Count);
    }

    [Fact]
    public void Corrupt_journal_lines_are_named_by_file_and_line_and_the_rest_still_replays()
    {
        using var dir = run.Copy();
        string journal = Assert.Single(Directory.GetFiles(Path.Combine(dir.Path, "journal"), "detections-*.jsonl"));
        var lines = File.ReadAllLines(journal).ToList();
        lines.Insert(10, "{\"s\":\"radar-1\",\"t\":\"not a time\",\"k\":1}");
        lines.Insert(20, "{ torn");
        File.WriteAllLines(journal, lines);

        var (exit, stdout, stderr) = Replay("--data", dir.Path, "--scenario", "single-crossing");

        Assert.Equal(1, exit);
        Assert.Contains($"{Path.GetFileName(journal)} line 11:", stderr, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(journal)} line 21:", stderr, StringComparison.Ordinal);
        Assert.Equal(run.Alerts.Select(ReplayCommand.Describe), Lines(stdout));
    }

    [Fact]
    public void Without_a_scenario_the_sensors_come_from_the_store()
    {
        using var dir = run.Copy();

        var (exit, _, stderr) = Replay("--data", dir.Path);

        Assert.Equal(0, exit);
        Assert.Contains("sensors from the store", stderr, StringComparison.Ordinal);
        Assert.Contains($"straja replay: {run.Detections.Count} detections", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "yesterday", "'--from': 'yesterday' is not an ISO-8601 time")]
    [InlineData("--step", "0", "option '--step': 0 is outside 0.05..60")]
    public void Bad_options_are_usage_errors_naming_the_option(string option, string value, string expected)
    {
        var (exit, _, stderr) = Replay("--data", run.Directory.Path, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_directory_without_a_journal_is_refused_by_name()
    {
        using var empty = new TempDirectory();
        var (exit, _, stderr) = Replay("--data", empty.Path);
        Assert.Equal(2, exit);
        Assert.Contains($"{empty.Path}: no journal/ directory", stderr, StringComparison.Ordinal);
    }
}
