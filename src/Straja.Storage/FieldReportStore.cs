using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Straja.Storage;

/// <summary>A field report as stored: the report's own fields, who sent it, and the triage as JSON.</summary>
public sealed record StoredFieldReport(
    string Id, DateTimeOffset Time, double LatDeg, double LonDeg, string Sense, double? BearingDeg, double? ElevationDeg,
    double? HeadingDeg, int Count, string? Description, bool Trusted, string Reporter, DateTimeOffset ReceivedAt, string TriageJson);

/// <summary>
/// Field reports in their own <c>field_reports</c> table of the shared SQLite file (like the registry's and the
/// accounts' stores). Append-only: a report is evidence; it is never edited.
/// </summary>
public sealed class FieldReportStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    public FieldReportStore(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        _db.Open();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS field_reports (
                seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, time_utc TEXT NOT NULL,
                lat_deg REAL NOT NULL, lon_deg REAL NOT NULL, sense TEXT NOT NULL, bearing_deg REAL, elevation_deg REAL,
                heading_deg REAL, count INTEGER NOT NULL, description TEXT, trusted INTEGER NOT NULL, reporter TEXT NOT NULL,
                received_utc TEXT NOT NULL, triage_json TEXT NOT NULL);
            """;
        cmd.ExecuteNonQuery();
    }

    /// <summary>The next report id: R followed by a number one above the highest stored.</summary>
    public string NextId()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) + 1 FROM field_reports";
            return "R" + Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
    }

    public void Add(StoredFieldReport r)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = """
                INSERT INTO field_reports (id, time_utc, lat_deg, lon_deg, sense, bearing_deg, elevation_deg, heading_deg, count,
                                           description, trusted, reporter, received_utc, triage_json)
                VALUES ($id, $t, $lat, $lon, $sense, $b, $e, $h, $n, $d, $trusted, $who, $rx, $triage)
                """;
            cmd.Parameters.AddWithValue("$id", r.Id);
            cmd.Parameters.AddWithValue("$t", r.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$lat", r.LatDeg);
            cmd.Parameters.AddWithValue("$lon", r.LonDeg);
            cmd.Parameters.AddWithValue("$sense", r.Sense);
            cmd.Parameters.AddWithValue("$b", (object?)r.BearingDeg ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$e", (object?)r.ElevationDeg ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$h", (object?)r.HeadingDeg ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$n", r.Count);
            cmd.Parameters.AddWithValue("$d", (object?)r.Description ?? DBNull.Value);
            cmd.Parameters.AddWithValue("$trusted", r.Trusted ? 1 : 0);
            cmd.Parameters.AddWithValue("$who", r.Reporter);
            cmd.Parameters.AddWithValue("$rx", r.ReceivedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$triage", r.TriageJson);
            cmd.ExecuteNonQuery();
        }
    }

    /// <summary>The newest <paramref name="limit"/> reports, newest first; only <paramref name="reporter"/>'s when given.</summary>
    public IReadOnlyList<StoredFieldReport> Latest(int limit, string? reporter = null)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = $"SELECT {Columns} FROM field_reports WHERE $who IS NULL OR reporter = $who ORDER BY seq DESC LIMIT $limit";
            cmd.Parameters.AddWithValue("$limit", limit);
            cmd.Parameters.AddWithValue("$who", (object?)reporter ?? DBNull.Value);
            return Read(cmd);
        }
    }

    /// <summary>
    /// The reports whose own time lies between two instants (inclusive), oldest first, at most <paramref name="limit"/>:
    /// what replay shows of a past period. By report time, not receipt: a report is about the moment it names.
    /// </summary>
    public IReadOnlyList<StoredFieldReport> ReportedBetween(DateTimeOffset from, DateTimeOffset to, int limit)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            // time_utc is written with the round-trip format of a UTC DateTime: fixed width, so text order is time order.
            cmd.CommandText = $"SELECT {Columns} FROM field_reports WHERE time_utc >= $from AND time_utc <= $to ORDER BY time_utc, seq LIMIT $limit";
            cmd.Parameters.AddWithValue("$from", from.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$to", to.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            cmd.Parameters.AddWithValue("$limit", limit);
            return Read(cmd);
        }
    }

    private const string Columns = """
        id, time_utc, lat_deg, lon_deg, sense, bearing_deg, elevation_deg, heading_deg, count, description, trusted,
        reporter, received_utc, triage_json
        """;

    private static List<StoredFieldReport> Read(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<StoredFieldReport>();
        while (r.Read())
        {
            list.Add(new StoredFieldReport(r.GetString(0), DateTimeOffset.Parse(r.GetString(1), CultureInfo.InvariantCulture),
                r.GetDouble(2), r.GetDouble(3), r.GetString(4), Nullable(r, 5), Nullable(r, 6), Nullable(r, 7), r.GetInt32(8),
                r.IsDBNull(9) ? null : r.GetString(9), r.GetInt32(10) != 0, r.GetString(11),
                DateTimeOffset.Parse(r.GetString(12), CultureInfo.InvariantCulture), r.GetString(13)));
        }

        return list;
    }

    private static double? Nullable(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    public void Dispose() => _db.Dispose();
}
