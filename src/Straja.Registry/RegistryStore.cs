using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Straja.Registry;

/// <summary>
/// The registry's SQLite tables. It can live in its own file or share straja.db with the engine's store:
/// every table is prefixed <c>registry_</c> and its schema version is kept in its own
/// <c>registry_migrations</c> table. Callers change data only through <see cref="RegistryService"/>, which
/// wraps each change and its audit record in one transaction. Not thread-safe; the service serialises access.
/// </summary>
public sealed class RegistryStore : IDisposable
{
    /// <summary>Numbered schema steps; an applied step is never edited, a change is a new step.</summary>
    internal static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "registry tables", """
            CREATE TABLE registry_sites (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, country TEXT NOT NULL, operator TEXT NOT NULL);
            CREATE TABLE registry_models (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, mass_kg REAL NOT NULL,
                endurance_min REAL NOT NULL, radio_bands TEXT NOT NULL, broadcasts_remote_id INTEGER NOT NULL);
            CREATE TABLE registry_batches (
                id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES registry_models(id),
                site_id TEXT NOT NULL REFERENCES registry_sites(id), produced_on TEXT NOT NULL, quantity INTEGER NOT NULL);
            CREATE TABLE registry_units (
                serial TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES registry_models(id),
                batch_id TEXT NOT NULL REFERENCES registry_batches(id), remote_id_serial TEXT NOT NULL UNIQUE,
                radio_ids TEXT NOT NULL, state INTEGER NOT NULL,
                inspector TEXT, accepted_utc TEXT,
                recipient TEXT, export_licence TEXT, licence_expires_on TEXT, end_user_certificate TEXT,
                allocated_utc TEXT, delivered_utc TEXT, public_key BLOB);
            CREATE INDEX registry_units_by_batch ON registry_units (batch_id);
            CREATE TABLE registry_members (code TEXT PRIMARY KEY);
            CREATE TABLE registry_audit (
                id INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                entity TEXT NOT NULL, payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
            """),
        (2, "default alliance members",
            "INSERT INTO registry_members (code) VALUES " + string.Join(", ", AllianceMembers.Default.Select(c => $"('{c}')")) + ";"),
    ];

    private readonly SqliteConnection _db;
    private SqliteTransaction? _tx;

    /// <param name="pathOrConnectionString">A file path (e.g. data/straja.db) or a full SQLite connection string (contains '=').</param>
    public RegistryStore(string pathOrConnectionString)
    {
        string cs;
        if (pathOrConnectionString.Contains('=', StringComparison.Ordinal))
        {
            cs = pathOrConnectionString;
        }
        else
        {
            string? dir = Path.GetDirectoryName(Path.GetFullPath(pathOrConnectionString));
            if (dir is not null)
                Directory.CreateDirectory(dir);
            cs = new SqliteConnectionStringBuilder { DataSource = pathOrConnectionString, Pooling = false }.ToString();
        }

        _db = new SqliteConnection(cs);
        _db.Open();
        Exec("PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Migrate();
    }

    public int SchemaVersion => Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM registry_migrations"), CultureInfo.InvariantCulture);

    public void Dispose() => _db.Dispose();

    private void Migrate()
    {
        Exec("CREATE TABLE IF NOT EXISTS registry_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        int current = SchemaVersion;
        foreach (var (version, name, sql) in Migrations)
        {
            if (version <= current)
                continue;
            Write(() =>
            {
                Exec(sql);
                Exec("INSERT INTO registry_migrations (version, name) VALUES ($v, $n)", ("$v", version), ("$n", name));
                return 0;
            });
        }
    }

    /// <summary>Runs <paramref name="change"/> in one transaction: all of it is written, or none.</summary>
    internal T Write<T>(Func<T> change)
    {
        if (_tx is not null)
            return change();
        _tx = _db.BeginTransaction();
        try
        {
            T result = change();
            _tx.Commit();
            return result;
        }
        catch
        {
            _tx.Rollback();
            throw;
        }
        finally
        {
            _tx.Dispose();
            _tx = null;
        }
    }

    // ---- sites, models, batches ----

    internal void InsertSite(ProductionSite s) =>
        Exec("INSERT INTO registry_sites VALUES ($id, $name, $country, $op)",
            ("$id", s.Id), ("$name", s.Name), ("$country", s.Country.ToString()), ("$op", s.Operator));

    internal IReadOnlyList<ProductionSite> Sites(string? id = null) =>
        Query("SELECT id, name, country, operator FROM registry_sites WHERE $id IS NULL OR id = $id ORDER BY id",
            r => new ProductionSite(r.GetString(0), r.GetString(1), Enum.Parse<ProductionCountry>(r.GetString(2)), r.GetString(3)),
            ("$id", id));

    internal void InsertModel(DroneModel m) =>
        Exec("INSERT INTO registry_models VALUES ($id, $name, $kind, $mass, $end, $bands, $rid)",
            ("$id", m.Id), ("$name", m.Name), ("$kind", m.Kind.ToString()), ("$mass", m.MassKg), ("$end", m.EnduranceMin),
            ("$bands", JsonSerializer.Serialize(m.RadioBands)), ("$rid", m.BroadcastsRemoteId ? 1 : 0));

    internal IReadOnlyList<DroneModel> Models(string? id = null) =>
        Query("SELECT id, name, kind, mass_kg, endurance_min, radio_bands, broadcasts_remote_id FROM registry_models WHERE $id IS NULL OR id = $id ORDER BY id",
            r => new DroneModel(r.GetString(0), r.GetString(1), Enum.Parse<DroneKind>(r.GetString(2)), r.GetDouble(3), r.GetDouble(4),
                JsonSerializer.Deserialize<List<RadioBand>>(r.GetString(5)) ?? [], r.GetInt64(6) != 0),
            ("$id", id));

    internal void InsertBatch(ProductionBatch b) =>
        Exec("INSERT INTO registry_batches VALUES ($id, $model, $site, $on, $q)",
            ("$id", b.Id), ("$model", b.ModelId), ("$site", b.SiteId), ("$on", FormatDate(b.ProducedOn)), ("$q", b.Quantity));

    internal IReadOnlyList<ProductionBatch> Batches(string? id = null) =>
        Query("SELECT id, model_id, site_id, produced_on, quantity FROM registry_batches WHERE $id IS NULL OR id = $id ORDER BY id",
            r => new ProductionBatch(r.GetString(0), r.GetString(1), r.GetString(2), ParseDate(r.GetString(3)), r.GetInt32(4)),
            ("$id", id));

    // ---- units ----

    private const string UnitColumns =
        "serial, model_id, batch_id, remote_id_serial, radio_ids, state, inspector, accepted_utc, recipient, export_licence, " +
        "licence_expires_on, end_user_certificate, allocated_utc, delivered_utc, public_key";

    internal void InsertUnit(Unit u) =>
        Exec($"INSERT INTO registry_units ({UnitColumns}) VALUES ($serial, $model, $batch, $rid, $radio, $state, $insp, $acc, $rcp, $lic, $exp, $euc, $alloc, $deliv, $key)",
            UnitParameters(u));

    internal void UpdateUnit(Unit u) =>
        Exec("""
            UPDATE registry_units SET model_id = $model, batch_id = $batch, remote_id_serial = $rid, radio_ids = $radio, state = $state,
                inspector = $insp, accepted_utc = $acc, recipient = $rcp, export_licence = $lic, licence_expires_on = $exp,
                end_user_certificate = $euc, allocated_utc = $alloc, delivered_utc = $deliv, public_key = $key
            WHERE serial = $serial
            """, UnitParameters(u));

    private static (string, object?)[] UnitParameters(Unit u) =>
    [
        ("$serial", u.Serial), ("$model", u.ModelId), ("$batch", u.BatchId), ("$rid", u.RemoteIdSerial),
        ("$radio", RadioIdentifiers.Format(u.RadioIdentifiers)), ("$state", (int)u.State),
        ("$insp", u.Acceptance?.Inspector), ("$acc", u.Acceptance is { } a ? AuditChain.FormatTime(a.At) : null),
        ("$rcp", u.Allocation?.Recipient), ("$lic", u.Allocation?.ExportLicence),
        ("$exp", u.Allocation?.LicenceExpiresOn is { } d ? FormatDate(d) : null), ("$euc", u.Allocation?.EndUserCertificate),
        ("$alloc", u.AllocatedAt is { } al ? AuditChain.FormatTime(al) : null),
        ("$deliv", u.DeliveredAt is { } de ? AuditChain.FormatTime(de) : null), ("$key", u.PublicKey),
    ];

    internal Unit? Unit(string serial) =>
        Query($"SELECT {UnitColumns} FROM registry_units WHERE serial = $s", ReadUnit, ("$s", serial)).FirstOrDefault();

    internal Unit? UnitByRemoteId(string remoteIdSerial) =>
        Query($"SELECT {UnitColumns} FROM registry_units WHERE remote_id_serial = $s", ReadUnit, ("$s", remoteIdSerial)).FirstOrDefault();

    internal IReadOnlyList<Unit> Units(string? batchId = null) =>
        Query($"SELECT {UnitColumns} FROM registry_units WHERE $b IS NULL OR batch_id = $b ORDER BY serial", ReadUnit, ("$b", batchId));

    internal int CountUnits(string batchId) =>
        Convert.ToInt32(Scalar("SELECT COUNT(*) FROM registry_units WHERE batch_id = $b", ("$b", batchId)), CultureInfo.InvariantCulture);

    private static Unit ReadUnit(SqliteDataReader r)
    {
        string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var acceptance = Text(6) is { } inspector ? new Acceptance(inspector, ParseTime(r.GetString(7))) : null;
        var allocation = Text(8) is { } recipient
            ? new Allocation(recipient, Text(9), Text(10) is { } exp ? ParseDate(exp) : null, Text(11))
            : null;
        return new Unit(
            r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
            RadioIdentifiers.Parse(r.GetString(4), out _) ?? [], (UnitState)r.GetInt32(5),
            acceptance, allocation, r.IsDBNull(14) ? null : (byte[])r[14],
            Text(12) is { } al ? ParseTime(al) : null, Text(13) is { } de ? ParseTime(de) : null);
    }

    // ---- alliance members ----

    internal IReadOnlyList<string> Members() => Query("SELECT code FROM registry_members ORDER BY code", r => r.GetString(0));

    internal void InsertMember(string code) => Exec("INSERT INTO registry_members (code) VALUES ($c)", ("$c", code));

    internal void DeleteMember(string code) => Exec("DELETE FROM registry_members WHERE code = $c", ("$c", code));

    // ---- audit ----

    /// <summary>Appends one sealed record after the current head; must run inside <see cref="Write{T}"/> with the change it records.</summary>
    internal AuditRecord AppendAudit(string timeUtc, string actor, string action, string entity, string payloadJson)
    {
        var head = Query("SELECT id, hash FROM registry_audit ORDER BY id DESC LIMIT 1", r => (Id: r.GetInt64(0), Hash: r.GetString(1))).FirstOrDefault();
        var record = AuditChain.Seal(head.Id + 1, timeUtc, actor, action, entity, payloadJson, head.Id == 0 ? AuditChain.Genesis : head.Hash);
        Exec("INSERT INTO registry_audit VALUES ($id, $t, $actor, $action, $entity, $payload, $prev, $hash)",
            ("$id", record.Id), ("$t", record.TimeUtc), ("$actor", record.Actor), ("$action", record.Action),
            ("$entity", record.Entity), ("$payload", record.PayloadJson), ("$prev", record.PreviousHash), ("$hash", record.Hash));
        return record;
    }

    internal IReadOnlyList<AuditRecord> Audit(long afterId = 0, int max = int.MaxValue) =>
        Query("SELECT id, time_utc, actor, action, entity, payload, prev_hash, hash FROM registry_audit WHERE id > $after ORDER BY id LIMIT $max",
            r => new AuditRecord(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), r.GetString(7)),
            ("$after", afterId), ("$max", max));

    // ---- summary ----

    /// <summary>
    /// Each unit counts once per milestone it reached, in the month of that milestone: produced in its batch's
    /// month, accepted/allocated/delivered in the month they happened; grouped with its site, model and current recipient.
    /// </summary>
    internal IReadOnlyList<SummaryRow> Summary() =>
        Query("""
            WITH events AS (
                SELECT substr(b.produced_on, 1, 7) AS month, b.site_id, u.model_id, u.recipient, 1 AS p, 0 AS a, 0 AS al, 0 AS d
                    FROM registry_units u JOIN registry_batches b ON b.id = u.batch_id
                UNION ALL
                SELECT substr(u.accepted_utc, 1, 7), b.site_id, u.model_id, u.recipient, 0, 1, 0, 0
                    FROM registry_units u JOIN registry_batches b ON b.id = u.batch_id WHERE u.accepted_utc IS NOT NULL
                UNION ALL
                SELECT substr(u.allocated_utc, 1, 7), b.site_id, u.model_id, u.recipient, 0, 0, 1, 0
                    FROM registry_units u JOIN registry_batches b ON b.id = u.batch_id WHERE u.allocated_utc IS NOT NULL
                UNION ALL
                SELECT substr(u.delivered_utc, 1, 7), b.site_id, u.model_id, u.recipient, 0, 0, 0, 1
                    FROM registry_units u JOIN registry_batches b ON b.id = u.batch_id WHERE u.delivered_utc IS NOT NULL)
            SELECT month, site_id, model_id, recipient, SUM(p), SUM(a), SUM(al), SUM(d) FROM events
            GROUP BY month, site_id, model_id, recipient ORDER BY month, site_id, model_id, recipient
            """,
            r => new SummaryRow(r.GetString(0), r.GetString(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
                r.GetInt32(4), r.GetInt32(5), r.GetInt32(6), r.GetInt32(7)));

    // ---- plumbing ----

    internal static string FormatDate(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly ParseDate(string s) => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.Transaction = _tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private void Exec(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        return cmd.ExecuteScalar();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        using var reader = cmd.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }
}
