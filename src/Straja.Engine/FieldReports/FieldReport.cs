using Straja.Engine.Picture;

namespace Straja.Engine.FieldReports;

public enum ReportSense
{
    Seen = 1,
    Heard = 2,
}

/// <summary>
/// What a border policeman or a resident says they saw or heard. Everything but where and when is
/// optional: people report what they can.
/// </summary>
/// <param name="Observer">Where the reporter was (the phone's fix or a tap on the map).</param>
/// <param name="BearingDeg">Which way they looked, degrees clockwise from true north.</param>
/// <param name="ElevationDeg">How high above the horizon, degrees, when they could say.</param>
/// <param name="HeadingDeg">Which way it went, degrees clockwise from true north.</param>
/// <param name="Trusted">Filed by an account of the border-police role rather than anonymously.</param>
public sealed record FieldReport(
    string Id,
    DateTimeOffset Time,
    GeoPoint Observer,
    ReportSense Sense,
    double? BearingDeg = null,
    double? ElevationDeg = null,
    double? HeadingDeg = null,
    int Count = 1,
    string? Description = null,
    bool Trusted = false);

/// <summary>Where a track was at about the time of a report: what the caller found in the picture and the track history.</summary>
public sealed record TrackSighting(
    string TrackId, DateTimeOffset Time, GeoPoint Position, Identity Identity, string? CooperativeId, string? Callsign, bool Live);

public enum TriageMatchKind
{
    Track = 1,
    TranspondingAircraft = 2,
    Planet = 3,
    Star = 4,
}

/// <summary>One explanation of a report, with how well it fits (0..1).</summary>
/// <param name="SeparationDeg">Angle between the reported direction and the candidate, when a direction was reported.</param>
/// <param name="DistanceM">Distance from the reporter, for tracks.</param>
/// <param name="TrackId">The track, for track and aircraft matches (the name may carry a callsign too).</param>
public sealed record TriageMatch(TriageMatchKind Kind, string Name, double Score, double? SeparationDeg, double? DistanceM, string Reason, string? TrackId = null);

/// <summary>The triage of one report: candidates best first, and a sentence for the operator.</summary>
public sealed record TriageResult(string ReportId, string Verdict, IReadOnlyList<TriageMatch> Matches)
{
    public TriageMatch? Best => Matches.Count > 0 ? Matches[0] : null;
}
