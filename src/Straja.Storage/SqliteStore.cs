using System.Globalization;
using Microsoft.Data.Sqlite;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Storage;

/// <summary>
/// The embedded store: one SQLite file under the data directory, created on first run and migrated
/// forward by numbered steps recorded in <c>schema_migrations</c>. WAL mode lets the API read while
/// the engine loop writes.
/// </summary>
public sealed class SqliteStore : IAirPictureStore
{
    private readonly SqliteConnection _write;
    private readonly string _connectionString;
    private readonly Lock _writeLock = new();

    /// <summary>Every schema change is a new entry here; applied ones are never edited.</summary>
    internal static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "initial", """
            CREATE TABLE sensors (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                lat_deg REAL NOT NULL, lon_deg REAL NOT NULL, alt_m REAL NOT NULL,
                max_range_m REAL NOT NULL, scan_period_s REAL NOT NULL);
            CREATE TABLE track_points (
                track_id TEXT NOT NULL, time_utc TEXT NOT NULL, track_number INTEGER NOT NULL,
                lat_deg REAL NOT NULL, lon_deg REAL NOT NULL, alt_m REAL NOT NULL,
                speed_mps REAL NOT NULL, heading_deg REAL NOT NULL, class TEXT NOT NULL, identity TEXT NOT NULL);
            CREATE INDEX track_points_by_track ON track_points (track_id, time_utc);
            CREATE INDEX track_points_by_time ON track_points (time_utc);
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE, time_utc TEXT NOT NULL, kind TEXT NOT NULL,
                severity TEXT NOT NULL, track_id TEXT, zone TEXT, message TEXT NOT NULL,
                lat_deg REAL NOT NULL, lon_deg REAL NOT NULL, alt_m REAL NOT NULL,
                acknowledged INTEGER NOT NULL DEFAULT 0, acknowledged_at_utc TEXT, acknowledged_by TEXT);
            CREATE INDEX alerts_by_time ON alerts (time_utc);
            """),
        (2, "alert escalation", """
            ALTER TABLE alerts ADD COLUMN escalated_at_utc TEXT;
            """),
        // NULL on the points recorded before it: the confirmation state was not kept then (read as confirmed).
        (3, "track point confirmation", """
            ALTER TABLE track_points ADD COLUMN confirmed INTEGER;
            """),
        (4, "track sensors", """
            CREATE TABLE track_sensors (
                track_id TEXT NOT NULL, sensor_id TEXT NOT NULL, first_seen_utc TEXT NOT NULL, last_seen_utc TEXT NOT NULL,
                PRIMARY KEY (track_id, sensor_id)) WITHOUT ROWID;
            """),
    ];

    public SqliteStore(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
            Directory.CreateDirectory(dir);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        _write = new SqliteConnection(_connectionString);
        _write.Open();
        Exec(_write, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
        Migrate();
    }

    public int SchemaVersion
    {
        get
        {
            using var cmd = _write.CreateCommand();
            cmd.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
            return Convert.ToInt32(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
    }

    private void Migrate()
    {
        Exec(_write, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_utc TEXT NOT NULL)");
        int current = SchemaVersion;
        foreach (var (version, name, sql) in Migrations)
        {
            if (version <= current)
                continue;
            using var tx = _write.BeginTransaction();
            Exec(_write, sql, tx);
            using var cmd = _write.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "INSERT INTO schema_migrations (version, name, applied_utc) VALUES ($v, $n, $t)";
            cmd.Parameters.AddWithValue("$v", version);
            cmd.Parameters.AddWithValue("$n", name);
            cmd.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            cmd.ExecuteNonQuery();
            tx.Commit();
        }
    }

    public void SaveSensors(IEnumerable<SensorDescriptor> sensors)
    {
        lock (_writeLock)
        {
            using var tx = _write.BeginTransaction();
            using var cmd = _write.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO sensors (id, name, kind, lat_deg, lon_deg, alt_m, max_range_m, scan_period_s)
                VALUES ($id, $name, $kind, $lat, $lon, $alt, $range, $period)
                ON CONFLICT(id) DO UPDATE SET name=excluded.name, kind=excluded.kind, lat_deg=excluded.lat_deg,
                  lon_deg=excluded.lon_deg, alt_m=excluded.alt_m, max_range_m=excluded.max_range_m, scan_period_s=excluded.scan_period_s
                """;
            var p = Params(cmd, "$id", "$name", "$kind", "$lat", "$lon", "$alt", "$range", "$period");
            foreach (var s in sensors)
            {
                Set(p, s.Id, s.Name, s.Kind.ToWire(), s.Position.LatDeg, s.Position.LonDeg, s.Position.AltM, s.MaxRangeM, s.ScanPeriodS);
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public IReadOnlyList<SensorDescriptor> LoadSensors()
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT id, name, kind, lat_deg, lon_deg, alt_m, max_range_m, scan_period_s FROM sensors ORDER BY id";
        using var r = cmd.ExecuteReader();
        var list = new List<SensorDescriptor>();
        while (r.Read())
        {
            list.Add(new SensorDescriptor(r.GetString(0), r.GetString(1), WireNames.ParseSensorKind(r.GetString(2)) ?? throw new FormatException($"sensors.kind: unknown sensor kind '{r.GetString(2)}' in the store"),
                new GeoPoint(r.GetDouble(3), r.GetDouble(4), r.GetDouble(5)), r.GetDouble(6), r.GetDouble(7)));
        }

        return list;
    }

    public void AppendTrackPoints(IReadOnlyList<TrackPoint> points)
    {
        lock (_writeLock)
        {
            using var tx = _write.BeginTransaction();
            using var cmd = _write.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                INSERT INTO track_points (track_id, time_utc, track_number, lat_deg, lon_deg, alt_m, speed_mps, heading_deg, class, identity, confirmed)
                VALUES ($id, $t, $n, $lat, $lon, $alt, $v, $h, $c, $i, $ok)
                """;
            var p = Params(cmd, "$id", "$t", "$n", "$lat", "$lon", "$alt", "$v", "$h", "$c", "$i", "$ok");
            foreach (var pt in points)
            {
                Set(p, pt.TrackId, Time(pt.Time), TrackNumber(pt.TrackId), pt.Position.LatDeg, pt.Position.LonDeg, pt.Position.AltM,
                    pt.SpeedMps, pt.HeadingDeg, pt.Class.ToWire(), pt.Identity.ToWire(), pt.Confirmed ? 1 : 0);
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public void RecordTrackSensors(IReadOnlyList<TrackSensorSeen> seen)
    {
        ArgumentNullException.ThrowIfNull(seen);
        if (seen.Count == 0)
            return;
        lock (_writeLock)
        {
            using var tx = _write.BeginTransaction();
            using var cmd = _write.CreateCommand();
            cmd.Transaction = tx;
            // Fixed-width UTC text orders as time, so MIN/MAX on it keep the widest span.
            cmd.CommandText = """
                INSERT INTO track_sensors (track_id, sensor_id, first_seen_utc, last_seen_utc) VALUES ($track, $sensor, $first, $last)
                ON CONFLICT(track_id, sensor_id) DO UPDATE SET
                  first_seen_utc = MIN(first_seen_utc, excluded.first_seen_utc), last_seen_utc = MAX(last_seen_utc, excluded.last_seen_utc)
                """;
            var p = Params(cmd, "$track", "$sensor", "$first", "$last");
            foreach (var s in seen)
            {
                if (s.Last < s.First)
                    throw new ArgumentException($"track {s.TrackId}, sensor {s.SensorId}: last seen {Time(s.Last)} is before first seen {Time(s.First)}", nameof(seen));
                Set(p, s.TrackId, s.SensorId, Time(s.First), Time(s.Last));
                cmd.ExecuteNonQuery();
            }

            tx.Commit();
        }
    }

    public IReadOnlyList<TrackSensorSeen> TrackSensors(IReadOnlyCollection<string> trackIds)
    {
        ArgumentNullException.ThrowIfNull(trackIds);
        var list = new List<TrackSensorSeen>();
        if (trackIds.Count == 0)
            return list;
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        // One lookup per id on the primary key; the ids go in as a JSON array rather than a built IN list.
        cmd.CommandText = """
            SELECT track_id, sensor_id, first_seen_utc, last_seen_utc FROM track_sensors
            WHERE track_id IN (SELECT value FROM json_each($ids))
            """;
        cmd.Parameters.AddWithValue("$ids", System.Text.Json.JsonSerializer.Serialize(trackIds.Distinct(StringComparer.Ordinal)));
        using var r = cmd.ExecuteReader();
        while (r.Read())
            list.Add(new TrackSensorSeen(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), ParseTime(r.GetString(3))));
        // Ordinal as .NET compares, which SQLite's byte-wise collation is not for every character.
        list.Sort((a, b) => string.CompareOrdinal(a.TrackId, b.TrackId) is var t and not 0 ? t : string.CompareOrdinal(a.SensorId, b.SensorId));
        return list;
    }

    public IReadOnlyList<TrackPoint> TrackHistory(string trackId, int limit)
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        // The newest `limit` points, returned oldest first.
        cmd.CommandText = """
            SELECT * FROM (
              SELECT track_id, time_utc, lat_deg, lon_deg, alt_m, speed_mps, heading_deg, class, identity, confirmed
              FROM track_points WHERE track_id = $id ORDER BY time_utc DESC LIMIT $limit)
            ORDER BY time_utc
            """;
        cmd.Parameters.AddWithValue("$id", trackId);
        cmd.Parameters.AddWithValue("$limit", limit);
        return ReadPoints(cmd);
    }

    /// <summary>Every recorded track point between two instants, in time order: what triage and back-tracking look through.</summary>
    public IReadOnlyList<TrackPoint> TrackPointsBetween(DateTimeOffset from, DateTimeOffset to, int limit = 200_000)
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        cmd.CommandText = """
            SELECT track_id, time_utc, lat_deg, lon_deg, alt_m, speed_mps, heading_deg, class, identity, confirmed
            FROM track_points WHERE time_utc >= $from AND time_utc <= $to ORDER BY time_utc LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$from", Time(from));
        cmd.Parameters.AddWithValue("$to", Time(to));
        cmd.Parameters.AddWithValue("$limit", limit);
        return ReadPoints(cmd);
    }

    public long MaxTrackNumber()
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COALESCE(MAX(track_number), 0) FROM track_points";
        return Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void SaveAlert(Alert a)
    {
        lock (_writeLock)
        {
            using var cmd = _write.CreateCommand();
            cmd.CommandText = """
                INSERT INTO alerts (id, dedup_key, time_utc, kind, severity, track_id, zone, message, lat_deg, lon_deg, alt_m,
                                    acknowledged, acknowledged_at_utc, acknowledged_by, escalated_at_utc)
                VALUES ($id, $key, $t, $kind, $sev, $track, $zone, $msg, $lat, $lon, $alt, $ack, $ackAt, $ackBy, $escAt)
                ON CONFLICT(id) DO UPDATE SET acknowledged=excluded.acknowledged,
                  acknowledged_at_utc=excluded.acknowledged_at_utc, acknowledged_by=excluded.acknowledged_by,
                  severity=excluded.severity, escalated_at_utc=excluded.escalated_at_utc
                """;
            var p = Params(cmd, "$id", "$key", "$t", "$kind", "$sev", "$track", "$zone", "$msg", "$lat", "$lon", "$alt", "$ack", "$ackAt", "$ackBy", "$escAt");
            Set(p, a.Id, a.Key, Time(a.Time), a.Kind.ToWire(), a.Severity.ToWire(), a.TrackId, a.Zone, a.Message,
                a.Position.LatDeg, a.Position.LonDeg, a.Position.AltM, a.Acknowledged ? 1 : 0,
                a.AcknowledgedAt is { } at ? Time(at) : null, a.AcknowledgedBy, a.EscalatedAt is { } esc ? Time(esc) : null);
            cmd.ExecuteNonQuery();
        }
    }

    public IReadOnlyList<Alert> LoadAlerts(int limit)
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {AlertColumns} FROM alerts ORDER BY time_utc DESC, rowid DESC LIMIT $limit";
        cmd.Parameters.AddWithValue("$limit", limit);
        return ReadAlerts(cmd);
    }

    /// <summary>
    /// The first and last recorded point times. Two scalar subqueries, so each is one step down the
    /// time index; MIN and MAX in one SELECT would scan the whole table.
    /// </summary>
    public RecordedPeriod? RecordedRange()
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT (SELECT MIN(time_utc) FROM track_points), (SELECT MAX(time_utc) FROM track_points)";
        using var r = cmd.ExecuteReader();
        return r.Read() && !r.IsDBNull(0) && !r.IsDBNull(1) ? new RecordedPeriod(ParseTime(r.GetString(0)), ParseTime(r.GetString(1))) : null;
    }

    /// <summary>Alerts by their raise time (alerts_by_time), oldest first, with their acknowledgement as stored now.</summary>
    public IReadOnlyList<Alert> AlertsRaisedBetween(DateTimeOffset from, DateTimeOffset to, int limit = 10_000)
    {
        using var c = OpenRead();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT {AlertColumns} FROM alerts WHERE time_utc >= $from AND time_utc <= $to ORDER BY time_utc, rowid LIMIT $limit
            """;
        cmd.Parameters.AddWithValue("$from", Time(from));
        cmd.Parameters.AddWithValue("$to", Time(to));
        cmd.Parameters.AddWithValue("$limit", limit);
        return ReadAlerts(cmd);
    }

    private const string AlertColumns = """
        id, dedup_key, time_utc, kind, severity, track_id, zone, message, lat_deg, lon_deg, alt_m,
        acknowledged, acknowledged_at_utc, acknowledged_by, escalated_at_utc
        """;

    private static List<Alert> ReadAlerts(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<Alert>();
        while (r.Read())
        {
            list.Add(new Alert(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), WireNames.ParseKind(r.GetString(3)),
                WireNames.ParseSeverity(r.GetString(4)), r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6),
                r.GetString(7), new GeoPoint(r.GetDouble(8), r.GetDouble(9), r.GetDouble(10)), r.GetInt32(11) != 0,
                r.IsDBNull(12) ? null : ParseTime(r.GetString(12)), r.IsDBNull(13) ? null : r.GetString(13),
                r.IsDBNull(14) ? null : ParseTime(r.GetString(14))));
        }

        return list;
    }

    /// <summary>Rows of (track_id, time_utc, lat_deg, lon_deg, alt_m, speed_mps, heading_deg, class, identity, confirmed).</summary>
    private static List<TrackPoint> ReadPoints(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<TrackPoint>();
        while (r.Read())
        {
            list.Add(new TrackPoint(r.GetString(0), ParseTime(r.GetString(1)), new GeoPoint(r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)),
                r.GetDouble(5), r.GetDouble(6), TargetClassNames.Parse(r.GetString(7)), WireNames.ParseIdentity(r.GetString(8)),
                Confirmed: r.IsDBNull(9) || r.GetInt64(9) != 0));
        }

        return list;
    }

    private SqliteConnection OpenRead()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        return c;
    }

    private static void Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null)
    {
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private static SqliteParameter[] Params(SqliteCommand cmd, params string[] names) =>
        names.Select(n => cmd.Parameters.Add(n, SqliteType.Text)).ToArray();

    private static void Set(SqliteParameter[] ps, params object?[] values)
    {
        for (int i = 0; i < ps.Length; i++)
        {
            ps[i].SqliteType = values[i] switch
            {
                double => SqliteType.Real,
                int or long => SqliteType.Integer,
                _ => SqliteType.Text,
            };
            ps[i].Value = values[i] ?? DBNull.Value;
        }
    }

    // Fixed-width ISO-8601 UTC sorts as text in time order.
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.ParseExact(s, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private static long TrackNumber(string trackId) =>
        trackId.Length > 1 && long.TryParse(trackId.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : 0;

    public void Dispose()
    {
        _write.Dispose();
        SqliteConnection.ClearAllPools();
    }
}
