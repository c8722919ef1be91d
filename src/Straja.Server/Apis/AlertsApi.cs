using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Runtime;
using Straja.Server.Auth;

namespace Straja.Server.Apis;

internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").WithTags("Alerts").RequireRoles(Roles.Viewer, Roles.Operator);
        api.MapGet("/", GetAlerts).WithSummary("Alerts, newest first.");
        api.MapPost("/{id}/ack", Acknowledge).WithSummary("Acknowledge an alert; acknowledging twice keeps the first acknowledgement.");
        return app;
    }

    private static Ok<AlertDto[]> GetAlerts(EngineService engine, int? limit) =>
        TypedResults.Ok(engine.Alerts(Math.Clamp(limit ?? 500, 1, 10_000)).Select(AlertDto.From).ToArray());

    /// <summary>The acknowledgement is recorded under the signed-in operator's name, never a name the client sends.</summary>
    private static Results<Ok<AlertDto>, NotFound<ProblemDetailsLite>> Acknowledge(string id, ClaimsPrincipal user, EngineService engine, TimeProvider clock)
    {
        var acked = engine.Acknowledge(id, user.Identity?.Name ?? "?", clock.GetUtcNow());
        return acked is null
            ? TypedResults.NotFound(new ProblemDetailsLite("alert not found", $"no alert '{id}'"))
            : TypedResults.Ok(AlertDto.From(acked));
    }
}
