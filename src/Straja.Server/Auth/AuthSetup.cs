using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Straja.Server.Apis;

namespace Straja.Server.Auth;

/// <summary>
/// Wires accounts into the host: cookie sessions for the console, bearer tokens for machines,
/// role policies with an endpoint fallback, the audit of every change, and anti-forgery for
/// cookie-authenticated changes. docs/security.md describes the whole scheme.
/// </summary>
internal static class AuthSetup
{
    /// <summary>The cookie the console's script reads and echoes in <see cref="AntiforgeryHeader"/> (double submit).</summary>
    public const string AntiforgeryCookie = "XSRF-TOKEN";
    public const string AntiforgeryHeader = "X-XSRF-TOKEN";

    public static IServiceCollection AddStrajaAuth(this IServiceCollection services, AccountService accounts, string keysDirectory)
    {
        services.AddSingleton(accounts);
        // Keys on disk: sessions survive a restart, and never leave the data directory.
        services.AddDataProtection().SetApplicationName("straja").PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        services.AddAuthentication(Principals.Scheme)
            .AddPolicyScheme(Principals.Scheme, "session cookie or bearer token", o =>
                o.ForwardDefaultSelector = ctx => TokenAuthenticationHandler.TryBearer(ctx.Request.Headers.Authorization.ToString(), out _)
                    ? Principals.TokenScheme
                    : Principals.CookieScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(Principals.TokenScheme, o => o.TimeProvider = accounts.Clock)
            .AddCookie(Principals.CookieScheme, o =>
            {
                o.Cookie.Name = "straja.session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = accounts.Policy.SessionIdle;
                o.SlidingExpiration = true;
                // The picture runs on scenario time (possibly sped up); sessions run on the account clock.
                o.TimeProvider = accounts.Clock;
                o.Events = new CookieAuthenticationEvents
                {
                    // An API answers with a status, never a redirect to a login page.
                    OnRedirectToLogin = ctx => Status(ctx.Response, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = ctx => Status(ctx.Response, StatusCodes.Status403Forbidden),
                    OnValidatePrincipal = ValidateSession,
                };
            });
        services.AddSingleton<IAuthorizationHandler, EndpointAccessHandler>();
        services.AddAuthorization(o =>
        {
            foreach (var role in Roles.All)
                o.AddPolicy(role, p => p.RequireAuthenticatedUser().RequireRole(role));
            o.FallbackPolicy = new AuthorizationPolicyBuilder().AddRequirements(new EndpointAccessRequirement()).Build();
        });
        services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryHeader;
            o.Cookie.Name = "straja.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    /// <summary>Authentication, audit, authorization and anti-forgery, in that order (after the static console files).</summary>
    public static IApplicationBuilder UseStrajaAuth(this IApplicationBuilder app)
    {
        app.UseAuthentication();
        // Before authorization, so refused calls (401, 403) are in the audit too.
        app.UseMiddleware<AuditMiddleware>();
        app.UseAuthorization();
        app.Use(RequireAntiforgery);
        return app;
    }

    /// <summary>Roles come from the store on every request: a role change or a removed account takes effect at once.</summary>
    private static async Task ValidateSession(CookieValidatePrincipalContext ctx)
    {
        var accounts = ctx.HttpContext.RequestServices.GetRequiredService<AccountService>();
        var name = ctx.Principal?.Identity?.Name;
        var account = name is null ? null : accounts.Find(name);
        if (account is null || ctx.Principal!.FindFirst(Principals.StampClaim)?.Value != Principals.Stamp(account))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(Principals.CookieScheme).ConfigureAwait(false);
            return;
        }

        ctx.ReplacePrincipal(Principals.ForAccount(account));
    }

    private static async Task RequireAntiforgery(HttpContext ctx, RequestDelegate next)
    {
        // Bearer calls carry their credential explicitly, so a forged cross-site request cannot hold one.
        if (!AccessRules.IsReading(ctx.Request.Method) && ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            && Principals.ViaCookie(ctx.User))
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(ctx).ConfigureAwait(false))
            {
                ctx.Features.Get<AuditNote>()?.Add("anti-forgery token missing or invalid");
                await TypedResults.Json(new ProblemDetailsLite("anti-forgery check failed",
                        $"a signed-in console call must echo the {AntiforgeryCookie} cookie in the {AntiforgeryHeader} header"),
                    statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(ctx).ConfigureAwait(false);
                return;
            }
        }

        await next(ctx).ConfigureAwait(false);
    }

    /// <summary>Issues the request token the console echoes; bound to <paramref name="ctx"/>'s current user.</summary>
    public static void IssueAntiforgeryToken(HttpContext ctx)
    {
        var tokens = ctx.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(ctx);
        ctx.Response.Cookies.Append(AntiforgeryCookie, tokens.RequestToken!, new CookieOptions
        {
            // Readable by the page's script on purpose: that is the double submit.
            HttpOnly = false,
            SameSite = SameSiteMode.Strict,
            Secure = ctx.Request.IsHttps,
            Path = "/",
        });
    }

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }
}
