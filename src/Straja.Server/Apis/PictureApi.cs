using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Server.Apis;

/// <summary>The air picture: tracks, their history, and the process status (sensors: <see cref="SensorsApi"/>).</summary>
internal static class PictureApi
{
    public static IEndpointRouteBuilder MapPictureApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Picture");
        api.MapGet("/tracks", GetTracks).WithSummary("The current air picture: every live track.");
        api.MapGet("/tracks/{id}/history", GetHistory).WithSummary("A track's recorded path, oldest first (about one point per second).");
        api.MapGet("/tracks/{id}/sensors", (string id, IAirPictureStore store) => TypedResults.Ok(store.TrackSensors([id])))
            .WithSummary("The sensors that saw a track, live or recorded: when each first and last updated it, by sensor id.");
        // Anonymous on purpose: the liveness probe of supervisors and scripts (docs/security.md).
        api.MapGet("/status", GetStatus).AllowAnonymous().WithSummary("Picture time and ingest counters (no sign-in needed).");
        return app;
    }

    private static Ok<TrackDto[]> GetTracks(EngineService engine) =>
        TypedResults.Ok(engine.Picture.Tracks.Select(TrackDto.From).ToArray());

    private static Results<Ok<TrackPointDto[]>, NotFound<ProblemDetailsLite>> GetHistory(string id, EngineService engine, IAirPictureStore store, int? limit)
    {
        var points = store.TrackHistory(id, Math.Clamp(limit ?? 3600, 1, 100_000));
        if (points.Count == 0 && engine.Picture.Tracks.All(t => t.Id != id))
            return TypedResults.NotFound(new ProblemDetailsLite("track not found", $"no live or recorded track '{id}'"));
        return TypedResults.Ok(points.Select(TrackPointDto.From).ToArray());
    }

    private static Ok<StatusDto> GetStatus(EngineService engine, StrajaServerOptions options) =>
        TypedResults.Ok(new StatusDto(engine.Picture.Time, engine.Picture.Tracks.Count, engine.Processed, engine.RejectedCount,
            engine.Journaled, options.Scenario, options.Speed));
}

/// <summary>An RFC 9457 problem body, small enough to declare in OpenAPI.</summary>
public sealed record ProblemDetailsLite(string Title, string Detail);
