using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Engine.Evaluation.Rules;
using Straja.Engine.Runtime;
using Straja.Server.Auth;
using Straja.Server.Hosting;

namespace Straja.Server.Apis;

/// <summary>The operator's alert rules as data: read by viewers, checked and replaced by admins (docs/alert-rules.md).</summary>
internal static class RulesApi
{
    public static void MapRulesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/rules").WithTags("Alert rules").RequireRoles(Roles.Viewer, Roles.Admin);
        api.MapGet("", (RuleSource source, HttpResponse response) =>
            {
                response.Headers.ETag = source.Version;
                return TypedResults.Text(source.Json, "application/json");
            })
            .WithSummary("The alert-rules document in force (docs/alert-rules.md); its ETag is the version to send back as If-Match.");
        api.MapPost("/validate", Validate)
            .Accepts<string>("application/json")
            .WithSummary("Checks an alert-rules document without applying it: 200 with its rule ids, or 400 naming the JSON path of the fault.");
        api.MapPut("", Replace)
            .Accepts<string>("application/json")
            .WithSummary("Replaces the alert rules; a bad document is refused naming the JSON path of the fault, and nothing changes. " +
                "With If-Match, a document changed since that version is refused with 412.");
    }

    private static async Task<Results<Ok<RulesSummary>, BadRequest<RulesProblem>>> Validate(HttpRequest request)
    {
        string json = await BodyAsync(request).ConfigureAwait(false);
        return Check(json, out var rules, out var problem) ? TypedResults.Ok(RulesSummary.Of(rules)) : TypedResults.BadRequest(problem);
    }

    private static async Task<Results<Ok<RulesSummary>, BadRequest<RulesProblem>, JsonHttpResult<RulesProblem>>> Replace(
        HttpRequest request, HttpResponse response, RuleSource source, EngineService engine)
    {
        string json = await BodyAsync(request).ConfigureAwait(false);
        if (!Check(json, out var rules, out var problem))
            return TypedResults.BadRequest(problem);

        // Without If-Match the last writer wins, as before; the console always sends it.
        string? expected = request.Headers.IfMatch.Count == 0 || request.Headers.IfMatch.ToString().Trim() == "*"
            ? null
            : request.Headers.IfMatch.ToString().Trim();
        if (!source.TryReplace(json, expected, () => engine.ReplaceRules(rules)))
        {
            return TypedResults.Json(
                new RulesProblem("alert rules changed", $"the rules were changed since version {expected} was read (now {source.Version}); reload them and edit again", null),
                statusCode: StatusCodes.Status412PreconditionFailed);
        }

        response.Headers.ETag = RuleSource.VersionOf(json);
        return TypedResults.Ok(RulesSummary.Of(rules));
    }

    private static async Task<string> BodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        return await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
    }

    private static bool Check(string json, out IReadOnlyList<AlertRule> rules, [NotNullWhen(false)] out RulesProblem? problem)
    {
        try
        {
            rules = RuleReader.Parse(json);
            problem = null;
            return true;
        }
        catch (RuleFileException e)
        {
            rules = [];
            problem = new RulesProblem("invalid alert rules", e.Message, e.Path);
            return false;
        }
    }
}

public sealed record RulesSummary(int Count, IReadOnlyList<string> Ids, int Enabled)
{
    internal static RulesSummary Of(IReadOnlyList<AlertRule> rules) => new(rules.Count, rules.Select(r => r.Id).ToArray(), rules.Count(r => r.Enabled));
}

/// <summary>A refused rules document: the problem body plus the JSON path of the fault on its own, so a client can point at it.</summary>
public sealed record RulesProblem(string Title, string Detail, string? Path);
