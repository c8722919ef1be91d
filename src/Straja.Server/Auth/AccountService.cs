using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Straja.Server.Auth;

internal enum LoginOutcome
{
    Ok,
    /// <summary>Unknown user or wrong password: the caller is not told which.</summary>
    Failed,
    /// <summary>This failure reached the limit and locked the account.</summary>
    LockedNow,
    /// <summary>The account was already locked; the password was not even checked.</summary>
    Locked,
}

internal sealed record LoginResult(LoginOutcome Outcome, Account? Account, DateTimeOffset? LockedUntil);

/// <summary>
/// The rules over <see cref="AccountStore"/>: password hashing (ASP.NET Core Identity's PBKDF2
/// hasher), lock-out after repeated failures, API tokens (random 256-bit, stored as SHA-256) and the
/// first admin. Time comes from the given clock only, so lock-out is testable with a fake one.
/// </summary>
internal sealed class AccountService
{
    private const string TokenPrefix = "straja_";
    // Unambiguous letters and digits: a printed password is read off a terminal and typed.
    private const string PasswordAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private readonly AccountStore _store;
    private readonly TimeProvider _clock;
    private readonly PasswordHasher<string> _hasher = new();
    private readonly string _dummyHash;

    public AccountService(AccountStore store, AccountPolicy policy, TimeProvider clock)
    {
        _store = store;
        Policy = policy;
        _clock = clock;
        // Unknown names are checked against this so a miss costs what a wrong password costs.
        _dummyHash = _hasher.HashPassword("", "no account has this password");
    }

    public AccountPolicy Policy { get; }

    public TimeProvider Clock => _clock;

    public LoginResult Login(string name, string password)
    {
        var now = _clock.GetUtcNow();
        var account = _store.FindAccount(name.Trim());
        if (account is null)
        {
            _hasher.VerifyHashedPassword("", _dummyHash, password);
            return new LoginResult(LoginOutcome.Failed, null, null);
        }

        if (account.LockedUntil is { } until && until > now)
            return new LoginResult(LoginOutcome.Locked, account, until);

        var verdict = _hasher.VerifyHashedPassword(account.Name, account.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var lockedUntil = _store.RecordLoginFailure(account.Name, Policy.MaxFailedLogins, now + Policy.LockoutPeriod);
            return lockedUntil is null
                ? new LoginResult(LoginOutcome.Failed, account, null)
                : new LoginResult(LoginOutcome.LockedNow, account, lockedUntil);
        }

        _store.RecordLoginSuccess(account.Name);
        // A hash in an older format (fewer iterations) is replaced while the password is at hand.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            _store.SetPassword(account.Name, _hasher.HashPassword(account.Name, password), unlock: false);
        return new LoginResult(LoginOutcome.Ok, _store.FindAccount(account.Name) ?? account, null);
    }

    public Account? Find(string name) => _store.FindAccount(name);

    public IReadOnlyList<Account> Accounts() => _store.Accounts();

    public Account Create(string? name, string? password, IEnumerable<string>? roles)
    {
        string n = ValidName(name);
        var account = new Account(n, _hasher.HashPassword(n, ValidPassword(password, "password")), Roles.Parse(roles, "roles"), _clock.GetUtcNow(), null, 0);
        if (!_store.InsertAccount(account))
            throw new AccountException(AccountError.AlreadyExists, $"account '{n}' already exists");
        return account;
    }

    public Account SetRoles(string name, IEnumerable<string>? roles)
    {
        var parsed = Roles.Parse(roles, "roles");
        if (!_store.SetRoles(name, parsed))
            throw NotFound(name);
        return Existing(name);
    }

    /// <summary>An admin's reset: a new password, and any lock-out lifted.</summary>
    public Account ResetPassword(string name, string? password)
    {
        var account = Existing(name);
        _store.SetPassword(account.Name, _hasher.HashPassword(account.Name, ValidPassword(password, "password")), unlock: true);
        return Existing(name);
    }

    /// <summary>A user's own change; false when <paramref name="current"/> is wrong.</summary>
    public bool ChangePassword(string name, string? current, string? replacement)
    {
        var account = Existing(name);
        string next = ValidPassword(replacement, "newPassword");
        if (_hasher.VerifyHashedPassword(account.Name, account.PasswordHash, current ?? "") == PasswordVerificationResult.Failed)
            return false;
        _store.SetPassword(account.Name, _hasher.HashPassword(account.Name, next), unlock: false);
        return true;
    }

    /// <summary>
    /// On a store without accounts, creates "admin" with <paramref name="password"/> or a random one and
    /// returns the password; null when accounts already exist (the password is never shown again).
    /// </summary>
    public string? EnsureInitialAdmin(string? password)
    {
        if (_store.CountAccounts() > 0)
            return null;
        string secret = string.IsNullOrEmpty(password) ? RandomNumberGenerator.GetString(PasswordAlphabet, 20) : password;
        Create("admin", secret, [Roles.Admin]);
        return secret;
    }

    // ---- tokens ----

    /// <summary>A new token; the secret is returned this once and only its hash is kept.</summary>
    public (ApiToken Token, string Secret) CreateToken(string? name, IEnumerable<string>? roles, string createdBy)
    {
        string n = string.IsNullOrWhiteSpace(name) || name.Trim().Length > 64
            ? throw new AccountException(AccountError.InvalidField, "name: 1 to 64 characters required")
            : name.Trim();
        var parsed = Roles.Parse(roles, "roles");
        if (parsed.Count == 0)
            throw new AccountException(AccountError.InvalidField, "roles: a token needs at least one role");
        string secret = TokenPrefix + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken("t" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), n, parsed, _clock.GetUtcNow(), createdBy, null);
        _store.InsertToken(token, HashToken(secret));
        return (token, secret);
    }

    /// <summary>The live token this secret belongs to, or null (unknown or revoked).</summary>
    public ApiToken? FindToken(string secret) =>
        secret.StartsWith(TokenPrefix, StringComparison.Ordinal) && _store.FindTokenByHash(HashToken(secret)) is { Revoked: null } t ? t : null;

    public IReadOnlyList<ApiToken> Tokens() => _store.Tokens();

    public bool RevokeToken(string id) => _store.RevokeToken(id, _clock.GetUtcNow());

    // ---- audit ----

    public void Audit(AuditEntry entry) => _store.AppendAudit(entry);

    public IReadOnlyList<AuditEntry> AuditLog(long afterId, int max, string? actor) => _store.Audit(afterId, max, actor);

    // ---- rules ----

    private Account Existing(string name) => _store.FindAccount(name) ?? throw NotFound(name);

    private static AccountException NotFound(string name) => new(AccountError.NotFound, $"no account '{name}'");

    private static string ValidName(string? name)
    {
        string n = name?.Trim().ToLowerInvariant() ?? "";
        if (n.Length is 0 or > 64 || !n.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-' or '_'))
            throw new AccountException(AccountError.InvalidField, $"user: '{name}' must be 1 to 64 of a-z, 0-9, '.', '-', '_'");
        return n;
    }

    private string ValidPassword(string? password, string field)
    {
        // Length is the rule that matters (NIST SP 800-63B); no composition rules.
        if (password is null || password.Length < Policy.MinPasswordLength || password.Length > 256)
            throw new AccountException(AccountError.InvalidField, $"{field}: {Policy.MinPasswordLength} to 256 characters required");
        return password;
    }

    // A token carries 256 random bits, so one fast hash is enough: no dictionary to slow down.
    private static string HashToken(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
