using Microsoft.Data.Sqlite;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Storage.Tests;

public sealed class SqliteStoreTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "straja-store-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_dir, "straja.db");
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_new_store_creates_its_file_and_applies_every_migration()
    {
        using var store = new SqliteStore(DbPath);
        Assert.True(File.Exists(DbPath));
        Assert.Equal(SqliteStore.Migrations.Max(m => m.Version), store.SchemaVersion);
    }

    [Fact]
    public void Reopening_does_not_reapply_migrations_and_keeps_data()
    {
        using (var store = new SqliteStore(DbPath))
            store.SaveAlert(Alert("A1", "border-crossing:T1"));
        using (var again = new SqliteStore(DbPath))
        {
            Assert.Single(again.LoadAlerts(10));
        }

        using var c = new SqliteConnection($"Data Source={DbPath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM schema_migrations";
        Assert.Equal((long)SqliteStore.Migrations.Length, (long)cmd.ExecuteScalar()!);
    }

    [Fact]
    public void Alerts_round_trip_and_acknowledgement_updates_in_place()
    {
        using var store = new SqliteStore(DbPath);
        var a = Alert("A1", "zone-entry:T4:mk:inner") with { Kind = AlertKind.ZoneEntry, Severity = AlertSeverity.Critical, Zone = "mk" };
        store.SaveAlert(a);
        var acked = a with { Acknowledged = true, AcknowledgedAt = T.AddSeconds(30), AcknowledgedBy = "ana" };
        store.SaveAlert(acked);

        var loaded = Assert.Single(store.LoadAlerts(10));
        Assert.Equal(acked, loaded);
    }

    [Fact]
    public void Track_history_returns_the_newest_points_oldest_first()
    {
        using var store = new SqliteStore(DbPath);
        var points = Enumerable.Range(0, 10)
            .Select(i => new TrackPoint("T12", T.AddSeconds(i), new GeoPoint(45 + i * 0.001, 28.5, 150), 25, 180, TargetClass.Multirotor, Identity.Unknown))
            .Append(new TrackPoint("T3", T, new GeoPoint(44, 28, 10), 5, 0, TargetClass.Bird, Identity.Unknown))
            .ToArray();
        store.AppendTrackPoints(points);

        var history = store.TrackHistory("T12", 4);

        Assert.Equal(points[6..10], history);
        Assert.Equal(12, store.MaxTrackNumber());
    }

    [Fact]
    public void The_recorded_range_is_null_when_empty_and_spans_the_first_to_the_last_point()
    {
        using var store = new SqliteStore(DbPath);
        Assert.Null(store.RecordedRange());

        // Appended out of time order on purpose: the range is by time, not by insertion.
        store.AppendTrackPoints([Point("T2", T.AddSeconds(40)), Point("T1", T.AddSeconds(5)), Point("T3", T.AddSeconds(90)), Point("T1", T.AddSeconds(20))]);

        Assert.Equal(new RecordedPeriod(T.AddSeconds(5), T.AddSeconds(90)), store.RecordedRange());
    }

    [Fact]
    public void Alerts_raised_between_two_instants_come_oldest_first_with_both_ends_included()
    {
        using var store = new SqliteStore(DbPath);
        foreach (int s in new[] { 50, 0, 10, 30, 70 })
            store.SaveAlert(Alert($"A{s}", $"border-crossing:T{s}") with { Time = T.AddSeconds(s) });

        var raised = store.AlertsRaisedBetween(T.AddSeconds(10), T.AddSeconds(50));

        Assert.Equal(["A10", "A30", "A50"], raised.Select(a => a.Id));
        Assert.Equal(["A10"], store.AlertsRaisedBetween(T.AddSeconds(10), T.AddSeconds(50), limit: 1).Select(a => a.Id));
        Assert.Empty(store.AlertsRaisedBetween(T.AddSeconds(71), T.AddSeconds(99)));
    }

    [Fact]
    public void Alerts_raised_between_carry_their_acknowledgement_as_stored_now()
    {
        using var store = new SqliteStore(DbPath);
        var a = Alert("A1", "border-crossing:T1");
        store.SaveAlert(a);
        store.SaveAlert(a with { Acknowledged = true, AcknowledgedAt = T.AddMinutes(3), AcknowledgedBy = "ana" });

        var loaded = Assert.Single(store.AlertsRaisedBetween(T, T));
        Assert.Equal(T.AddMinutes(3), loaded.AcknowledgedAt);
    }

    [Fact]
    public void A_track_point_keeps_whether_its_track_was_confirmed()
    {
        using var store = new SqliteStore(DbPath);
        store.AppendTrackPoints([Point("T1", T) with { Confirmed = false }, Point("T1", T.AddSeconds(1))]);

        Assert.Equal([false, true], store.TrackPointsBetween(T, T.AddSeconds(1)).Select(p => p.Confirmed));
        Assert.Equal([false, true], store.TrackHistory("T1", 10).Select(p => p.Confirmed));
    }

    [Fact]
    public void Points_recorded_before_the_confirmation_migration_read_as_confirmed()
    {
        Directory.CreateDirectory(_dir);
        using (var old = new SqliteConnection($"Data Source={DbPath};Pooling=False"))
        {
            old.Open();
            using var cmd = old.CreateCommand();
            cmd.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL);"
                + string.Concat(SqliteStore.Migrations.Where(m => m.Version <= 2).Select(m =>
                    $"{m.Sql}\nINSERT INTO schema_migrations VALUES ({m.Version}, '{m.Name}', '2026-01-01');"))
                + "INSERT INTO track_points (track_id, time_utc, track_number, lat_deg, lon_deg, alt_m, speed_mps, heading_deg, class, identity)"
                + " VALUES ('T7', '2026-11-27T12:00:00.0000000Z', 7, 45.2, 28.4, 120, 20, 90, 'multirotor', 'unknown');";
            cmd.ExecuteNonQuery();
        }

        using var store = new SqliteStore(DbPath);

        Assert.Equal(SqliteStore.Migrations.Max(m => m.Version), store.SchemaVersion);
        Assert.True(Assert.Single(store.TrackHistory("T7", 10)).Confirmed);
    }

    private static TrackPoint Point(string id, DateTimeOffset t) =>
        new(id, t, new GeoPoint(45.2, 28.4, 120), 20, 90, TargetClass.Multirotor, Identity.Unknown);

    [Fact]
    public void Sensors_are_upserted()
    {
        using var store = new SqliteStore(DbPath);
        var s = new SensorDescriptor("radar-isaccea", "Isaccea radar", SensorKind.Radar, new GeoPoint(45.26, 28.46, 60), 40_000, 2);
        store.SaveSensors([s]);
        store.SaveSensors([s with { MaxRangeM = 45_000 }]);

        var loaded = Assert.Single(store.LoadSensors());
        Assert.Equal(45_000, loaded.MaxRangeM);
    }

    [Fact]
    public void Persisted_wire_names_are_frozen()
    {
        // Stored rows and the API use these strings; renaming one would orphan recorded data.
        Assert.Equal(
            ["border-crossing", "zone-entry", "zone-approach", "sensor-silent", "identity-spoofing", "unit-not-in-service", "rule"],
            Enum.GetValues<AlertKind>().Select(k => k.ToWire()));
        Assert.Equal(
            ["unknown", "multirotor", "fixed-wing", "manned", "bird", "clutter"],
            Enum.GetValues<TargetClass>().Select(k => k.ToWire()));
        Assert.Equal(["unknown", "friendly", "neutral", "hostile", "suspect"], Enum.GetValues<Identity>().Select(k => k.ToWire()));
        foreach (var c in Enum.GetValues<TargetClass>())
            Assert.Equal(c, TargetClassNames.Parse(c.ToWire()));
    }

    private static Alert Alert(string id, string key) =>
        new(id, key, T, AlertKind.BorderCrossing, AlertSeverity.Warning, "T1", null, "Unknown multirotor T1 crossed into Romania", new GeoPoint(45.25, 28.46, 150));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
