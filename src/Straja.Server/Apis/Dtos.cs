using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Server.Apis;

/// <summary>A track as the API and the live feed publish it (WGS84 degrees, metres, m/s).</summary>
public sealed record ClassSupportDto(string Source, string Class, double Weight);

public sealed record TrackDto(
    string Id, double Lat, double Lon, double AltM, double SpeedMps, double HeadingDeg,
    double VEastMps, double VNorthMps, double VUpMps, string Class, double ClassProbability,
    string Identity, string Status, string? CooperativeId, string? Callsign, IReadOnlyList<string> Sensors,
    double PositionSigmaM, DateTimeOffset LastUpdate, IdentityDto? IdentityDetail = null)
{
    /// <summary>Probability per class by wire name (multirotor, fixed-wing, manned, bird, clutter, unknown).</summary>
    public IReadOnlyDictionary<string, double>? ClassProbabilities { get; init; }

    /// <summary>What drove the class, strongest first.</summary>
    public IReadOnlyList<ClassSupportDto>? ClassEvidence { get; init; }

    public static TrackDto From(AirTrack t) => new(
        t.Id, Math.Round(t.Position.LatDeg, 6), Math.Round(t.Position.LonDeg, 6), Math.Round(t.Position.AltM, 1),
        Math.Round(t.SpeedMps, 2), Math.Round(t.HeadingDeg, 1), Math.Round(t.VelocityEastMps, 2), Math.Round(t.VelocityNorthMps, 2),
        Math.Round(t.VelocityUpMps, 2), t.Class.ToWire(), Math.Round(t.ClassProbability, 3), t.Identity.ToWire(),
        t.Confirmed ? "confirmed" : "tentative", t.CooperativeId, t.Callsign, t.Sensors, Math.Round(t.PositionSigmaM, 1), t.LastUpdate,
        IdentityDto.From(t.IdentityDetail))
    {
        ClassProbabilities = t.ClassProbabilities.Count == 0 ? null
            : t.ClassProbabilities.Select((p, i) => (Name: ((TargetClass)i).ToWire(), P: Math.Round(p, 3))).ToDictionary(x => x.Name, x => x.P),
        ClassEvidence = t.ClassEvidence.Count == 0 ? null
            : [.. t.ClassEvidence.Take(5).Select(e => new ClassSupportDto(e.Source, e.Class.ToWire(), Math.Round(e.Weight, 3)))],
    };
}

/// <summary>
/// Why a track has its identity: the basis ("registry-proof", "registry-unproven", "registry-not-in-service",
/// "civil-remote-id", "friendly-list", "civil-transponder"), whether a friend is allied (allocated to an ally),
/// and the registry's unit, model, recipient and state or the broadcast operator id.
/// </summary>
public sealed record IdentityDto(string Basis, bool Allied, string? UnitSerial, string? Model, string? Recipient, string? UnitState, string? OperatorId)
{
    public static IdentityDto? From(IdentityDetail? d) => d is null || d.Basis == IdentityBasis.None && d.OperatorId is null
        ? null
        : new(Wire(d.Basis), d.Allied, d.UnitSerial, d.Model, d.Recipient, d.UnitState, d.OperatorId);

    private static string Wire(IdentityBasis b) => b switch
    {
        IdentityBasis.RegistryProof => "registry-proof",
        IdentityBasis.RegistryUnproven => "registry-unproven",
        IdentityBasis.RegistryNotInService => "registry-not-in-service",
        IdentityBasis.CivilRemoteId => "civil-remote-id",
        IdentityBasis.FriendlyList => "friendly-list",
        IdentityBasis.CivilTransponder => "civil-transponder",
        _ => "none",
    };
}

public sealed record TrackPointDto(DateTimeOffset Time, double Lat, double Lon, double AltM, double SpeedMps, double HeadingDeg)
{
    public static TrackPointDto From(TrackPoint p) => new(p.Time, p.Position.LatDeg, p.Position.LonDeg, p.Position.AltM, p.SpeedMps, p.HeadingDeg);
}

public sealed record AlertDto(
    string Id, DateTimeOffset Time, string Kind, string Severity, string? TrackId, string? Zone, string Message,
    double Lat, double Lon, bool Acknowledged, DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy, DateTimeOffset? EscalatedAt = null)
{
    public static AlertDto From(Alert a) => new(
        a.Id, a.Time, a.Kind.ToWire(), a.Severity.ToWire(), a.TrackId, a.Zone, a.Message, a.Position.LatDeg, a.Position.LonDeg,
        a.Acknowledged, a.AcknowledgedAt, a.AcknowledgedBy, a.EscalatedAt);
}

/// <summary>A sensor, whether it is reporting, and what its feed has done (for sensors behind a protocol listener).</summary>
public sealed record SensorDto(
    string Id, string Name, string Kind, double Lat, double Lon, double AltM, double MaxRangeM, double ScanPeriodS,
    string Status, DateTimeOffset? LastSeen, long? Accepted, long? Rejected, string? LastError, DateTimeOffset? LastErrorAt,
    SapientNodeDto? Sapient = null);

/// <summary>A SAPIENT sensor node as the fusion node sees it: registration, declared heartbeat, liveness, tasking.</summary>
public sealed record SapientNodeDto(
    string NodeId, bool Registered, bool Connected, bool Pointable, double? StatusIntervalS, DateTimeOffset? LastStatusAt,
    bool Silent, DateTimeOffset? SilentSince, string? SilentReason, IReadOnlyList<string> NodeTypes)
{
    public static SapientNodeDto From(Straja.Ingest.Feeds.SapientNodeState s) => new(
        s.NodeId, s.Registered, s.Connected, s.Pointable, s.StatusInterval?.TotalSeconds, s.LastStatusAt, s.Silent, s.SilentSince, s.SilentReason, s.NodeTypes);
}

/// <summary>A task sent to a sensor node, and the node's answer once it came (status "sent" until then).</summary>
public sealed record SensorTaskDto(
    string TaskId, string SensorId, string? TrackId, double Lat, double Lon, double AltM, DateTimeOffset SentAt, string Status,
    IReadOnlyList<string> Reasons, DateTimeOffset? AnsweredAt)
{
    public static SensorTaskDto From(Straja.Ingest.Feeds.SapientTaskRecord t) => new(
        t.TaskId, t.SensorId, t.TrackId, t.Target.LatDeg, t.Target.LonDeg, t.Target.AltM, t.SentAt, t.Status, t.Reasons, t.AnsweredAt);
}

/// <summary>Ask a sensor to look at a track (POST /api/sensors/{id}/tasks).</summary>
public sealed record SensorTaskRequest(string? TrackId);

public sealed record StatusDto(DateTimeOffset PictureTime, int Tracks, long Processed, long Rejected, long Journaled, string Scenario, double Speed);
