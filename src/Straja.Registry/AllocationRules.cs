namespace Straja.Registry;

/// <summary>A broken allocation rule: the error code, the CSV column it concerns, and the reason.</summary>
public sealed record RuleProblem(RegistryError Code, string Field, string Message);

/// <summary>Who may receive units, and on what papers. Shared by <see cref="RegistryService"/> and the CSV import.</summary>
public static class AllocationRules
{
    /// <summary>
    /// Null when <paramref name="allocation"/> is acceptable on <paramref name="onDate"/>: the recipient is a
    /// member; an export (recipient other than RO) carries a licence number, its expiry and an end-user
    /// certificate, and the licence has not expired (it is valid through its expiry date).
    /// </summary>
    public static RuleProblem? Problem(Allocation allocation, IReadOnlyCollection<string> members, DateOnly onDate)
    {
        string r = allocation.Recipient;
        if (!Validation.IsCountryCode(r))
            return new(RegistryError.InvalidField, "recipient", $"recipient \"{r}\" is not an ISO 3166-1 alpha-2 code");
        if (!members.Contains(r))
            return new(RegistryError.RecipientNotMember, "recipient", $"recipient {r} is not on the EU/NATO member list");
        if (r == AllianceMembers.Home)
            return null;
        if (string.IsNullOrWhiteSpace(allocation.ExportLicence))
            return new(RegistryError.LicenceMissing, "exportLicence", $"export to {r} needs an export licence number");
        if (allocation.LicenceExpiresOn is not { } expires)
            return new(RegistryError.LicenceMissing, "licenceExpiresOn", $"export to {r} needs the export licence expiry date");
        if (string.IsNullOrWhiteSpace(allocation.EndUserCertificate))
            return new(RegistryError.LicenceMissing, "endUserCertificate", $"export to {r} needs an end-user certificate number");
        return expires < onDate
            ? new(RegistryError.LicenceExpired, "licenceExpiresOn",
                $"export licence {allocation.ExportLicence} to {r} expired on {RegistryStore.FormatDate(expires)}, before {RegistryStore.FormatDate(onDate)}")
            : null;
    }
}
