using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Evaluation.Rules;
using Straja.Engine.Runtime;
using Straja.Server.Auth;
using Straja.Server.Hosting;

namespace Straja.Server.Apis;

/// <summary>The operator's alert rules as data: read by viewers, replaced by admins (docs/alert-rules.md).</summary>
internal static class RulesApi
{
    public static void MapRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rules").WithTags("Alert rules").RequireRoles(Roles.Viewer, Roles.Admin);
        api.MapGet("", (RuleSource source) => TypedResults.Text(source.Json, "application/json"))
            .WithSummary("The alert-rules document in force (docs/alert-rules.md).");
        api.MapPut("", Replace)
            .Accepts<string>("application/json")
            .WithSummary("Replaces the alert rules; a bad document is refused naming the JSON path of the fault, and nothing changes.");
    }

    private static async Task<Results<Ok<RulesSummary>, BadRequest<ProblemDetailsLite>>> Replace(HttpRequest request, RuleSource source, EngineService engine)
    {
        using var reader = new StreamReader(request.Body);
        string json = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        IReadOnlyList<AlertRule> rules;
        try
        {
            rules = RuleReader.Parse(json);
        }
        catch (RuleFileException e)
        {
            return TypedResults.BadRequest(new ProblemDetailsLite("invalid alert rules", e.Message));
        }

        source.Save(json);
        engine.ReplaceRules(rules);
        return TypedResults.Ok(new RulesSummary(rules.Count, rules.Select(r => r.Id).ToArray()));
    }
}

public sealed record RulesSummary(int Count, IReadOnlyList<string> Ids);
