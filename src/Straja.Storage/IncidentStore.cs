using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Straja.Storage;

/// <summary>
/// Incidents in their own tables of the shared SQLite file: each incident as the JSON of its record (state,
/// timeline, links, evidence hashes) and the evidence files by SHA-256. The incident's rules live in
/// Straja.Engine/Investigation; this class only keeps what they produce.
/// </summary>
public sealed class IncidentStore : IDisposable
{
    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    public IncidentStore(string path)
    {
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString());
        _db.Open();
        using var cmd = _db.CreateCommand();
        cmd.CommandText = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS incidents (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS incident_files (sha256 TEXT PRIMARY KEY, content BLOB NOT NULL);
            """;
        cmd.ExecuteNonQuery();
    }

    public string NextId()
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT COALESCE(MAX(seq), 0) + 1 FROM incidents";
            return "INC-" + Convert.ToInt64(cmd.ExecuteScalar(), CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture);
        }
    }

    public void Save(string id, string json)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT INTO incidents (id, json) VALUES ($id, $json) ON CONFLICT(id) DO UPDATE SET json = excluded.json";
            cmd.Parameters.AddWithValue("$id", id);
            cmd.Parameters.AddWithValue("$json", json);
            cmd.ExecuteNonQuery();
        }
    }

    public string? Get(string id)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT json FROM incidents WHERE id = $id";
            cmd.Parameters.AddWithValue("$id", id);
            return cmd.ExecuteScalar() as string;
        }
    }

    public IReadOnlyList<string> Latest(int limit) => Latest(limit, _ => true);

    /// <summary>
    /// The newest <paramref name="limit"/> incidents that <paramref name="keep"/> accepts, newest first. The record's
    /// fields are the caller's to read (the JSON is its format), so the filter is a predicate on the stored JSON.
    /// </summary>
    public IReadOnlyList<string> Latest(int limit, Func<string, bool> keep)
    {
        ArgumentNullException.ThrowIfNull(keep);
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT json FROM incidents ORDER BY seq DESC";
            using var r = cmd.ExecuteReader();
            var list = new List<string>();
            while (list.Count < limit && r.Read())
            {
                string json = r.GetString(0);
                if (keep(json))
                    list.Add(json);
            }

            return list;
        }
    }

    /// <summary>Keeps a file by its hash; the same bytes attached twice are stored once.</summary>
    public void SaveFile(string sha256Hex, byte[] content)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "INSERT OR IGNORE INTO incident_files (sha256, content) VALUES ($h, $c)";
            cmd.Parameters.AddWithValue("$h", sha256Hex);
            cmd.Parameters.AddWithValue("$c", content);
            cmd.ExecuteNonQuery();
        }
    }

    public byte[]? File(string sha256Hex)
    {
        lock (_lock)
        {
            using var cmd = _db.CreateCommand();
            cmd.CommandText = "SELECT content FROM incident_files WHERE sha256 = $h";
            cmd.Parameters.AddWithValue("$h", sha256Hex);
            return cmd.ExecuteScalar() as byte[];
        }
    }

    public void Dispose() => _db.Dispose();
}
