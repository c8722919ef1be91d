namespace Straja.Protocols.ModeS;

/// <summary>How far the frame's parity can be trusted.</summary>
public enum ParityStatus
{
    /// <summary>DF11/17/18 with a zero remainder (DF11: only the interrogator code left).</summary>
    Valid = 0,
    /// <summary>DF11/17/18 whose remainder shows corruption; the fields are decoded but must not be trusted.</summary>
    Invalid = 1,
    /// <summary>
    /// An address/parity reply (DF0/4/5/16/20/21/24): the remainder IS the address, so corruption
    /// cannot be told from a different aircraft until the address is known from a squitter.
    /// </summary>
    AddressParity = 2,
}

/// <summary>What the payload of a DF17/18 extended squitter (or a recognised Comm-B) holds.</summary>
public enum MessageContent
{
    None = 0,
    Identification,
    SurfacePosition,
    AirbornePosition,
    AirborneVelocity,
    AircraftStatus,
    TargetState,
    /// <summary>An extended-squitter type code this decoder leaves as raw ME bits.</summary>
    OtherSquitter,
}

public enum VerticalRateSource
{
    Gnss = 0,
    Baro = 1,
}

public enum AirspeedType
{
    Indicated = 0,
    True = 1,
}

/// <summary>TC1–4 identification and category (BDS 0,8).</summary>
public readonly record struct Identification(int TypeCode, int Category, Callsign Callsign)
{
    /// <summary>Emitter category text of DO-260B 2.2.3.2.5.2 (a constant string).</summary>
    public string CategoryText => ModeSText.EmitterCategory(TypeCode, Category);
}

/// <summary>An airborne (TC9–18, 20–22) or surface (TC5–8) position squitter with its raw CPR coordinates.</summary>
public readonly record struct PositionReport
{
    public bool Surface { get; init; }
    /// <summary>CPR format flag F: false = even, true = odd.</summary>
    public bool OddFormat { get; init; }
    /// <summary>17-bit CPR latitude YZ.</summary>
    public int LatCpr { get; init; }
    /// <summary>17-bit CPR longitude XZ.</summary>
    public int LonCpr { get; init; }
    /// <summary>Airborne only: barometric altitude (TC9–18) or GNSS height (TC20–22) in feet.</summary>
    public int? AltitudeFt { get; init; }
    public bool AltitudeIsGnss { get; init; }
    public int SurveillanceStatus { get; init; }
    /// <summary>NIC supplement-B (airborne) bit.</summary>
    public int NicB { get; init; }
    /// <summary>NUCp implied by the type code (DO-260A): 18 − TC for TC9–18, 29 − TC for TC20–21 (0 for 22), 14 − TC for TC5–8.</summary>
    public int NucP { get; init; }
    /// <summary>Surface only: the raw 7-bit movement code.</summary>
    public int Movement { get; init; }
    public double? GroundSpeedKt { get; init; }
    public double? TrackDeg { get; init; }
}

/// <summary>TC19 airborne velocity (BDS 0,9).</summary>
public readonly record struct Velocity
{
    /// <summary>1–2 ground speed (2 = supersonic), 3–4 airspeed and heading.</summary>
    public int Subtype { get; init; }
    public int NacV { get; init; }
    public bool IntentChange { get; init; }
    public double? EastKt { get; init; }
    public double? NorthKt { get; init; }
    public double? GroundSpeedKt { get; init; }
    /// <summary>Track over ground, degrees clockwise from true north, [0, 360).</summary>
    public double? TrackDeg { get; init; }
    public double? AirspeedKt { get; init; }
    public AirspeedType AirspeedType { get; init; }
    /// <summary>Magnetic heading, [0, 360); null when the heading-status bit is clear.</summary>
    public double? HeadingDeg { get; init; }
    public int? VerticalRateFpm { get; init; }
    public VerticalRateSource VerticalRateSource { get; init; }
    /// <summary>GNSS height minus barometric altitude in feet.</summary>
    public int? GeoMinusBaroFt { get; init; }
}

/// <summary>TC28 subtype 1 emergency/priority status (BDS 6,1).</summary>
public readonly record struct AircraftStatus(int Subtype, int EmergencyState, Squawk Squawk)
{
    public bool IsEmergency => EmergencyState != 0;
}

