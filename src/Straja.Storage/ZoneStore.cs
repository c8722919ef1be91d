using System.Globalization;
using Microsoft.Data.Sqlite;
using Straja.Geo.Zones;

namespace Straja.Storage;

/// <summary>A zone as stored: the zone, a version that counts its changes, and who changed it last and when.</summary>
public sealed record StoredZone(Zone Zone, long Version, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>One change to the zones: who, when, what (create, update, delete, import, seed), and the zone before and after as GeoJSON.</summary>
public sealed record ZoneAuditEntry(long Id, DateTimeOffset Time, string Actor, string Action, string ZoneId, string? Before, string? After);

public enum ZoneStoreError
{
    NotFound = 1,
    Conflict = 2,
}

/// <summary>A change the store refuses: the zone is not there, or is already there.</summary>
public sealed class ZoneStoreException(ZoneStoreError error, string message) : Exception(message)
{
    public ZoneStoreError Error { get; } = error;
}

/// <summary>
/// The operator's zones in SQLite, in <c>zones_*</c> tables that can share straja.db with the picture store and the
/// registry. Each zone is kept as its GeoJSON (<see cref="ZoneGeoJson"/>), the exchange format, so what is stored is
/// what an export gives. Every change and its audit record are written in one transaction. Thread-safe: one lock
/// serialises the connection, as zone edits are rare.
/// </summary>
public sealed class ZoneStore : IDisposable
{
    internal static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "zone tables", """
            CREATE TABLE zones (
                id TEXT PRIMARY KEY, geojson TEXT NOT NULL, version INTEGER NOT NULL,
                updated_by TEXT NOT NULL, updated_utc TEXT NOT NULL, position INTEGER NOT NULL);
            CREATE TABLE zones_audit (
                id INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                zone_id TEXT NOT NULL, before TEXT, after TEXT);
            """),
    ];

    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();
    private SqliteTransaction? _tx;

    /// <param name="path">The SQLite file, usually the shared data/straja.db; created with its folder if missing.</param>
    /// <param name="seeds">Written, audited as "seed" by "system", when the tables are first created; never again, so a deleted seed stays deleted.</param>
    /// <param name="now">The time the seeds are recorded at.</param>
    public ZoneStore(string path, IEnumerable<Zone> seeds, DateTimeOffset now)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA busy_timeout=5000;");
        if (Migrate())
        {
            Write(() =>
            {
                foreach (var z in seeds)
                    Put(z, "system", now, "seed", before: null, version: 1);
                return 0;
            });
        }
    }

    public void Dispose() => _db.Dispose();

    public IReadOnlyList<StoredZone> All()
    {
        lock (_lock)
            return ReadZones("SELECT id, geojson, version, updated_by, updated_utc FROM zones ORDER BY position, id");
    }

    public StoredZone? Get(string id)
    {
        lock (_lock)
            return ReadZones("SELECT id, geojson, version, updated_by, updated_utc FROM zones WHERE id = $id", ("$id", id)).FirstOrDefault();
    }

    /// <summary>The current zones, prepared for the engine.</summary>
    public ZoneSet Snapshot() => new(All().Select(z => z.Zone));

    /// <exception cref="ZoneStoreException">A zone with that id exists (<see cref="ZoneStoreError.Conflict"/>).</exception>
    public StoredZone Create(Zone zone, string actor, DateTimeOffset time) => Locked(() =>
    {
        RequireValid(zone);
        if (Current(zone.Id) is not null) throw new ZoneStoreException(ZoneStoreError.Conflict, $"zone {zone.Id} already exists");
        return Put(zone, actor, time, "create", before: null, version: 1);
    });

    /// <exception cref="ZoneStoreException">No zone has that id (<see cref="ZoneStoreError.NotFound"/>).</exception>
    public StoredZone Update(Zone zone, string actor, DateTimeOffset time) => Locked(() =>
    {
        RequireValid(zone);
        var old = Current(zone.Id) ?? throw new ZoneStoreException(ZoneStoreError.NotFound, $"zone {zone.Id} does not exist");
        return Put(zone, actor, time, "update", old.Json, old.Version + 1);
    });

    /// <exception cref="ZoneStoreException">No zone has that id (<see cref="ZoneStoreError.NotFound"/>).</exception>
    public void Delete(string id, string actor, DateTimeOffset time) => Locked(() =>
    {
        var old = Current(id) ?? throw new ZoneStoreException(ZoneStoreError.NotFound, $"zone {id} does not exist");
        Exec("DELETE FROM zones WHERE id = $id", ("$id", id));
        Audit(time, actor, "delete", id, old.Json, null);
        return 0;
    });

    /// <summary>Creates or replaces every zone given, all or none.</summary>
    public IReadOnlyList<StoredZone> Import(IReadOnlyList<Zone> zones, string actor, DateTimeOffset time) => Locked(() =>
    {
        foreach (var z in zones)
            RequireValid(z);
        return zones.Select(z => Current(z.Id) is { } old ? Put(z, actor, time, "import", old.Json, old.Version + 1) : Put(z, actor, time, "import", null, 1)).ToList();
    });

    /// <summary>The newest audit records first, for one zone or all.</summary>
    public IReadOnlyList<ZoneAuditEntry> AuditTrail(string? zoneId = null, int limit = 200)
    {
        lock (_lock)
        {
            using var cmd = Command(
                "SELECT id, time_utc, actor, action, zone_id, before, after FROM zones_audit WHERE $z IS NULL OR zone_id = $z ORDER BY id DESC LIMIT $n",
                ("$z", zoneId), ("$n", limit));
            using var r = cmd.ExecuteReader();
            var list = new List<ZoneAuditEntry>();
            while (r.Read())
            {
                list.Add(new ZoneAuditEntry(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
            }

            return list;
        }
    }

    private static void RequireValid(Zone zone)
    {
        if (zone.Validate() is [var first, ..])
            throw new ArgumentException($"zone {zone.Id}: {first}", nameof(zone));
    }

    private StoredZone Put(Zone zone, string actor, DateTimeOffset time, string action, string? before, long version)
    {
        string json = ZoneGeoJson.Write([zone]);
        Exec("""
            INSERT INTO zones (id, geojson, version, updated_by, updated_utc, position)
            VALUES ($id, $json, $v, $by, $at, (SELECT COALESCE(MAX(position), 0) + 1 FROM zones))
            ON CONFLICT (id) DO UPDATE SET geojson = excluded.geojson, version = excluded.version,
                updated_by = excluded.updated_by, updated_utc = excluded.updated_utc
            """,
            ("$id", zone.Id), ("$json", json), ("$v", version), ("$by", actor), ("$at", FormatTime(time)));
        Audit(time, actor, action, zone.Id, before, json);
        return new StoredZone(zone, version, actor, time);
    }

    private void Audit(DateTimeOffset time, string actor, string action, string zoneId, string? before, string? after) =>
        Exec("INSERT INTO zones_audit (time_utc, actor, action, zone_id, before, after) VALUES ($t, $a, $act, $z, $b, $af)",
            ("$t", FormatTime(time)), ("$a", actor), ("$act", action), ("$z", zoneId), ("$b", before), ("$af", after));

    private (string Json, long Version)? Current(string id)
    {
        using var cmd = Command("SELECT geojson, version FROM zones WHERE id = $id", ("$id", id));
        using var r = cmd.ExecuteReader();
        return r.Read() ? (r.GetString(0), r.GetInt64(1)) : null;
    }

    private List<StoredZone> ReadZones(string sql, params (string, object?)[] args)
    {
        using var cmd = Command(sql, args);
        using var r = cmd.ExecuteReader();
        var list = new List<StoredZone>();
        while (r.Read())
        {
            string id = r.GetString(0);
            // Stored text was written by ZoneGeoJson.Write; failing to read it back means the file was edited by hand.
            Zone zone;
            try
            {
                zone = ZoneGeoJson.Read(r.GetString(1)).Single();
            }
            catch (ZoneFormatException e)
            {
                throw new InvalidDataException($"zones table, zone {id}: {e.Message}", e);
            }

            list.Add(new StoredZone(zone, r.GetInt64(2), r.GetString(3), ParseTime(r.GetString(4))));
        }

        return list;
    }

    /// <returns>True when the tables were created now.</returns>
    private bool Migrate()
    {
        Exec("CREATE TABLE IF NOT EXISTS zones_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        using var cmd = Command("SELECT COALESCE(MAX(version), 0) FROM zones_migrations");
        int current = Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        foreach (var (version, name, sql) in Migrations)
        {
            if (version <= current)
                continue;
            Write(() =>
            {
                Exec(sql);
                Exec("INSERT INTO zones_migrations (version, name) VALUES ($v, $n)", ("$v", version), ("$n", name));
                return 0;
            });
        }

        return current == 0;
    }

    private T Locked<T>(Func<T> change)
    {
        lock (_lock)
            return Write(change);
    }

    private T Write<T>(Func<T> change)
    {
        using var tx = _db.BeginTransaction();
        _tx = tx;
        try
        {
            T result = change();
            tx.Commit();
            return result;
        }
        finally
        {
            _tx = null;
        }
    }

    private void Exec(string sql, params (string, object?)[] args)
    {
        using var cmd = Command(sql, args);
        cmd.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] args)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = _tx;
        foreach (var (name, value) in args)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static string FormatTime(DateTimeOffset t) => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
