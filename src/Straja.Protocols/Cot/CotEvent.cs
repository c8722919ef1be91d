namespace Straja.Protocols.Cot;

/// <summary>
/// One Cursor on Target event (schema 2.0): who (<see cref="Uid"/>, <see cref="Type"/>), how it was
/// derived (<see cref="How"/>), when it is valid (<see cref="Time"/>, <see cref="Start"/>, <see cref="Stale"/>, UTC),
/// where (<see cref="Point"/>) and the <see cref="Detail"/>. The same value is written as XML or as TAK protocol v1.
/// </summary>
public sealed record CotEvent(
    string Uid,
    string Type,
    string How,
    DateTimeOffset Time,
    DateTimeOffset Start,
    DateTimeOffset Stale,
    CotPoint Point,
    CotDetail Detail)
{
    /// <summary>Optional <c>access</c>, <c>qos</c> and <c>opex</c> attributes; null when absent.</summary>
    public string? Access { get; init; }
    public string? Qos { get; init; }
    public string? Opex { get; init; }
}

/// <summary>
/// The event's position: WGS84 degrees, height above the ellipsoid (m), and its one-sigma circular (<see cref="CeM"/>)
/// and vertical (<see cref="LeM"/>) errors in metres. <see cref="Unknown"/> (9999999) marks a value nobody knows.
/// </summary>
public readonly record struct CotPoint(double LatDeg, double LonDeg, double HaeM, double CeM, double LeM)
{
    public const double Unknown = 9999999.0;
}

/// <summary>
/// The <c>&lt;detail&gt;</c> children this library understands, each null when absent, plus <see cref="XmlDetail"/>:
/// every other child, as well-formed XML (attributes in double quotes), written out verbatim.
/// </summary>
public sealed record CotDetail
{
    public static readonly CotDetail Empty = new();

    public CotContact? Contact { get; init; }
    public CotGroup? Group { get; init; }
    public CotPrecisionLocation? PrecisionLocation { get; init; }
    public CotStatus? Status { get; init; }
    public CotTakv? Takv { get; init; }
    public CotMotion? Track { get; init; }

    /// <summary>The text of a plain <c>&lt;remarks&gt;</c> (one without attributes or children).</summary>
    public string? Remarks { get; init; }

    /// <summary>Other detail elements as XML; must be well-formed, since it is written without re-checking.</summary>
    public string XmlDetail { get; init; } = "";
}

/// <summary><c>&lt;contact callsign endpoint/&gt;</c>: the name a TAK client labels the icon with.</summary>
public sealed record CotContact(string? Callsign, string? Endpoint = null);

/// <summary><c>&lt;__group name role/&gt;</c>: the team colour and role of a TAK user.</summary>
public sealed record CotGroup(string? Name, string? Role);

/// <summary><c>&lt;precisionlocation geopointsrc altsrc/&gt;</c>: where the position and altitude came from.</summary>
public sealed record CotPrecisionLocation(string? GeoPointSrc, string? AltSrc);

/// <summary><c>&lt;status battery/&gt;</c>, battery in percent.</summary>
public sealed record CotStatus(uint BatteryPercent);

/// <summary><c>&lt;takv device platform os version/&gt;</c>: the sending software.</summary>
public sealed record CotTakv(string? Device, string? Platform, string? Os, string? Version);

/// <summary><c>&lt;track course speed/&gt;</c>: course over ground in degrees from true north, speed in m/s.</summary>
public readonly record struct CotMotion(double CourseDeg, double SpeedMps);
