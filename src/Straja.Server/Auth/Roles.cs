namespace Straja.Server.Auth;

/// <summary>
/// The six roles. Every role but border-police can read the picture (viewer is implied by them) and admin
/// implies all of them, so a principal carries its expanded set and a check is one IsInRole.
/// </summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Operator = "operator";
    public const string Investigator = "investigator";
    public const string Registrar = "registrar";

    /// <summary>
    /// A patrol officer's account: files trusted field reports and reads their own, nothing of the picture.
    /// Least privilege: it is held on a phone in the field, where it is the credential most likely to be lost.
    /// </summary>
    public const string BorderPolice = "border-police";

    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Viewer, Operator, Investigator, Registrar, BorderPolice, Admin];

    /// <summary>The roles a holder of <paramref name="granted"/> acts with.</summary>
    public static IReadOnlyList<string> Expand(IEnumerable<string> granted)
    {
        var set = new HashSet<string>(granted, StringComparer.Ordinal);
        if (set.Contains(Admin))
            return All;
        if (set.Any(r => r != BorderPolice))
            set.Add(Viewer);
        return All.Where(set.Contains).ToArray();
    }

    /// <summary>Validates a requested role list; the error names the first unknown role.</summary>
    internal static IReadOnlyList<string> Parse(IEnumerable<string>? roles, string field)
    {
        var list = new List<string>();
        foreach (var r in roles ?? [])
        {
            var role = r?.Trim().ToLowerInvariant() ?? "";
            if (!All.Contains(role))
                throw new AccountException(AccountError.InvalidField, $"{field}: '{r}' is not a role ({string.Join(", ", All)})");
            if (!list.Contains(role))
                list.Add(role);
        }

        return All.Where(list.Contains).ToArray();
    }
}

/// <summary>Lock-out and session rules. Defaults follow common guidance (OWASP): 5 failures lock for 15 minutes.</summary>
public sealed record AccountPolicy
{
    public int MaxFailedLogins { get; init; } = 5;
    public TimeSpan LockoutPeriod { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>A console session ends this long after the last request (sliding).</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(8);
    public int MinPasswordLength { get; init; } = 12;
    public static AccountPolicy Default { get; } = new();
}

internal enum AccountError
{
    InvalidField,
    NotFound,
    AlreadyExists,
}

/// <summary>A refused account change; the message names the field or the account.</summary>
internal sealed class AccountException(AccountError code, string message) : Exception(message)
{
    public AccountError Code { get; } = code;
}
