using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Straja.Server.Auth;

/// <summary>
/// Endpoint metadata: the role that may read (GET, HEAD) and the role that may change (anything else)
/// through an endpoint or a whole group. Put on a group, it also covers endpoints added to it later.
/// </summary>
public sealed record AccessRule(string Read, string Write);

/// <summary>What a request to an endpoint needs: nothing, any signed-in principal, or one role.</summary>
public sealed record RequiredAccess(bool Anonymous, string? Role)
{
    public static RequiredAccess None { get; } = new(true, null);
    public static RequiredAccess AnyUser { get; } = new(false, null);
    public static RequiredAccess InRole(string role) => new(false, role);
}

/// <summary>
/// The one place that decides who may call what. Endpoints that say nothing are covered by the
/// fallback: reading needs viewer, changing needs admin. So an endpoint another part of the server
/// adds is closed to the anonymous and to every non-admin until its author grants a narrower role.
/// </summary>
public static class AccessRules
{
    public static AccessRule Default { get; } = new(Roles.Viewer, Roles.Admin);

    /// <summary>Grants <paramref name="read"/> the GETs and <paramref name="write"/> the changes of this endpoint or group.</summary>
    public static TBuilder RequireRoles<TBuilder>(this TBuilder builder, string read, string write) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new AccessRule(read, write));

    public static bool IsReading(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    /// <summary>What <paramref name="method"/> on <paramref name="endpoint"/> requires, as the authorization middleware enforces it.</summary>
    public static RequiredAccess Required(Endpoint? endpoint, string method)
    {
        var metadata = endpoint?.Metadata;
        if (metadata?.GetMetadata<IAllowAnonymous>() is not null)
            return RequiredAccess.None;
        // Routing's own answers (405 wrong method, 415 wrong content type) are endpoints without a route
        // that do nothing: asking a registrar for admin there would turn their 415 into a misleading 403.
        if (endpoint is not null and not RouteEndpoint)
            return RequiredAccess.AnyUser;
        var authorize = metadata?.GetOrderedMetadata<IAuthorizeData>() ?? [];
        if (authorize.Count > 0)
        {
            // Straja's policies are named after roles; [Authorize] without a policy means any signed-in principal.
            var role = authorize.Select(a => a.Policy).LastOrDefault(p => p is not null && Roles.All.Contains(p));
            return role is null ? RequiredAccess.AnyUser : RequiredAccess.InRole(role);
        }

        var rule = metadata?.GetMetadata<AccessRule>() ?? Default;
        return RequiredAccess.InRole(IsReading(method) ? rule.Read : rule.Write);
    }
}

/// <summary>The fallback requirement: applies <see cref="AccessRules.Required"/> to endpoints without their own policy.</summary>
internal sealed class EndpointAccessRequirement : IAuthorizationRequirement;

internal sealed class EndpointAccessHandler : AuthorizationHandler<EndpointAccessRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EndpointAccessRequirement requirement)
    {
        if (context.Resource is not HttpContext http)
            return Task.CompletedTask;
        var endpoint = http.GetEndpoint();
        // No endpoint outside /api is a plain 404 (or a static file); inside /api it must not reveal what exists.
        if (endpoint is null && !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        var access = AccessRules.Required(endpoint, http.Request.Method);
        bool signedIn = context.User.Identity?.IsAuthenticated == true;
        if (access.Anonymous || (signedIn && (access.Role is null || context.User.IsInRole(access.Role))))
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
