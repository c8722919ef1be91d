using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Runtime;

namespace Straja.Server.Apis;

internal static class AlertsApi
{
    public static IEndpointRouteBuilder MapAlertsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/alerts").WithTags("Alerts");
        api.MapGet("/", GetAlerts).WithSummary("Alerts, newest first.");
        api.MapPost("/{id}/ack", Acknowledge).WithSummary("Acknowledge an alert; acknowledging twice keeps the first acknowledgement.");
        return app;
    }

    private static Ok<AlertDto[]> GetAlerts(EngineService engine, int? limit) =>
        TypedResults.Ok(engine.Alerts(Math.Clamp(limit ?? 500, 1, 10_000)).Select(AlertDto.From).ToArray());

    private static Results<Ok<AlertDto>, NotFound<ProblemDetailsLite>, BadRequest<ProblemDetailsLite>> Acknowledge(
        string id, AckRequest? request, EngineService engine, TimeProvider clock)
    {
        var by = string.IsNullOrWhiteSpace(request?.By) ? "operator" : request.By.Trim();
        if (by.Length > 64)
            return TypedResults.BadRequest(new ProblemDetailsLite("invalid acknowledgement", "by: at most 64 characters"));
        var acked = engine.Acknowledge(id, by, clock.GetUtcNow());
        return acked is null
            ? TypedResults.NotFound(new ProblemDetailsLite("alert not found", $"no alert '{id}'"))
            : TypedResults.Ok(AlertDto.From(acked));
    }
}
