using Straja.Server.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Ingest;
using Straja.Ingest.Feeds;

namespace Straja.Server.Apis;

/// <summary>Sensors: their feeds' counters and liveness, and tasks for the SAPIENT nodes that can be pointed.</summary>
internal static class SensorsApi
{
    public static IEndpointRouteBuilder MapSensorsApi(this IEndpointRouteBuilder app)
    {
        // Pointing a sensor at a track is the watch officer's call.
        var api = app.MapGroup("/api/sensors").WithTags("Sensors").RequireRoles(Roles.Viewer, Roles.Operator);
        api.MapGet("/", GetSensors).WithSummary("Configured sensors with their coverage, whether they are reporting, their feed counters and SAPIENT node state.");
        api.MapGet("/{id}/tasks", GetTasks).WithSummary("Tasks sent to a SAPIENT sensor node, newest first, with the node's TaskAck.");
        api.MapPost("/{id}/tasks", PostTask).WithSummary("Point a SAPIENT sensor node (e.g. a camera) at a track: sends a look_at Task; the TaskAck shows in GET.");
        return app;
    }

    private static Ok<SensorDto[]> GetSensors(EngineService engine, IngestCounters counters, SapientNodes nodes)
    {
        var now = engine.Picture.Time;
        return TypedResults.Ok(engine.Engine.Sensors.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s =>
        {
            var last = engine.SensorLastSeen(s.Id);
            var node = nodes.State(s.Id);
            string status;
            if (node is { Registered: true })
            {
                // A SAPIENT node says itself whether it is alive: its declared heartbeat decides (SapientNodes).
                status = node.Silent ? "silent" : "online";
            }
            else
            {
                // Other sensors' silence is inferred from detections: nothing for ten scans (at least a minute).
                var limit = TimeSpan.FromSeconds(Math.Max(60, 10 * s.ScanPeriodS));
                status = last is { } t && now - t <= limit ? "online" : "silent";
            }

            var c = counters.Find(s.Id);
            return new SensorDto(s.Id, s.Name, s.Kind.ToWire(), s.Position.LatDeg, s.Position.LonDeg, s.Position.AltM,
                s.MaxRangeM, s.ScanPeriodS, status, last, c?.Accepted, c?.Rejected, c?.LastError, c?.LastErrorAt,
                node is null ? null : SapientNodeDto.From(node));
        }).ToArray());
    }

    private static Results<Ok<SensorTaskDto[]>, NotFound<ProblemDetailsLite>> GetTasks(string id, SapientNodes nodes) =>
        nodes.Tasks(id) is { } tasks
            ? TypedResults.Ok(tasks.Select(SensorTaskDto.From).ToArray())
            : TypedResults.NotFound(new ProblemDetailsLite("sensor not found", $"no SAPIENT sensor node '{id}'"));

    private static Results<Accepted<SensorTaskDto>, BadRequest<ProblemDetailsLite>, NotFound<ProblemDetailsLite>, Conflict<ProblemDetailsLite>> PostTask(
        string id, SensorTaskRequest? request, EngineService engine, SapientNodes nodes, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(request?.TrackId))
            return TypedResults.BadRequest(new ProblemDetailsLite("invalid task", "trackId: required, the id of a live track to look at"));
        AirTrack? track = engine.Picture.Tracks.FirstOrDefault(t => t.Id == request.TrackId);
        if (track is null)
            return TypedResults.NotFound(new ProblemDetailsLite("track not found", $"trackId: no live track '{request.TrackId}'"));
        var (task, refusal, reason) = nodes.SendLookAt(id, track.Id, track.Position, clock.GetUtcNow());
        return refusal switch
        {
            SapientTaskRefusal.None => TypedResults.Accepted($"/api/sensors/{Uri.EscapeDataString(id)}/tasks", SensorTaskDto.From(task!)),
            SapientTaskRefusal.UnknownSensor => TypedResults.NotFound(new ProblemDetailsLite("sensor not found", reason!)),
            _ => TypedResults.Conflict(new ProblemDetailsLite("sensor cannot take the task", reason!)),
        };
    }
}
