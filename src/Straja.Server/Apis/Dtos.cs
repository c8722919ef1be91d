using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Server.Apis;

/// <summary>A track as the API and the live feed publish it (WGS84 degrees, metres, m/s).</summary>
public sealed record TrackDto(
    string Id, double Lat, double Lon, double AltM, double SpeedMps, double HeadingDeg,
    double VEastMps, double VNorthMps, double VUpMps, string Class, double ClassProbability,
    string Identity, string Status, string? CooperativeId, string? Callsign, IReadOnlyList<string> Sensors,
    double PositionSigmaM, DateTimeOffset LastUpdate)
{
    public static TrackDto From(AirTrack t) => new(
        t.Id, Math.Round(t.Position.LatDeg, 6), Math.Round(t.Position.LonDeg, 6), Math.Round(t.Position.AltM, 1),
        Math.Round(t.SpeedMps, 2), Math.Round(t.HeadingDeg, 1), Math.Round(t.VelocityEastMps, 2), Math.Round(t.VelocityNorthMps, 2),
        Math.Round(t.VelocityUpMps, 2), t.Class.ToWire(), Math.Round(t.ClassProbability, 3), t.Identity.ToWire(),
        t.Confirmed ? "confirmed" : "tentative", t.CooperativeId, t.Callsign, t.Sensors, Math.Round(t.PositionSigmaM, 1), t.LastUpdate);
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

public sealed record AckRequest(string? By);

/// <summary>A sensor, whether it is reporting, and what its feed has done (for sensors behind a protocol listener).</summary>
public sealed record SensorDto(
    string Id, string Name, string Kind, double Lat, double Lon, double AltM, double MaxRangeM, double ScanPeriodS,
    string Status, DateTimeOffset? LastSeen, long? Accepted, long? Rejected, string? LastError, DateTimeOffset? LastErrorAt);

public sealed record StatusDto(DateTimeOffset PictureTime, int Tracks, long Processed, long Rejected, long Journaled, string Scenario, double Speed);
