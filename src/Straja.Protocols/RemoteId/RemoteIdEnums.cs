namespace Straja.Protocols.RemoteId;

// Numeric values are the F3411-22a / EN 4709-002 wire codes; values the standard reserves are not named
// and reach the caller as plain numbers (the `Is...Known` helpers say so), never as an exception.

/// <summary>The high nibble of a message's first byte.</summary>
public enum MessageType : byte
{
    BasicId = 0x0,
    Location = 0x1,
    Authentication = 0x2,
    SelfId = 0x3,
    System = 0x4,
    OperatorId = 0x5,
    MessagePack = 0xF,
}

/// <summary>What kind of identifier a Basic ID message carries.</summary>
public enum IdType : byte
{
    None = 0,
    /// <summary>ANSI/CTA-2063-A physical serial number (ASCII).</summary>
    SerialNumber = 1,
    /// <summary>Civil aviation authority registration (ASCII, e.g. "ROU-…").</summary>
    CaaRegistration = 2,
    /// <summary>UTM-assigned UUID (16 binary bytes, RFC 4122).</summary>
    UtmUuid = 3,
    /// <summary>Specific session ID: a type byte then up to 19 binary bytes (e.g. a DRIP HHIT).</summary>
    SpecificSessionId = 4,
}

/// <summary>The airframe the operator declares.</summary>
public enum UaType : byte
{
    None = 0,
    Aeroplane = 1,
    HelicopterOrMultirotor = 2,
    Gyroplane = 3,
    HybridLift = 4,
    Ornithopter = 5,
    Glider = 6,
    Kite = 7,
    FreeBalloon = 8,
    CaptiveBalloon = 9,
    Airship = 10,
    FreeFallOrParachute = 11,
    Rocket = 12,
    TetheredPoweredAircraft = 13,
    GroundObstacle = 14,
    Other = 15,
}

public enum OperationalStatus : byte
{
    Undeclared = 0,
    Ground = 1,
    Airborne = 2,
    Emergency = 3,
    RemoteIdSystemFailure = 4,
}

/// <summary>The reference of the Location message's height field.</summary>
public enum HeightType : byte
{
    AboveTakeoff = 0,
    AboveGroundLevel = 1,
}

/// <summary>Horizontal accuracy category: a 95 % bound (NACp-like).</summary>
public enum HorizontalAccuracy : byte
{
    Unknown = 0,
    Under18520m = 1,
    Under7408m = 2,
    Under3704m = 3,
    Under1852m = 4,
    Under926m = 5,
    Under555m = 6,
    Under185m = 7,
    Under93m = 8,
    Under30m = 9,
    Under10m = 10,
    Under3m = 11,
    Under1m = 12,
}

/// <summary>Vertical (geodetic) or barometric altitude accuracy category: a 95 % bound.</summary>
public enum VerticalAccuracy : byte
{
    Unknown = 0,
    Under150m = 1,
    Under45m = 2,
    Under25m = 3,
    Under10m = 4,
    Under3m = 5,
    Under1m = 6,
}

/// <summary>Horizontal speed accuracy category: a 95 % bound.</summary>
public enum SpeedAccuracy : byte
{
    Unknown = 0,
    Under10mps = 1,
    Under3mps = 2,
    Under1mps = 3,
    Under03mps = 4,
}

public enum AuthType : byte
{
    None = 0,
    UasIdSignature = 1,
    OperatorIdSignature = 2,
    MessageSetSignature = 3,
    NetworkRemoteId = 4,
    /// <summary>F3411-22a: the first auth data byte names the method (DRIP, or Straja's unit proof).</summary>
    SpecificAuthenticationMethod = 5,
}

public enum DescriptionType : byte
{
    Text = 0,
    Emergency = 1,
    ExtendedStatus = 2,
}

/// <summary>Where the System message's operator position comes from.</summary>
public enum OperatorLocationType : byte
{
    TakeOff = 0,
    LiveGnss = 1,
    Fixed = 2,
}

public enum ClassificationType : byte
{
    Undeclared = 0,
    EuropeanUnion = 1,
}

/// <summary>EU operation category (Regulation 2019/947), when the classification type is EU.</summary>
public enum UaCategory : byte
{
    Undeclared = 0,
    Open = 1,
    Specific = 2,
    Certified = 3,
}

/// <summary>EU class mark C0–C6 (Regulation 2019/945), when the classification type is EU.</summary>
public enum UaClass : byte
{
    Undeclared = 0,
    Class0 = 1,
    Class1 = 2,
    Class2 = 3,
    Class3 = 4,
    Class4 = 5,
    Class5 = 6,
    Class6 = 7,
}

public enum OperatorIdType : byte
{
    OperatorId = 0,
}

/// <summary>How a payload reached the receiver (also the carrier byte of the network feed).</summary>
public enum CarrierKind : byte
{
    /// <summary>No carrier: a bare 25-byte message or a message pack.</summary>
    None = 0,
    /// <summary>Bluetooth 4 legacy advertising: one 25-byte message per advertisement.</summary>
    BluetoothLegacy = 1,
    /// <summary>Bluetooth 5 long range (Coded PHY) extended advertising: a message pack.</summary>
    BluetoothLongRange = 2,
    /// <summary>Wi-Fi beacon vendor-specific information element: a message pack.</summary>
    WifiBeacon = 3,
    /// <summary>Wi-Fi Neighbour Awareness Networking service discovery frame: a message pack.</summary>
    WifiNan = 4,
}
