using System.Collections.Immutable;
using System.Security.Cryptography;
using Straja.Engine.Picture;

namespace Straja.Engine.Investigation;

public enum IncidentKind
{
    /// <summary>An unknown object entered protected airspace or crossed the border.</summary>
    AirspaceIncursion = 1,
    /// <summary>A drone or debris found on the ground.</summary>
    GroundFind = 2,
    /// <summary>A sensor failed or gave false data.</summary>
    SensorFault = 3,
    Other = 4,
}

public enum IncidentState
{
    Open = 1,
    Investigating = 2,
    Closed = 3,
}

/// <summary>One line of an incident's history: every change and every comment, in order.</summary>
public sealed record TimelineEntry(DateTimeOffset Time, string Actor, string Action, string Detail);

/// <summary>A stored file: its name, type and size, and the SHA-256 that proves it unchanged.</summary>
public sealed record Attachment(string Name, string ContentType, long SizeBytes, string Sha256Hex, DateTimeOffset AddedAt, string AddedBy);

/// <summary>An incident as recorded; changed only through <see cref="Incidents"/>, which appends to its timeline.</summary>
public sealed record Incident(
    string Id,
    IncidentKind Kind,
    string Title,
    IncidentState State,
    string? Assignee,
    string? Resolution,
    DateTimeOffset OpenedAt,
    string OpenedBy,
    GroundFind? Find,
    ImmutableArray<string> AlertIds,
    ImmutableArray<string> TrackIds,
    ImmutableArray<Attachment> Attachments,
    ImmutableArray<TimelineEntry> Timeline);

/// <summary>Why an incident operation was refused: the field or rule, named.</summary>
public sealed class IncidentException(string message) : Exception(message);

/// <summary>
/// The incident state machine and its rules, pure: each operation takes an incident and returns the
/// next one with a timeline entry, or throws <see cref="IncidentException"/> naming what was wrong.
/// Open → investigating → closed (with a resolution); a closed incident can be reopened to
/// investigating, never silently edited.
/// </summary>
public static class Incidents
{
    public const long MaxAttachmentBytes = 20 * 1024 * 1024;
    public const int MaxTextLength = 4_000;

    /// <summary>The content types accepted as evidence, and the leading bytes each must start with.</summary>
    private static readonly (string ContentType, byte[] Magic)[] Accepted =
    [
        ("image/jpeg", [0xFF, 0xD8, 0xFF]),
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        ("application/pdf", "%PDF-"u8.ToArray()),
    ];

    public static Incident Open(string id, IncidentKind kind, string title, DateTimeOffset at, string by,
        IEnumerable<string>? alertIds = null, IEnumerable<string>? trackIds = null, GroundFind? find = null)
    {
        Require(id, nameof(id), 64);
        Require(title, nameof(title), 200);
        Require(by, nameof(by), 64);
        if (!Enum.IsDefined(kind))
            throw new IncidentException($"kind: {(int)kind} is not an incident kind");
        if (kind == IncidentKind.GroundFind && find is null)
            throw new IncidentException("find: a ground-find incident needs the place and time window of the find");
        if (find is not null && (find.To < find.From || !(find.RadiusM > 0) || !double.IsFinite(find.RadiusM)))
            throw new IncidentException("find: the window must not end before it starts and the radius must be positive");
        var alerts = Distinct(alertIds);
        var tracks = Distinct(trackIds);
        string origin = alerts.Length > 0 ? $"from alerts {string.Join(", ", alerts)}" : "by hand";
        return new Incident(id, kind, title.Trim(), IncidentState.Open, null, null, at, by, find, alerts, tracks, [],
            [new TimelineEntry(at, by, "opened", $"{kind} \"{title.Trim()}\" opened {origin}")]);
    }

    public static Incident Assign(Incident incident, string assignee, DateTimeOffset at, string by)
    {
        Require(assignee, nameof(assignee), 64);
        RefuseClosed(incident, "assign");
        return Log(incident with { Assignee = assignee }, at, by, "assigned", assignee);
    }

    /// <summary>Moves the incident; closing needs a resolution, and only a closed incident can be reopened.</summary>
    public static Incident Transition(Incident incident, IncidentState to, DateTimeOffset at, string by, string? resolution = null)
    {
        Require(by, nameof(by), 64);
        bool legal = (incident.State, to) switch
        {
            (IncidentState.Open, IncidentState.Investigating) => true,
            (IncidentState.Open, IncidentState.Closed) => true,
            (IncidentState.Investigating, IncidentState.Closed) => true,
            (IncidentState.Closed, IncidentState.Investigating) => true,
            _ => false,
        };
        if (!legal)
            throw new IncidentException($"state: an incident that is {Wire(incident.State)} cannot become {Wire(to)}");
        if (to == IncidentState.Closed)
        {
            Require(resolution, nameof(resolution), MaxTextLength);
            return Log(incident with { State = to, Resolution = resolution!.Trim() }, at, by, "closed", resolution.Trim());
        }

        string action = incident.State == IncidentState.Closed ? "reopened" : "investigating";
        return Log(incident with { State = to, Resolution = incident.State == IncidentState.Closed ? null : incident.Resolution }, at, by, action, "");
    }

