using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Straja.Engine.FieldReports;
using Straja.Engine.Runtime;
using Straja.Server.Auth;
using Straja.Storage;

namespace Straja.Server.Apis;

/// <summary>
/// Reports from border police and residents: anyone may file one (anonymous reports are rate-limited per
/// address, docs/operations.md; border-police, operator and investigator accounts are trusted), each is triaged
/// at once against the picture, the recorded tracks and the sky, viewers read them all with their triage, and
/// every signed-in reporter reads their own.
/// </summary>
internal static class FieldReportsApi
{
    public const string RateLimitPolicy = "field-reports";

    /// <summary>Accounts whose reports count as trusted: the border police who patrol, and the watch itself.</summary>
    internal static IReadOnlyList<string> TrustedRoles { get; } = [Roles.BorderPolice, Roles.Operator, Roles.Investigator];

    public static void MapFieldReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/field-reports").WithTags("Field reports").RequireRoles(Roles.Viewer, Roles.Investigator);
        api.MapPost("", File).AllowAnonymous().RequireRateLimiting(RateLimitPolicy)
            .WithSummary("Files a report (no sign-in needed; anonymous reports are rate-limited per address) and returns it with its triage.");
        api.MapGet("", (FieldReportStore store, int? limit) => TypedResults.Ok(store.Latest(Math.Clamp(limit ?? 100, 1, 1000)).Select(FieldReportDto.From).ToArray()))
            .WithSummary("The newest reports with their triage, newest first.");
        // Any account, so a border-police officer (no viewer) follows up what they filed and sees nothing else.
        api.MapGet("/mine", (FieldReportStore store, ClaimsPrincipal user, int? limit) =>
                TypedResults.Ok(store.Latest(Math.Clamp(limit ?? 100, 1, 1000), user.Identity!.Name!).Select(FieldReportDto.From).ToArray()))
            .RequireAuthorization()
            .WithSummary("The caller's own reports with their triage, newest first.");
        app.MapGet("/api/observations", (EngineService engine) => TypedResults.Ok(engine.Picture.Observations.Select(ObservationDto.From).ToArray()))
            .WithTags("Picture").RequireRoles(Roles.Viewer, Roles.Investigator)
            .WithSummary("The field reports live in the picture, newest first: low-confidence observations with their triage and any track they corroborate.");
    }

    private static async Task<Results<Created<FieldReportDto>, BadRequest<ProblemDetailsLite>>> File(
        FieldReportRequest request, ClaimsPrincipal user, HttpContext http, FieldReportStore store, IAirPictureStore history,
        EngineService engine, TimeProvider clock, IOptions<JsonOptions> json, IHostApplicationLifetime lifetime)
    {
        if (Validate(request) is { } problem)
            return TypedResults.BadRequest(new ProblemDetailsLite("invalid field report", problem));
        var now = clock.GetUtcNow();
        var time = request.Time ?? now;
        bool trusted = TrustedRoles.Any(user.IsInRole);
        var trust = trusted ? ReporterTrust.Trusted : user.Identity?.IsAuthenticated == true ? ReporterTrust.SignedIn : ReporterTrust.Anonymous;
        string reporter = user.Identity is { IsAuthenticated: true, Name: { } name } ? name : $"anonymous@{http.Connection.RemoteIpAddress}";
        string id = store.NextId();
        var report = new FieldReport(id, time, new GeoPoint(request.Lat, request.Lon, request.AltM ?? 0),
            request.Sense == "heard" ? ReportSense.Heard : ReportSense.Seen, request.BearingDeg, request.ElevationDeg, request.HeadingDeg,
            request.Count ?? 1, request.Description, trusted);
        var triage = FieldReportTriage.Triage(report, Sightings(time, engine, history));
        var stored = new StoredFieldReport(id, time, request.Lat, request.Lon, request.Sense!, request.BearingDeg, request.ElevationDeg,
            request.HeadingDeg, report.Count, request.Description, trusted, reporter, now,
            JsonSerializer.Serialize(triage, json.Value.SerializerOptions));
        store.Add(stored);
        // Stored first, as a detection is journaled first, so a restart can bring back what the picture lost. Once
        // stored it goes to the picture even if the reporter's phone gives up waiting: only shutdown stops it.
        await engine.ReportAsync([new TriagedReport(report, trust, triage)], now, lifetime.ApplicationStopping).ConfigureAwait(false);
        return TypedResults.Created($"/api/field-reports/{id}", FieldReportDto.From(stored));
    }

    /// <summary>The live picture and the track history around the report's time, as triage candidates.</summary>
    private static List<TrackSighting> Sightings(DateTimeOffset time, EngineService engine, IAirPictureStore history)
    {
        var sightings = engine.Picture.Tracks.Where(t => t.Confirmed)
            .Select(t => new TrackSighting(t.Id, t.LastUpdate, t.Position, t.Identity, t.CooperativeId, t.Callsign, Live: true))
            .ToList();
        var live = sightings.Select(s => s.TrackId).ToHashSet(StringComparer.Ordinal);
        foreach (var p in history.TrackPointsBetween(time.AddMinutes(-10), time.AddMinutes(2)))
        {
            if (!live.Contains(p.TrackId))
                sightings.Add(new TrackSighting(p.TrackId, p.Time, p.Position, p.Identity, null, null, Live: false));
        }

        return sightings;
    }

    /// <summary>The stored reports still live at <paramref name="now"/>, oldest first, for the picture after a restart.</summary>
    internal static IReadOnlyList<TriagedReport> Recent(FieldReportStore store, DateTimeOffset now, TimeSpan liveFor)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return store.Latest(ObservationOptions.Default.MaxLive)
            .Where(r => r.Time > now - liveFor)
            .Reverse()
            .Select(r => ToTriaged(r, json))
            .ToList();
    }

    internal static TriagedReport ToTriaged(StoredFieldReport r, JsonSerializerOptions json)
    {
        var report = new FieldReport(r.Id, r.Time, new GeoPoint(r.LatDeg, r.LonDeg, 0), r.Sense == "heard" ? ReportSense.Heard : ReportSense.Seen,
            r.BearingDeg, r.ElevationDeg, r.HeadingDeg, r.Count, r.Description, r.Trusted);
        var trust = r.Trusted ? ReporterTrust.Trusted
            : r.Reporter.StartsWith("anonymous@", StringComparison.Ordinal) ? ReporterTrust.Anonymous : ReporterTrust.SignedIn;
        TriageResult? triage;
        try
        {
            triage = JsonSerializer.Deserialize<TriageResult>(r.TriageJson, json);
        }
        catch (JsonException e)
        {
            // A report whose stored triage cannot be read still shows, saying so, rather than stopping the start.
            triage = new TriageResult(r.Id, $"stored triage unreadable (report {r.Id}, {e.Path}): {e.Message}", []);
        }

        return new TriagedReport(report, trust, triage ?? new TriageResult(r.Id, $"stored triage of report {r.Id} is empty", []));
    }

    private static string? Validate(FieldReportRequest r)
    {
        if (!(r.Lat is >= -90 and <= 90) || !(r.Lon is >= -180 and <= 180))
            return "lat/lon: a position in degrees is required (lat −90..90, lon −180..180)";
        if (r.Sense is not ("seen" or "heard"))
            return "sense: must be \"seen\" or \"heard\"";
        if (r.BearingDeg is { } b && !(b is >= 0 and < 360))
            return "bearingDeg: must be in [0, 360)";
        if (r.HeadingDeg is { } h && !(h is >= 0 and < 360))
            return "headingDeg: must be in [0, 360)";
        if (r.ElevationDeg is { } e && !(e is >= -5 and <= 90))
            return "elevationDeg: must be in [−5, 90]";
        if (r.Count is { } n && n is < 1 or > 1000)
            return "count: must be 1 to 1000";
        if (r.Description is { Length: > 1000 })
            return "description: at most 1000 characters";
        return null;
    }
}

