using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Straja.Engine.Investigation;
using Straja.Engine.Runtime;
using Straja.Server.Auth;
using Straja.Storage;

namespace Straja.Server.Apis;

/// <summary>
/// Incidents over REST (docs/operations.md): investigators open and work them, everyone signed in reads them.
/// The rules are Straja.Engine.Investigation's; a refusal names the field or the state.
/// </summary>
internal static class IncidentsApi
{
    private const int MaxUploadBytes = (int)Incidents.MaxAttachmentBytes;

    public static void MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents").WithTags("Incidents").RequireRoles(Roles.Viewer, Roles.Investigator);
        api.MapGet("", List).WithSummary("The newest incidents, newest first; ?state=open|investigating|closed keeps that state only, ?limit= (1–1000, 100).");
        api.MapGet("/{id}", (string id, IncidentStore store, IOptions<JsonOptions> json) =>
            store.Get(id) is { } j ? Results.Ok(IncidentDto.From(Read(j, json))) : NotFound(id));
        api.MapPost("", Open).WithSummary("Opens an incident by hand or from alerts; a ground find needs its place and time window.");
        api.MapPost("/{id}/transition", (string id, TransitionRequest r, ClaimsPrincipal user, IncidentStore store, TimeProvider clock, IOptions<JsonOptions> json) =>
            Change(id, store, json, i => Incidents.Transition(i, ParseState(r.To), clock.GetUtcNow(), Who(user), r.Resolution)));
        api.MapPost("/{id}/assign", (string id, AssignRequest r, ClaimsPrincipal user, IncidentStore store, TimeProvider clock, IOptions<JsonOptions> json) =>
            Change(id, store, json, i => Incidents.Assign(i, r.Assignee ?? "", clock.GetUtcNow(), Who(user))));
        api.MapPost("/{id}/comments", (string id, CommentRequest r, ClaimsPrincipal user, IncidentStore store, TimeProvider clock, IOptions<JsonOptions> json) =>
            Change(id, store, json, i => Incidents.Comment(i, r.Text ?? "", clock.GetUtcNow(), Who(user))));
        api.MapPost("/{id}/attachments", Attach).WithSummary("Adds a photo (JPEG, PNG) or a PDF as evidence: the raw body, its type in Content-Type, ?name=.");
        api.MapGet("/{id}/attachments/{sha256}", (string id, string sha256, IncidentStore store, IOptions<JsonOptions> json) =>
            store.Get(id) is { } j && Read(j, json).Attachments.FirstOrDefault(a => a.Sha256Hex == sha256) is { } a && store.File(sha256) is { } bytes
                ? Results.File(bytes, a.ContentType, a.Name)
                : NotFound($"{id}/{sha256}"));
        api.MapGet("/{id}/backtrack", BackTrack).WithSummary("For a ground find: the recorded tracks lost near it, best first, each with its debris ellipse.");
        api.MapGet("/{id}/export", Export).WithSummary("The incident as a self-contained HTML report, or its tracks as GeoJSON or KML (?format=html|geojson|kml); the same incident gives the same bytes.");
    }

    private static IResult List(IncidentStore store, IOptions<JsonOptions> json, int? limit, string? state)
    {
        int n = Math.Clamp(limit ?? 100, 1, 1000);
        if (state is null)
            return Results.Ok(store.Latest(n).Select(j => IncidentDto.From(Read(j, json))).ToArray());
        IncidentState wanted;
        try
        {
            wanted = ParseState(state, "state");
        }
        catch (IncidentException e)
        {
            return Results.BadRequest(new ProblemDetailsLite("invalid query", e.Message));
        }

        return Results.Ok(store.Latest(n, j => Read(j, json).State == wanted).Select(j => IncidentDto.From(Read(j, json))).ToArray());
    }

    private static IResult Open(OpenIncidentRequest r, ClaimsPrincipal user, IncidentStore store, TimeProvider clock, IOptions<JsonOptions> json)
    {
        try
        {
            var kind = r.Kind switch
            {
                "airspace-incursion" => IncidentKind.AirspaceIncursion,
                "ground-find" => IncidentKind.GroundFind,
                "sensor-fault" => IncidentKind.SensorFault,
                "other" => IncidentKind.Other,
                _ => throw new IncidentException($"kind: '{r.Kind}' is not airspace-incursion, ground-find, sensor-fault or other"),
            };
            GroundFind? find = r.Find is { } f ? new GroundFind(new GeoPoint(f.Lat, f.Lon), f.From, f.To, f.RadiusM) : null;
            var incident = Incidents.Open(store.NextId(), kind, r.Title ?? "", clock.GetUtcNow(), Who(user), r.AlertIds, r.TrackIds, find);
            store.Save(incident.Id, Write(incident, json));
            return Results.Created($"/api/incidents/{incident.Id}", IncidentDto.From(incident));
        }
        catch (IncidentException e)
        {
            return Results.BadRequest(new ProblemDetailsLite("invalid incident", e.Message));
        }
    }

    private static async Task<IResult> Attach(string id, string? name, HttpRequest request, ClaimsPrincipal user, IncidentStore store, TimeProvider clock, IOptions<JsonOptions> json)
    {
        if (request.ContentLength > MaxUploadBytes)
            return Results.BadRequest(new ProblemDetailsLite("invalid attachment", $"content: over the limit of {MaxUploadBytes} bytes"));
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted).ConfigureAwait(false);
        byte[] bytes = buffer.ToArray();
        return Change(id, store, json, i =>
        {
            var next = Incidents.Attach(i, name ?? "", request.ContentType ?? "", bytes, clock.GetUtcNow(), Who(user));
            store.SaveFile(next.Attachments[^1].Sha256Hex, bytes);
            return next;
        });
    }

    private static IResult BackTrack(string id, IncidentStore store, IAirPictureStore history, IOptions<JsonOptions> json)
    {
        if (store.Get(id) is not { } j)
            return NotFound(id);
        var incident = Read(j, json);
        if (incident.Find is not { } find)
            return Results.BadRequest(new ProblemDetailsLite("no find", $"incident {id} has no ground find to back-track from"));
        return Results.Ok(BackTracker.Rank(find, Paths(find, history)));
    }

    private static IResult Export(string id, string? format, IncidentStore store, IAirPictureStore history, IOptions<JsonOptions> json)
    {
        if (store.Get(id) is not { } j)
            return NotFound(id);
        var incident = Read(j, json);
        // A report shows the record as it stood at the incident's last change, so exporting it again later,
        // while tracks are still being recorded, gives the same bytes.
        var asOf = incident.Timeline[^1].Time;
        var backTrack = incident.Find is { } find && find.From <= asOf
            ? BackTracker.Rank(find with { To = find.To < asOf ? find.To : asOf }, Paths(find with { To = find.To < asOf ? find.To : asOf }, history))
            : [];
        // The linked tracks, and for a find the candidates it ranked: the evidence a report must show.
        var ids = incident.TrackIds.Concat(backTrack.Take(5).Select(c => c.TrackId)).ToHashSet(StringComparer.Ordinal);
        var seen = Until(history.TrackSensors(ids), asOf);
        var tracks = ids.Select(t => TrackPath.Recorded(t, history.TrackHistory(t, 100_000).Where(p => p.Time <= asOf).ToList(), seen))
            .Where(p => p.Points.Count > 0).ToList();
        return (format ?? "html") switch
        {
            "html" => Results.File(IncidentExport.Html(incident, tracks, backTrack), "text/html; charset=utf-8", $"{id}.html"),
            "geojson" => Results.File(IncidentExport.GeoJson(tracks), "application/geo+json", $"{id}.geojson"),
            "kml" => Results.File(IncidentExport.Kml(id, tracks), "application/vnd.google-earth.kml+xml", $"{id}.kml"),
            var other => Results.BadRequest(new ProblemDetailsLite("invalid format", $"format: '{other}' is not html, geojson or kml")),
        };
    }

    /// <summary>Every recorded track with a point in the find's window, as paths with the sensors that saw them.</summary>
    private static List<TrackPath> Paths(GroundFind find, IAirPictureStore history)
    {
        var byTrack = history.TrackPointsBetween(find.From, find.To).GroupBy(p => p.TrackId, StringComparer.Ordinal).ToList();
        var seen = Until(history.TrackSensors([.. byTrack.Select(g => g.Key)]), find.To).ToLookup(x => x.TrackId, StringComparer.Ordinal);
        return [.. byTrack.Select(g => TrackPath.Recorded(g.Key, g.ToList(), seen[g.Key]))];
    }

    /// <summary>
    /// Sensor spans as they could have stood at <paramref name="until"/>, like the points cut there: a track still
    /// flying widens its spans, and a report or a window must not change with it.
    /// </summary>
    private static List<TrackSensorSeen> Until(IEnumerable<TrackSensorSeen> seen, DateTimeOffset until) =>
        [.. seen.Where(x => x.First <= until).Select(x => x.Last > until ? x with { Last = until } : x)];

    private static IResult Change(string id, IncidentStore store, IOptions<JsonOptions> json, Func<Incident, Incident> change)
    {
        if (store.Get(id) is not { } j)
            return NotFound(id);
        try
        {
            var next = change(Read(j, json));
            store.Save(id, Write(next, json));
            return Results.Ok(IncidentDto.From(next));
        }
        catch (IncidentException e)
        {
            var body = new ProblemDetailsLite("refused", e.Message);
            return e.Message.StartsWith("state:", StringComparison.Ordinal) ? Results.Conflict(body) : Results.BadRequest(body);
        }
    }

    private static IncidentState ParseState(string? value, string field = "to") => value switch
    {
        "open" => IncidentState.Open,
        "investigating" => IncidentState.Investigating,
        "closed" => IncidentState.Closed,
        _ => throw new IncidentException($"{field}: '{value}' is not open, investigating or closed"),
    };

    private static string Who(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static IResult NotFound(string what) => Results.NotFound(new ProblemDetailsLite("not found", $"no incident {what}"));

    private static string Write(Incident i, IOptions<JsonOptions> json) => JsonSerializer.Serialize(i, json.Value.SerializerOptions);

    private static Incident Read(string j, IOptions<JsonOptions> json) => JsonSerializer.Deserialize<Incident>(j, json.Value.SerializerOptions)!;
}

public sealed record FindRequest(double Lat, double Lon, DateTimeOffset From, DateTimeOffset To, double RadiusM);

public sealed record OpenIncidentRequest(string? Kind, string? Title, IReadOnlyList<string>? AlertIds = null, IReadOnlyList<string>? TrackIds = null, FindRequest? Find = null);

public sealed record TransitionRequest(string? To, string? Resolution = null);

public sealed record AssignRequest(string? Assignee);

public sealed record CommentRequest(string? Text);

/// <summary>An incident as the API shows it: kind and state by their wire names.</summary>
public sealed record IncidentDto(
    string Id, string Kind, string Title, string State, string? Assignee, string? Resolution, DateTimeOffset OpenedAt, string OpenedBy,
    GroundFind? Find, IReadOnlyList<string> AlertIds, IReadOnlyList<string> TrackIds, IReadOnlyList<Attachment> Attachments,
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static IncidentDto From(Incident i) => new(
        i.Id, Incidents.Wire(i.Kind), i.Title, Incidents.Wire(i.State), i.Assignee, i.Resolution, i.OpenedAt, i.OpenedBy, i.Find,
        i.AlertIds, i.TrackIds, i.Attachments, i.Timeline);
}
