using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Straja.Server.Auth;

/// <summary>
/// What an endpoint adds to its own audit record: the actor when nobody is signed in yet (a login
/// names the account it tried) and a short detail (why a login failed).
/// </summary>
internal sealed class AuditNote
{
    private readonly List<string> _details = [];

    public string? Actor { get; set; }

    public void Add(string detail) => _details.Add(detail);

    public string? Detail => _details.Count == 0 ? null : string.Join("; ", _details);
}

/// <summary>
/// Records every call that can change something (any /api method but GET, HEAD, OPTIONS), whatever its
/// outcome: who, what (method, route pattern, route values), when, from where, the status.
/// </summary>
internal sealed class AuditMiddleware(RequestDelegate next, AccountService accounts)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        if (AccessRules.IsReading(ctx.Request.Method) || !ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            await next(ctx).ConfigureAwait(false);
            return;
        }

        var note = new AuditNote();
        ctx.Features.Set(note);
        int? failed = null;
        try
        {
            await next(ctx).ConfigureAwait(false);
        }
        catch
        {
            failed = StatusCodes.Status500InternalServerError;
            throw;
        }
        finally
        {
            var endpoint = ctx.GetEndpoint() as RouteEndpoint;
            var values = ctx.Request.RouteValues;
            string? target = values.Count == 0 ? null : string.Join(",", values.OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => $"{v.Key}={v.Value}"));
            accounts.Audit(new AuditEntry(0, accounts.Clock.GetUtcNow(), note.Actor ?? ctx.User.Identity?.Name ?? "anonymous",
                ctx.Request.Method, endpoint?.RoutePattern.RawText ?? ctx.Request.Path.Value ?? "", target,
                ctx.Connection.RemoteIpAddress?.ToString(), failed ?? ctx.Response.StatusCode, note.Detail));
        }
    }
}
