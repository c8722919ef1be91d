using CsCheck;
using Microsoft.Data.Sqlite;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Storage.Tests;

/// <summary>Which sensors saw a track, and from when to when: one row per track and sensor.</summary>
public sealed class TrackSensorsTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "straja-sensors-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_dir, "straja.db");
    private static readonly DateTimeOffset T = new(2026, 11, 27, 3, 12, 5, TimeSpan.Zero);

    [Fact]
    public void Repeated_upserts_keep_one_span_per_track_and_sensor_from_the_earliest_to_the_latest()
    {
        using var store = new SqliteStore(DbPath);
        store.RecordTrackSensors([new("T7", "radar-galati", T.AddSeconds(10), T.AddSeconds(20))]);
        store.RecordTrackSensors([new("T7", "radar-galati", T, T.AddSeconds(15))]);
        store.RecordTrackSensors([new("T7", "radar-galati", T.AddSeconds(5), T.AddSeconds(395))]);

        var seen = Assert.Single(store.TrackSensors(["T7"]));
        Assert.Equal(new TrackSensorSeen("T7", "radar-galati", T, T.AddSeconds(395)), seen);
        Assert.Equal(1L, Count("track_sensors"));
    }

    [Fact]
    public void Sensors_come_back_for_the_asked_tracks_only_ordered_by_track_then_sensor()
    {
        using var store = new SqliteStore(DbPath);
        store.RecordTrackSensors([
            new("T9", "rf-tulcea", T, T.AddSeconds(1)),
            new("T10", "radar-isaccea", T, T.AddSeconds(2)),
            new("T9", "eo-isaccea", T, T.AddSeconds(3)),
            new("T11", "radar-isaccea", T, T.AddSeconds(4)),
        ]);

        var seen = store.TrackSensors(["T9", "T10", "T9", "T404"]);

        Assert.Equal([("T10", "radar-isaccea"), ("T9", "eo-isaccea"), ("T9", "rf-tulcea")], seen.Select(s => (s.TrackId, s.SensorId)));
        Assert.Empty(store.TrackSensors([]));
    }

    [Fact]
    public void A_span_that_ends_before_it_starts_is_refused_naming_the_track_and_sensor()
    {
        using var store = new SqliteStore(DbPath);
        var e = Assert.Throws<ArgumentException>(() => store.RecordTrackSensors([new("T3", "radar-galati", T, T.AddSeconds(-1))]));
        Assert.Contains("T3", e.Message, StringComparison.Ordinal);
        Assert.Contains("radar-galati", e.Message, StringComparison.Ordinal);
        Assert.Empty(store.TrackSensors(["T3"]));
    }

    [Fact]
    public void A_store_at_schema_2_is_migrated_forward_and_then_keeps_track_sensors()
    {
        Directory.CreateDirectory(_dir);
        using (var c = new SqliteConnection($"Data Source={DbPath}"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL);"
                + string.Concat(SqliteStore.Migrations.Where(m => m.Version <= 2).Select(m =>
                    $"{m.Sql}; INSERT INTO schema_migrations VALUES ({m.Version}, '{m.Name}', '2026-01-01T00:00:00Z');"));
            cmd.ExecuteNonQuery();
        }

        using var store = new SqliteStore(DbPath);
        Assert.Equal(SqliteStore.Migrations.Max(m => m.Version), store.SchemaVersion);
        store.AppendTrackPoints([new TrackPoint("T1", T, new GeoPoint(45.2, 28.4, 100), 20, 180, TargetClass.Multirotor, Identity.Unknown)]);
        store.RecordTrackSensors([new("T1", "radar-isaccea", T, T)]);
        Assert.Single(store.TrackHistory("T1", 10));
        Assert.Single(store.TrackSensors(["T1"]));
    }

    [Fact]
    public void Any_order_of_upserts_leaves_the_hull_of_the_spans()
    {
        var spans = Gen.Select(Gen.Int[0, 3600], Gen.Int[0, 600]).Array[1, 12];
        int run = 0;
        spans.Sample(list =>
        {
            string track = $"T{++run}";
            using var store = new SqliteStore(DbPath);
            foreach (var (start, length) in list)
                store.RecordTrackSensors([new(track, "radar-tulcea", T.AddSeconds(start), T.AddSeconds(start + length))]);
            var seen = Assert.Single(store.TrackSensors([track]));
            Assert.Equal(T.AddSeconds(list.Min(s => s.Item1)), seen.First);
            Assert.Equal(T.AddSeconds(list.Max(s => s.Item1 + s.Item2)), seen.Last);
        }, iter: 40);
    }

    private long Count(string table)
    {
        using var c = new SqliteConnection($"Data Source={DbPath}");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }
}
