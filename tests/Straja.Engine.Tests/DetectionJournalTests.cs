using Straja.Engine.Runtime;

namespace Straja.Engine.Tests;

public sealed class DetectionJournalTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "straja-journal-" + Guid.NewGuid().ToString("N"));

    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 23, 59, 59, TimeSpan.Zero);

    private static Detection[] Sample() =>
    [
        new()
        {
            SensorId = "radar-1", Time = T0, Kind = DetectionKind.Polar, RangeM = 12_345.5, AzimuthRad = 0.25, ElevationRad = double.NaN,
            SigmaRangeM = 20, SigmaAzimuthRad = 0.002, ClassHint = TargetClass.Multirotor, ClassConfidence = 0.7,
        },
        new()
        {
            SensorId = "rf-1", Time = T0.AddMilliseconds(500), Kind = DetectionKind.Bearing, AzimuthRad = -3.1, SigmaAzimuthRad = 0.03,
        },
        new()
        {
            // After midnight: goes to the next day's file.
            SensorId = "coop", Time = T0.AddSeconds(2), Kind = DetectionKind.Position, Position = new GeoPoint(44.5, 28.1, 7500),
            SigmaHorizontalM = 30, SigmaVerticalM = 15, CooperativeId = "ICAO:4B1812", Callsign = "QID41",
        },
    ];

    [Fact]
    public void What_is_appended_reads_back_identically_across_days()
    {
        using (var j = new DetectionJournal(_dir, flushToDisk: false))
            j.Append(Sample());

        Assert.Equal(2, Directory.GetFiles(_dir).Length);
        Assert.Equal(Sample(), DetectionJournal.Read(_dir).ToArray());
    }

    [Fact]
    public void Appended_detections_are_on_disk_before_the_journal_is_closed()
    {
        using var j = new DetectionJournal(_dir, flushToDisk: false);
        j.Append(Sample()[..1]);
        // Another reader sees it while the writer is still open: a crash now would not lose it.
        Assert.Single(DetectionJournal.Read(_dir));
    }

    [Fact]
    public void A_torn_last_line_is_reported_and_the_rest_still_replays()
    {
        using (var j = new DetectionJournal(_dir, flushToDisk: false))
            j.Append(Sample()[..2]);
        var file = Directory.GetFiles(_dir).Single();
        File.AppendAllText(file, "{\"s\":\"radar-1\",\"t\":\"2026-11-");
        var errors = new List<string>();

        var read = DetectionJournal.Read(_dir, errors.Add).ToArray();

        Assert.Equal(2, read.Length);
        var error = Assert.Single(errors);
        Assert.Contains("line 3", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
