namespace Straja.Protocols.ModeS;

/// <summary>Constant English names for coded fields, so callers can print them without tables of their own.</summary>
public static class ModeSText
{
    /// <summary>Transponder capability (CA) of DF11/17, Annex 10 Vol IV 3.1.2.5.2.2.1.</summary>
    public static string Capability(int ca) => ca switch
    {
        0 => "Level 1",
        1 or 2 or 3 => "Reserved",
        4 => "Level 2+, on-ground",
        5 => "Level 2+, airborne",
        6 => "Level 2+, airborne or on-ground",
        7 => "DR≠0 or FS=2,3,4,5, airborne or on-ground",
        _ => "Invalid",
    };

    /// <summary>Emitter category of an identification squitter (type code 1–4, category 0–7).</summary>
    public static string EmitterCategory(int typeCode, int category) => (typeCode, category) switch
    {
        (_, 0) => "No category information",
        (2, 1) => "Surface emergency vehicle",
        (2, 3) => "Surface service vehicle",
        (2, >= 4 and <= 7) => "Ground obstruction",
        (3, 1) => "Glider, sailplane",
        (3, 2) => "Lighter-than-air",
        (3, 3) => "Parachutist, skydiver",
        (3, 4) => "Ultralight, hang-glider, paraglider",
        (3, 6) => "Unmanned aerial vehicle",
        (3, 7) => "Space or transatmospheric vehicle",
        (4, 1) => "Light (less than 7000 kg)",
        (4, 2) => "Medium 1 (7000 to 34000 kg)",
        (4, 3) => "Medium 2 (34000 to 136000 kg)",
        (4, 4) => "High vortex aircraft",
        (4, 5) => "Heavy (larger than 136000 kg)",
        (4, 6) => "High performance (>5 g) and high speed (>400 kt)",
        (4, 7) => "Rotorcraft",
        _ => "Reserved",
    };

    public static string VerticalRateSource(VerticalRateSource source) => source == ModeS.VerticalRateSource.Gnss ? "GNSS" : "BARO";

    public static string AirspeedType(AirspeedType type) => type == ModeS.AirspeedType.True ? "TAS" : "IAS";

    /// <summary>Flight status (FS) of DF4/5/20/21, Annex 10 Vol IV 3.1.2.6.5.1.</summary>
    public static string FlightStatus(int fs) => fs switch
    {
        0 => "No alert, no SPI, airborne",
        1 => "No alert, no SPI, on-ground",
        2 => "Alert, no SPI, airborne",
        3 => "Alert, no SPI, on-ground",
        4 => "Alert, SPI, airborne or on-ground",
        5 => "No alert, SPI, airborne or on-ground",
        6 => "Reserved",
        _ => "Not assigned",
    };

    /// <summary>The Comm-B register an extended-squitter type code mirrors ("0,5" for airborne position ...), null if none.</summary>
    public static string? ExtendedSquitterBds(int typeCode) => typeCode switch
    {
        >= 1 and <= 4 => "0,8",
        >= 5 and <= 8 => "0,6",
        (>= 9 and <= 18) or (>= 20 and <= 22) => "0,5",
        19 => "0,9",
        28 => "6,1",
        29 => "6,2",
        31 => "6,5",
        _ => null,
    };
}
