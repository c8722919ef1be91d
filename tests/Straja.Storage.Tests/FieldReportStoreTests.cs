namespace Straja.Storage.Tests;

public sealed class FieldReportStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "straja-reports-" + Guid.NewGuid().ToString("N"));
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static StoredFieldReport Report(string id, DateTimeOffset time) =>
        new(id, time, 45.1, 28.3, "seen", null, null, null, 1, null, Trusted: false, "anonymous@127.0.0.1", time, "{}");

    [Fact]
    public void Reports_between_two_instants_are_by_report_time_oldest_first_with_both_ends_included()
    {
        Directory.CreateDirectory(_dir);
        using var store = new FieldReportStore(Path.Combine(_dir, "straja.db"));
        // Filed out of time order on purpose, one with an offset: the query is by the instant reported.
        foreach (var (id, t) in new[] { ("R1", T.AddMinutes(9)), ("R2", T), ("R3", T.AddMinutes(3).ToOffset(TimeSpan.FromHours(2))), ("R4", T.AddMinutes(-1)) })
            store.Add(Report(id, t));

        Assert.Equal(["R2", "R3", "R1"], store.ReportedBetween(T, T.AddMinutes(9), 100).Select(r => r.Id));
        Assert.Equal(["R2"], store.ReportedBetween(T, T.AddMinutes(9), 1).Select(r => r.Id));
        Assert.Empty(store.ReportedBetween(T.AddMinutes(10), T.AddMinutes(20), 100));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
