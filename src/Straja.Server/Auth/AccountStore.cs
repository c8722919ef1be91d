using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Straja.Server.Auth;

internal sealed record Account(string Name, string PasswordHash, IReadOnlyList<string> Roles, DateTimeOffset Created, DateTimeOffset? LockedUntil, int FailedCount);

internal sealed record ApiToken(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset Created, string CreatedBy, DateTimeOffset? Revoked);

/// <summary>One audited call: who (user or token:name), what (method, route pattern, target), when, from where, and the outcome.</summary>
public sealed record AuditEntry(
    long Id, DateTimeOffset Time, string Actor, string Method, string Route, string? Target, string? Remote, int Status, string? Detail);

/// <summary>
/// Accounts, API tokens and the request audit in SQLite. Shares straja.db with the engine's and the
/// registry's stores, so every table is prefixed <c>auth_</c> and versioned in its own
/// <c>auth_migrations</c>. One connection behind a lock: account traffic is small (logins, admin
/// edits, one audit row per mutating call).
/// </summary>
internal sealed class AccountStore : IDisposable
{
    internal static readonly (int Version, string Name, string Sql)[] Migrations =
    [
        (1, "accounts, tokens, audit", """
            CREATE TABLE auth_accounts (
                name TEXT PRIMARY KEY COLLATE NOCASE, password_hash TEXT NOT NULL, roles TEXT NOT NULL,
                created_utc TEXT NOT NULL, locked_until_utc TEXT, failed_count INTEGER NOT NULL DEFAULT 0);
            CREATE TABLE auth_tokens (
                id TEXT PRIMARY KEY, name TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE, roles TEXT NOT NULL,
                created_utc TEXT NOT NULL, created_by TEXT NOT NULL, revoked_utc TEXT);
            CREATE TABLE auth_audit (
                id INTEGER PRIMARY KEY, time_utc TEXT NOT NULL, actor TEXT NOT NULL, method TEXT NOT NULL, route TEXT NOT NULL,
                target TEXT, remote TEXT, status INTEGER NOT NULL, detail TEXT);
            CREATE INDEX auth_audit_by_actor ON auth_audit (actor, id);
            """),
    ];

    private readonly SqliteConnection _db;
    private readonly Lock _lock = new();

    public AccountStore(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
            Directory.CreateDirectory(dir);
        _db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _db.Open();
        Exec("PRAGMA busy_timeout=5000;");
        Exec("CREATE TABLE IF NOT EXISTS auth_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        int current = Convert.ToInt32(Scalar("SELECT COALESCE(MAX(version), 0) FROM auth_migrations"), CultureInfo.InvariantCulture);
        foreach (var (version, name, sql) in Migrations.Where(m => m.Version > current))
        {
            using var tx = _db.BeginTransaction();
            Exec(sql, tx);
            Exec("INSERT INTO auth_migrations (version, name) VALUES ($v, $n)", tx, ("$v", version), ("$n", name));
            tx.Commit();
        }
    }

    public void Dispose() => _db.Dispose();

    // ---- accounts ----

    public int CountAccounts() =>
        Locked(() => Convert.ToInt32(Scalar("SELECT COUNT(*) FROM auth_accounts"), CultureInfo.InvariantCulture));

    public bool InsertAccount(Account a) => Locked(() =>
        Exec("INSERT INTO auth_accounts VALUES ($n, $h, $r, $c, $l, $f) ON CONFLICT(name) DO NOTHING", null,
            ("$n", a.Name), ("$h", a.PasswordHash), ("$r", JoinRoles(a.Roles)), ("$c", Time(a.Created)),
            ("$l", a.LockedUntil is { } l ? Time(l) : null), ("$f", a.FailedCount)) == 1);

    public Account? FindAccount(string name) => Locked(() => Query(
        "SELECT name, password_hash, roles, created_utc, locked_until_utc, failed_count FROM auth_accounts WHERE name = $n",
        ReadAccount, ("$n", name)).FirstOrDefault());

    public IReadOnlyList<Account> Accounts() => Locked(() => Query(
        "SELECT name, password_hash, roles, created_utc, locked_until_utc, failed_count FROM auth_accounts ORDER BY name", ReadAccount));

    // Each change touches only its own columns, so a login finishing its slow hash check never writes
    // back roles an admin changed meanwhile.

    public bool SetRoles(string name, IReadOnlyList<string> roles) => Locked(() =>
        Exec("UPDATE auth_accounts SET roles = $r WHERE name = $n", null, ("$n", name), ("$r", JoinRoles(roles))) == 1);

    /// <summary>A new hash; <paramref name="unlock"/> also clears the failure count and any lock-out.</summary>
    public bool SetPassword(string name, string hash, bool unlock) => Locked(() =>
        Exec(unlock
                ? "UPDATE auth_accounts SET password_hash = $h, failed_count = 0, locked_until_utc = NULL WHERE name = $n"
                : "UPDATE auth_accounts SET password_hash = $h WHERE name = $n",
            null, ("$n", name), ("$h", hash)) == 1);

    public void RecordLoginSuccess(string name) => Locked(() =>
        Exec("UPDATE auth_accounts SET failed_count = 0, locked_until_utc = NULL WHERE name = $n", null, ("$n", name)));

    /// <summary>Counts one more failure; the <paramref name="max"/>-th locks until <paramref name="lockUntil"/> (returned) and restarts the count.</summary>
    public DateTimeOffset? RecordLoginFailure(string name, int max, DateTimeOffset lockUntil) => Locked(() =>
    {
        Exec("UPDATE auth_accounts SET failed_count = failed_count + 1 WHERE name = $n", null, ("$n", name));
        if (FindAccount(name) is not { } a || a.FailedCount < max)
            return (DateTimeOffset?)null;
        Exec("UPDATE auth_accounts SET failed_count = 0, locked_until_utc = $l WHERE name = $n", null, ("$n", name), ("$l", Time(lockUntil)));
        return lockUntil;
    });

    private static Account ReadAccount(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), SplitRoles(r.GetString(2)), ParseTime(r.GetString(3)),
        r.IsDBNull(4) ? null : ParseTime(r.GetString(4)), r.GetInt32(5));

