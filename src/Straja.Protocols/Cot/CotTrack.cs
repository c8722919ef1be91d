namespace Straja.Protocols.Cot;

/// <summary>Standard identity (the affiliation letter of a CoT atom type).</summary>
public enum CotIdentity
{
    Unknown = 0,
    /// <summary>Not yet evaluated: <c>a-p</c>.</summary>
    Pending,
    Friendly,
    Neutral,
    /// <summary>Probably hostile: <c>a-s</c>.</summary>
    Suspect,
    Hostile,
}

/// <summary>How a track's position was obtained: the CoT <c>how</c> codes a sensor picture uses.</summary>
public static class CotHow
{
    /// <summary>Machine-made from several sources (Straja's fused tracks).</summary>
    public const string Fused = "m-f";
    /// <summary>Self-reported satellite position (an own drone, ADS-B, Remote ID).</summary>
    public const string Gps = "m-g";
    /// <summary>Reported over a radio or radar link by another system.</summary>
    public const string Radio = "m-r";
    /// <summary>Estimated by a person.</summary>
    public const string HumanEstimated = "h-e";
}

/// <summary>
/// One air track as Straja publishes it to TAK: position (WGS84, height above the ellipsoid), one-sigma
/// horizontal and vertical errors (NaN = unknown), course over ground and speed (NaN = unknown), identity,
/// class, and the time it describes. The event is stale <see cref="StaleAfter"/> after <see cref="Time"/>.
/// </summary>
public sealed record CotTrack(
    string Id,
    double LatDeg,
    double LonDeg,
    double AltHaeM,
    double CeM,
    double LeM,
    double CourseDeg,
    double SpeedMps,
    CotIdentity Identity,
    TargetClass Kind,
    DateTimeOffset Time)
{
    /// <summary>Long enough to ride over a missed update at 1-2 s, short enough that a lost track leaves the map quickly.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromSeconds(10);

    public TimeSpan StaleAfter { get; init; } = DefaultStaleAfter;
    public string How { get; init; } = CotHow.Fused;
    public string? Callsign { get; init; }
    public string? Remarks { get; init; }
}

/// <summary>An alert published as a map marker (or, optionally, as a TAK emergency) at a position.</summary>
public sealed record CotAlert(string Id, double LatDeg, double LonDeg, DateTimeOffset Time, string Title, string Message)
{
    /// <summary>Alerts stay on the map for a while: an operator may look only every few minutes.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(10);

    public TimeSpan StaleAfter { get; init; } = DefaultStaleAfter;
    public double AltHaeM { get; init; } = double.NaN;
    public double CeM { get; init; } = double.NaN;

    /// <summary>The uid of the track the alert is about, if any (written as a <c>&lt;link&gt;</c>).</summary>
    public string? TrackUid { get; init; }

    /// <summary>True when the alert is over (acknowledged or resolved): the event then tells clients to drop it.</summary>
    public bool Cleared { get; init; }
}

/// <summary>How alerts appear on a TAK client; see docs/protocols/cot.md for the evidence behind each.</summary>
public enum CotAlertStyle
{
    /// <summary><c>b-m-p-s-m</c>, a spot map marker: every TAK client draws it, labelled with the title, with the message as remarks.</summary>
    Marker = 0,
    /// <summary>
    /// <c>b-a-o-tbl</c> with <c>&lt;emergency type='911 Alert'&gt;</c>: ATAK, WinTAK and iTAK raise their emergency alarm.
    /// Loud and meant for people in distress, so only for deployments that choose it; cleared with <c>b-a-o-can</c>.
    /// </summary>
    Emergency = 1,
}
