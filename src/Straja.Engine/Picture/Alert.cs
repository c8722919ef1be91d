namespace Straja.Engine.Picture;

public enum AlertKind
{
    BorderCrossing = 1,
    ZoneEntry = 2,
    ZoneApproach = 3,
    SensorSilent = 4,
    /// <summary>A registered Remote ID serial broadcast without a valid signature.</summary>
    IdentitySpoofing = 5,
    /// <summary>A registered unit that is lost (or otherwise not in service) is flying.</summary>
    UnitNotInService = 6,
    /// <summary>Raised by an operator-defined rule (Evaluation/Rules); the key names the rule.</summary>
    Rule = 7,
}

public enum AlertSeverity
{
    Info = 1,
    Warning = 2,
    Critical = 3,
}

/// <summary>
/// An alert as operators see it. <see cref="Key"/> is the deduplication key (track, cause, zone): one
/// drone crossing once is one alert, however many sensors saw it.
/// </summary>
public sealed record Alert(
    string Id,
    string Key,
    DateTimeOffset Time,
    AlertKind Kind,
    AlertSeverity Severity,
    string? TrackId,
    string? Zone,
    string Message,
    GeoPoint Position,
    bool Acknowledged = false,
    DateTimeOffset? AcknowledgedAt = null,
    string? AcknowledgedBy = null,
    DateTimeOffset? EscalatedAt = null);

public static class WireNames
{
    /// <summary>Wire names are frozen: the API, the store and the console use them.</summary>
    public static string ToWire(this AlertKind kind) => kind switch
    {
        AlertKind.BorderCrossing => "border-crossing",
        AlertKind.ZoneEntry => "zone-entry",
        AlertKind.ZoneApproach => "zone-approach",
        AlertKind.SensorSilent => "sensor-silent",
        AlertKind.IdentitySpoofing => "identity-spoofing",
        AlertKind.UnitNotInService => "unit-not-in-service",
        AlertKind.Rule => "rule",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown alert kind"),
    };

    public static AlertKind ParseKind(string wire) => wire switch
    {
        "border-crossing" => AlertKind.BorderCrossing,
        "zone-entry" => AlertKind.ZoneEntry,
        "zone-approach" => AlertKind.ZoneApproach,
        "sensor-silent" => AlertKind.SensorSilent,
        "identity-spoofing" => AlertKind.IdentitySpoofing,
        "unit-not-in-service" => AlertKind.UnitNotInService,
        "rule" => AlertKind.Rule,
        _ => throw new FormatException($"unknown alert kind '{wire}'"),
    };

    public static string ToWire(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Info => "info",
        AlertSeverity.Warning => "warning",
        AlertSeverity.Critical => "critical",
        _ => throw new ArgumentOutOfRangeException(nameof(severity), severity, "unknown severity"),
    };

    public static AlertSeverity ParseSeverity(string wire) => wire switch
    {
        "info" => AlertSeverity.Info,
        "warning" => AlertSeverity.Warning,
        "critical" => AlertSeverity.Critical,
        _ => throw new FormatException($"unknown alert severity '{wire}'"),
    };

    public static string ToWire(this Identity identity) => identity switch
    {
        Identity.Friendly => "friendly",
        Identity.Neutral => "neutral",
        Identity.Hostile => "hostile",
        Identity.Suspect => "suspect",
        _ => "unknown",
    };

    public static string ToWire(this SensorKind kind) => kind switch
    {
        SensorKind.Radar => "radar",
        SensorKind.PassiveRf => "passive-rf",
        SensorKind.Acoustic => "acoustic",
        SensorKind.Cooperative => "cooperative",
        SensorKind.Camera => "camera",
        SensorKind.Tracker => "tracker",
        _ => "unknown",
    };

    public static Identity ParseIdentity(string s) => s switch
    {
        "friendly" => Identity.Friendly,
        "neutral" => Identity.Neutral,
        "hostile" => Identity.Hostile,
        "suspect" => Identity.Suspect,
        _ => Identity.Unknown,
    };

    public static SensorKind? ParseSensorKind(string s) => s switch
    {
        "radar" => SensorKind.Radar,
        "passive-rf" => SensorKind.PassiveRf,
        "acoustic" => SensorKind.Acoustic,
        "cooperative" => SensorKind.Cooperative,
        "camera" => SensorKind.Camera,
        "tracker" => SensorKind.Tracker,
        _ => null,
    };
}
