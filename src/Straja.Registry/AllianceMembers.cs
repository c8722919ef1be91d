namespace Straja.Registry;

/// <summary>The states a unit may be allocated to by default: every EU and every NATO member.</summary>
public static class AllianceMembers
{
    /// <summary>
    /// EU member states (27) per europa.eu "Country profiles", and NATO members (32) per nato.int
    /// "NATO member countries", as of 2026, by ISO 3166-1 alpha-2 (Greece is GR, the UK is GB). The union
    /// has 36 codes. Ukraine is in neither; the operator may add it, and that change is audited.
    /// </summary>
    public static readonly IReadOnlyList<string> Default =
    [
        // EU and NATO
        "BE", "BG", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IT", "LT", "LU", "LV",
        "NL", "PL", "PT", "RO", "SE", "SI", "SK",
        // EU only
        "AT", "CY", "IE", "MT",
        // NATO only
        "AL", "CA", "GB", "IS", "ME", "MK", "NO", "TR", "US",
    ];

    /// <summary>The home state: allocations to it need no export licence.</summary>
    public const string Home = "RO";
}