    public static Incident Comment(Incident incident, string text, DateTimeOffset at, string by)
    {
        Require(text, "text", MaxTextLength);
        return Log(incident, at, by, "comment", text.Trim());
    }

    public static Incident LinkAlert(Incident incident, string alertId, DateTimeOffset at, string by)
    {
        Require(alertId, nameof(alertId), 64);
        RefuseClosed(incident, "link an alert to");
        return incident.AlertIds.Contains(alertId) ? incident : Log(incident with { AlertIds = incident.AlertIds.Add(alertId) }, at, by, "alert linked", alertId);
    }

    public static Incident LinkTrack(Incident incident, string trackId, DateTimeOffset at, string by)
    {
        Require(trackId, nameof(trackId), 64);
        RefuseClosed(incident, "link a track to");
        return incident.TrackIds.Contains(trackId) ? incident : Log(incident with { TrackIds = incident.TrackIds.Add(trackId) }, at, by, "track linked", trackId);
    }

    /// <summary>
    /// Adds evidence. Only images (JPEG, PNG) and PDF documents are accepted, recognised by their bytes
    /// as well as their declared type, up to <see cref="MaxAttachmentBytes"/>; the SHA-256 is computed here
    /// so the report can prove the file unchanged.
    /// </summary>
    public static Incident Attach(Incident incident, string name, string contentType, ReadOnlySpan<byte> content, DateTimeOffset at, string by)
    {
        Require(name, nameof(name), 200);
        if (name.IndexOfAny(['/', '\\', '\0']) >= 0)
            throw new IncidentException("name: a file name may not contain a path");
        if (content.IsEmpty)
            throw new IncidentException("content: the file is empty");
        if (content.Length > MaxAttachmentBytes)
            throw new IncidentException($"content: {content.Length} bytes is over the limit of {MaxAttachmentBytes} bytes");
        string type = contentType.Split(';')[0].Trim().ToLowerInvariant();
        var rule = Array.Find(Accepted, a => a.ContentType == type);
        if (rule.ContentType is null)
            throw new IncidentException($"contentType: '{contentType}' is not accepted (only image/jpeg, image/png, application/pdf)");
        if (!content.StartsWith(rule.Magic))
            throw new IncidentException($"content: the bytes are not a {type} file");
        string sha = Convert.ToHexStringLower(SHA256.HashData(content));
        var attachment = new Attachment(name, type, content.Length, sha, at, by);
        return Log(incident with { Attachments = incident.Attachments.Add(attachment) }, at, by, "attachment added", $"{name} ({type}, {content.Length} bytes, sha256 {sha})");
    }

    public static string Wire(IncidentState state) => state switch
    {
        IncidentState.Open => "open",
        IncidentState.Investigating => "investigating",
        _ => "closed",
    };

    public static string Wire(IncidentKind kind) => kind switch
    {
        IncidentKind.AirspaceIncursion => "airspace-incursion",
        IncidentKind.GroundFind => "ground-find",
        IncidentKind.SensorFault => "sensor-fault",
        _ => "other",
    };

    private static Incident Log(Incident incident, DateTimeOffset at, string by, string action, string detail)
    {
        Require(by, nameof(by), 64);
        if (incident.Timeline.Length > 0 && at < incident.Timeline[^1].Time)
            throw new IncidentException($"time: {at:O} is before the incident's last entry at {incident.Timeline[^1].Time:O}");
        return incident with { Timeline = incident.Timeline.Add(new TimelineEntry(at, by, action, detail)) };
    }

    private static void RefuseClosed(Incident incident, string what)
    {
        if (incident.State == IncidentState.Closed)
            throw new IncidentException($"state: cannot {what} a closed incident; reopen it first");
    }

    private static void Require(string? value, string field, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new IncidentException($"{field}: required");
        if (value.Length > maxLength)
            throw new IncidentException($"{field}: at most {maxLength} characters");
    }

    private static ImmutableArray<string> Distinct(IEnumerable<string>? ids) =>
        ids is null ? [] : [.. ids.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal)];
}
