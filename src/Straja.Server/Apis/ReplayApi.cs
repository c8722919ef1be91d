using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using System.Text.Json;
using Straja.Engine.FieldReports;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Server.Auth;
using Straja.Storage;

namespace Straja.Server.Apis;

/// <summary>
/// Replay (docs/console.md, Replay): the recorded track history and alerts of a past period, read in
/// windows the console fetches ahead of its playhead. Reading only, so any viewer may replay.
/// </summary>
internal static class ReplayApi
{
    /// <summary>A window's length cap: about one point per track per second makes longer windows heavy to ship.</summary>
    internal static readonly TimeSpan MaxWindow = TimeSpan.FromMinutes(10);

    /// <summary>The alerts of a whole period are few; a day bounds a mistyped year.</summary>
    internal static readonly TimeSpan MaxAlertPeriod = TimeSpan.FromDays(1);

    private const int MaxPoints = 200_000;
    private const int MaxAlerts = 10_000;
    private const int MaxReports = 10_000;

    public static void MapReplayApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/replay").WithTags("Replay").RequireRoles(Roles.Viewer, Roles.Admin);
        api.MapGet("/range", (IAirPictureStore store) =>
                TypedResults.Ok(store.RecordedRange() is { } r ? new ReplayRangeDto(r.First, r.Last) : new ReplayRangeDto(null, null)))
            .WithSummary("The recorded period: the first and last recorded track-point times (null, null before anything is recorded).");
        api.MapGet("/window", Window)
            .WithSummary("The recorded track points (oldest first) and the alerts raised between from and to (ISO-8601, at most 10 minutes apart).");
        api.MapGet("/alerts", Alerts)
            .WithSummary("The alerts raised between from and to (ISO-8601, at most a day apart), oldest first.");
        api.MapGet("/reports", Reports)
            .WithSummary("The field reports that were observations in the picture at some instant between from and to (at most a day apart), oldest first.");
    }

    private static Results<Ok<ReplayWindowDto>, BadRequest<ProblemDetailsLite>> Window(string? from, string? to, IAirPictureStore store)
    {
        if (CheckPeriod(from, to, MaxWindow, out var start, out var end) is { } problem)
            return TypedResults.BadRequest(problem);
        var points = store.TrackPointsBetween(start, end, MaxPoints);
        var alerts = store.AlertsRaisedBetween(start, end, MaxAlerts);
        return TypedResults.Ok(new ReplayWindowDto(start, end, points.Count == MaxPoints,
            points.Select(ReplayPointDto.From).ToArray(), alerts.Select(AlertDto.From).ToArray()));
    }

    private static Results<Ok<AlertDto[]>, BadRequest<ProblemDetailsLite>> Alerts(string? from, string? to, IAirPictureStore store) =>
        CheckPeriod(from, to, MaxAlertPeriod, out var start, out var end) is { } problem
            ? TypedResults.BadRequest(problem)
            : TypedResults.Ok(store.AlertsRaisedBetween(start, end, MaxAlerts).Select(AlertDto.From).ToArray());

    /// <summary>
    /// The reports live at some instant of the period: reported up to the picture's clock skew after its end, and
    /// no longer ago at its start than an observation lives. As observations (the live picture's shape), unlinked:
    /// the console links each to its matched track while that track is in the replayed picture.
    /// </summary>
    private static Results<Ok<ObservationDto[]>, BadRequest<ProblemDetailsLite>> Reports(
        string? from, string? to, FieldReportStore reports, StrajaServerOptions server)
    {
        if (CheckPeriod(from, to, MaxAlertPeriod, out var start, out var end) is { } problem)
            return TypedResults.BadRequest(problem);
        var options = ObservationOptions.Default with { LiveFor = server.FieldReportLiveFor };
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        return TypedResults.Ok(reports.ReportedBetween(start - options.LiveFor, end + options.ClockSkew, MaxReports)
            .Select(r => ObservationDto.From(FieldObservation.From(FieldReportsApi.ToTriaged(r, json), options)))
            .ToArray());
    }

    /// <summary>Parses a from/to pair no longer than <paramref name="max"/>; the problem names the parameter at fault.</summary>
    internal static ProblemDetailsLite? CheckPeriod(string? from, string? to, TimeSpan max, out DateTimeOffset start, out DateTimeOffset end)
    {
        start = end = default;
        string? fault =
            string.IsNullOrWhiteSpace(from) ? "from: required, an ISO-8601 time such as 2026-11-27T14:00:00Z"
            : string.IsNullOrWhiteSpace(to) ? "to: required, an ISO-8601 time such as 2026-11-27T14:10:00Z"
            : Parse(from) is not { } s ? $"from: '{from}' is not an ISO-8601 time with Z or an offset (a '+' must be sent as %2B)"
            : Parse(to) is not { } e ? $"to: '{to}' is not an ISO-8601 time with Z or an offset (a '+' must be sent as %2B)"
            : e < s ? $"to: {to} is before from ({from})"
            : e - s > max ? $"to: the window from {from} to {to} is {(e - s).TotalMinutes:0.#} minutes; at most {max.TotalMinutes:0} minutes are served at once"
            : null;
        if (fault is not null)
            return new ProblemDetailsLite("invalid replay window", fault);
        (start, end) = (Parse(from)!.Value, Parse(to)!.Value);
        return null;
    }

    /// <summary>An instant with an explicit offset ("Z" or "+02:00"): a bare local time would mean a different instant on each server.</summary>
    private static DateTimeOffset? Parse(string? text) =>
        text is not null && (text.EndsWith('Z') || text.EndsWith('z') || HasOffset(text))
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    private static bool HasOffset(string text) =>
        text.Length > 6 && (text[^6] is '+' or '-') && text[^3] == ':';
}

/// <summary>The recorded period; both null before anything is recorded.</summary>
public sealed record ReplayRangeDto(DateTimeOffset? First, DateTimeOffset? Last);

/// <summary>
/// One recorded point, compact because a window carries thousands: track id, time, WGS84 degrees,
/// altitude (m), speed (m/s), heading (deg), class and identity by their wire names.
/// </summary>
/// <remarks>
/// <c>Confirmed</c>: whether the tracker had confirmed the track then (points recorded before that was kept say true).
/// </remarks>
public sealed record ReplayPointDto(
    string Id, DateTimeOffset T, double Lat, double Lon, double Alt, double Speed, double Heading, string Class, string Identity, bool Confirmed)
{
    public static ReplayPointDto From(TrackPoint p) => new(
        p.TrackId, p.Time, Math.Round(p.Position.LatDeg, 6), Math.Round(p.Position.LonDeg, 6), Math.Round(p.Position.AltM, 1),
        Math.Round(p.SpeedMps, 2), Math.Round(p.HeadingDeg, 1), p.Class.ToWire(), p.Identity.ToWire(), p.Confirmed);
}

/// <summary>A replay window: its bounds, whether the point cap cut it short, its points and its alerts.</summary>
public sealed record ReplayWindowDto(DateTimeOffset From, DateTimeOffset To, bool Truncated, IReadOnlyList<ReplayPointDto> Points, IReadOnlyList<AlertDto> Alerts);