public sealed record FieldReportRequest(
    double Lat, double Lon, string? Sense, DateTimeOffset? Time = null, double? AltM = null, double? BearingDeg = null,
    double? ElevationDeg = null, double? HeadingDeg = null, int? Count = null, string? Description = null);

public sealed record FieldReportDto(
    string Id, DateTimeOffset Time, double Lat, double Lon, string Sense, double? BearingDeg, double? ElevationDeg, double? HeadingDeg,
    int Count, string? Description, bool Trusted, string Reporter, DateTimeOffset ReceivedAt, JsonElement Triage)
{
    public static FieldReportDto From(StoredFieldReport r)
    {
        using var doc = JsonDocument.Parse(r.TriageJson);
        return new(r.Id, r.Time, r.LatDeg, r.LonDeg, r.Sense, r.BearingDeg, r.ElevationDeg, r.HeadingDeg, r.Count, r.Description,
            r.Trusted, r.Reporter, r.ReceivedAt, doc.RootElement.Clone());
    }
}

/// <summary>
/// A field report as an observation in the picture (GET /api/observations and the live feed's picture message):
/// where the reporter was, how uncertain (a circle of the sense's range, and the sight line when a direction was
/// given), the reporter's trust ("anonymous", "signed-in", "trusted") and confidence (0..1), the triage's verdict and
/// best match, and the live track it corroborates, if any.
/// </summary>
public sealed record ObservationDto(
    string ReportId, DateTimeOffset Time, double Lat, double Lon, string Sense, int Count, double? HeadingDeg, double? ElevationDeg,
    string? Description, string Trust, double Confidence, double UncertaintyRadiusM, SightLineDto? Sight, string Verdict,
    ObservationMatchDto? BestMatch, string? LinkedTrackId, DateTimeOffset ExpiresAt)
{
    public static ObservationDto From(FieldObservation o) => new(
        o.ReportId, o.Time, Math.Round(o.Observer.LatDeg, 6), Math.Round(o.Observer.LonDeg, 6), o.Sense == ReportSense.Heard ? "heard" : "seen",
        o.Count, o.HeadingDeg, o.ElevationDeg, o.Description,
        o.Trust switch { ReporterTrust.Trusted => "trusted", ReporterTrust.SignedIn => "signed-in", _ => "anonymous" },
        o.Confidence, o.UncertaintyRadiusM,
        o.Sight is { } s ? new SightLineDto(s.BearingDeg, s.HalfWidthDeg, s.LengthM, Math.Round(s.End.LatDeg, 6), Math.Round(s.End.LonDeg, 6)) : null,
        o.Verdict,
        o.BestMatch is { } m ? new ObservationMatchDto(Wire(m.Kind), m.Name, m.TrackId, Math.Round(m.Score, 3), m.Reason) : null,
        o.LinkedTrackId, o.ExpiresAt);

    private static string Wire(TriageMatchKind kind) => kind switch
    {
        TriageMatchKind.Track => "track",
        TriageMatchKind.TranspondingAircraft => "aircraft",
        TriageMatchKind.Planet => "planet",
        _ => "star",
    };
}

/// <summary>The reported direction: bearing and the sector's half width (degrees), its length (m) and end point.</summary>
public sealed record SightLineDto(double BearingDeg, double HalfWidthDeg, double LengthM, double EndLat, double EndLon);

/// <summary>The triage's best explanation: kind "track", "aircraft", "planet" or "star"; the track id for the first two.</summary>
public sealed record ObservationMatchDto(string Kind, string Name, string? TrackId, double Score, string Reason);
