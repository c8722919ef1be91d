using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Straja.Server.Apis;

namespace Straja.Server.Hosting;

/// <summary>
/// A request the endpoints cannot even bind (malformed JSON, a wrong type, a missing parameter) gets
/// a 400 whose body says what was wrong and where, like every other refusal of the API. The framework
/// alone answers such requests with an empty 400 in production.
/// </summary>
internal static class RequestProblems
{
    public static IServiceCollection AddRequestProblems(this IServiceCollection services) =>
        // Binding failures throw instead of writing a bare status, so the middleware below can explain them.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseRequestProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException e) when (!context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = e.StatusCode;
                await context.Response.WriteAsJsonAsync(Describe(e), context.RequestAborted).ConfigureAwait(false);
            }
        });

    internal static ProblemDetailsLite Describe(BadHttpRequestException e) => e.InnerException switch
    {
        // System.Text.Json's message names the JSON path and the line/byte position of the fault.
        JsonException json => new ProblemDetailsLite("invalid request body", json.Message),
        _ => new ProblemDetailsLite("invalid request", e.Message),
    };
}