/// <summary>TC29 subtype 1 target state and status (BDS 6,2, DO-260B).</summary>
public readonly record struct TargetState
{
    public int? SelectedAltitudeFt { get; init; }
    /// <summary>False = MCP/FCU, true = FMS.</summary>
    public bool SelectedAltitudeFromFms { get; init; }
    public double? BaroSettingHpa { get; init; }
    public double? SelectedHeadingDeg { get; init; }
    public int NacP { get; init; }
    public int NicBaro { get; init; }
    public int Sil { get; init; }
    /// <summary>When false the autopilot-mode flags below carry no information.</summary>
    public bool ModeBitsValid { get; init; }
    public bool Autopilot { get; init; }
    public bool Vnav { get; init; }
    public bool AltitudeHold { get; init; }
    public bool Approach { get; init; }
    public bool TcasOperational { get; init; }
    public bool Lnav { get; init; }
}

/// <summary>
/// One decoded Mode S downlink frame. A value type of fixed size: decoding allocates nothing.
/// Only the part named by <see cref="Content"/> (and the fields of its DF) is meaningful.
/// </summary>
public readonly record struct ModeSMessage
{
    /// <summary>Downlink format, 0–24 (Comm-D frames, whose first two bits are 11, report 24).</summary>
    public int Df { get; init; }
    /// <summary>7 or 14.</summary>
    public int Length { get; init; }
    /// <summary>The 24-bit ICAO aircraft address: announced (DF11/17/18) or recovered from address/parity.</summary>
    public uint Icao { get; init; }
    public ParityStatus Parity { get; init; }
    /// <summary>The CRC-24 remainder of the whole frame (see <see cref="ModeSCrc.Remainder"/>).</summary>
    public uint CrcRemainder { get; init; }
    /// <summary>DF11/17: CA; DF18: CF; DF4/5/20/21: FS (flight status).</summary>
    public int Capability { get; init; }
    public int DownlinkRequest { get; init; }
    public int UtilityMessage { get; init; }
    /// <summary>DF11: the interrogator code left in the remainder (II 0–15 when <see cref="InterrogatorIsSurveillance"/> is false, else SI 1–63).</summary>
    public int InterrogatorCode { get; init; }
    public bool InterrogatorIsSurveillance { get; init; }
    /// <summary>From FS, CA or VS where they say; null when unknown.</summary>
    public bool? OnGround { get; init; }
    /// <summary>DF0/4/16/20 altitude code, or the airborne-position altitude of a squitter.</summary>
    public int? AltitudeFt { get; init; }
    /// <summary>DF5/21 identity, or the Mode A code of a TC28 squitter.</summary>
    public Squawk? Squawk { get; init; }
    /// <summary>The 56-bit ME (DF17/18), MB (DF20/21) or MV (DF16) field, right-aligned.</summary>
    public ulong Payload { get; init; }
    /// <summary>DF17/18 ME type code (1–31), else 0.</summary>
    public int TypeCode { get; init; }
    public MessageContent Content { get; init; }

    // The content parts are read from Payload when asked for, so a decode that only needs the
    // address and type code costs no more than that, and the message stays small to copy.

    /// <summary>TC1–4 identification; default unless <see cref="Content"/> is <see cref="MessageContent.Identification"/>.</summary>
    public Identification Identification =>
        Content == MessageContent.Identification ? ExtendedSquitter.Identification(Payload, TypeCode) : default;

    /// <summary>Surface or airborne position; default unless <see cref="Content"/> is one of the position kinds.</summary>
    public PositionReport Position => Content switch
    {
        MessageContent.AirbornePosition => ExtendedSquitter.Airborne(Payload, TypeCode),
        MessageContent.SurfacePosition => ExtendedSquitter.Surface(Payload, TypeCode),
        _ => default,
    };

    /// <summary>TC19 velocity; default unless <see cref="Content"/> is <see cref="MessageContent.AirborneVelocity"/>.</summary>
    public Velocity Velocity => Content == MessageContent.AirborneVelocity ? ExtendedSquitter.AirborneVelocity(Payload) : default;

    /// <summary>TC28 status; default unless <see cref="Content"/> is <see cref="MessageContent.AircraftStatus"/>.</summary>
    public AircraftStatus Status => Content == MessageContent.AircraftStatus ? ExtendedSquitter.Status(Payload) : default;

    /// <summary>TC29 target state; default unless <see cref="Content"/> is <see cref="MessageContent.TargetState"/>.</summary>
    public TargetState TargetState => Content == MessageContent.TargetState ? ExtendedSquitter.Target(Payload) : default;

    public bool IsExtendedSquitter => Df is 17 or 18;
    public bool IsCommB => Df is 20 or 21;

    /// <summary>The ICAO address as six upper-case hex digits (allocates).</summary>
    public string IcaoHex => Icao.ToString("X6", System.Globalization.CultureInfo.InvariantCulture);
}