    // ---- tokens ----

    public void InsertToken(ApiToken t, string tokenHash) => Locked(() =>
        Exec("INSERT INTO auth_tokens VALUES ($id, $n, $h, $r, $c, $by, NULL)", null,
            ("$id", t.Id), ("$n", t.Name), ("$h", tokenHash), ("$r", JoinRoles(t.Roles)), ("$c", Time(t.Created)), ("$by", t.CreatedBy)));

    public ApiToken? FindTokenByHash(string tokenHash) => Locked(() => Query(
        "SELECT id, name, roles, created_utc, created_by, revoked_utc FROM auth_tokens WHERE token_hash = $h", ReadToken, ("$h", tokenHash))
        .FirstOrDefault());

    public IReadOnlyList<ApiToken> Tokens() => Locked(() => Query(
        "SELECT id, name, roles, created_utc, created_by, revoked_utc FROM auth_tokens ORDER BY created_utc, id", ReadToken));

    /// <summary>False when no such token; revoking twice keeps the first time.</summary>
    public bool RevokeToken(string id, DateTimeOffset at) => Locked(() =>
        Exec("UPDATE auth_tokens SET revoked_utc = COALESCE(revoked_utc, $t) WHERE id = $id", null, ("$id", id), ("$t", Time(at))) == 1);

    private static ApiToken ReadToken(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), SplitRoles(r.GetString(2)), ParseTime(r.GetString(3)), r.GetString(4),
        r.IsDBNull(5) ? null : ParseTime(r.GetString(5)));

    // ---- audit ----

    public void AppendAudit(AuditEntry e) => Locked(() =>
        Exec("INSERT INTO auth_audit (time_utc, actor, method, route, target, remote, status, detail) VALUES ($t, $a, $m, $r, $tg, $rm, $s, $d)", null,
            ("$t", Time(e.Time)), ("$a", e.Actor), ("$m", e.Method), ("$r", e.Route), ("$tg", e.Target), ("$rm", e.Remote),
            ("$s", e.Status), ("$d", e.Detail)));

    /// <summary>Entries after id <paramref name="afterId"/>, oldest first; of one actor when given.</summary>
    public IReadOnlyList<AuditEntry> Audit(long afterId, int max, string? actor) => Locked(() => Query(
        "SELECT id, time_utc, actor, method, route, target, remote, status, detail FROM auth_audit " +
        "WHERE id > $after AND ($actor IS NULL OR actor = $actor) ORDER BY id LIMIT $max",
        r => new AuditEntry(r.GetInt64(0), ParseTime(r.GetString(1)), r.GetString(2), r.GetString(3), r.GetString(4),
            r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8)),
        ("$after", afterId), ("$actor", actor), ("$max", max)));

    // ---- plumbing ----

    private T Locked<T>(Func<T> f)
    {
        lock (_lock)
            return f();
    }

    private int Exec(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        cmd.Transaction = tx;
        return cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql)
    {
        using var cmd = Command(sql, []);
        return cmd.ExecuteScalar();
    }

    private List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, parameters);
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
            list.Add(read(r));
        return list;
    }

    private SqliteCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        var cmd = _db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
            cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private static string JoinRoles(IEnumerable<string> roles) => string.Join(',', roles);

    private static string[] SplitRoles(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);

    // Fixed-width ISO-8601 UTC, so text order is time order (as in the engine's store).
    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTime(string s) =>
        DateTimeOffset.ParseExact(s, "yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
