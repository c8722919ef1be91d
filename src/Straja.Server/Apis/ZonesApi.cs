using Straja.Server.Auth;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Runtime;
using Straja.Geo.Zones;
using Straja.Storage;

namespace Straja.Server.Apis;

/// <summary>
/// The operator's zones over REST (docs/zones.md). A zone travels as GeoJSON, the same text an export gives and an
/// import takes. Every change is audited with the signed-in user's name (changes need the operator role, docs/security.md) and the server's
/// clock, and hands the engine a fresh immutable zone set, so the next picture is judged against it.
/// </summary>
internal static class ZonesApi
{
    /// <summary>Largest zone file accepted: a country's ED-269 publication is a few MB.</summary>
    private const int MaxBodyBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapZonesApi(this IEndpointRouteBuilder app)
    {
        // Operators manage the zones they watch (docs/security.md).
        var api = app.MapGroup("/api/zones").WithTags("Zones").RequireRoles(Roles.Viewer, Roles.Operator);
        foreach (int status in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict })
            api.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetailsLite), ["application/problem+json"]));

        api.MapGet("", (ZoneStore store) => GeoJson(Write(store.All())))
            .WithSummary("Every zone as a GeoJSON FeatureCollection, one feature per volume, with version, updatedBy and updatedAt.");
        api.MapGet("/export", (ZoneStore store, HttpContext http) =>
        {
            http.Response.Headers.ContentDisposition = "attachment; filename=\"straja-zones.geojson\"";
            return GeoJson(ZoneGeoJson.Write(store.All().Select(z => z.Zone)));
        }).WithSummary("Every zone as a GeoJSON file to download; importing it gives the same zones back.");
        api.MapGet("/audit", (ZoneStore store, string? zone, int? limit) =>
                TypedResults.Ok(store.AuditTrail(zone, Math.Clamp(limit ?? 200, 1, 5000)).Select(ZoneAuditDto.From).ToArray()))
            .WithSummary("Changes to zones, newest first: who, when, what, and the zone before and after.");
        api.MapGet("/{id}", Results<ContentHttpResult, NotFound<ProblemDetailsLite>> (string id, ZoneStore store) =>
                store.Get(id) is { } z ? GeoJson(Write([z])) : NotFound(id))
            .WithSummary("One zone as a GeoJSON FeatureCollection.");
        api.MapPost("", CreateAsync).WithSummary("Creates a zone from a GeoJSON Feature (or a FeatureCollection of one zone's features).");
        api.MapPut("/{id}", UpdateAsync).WithSummary("Replaces a zone; the body's properties.id must be the path's.");
        api.MapDelete("/{id}", Results<NoContent, NotFound<ProblemDetailsLite>> (string id, ZoneStore store, EngineService engine, TimeProvider clock, HttpContext http) =>
        {
            try
            {
                store.Delete(id, Actor(http), clock.GetUtcNow());
            }
            catch (ZoneStoreException e) when (e.Error == ZoneStoreError.NotFound)
            {
                return NotFound(id);
            }

            engine.Engine.ReplaceZones(store.Snapshot());
            return TypedResults.NoContent();
        }).WithSummary("Deletes a zone.");
        api.MapPost("/import", ImportAsync)
            .WithSummary("Creates or replaces every zone in a GeoJSON (format=geojson) or EUROCAE ED-269 (format=ed269) file: all or none.");
        return app;
    }

    private static async Task<Results<Created<ZoneChangeDto>, BadRequest<ProblemDetailsLite>, Conflict<ProblemDetailsLite>>> CreateAsync(
        HttpRequest request, ZoneStore store, EngineService engine, TimeProvider clock)
    {
        var (zone, problem) = await ReadOneAsync(request, expectedId: null).ConfigureAwait(false);
        if (zone is null) return TypedResults.BadRequest(problem!);
        try
        {
            var stored = store.Create(zone, Actor(request.HttpContext), clock.GetUtcNow());
            engine.Engine.ReplaceZones(store.Snapshot());
            return TypedResults.Created($"/api/zones/{Uri.EscapeDataString(zone.Id)}", ZoneChangeDto.From(stored));
        }
        catch (ZoneStoreException e)
        {
            return TypedResults.Conflict(new ProblemDetailsLite("zone exists", e.Message));
        }
    }

    private static async Task<Results<Ok<ZoneChangeDto>, BadRequest<ProblemDetailsLite>, NotFound<ProblemDetailsLite>>> UpdateAsync(
        string id, HttpRequest request, ZoneStore store, EngineService engine, TimeProvider clock)
    {
        var (zone, problem) = await ReadOneAsync(request, expectedId: id).ConfigureAwait(false);
        if (zone is null) return TypedResults.BadRequest(problem!);
        try
        {
            var stored = store.Update(zone, Actor(request.HttpContext), clock.GetUtcNow());
            engine.Engine.ReplaceZones(store.Snapshot());
            return TypedResults.Ok(ZoneChangeDto.From(stored));
        }
        catch (ZoneStoreException e) when (e.Error == ZoneStoreError.NotFound)
        {
            return NotFound(id);
        }
    }

    private static async Task<Results<Ok<ZoneImportDto>, BadRequest<ProblemDetailsLite>>> ImportAsync(
        HttpRequest request, string? format, ZoneStore store, EngineService engine, TimeProvider clock)
    {
        Func<string, IReadOnlyList<Zone>>? reader = (format ?? "geojson").ToLowerInvariant() switch
        {
            "geojson" => ZoneGeoJson.Read,
            "ed269" or "ed-269" => Ed269.Read,
            _ => null,
        };
        if (reader is null)
            return TypedResults.BadRequest(new ProblemDetailsLite("unknown format", $"format: '{format}' is not geojson or ed269"));
        var (text, tooBig) = await ReadBodyAsync(request).ConfigureAwait(false);
        if (tooBig) return TypedResults.BadRequest(TooBig());
        IReadOnlyList<Zone> zones;
        try
        {
            zones = reader(text);
        }
        catch (ZoneFormatException e)
        {
            return TypedResults.BadRequest(new ProblemDetailsLite("invalid zone file", $"{e.Message}; nothing was imported"));
        }

        if (zones.Count == 0)
            return TypedResults.BadRequest(new ProblemDetailsLite("invalid zone file", "the file holds no zones"));
        var stored = store.Import(zones, Actor(request.HttpContext), clock.GetUtcNow());
        engine.Engine.ReplaceZones(store.Snapshot());
        return TypedResults.Ok(new ZoneImportDto(stored.Count, [.. stored.Select(s => s.Zone.Id)]));
    }

    /// <summary>A request body holding exactly one zone, whose id must be <paramref name="expectedId"/> when one is expected.</summary>
    private static async Task<(Zone? Zone, ProblemDetailsLite? Problem)> ReadOneAsync(HttpRequest request, string? expectedId)
    {
        var (text, tooBig) = await ReadBodyAsync(request).ConfigureAwait(false);
        if (tooBig) return (null, TooBig());
        IReadOnlyList<Zone> zones;
        try
        {
            zones = ZoneGeoJson.Read(text);
        }
        catch (ZoneFormatException e)
        {
            return (null, new ProblemDetailsLite("invalid zone", e.Message));
        }

        if (zones.Count != 1)
            return (null, new ProblemDetailsLite("invalid zone", string.Create(CultureInfo.InvariantCulture, $"features: expected one zone, found {zones.Count}")));
        var zone = zones[0];
        if (expectedId is not null && zone.Id != expectedId)
            return (null, new ProblemDetailsLite("invalid zone", $"properties.id: '{zone.Id}' does not match the path's '{expectedId}'"));
        return (zone, null);
    }

    /// <summary>The body as text: the raw body, or the first file of a multipart form (a browser's file upload).</summary>
    private static async Task<(string Text, bool TooBig)> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentLength > MaxBodyBytes) return ("", true);
        var ct = request.HttpContext.RequestAborted;
        Stream body = request.Body;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct).ConfigureAwait(false);
            if (form.Files.Count == 0) return ("", false);
            if (form.Files[0].Length > MaxBodyBytes) return ("", true);
            body = form.Files[0].OpenReadStream();
        }

        using var reader = new StreamReader(body, Encoding.UTF8);
        var buffer = new char[MaxBodyBytes / 4 + 1];
        var sb = new StringBuilder();
        int n;
        while ((n = await reader.ReadAsync(buffer.AsMemory(), ct).ConfigureAwait(false)) > 0)
        {
            sb.Append(buffer, 0, n);
            if (sb.Length > MaxBodyBytes) return ("", true);
        }

        return (sb.ToString(), false);
    }

    private static ProblemDetailsLite TooBig() => new("too large", $"body: more than {MaxBodyBytes / (1024 * 1024)} MB");

    /// <summary>The signed-in user (a token shows as "token:&lt;name&gt;"); the authorization rules make sure there is one.</summary>
    internal static string Actor(HttpContext http) =>
        http.User.Identity is { IsAuthenticated: true, Name: { Length: > 0 } name } ? name : "anonymous";

    private static NotFound<ProblemDetailsLite> NotFound(string id) => TypedResults.NotFound(new ProblemDetailsLite("zone not found", $"no zone '{id}'"));

    private static string Write(IEnumerable<StoredZone> zones)
    {
        var meta = zones.ToDictionary(z => z.Zone.Id, StringComparer.Ordinal);
        return ZoneGeoJson.Write(meta.Values.Select(z => z.Zone), z =>
        [
            new("version", meta[z.Id].Version.ToString(CultureInfo.InvariantCulture)),
            new("updatedBy", meta[z.Id].UpdatedBy),
            new("updatedAt", meta[z.Id].UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)),
        ]);
    }

    private static ContentHttpResult GeoJson(string text) => TypedResults.Text(text, "application/geo+json");
}

public sealed record ZoneChangeDto(string Id, string Name, string Kind, long Version, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    internal static ZoneChangeDto From(StoredZone z) => new(z.Zone.Id, z.Zone.Name, z.Zone.Kind.ToWire(), z.Version, z.UpdatedBy, z.UpdatedAt);
}

public sealed record ZoneImportDto(int Imported, IReadOnlyList<string> Ids);

public sealed record ZoneAuditDto(long Id, DateTimeOffset Time, string Actor, string Action, string ZoneId, string? Before, string? After)
{
    internal static ZoneAuditDto From(ZoneAuditEntry e) => new(e.Id, e.Time, e.Actor, e.Action, e.ZoneId, e.Before, e.After);
}
