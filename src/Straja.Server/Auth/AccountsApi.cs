using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Straja.Server.Apis;

namespace Straja.Server.Auth;

/// <summary>Sign-in for the console (/api/session) and the admin's accounts, tokens and audit.</summary>
internal static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Session");
        session.MapGet("/", GetSession).AllowAnonymous()
            .WithSummary("Who is signed in: 200 {user, roles} (and a fresh XSRF-TOKEN cookie), or 401.");
        session.MapPost("/login", Login).AllowAnonymous()
            .WithSummary("Sign in with user and password; sets the session cookie. 401 wrong credentials, 423 locked out.");
        session.MapPost("/logout", (Delegate)Logout).RequireAuthorization().WithSummary("End the console session.");
        session.MapPost("/password", ChangePassword).RequireAuthorization().WithSummary("Change one's own password (the current one is required).");

        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Roles.Admin);
        accounts.MapGet("/", (AccountService a) => TypedResults.Ok(a.Accounts().Select(AccountDto.From).ToArray())).WithSummary("Every account.");
        accounts.MapPost("/", (NewAccountRequest r, AccountService a) => Guard(() =>
        {
            var created = a.Create(r.User, r.Password, r.Roles);
            return TypedResults.Created($"/api/accounts/{created.Name}", AccountDto.From(created));
        })).WithSummary("Create an account with a password and roles (viewer, operator, investigator, registrar, border-police, admin).");
        accounts.MapPut("/{user}/roles", (string user, RolesRequest r, AccountService a) =>
            Guard(() => TypedResults.Ok(AccountDto.From(a.SetRoles(user, r.Roles))))).WithSummary("Replace an account's roles.");
        accounts.MapPost("/{user}/password", (string user, PasswordRequest r, AccountService a) => Guard(() =>
        {
            a.ResetPassword(user, r.Password);
            return TypedResults.NoContent();
        })).WithSummary("Set a new password; lifts any lock-out and ends the account's sessions.");

        var tokens = app.MapGroup("/api/tokens").WithTags("Accounts").RequireAuthorization(Roles.Admin);
        tokens.MapGet("/", (AccountService a) => TypedResults.Ok(a.Tokens().Select(TokenDto.From).ToArray())).WithSummary("API tokens (never their secrets).");
        tokens.MapPost("/", (NewTokenRequest r, AccountService a, ClaimsPrincipal user) => Guard(() =>
        {
            var (token, secret) = a.CreateToken(r.Name, r.Roles, user.Identity?.Name ?? "?");
            return TypedResults.Created($"/api/tokens/{token.Id}", new CreatedTokenDto(TokenDto.From(token), secret,
                "The secret is shown once and only its hash is stored; send it as 'Authorization: Bearer <secret>'."));
        })).WithSummary("Create a named API token with a role set; the answer holds its secret this once.");
        tokens.MapDelete("/{id}", (string id, AccountService a) => a.RevokeToken(id)
            ? Results.NoContent()
            : TypedResults.NotFound(new ProblemDetailsLite("not found", $"no API token '{id}'"))).WithSummary("Revoke a token at once.");

        app.MapGet("/api/audit", (AccountService a, long? after, int? max, string? user) =>
                TypedResults.Ok(a.AuditLog(Math.Max(0, after ?? 0), Math.Clamp(max ?? 1000, 1, 10_000), string.IsNullOrEmpty(user) ? null : user).ToArray()))
            .RequireAuthorization(Roles.Admin).WithTags("Accounts")
            .WithSummary("Audited calls after id 'after', oldest first, at most 'max', of one actor when 'user' is given.");
        return app;
    }

    private static Results<Ok<SessionDto>, JsonHttpResult<ProblemDetailsLite>> GetSession(HttpContext http)
    {
        if (http.User.Identity?.IsAuthenticated != true)
            return NotSignedIn();
        // A console reload re-reads its anti-forgery token here.
        if (Principals.ViaCookie(http.User))
            AuthSetup.IssueAntiforgeryToken(http);
        return TypedResults.Ok(SessionDto.From(http.User));
    }

    private static async Task<Results<Ok<SessionDto>, JsonHttpResult<ProblemDetailsLite>>> Login(LoginRequest request, HttpContext http, AccountService accounts)
    {
        string name = request.User?.Trim() ?? "";
        var note = http.Features.Get<AuditNote>();
        if (note is not null)
            note.Actor = name.Length is > 0 and <= 64 ? name : "anonymous";
        var result = accounts.Login(name, request.Password ?? "");
        switch (result.Outcome)
        {
            case LoginOutcome.Ok:
                var principal = Principals.ForAccount(result.Account!);
                await http.SignInAsync(Principals.CookieScheme, principal).ConfigureAwait(false);
                // The anti-forgery token is bound to the user, so it is issued for the one just signed in.
                http.User = principal;
                AuthSetup.IssueAntiforgeryToken(http);
                note?.Add("login");
                return TypedResults.Ok(SessionDto.From(principal));
            case LoginOutcome.LockedNow or LoginOutcome.Locked:
                string until = result.LockedUntil!.Value.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
                note?.Add(result.Outcome == LoginOutcome.LockedNow ? $"login failed; locked out until {until}Z" : $"login refused: locked until {until}Z");
                http.Response.Headers.RetryAfter = Math.Ceiling((result.LockedUntil.Value - accounts.Clock.GetUtcNow()).TotalSeconds).ToString(CultureInfo.InvariantCulture);
                return TypedResults.Json(new ProblemDetailsLite("account locked",
                    $"too many failed logins: try again after {until} UTC, or ask an admin to reset the password"), statusCode: StatusCodes.Status423Locked);
            default:
                note?.Add("login failed");
                return TypedResults.Json(new ProblemDetailsLite("login failed", "wrong user name or password"), statusCode: StatusCodes.Status401Unauthorized);
        }
    }

    private static async Task<NoContent> Logout(HttpContext http)
    {
        await http.SignOutAsync(Principals.CookieScheme).ConfigureAwait(false);
        http.Response.Cookies.Delete(AuthSetup.AntiforgeryCookie);
        return TypedResults.NoContent();
    }

    private static IResult ChangePassword(ChangePasswordRequest request, ClaimsPrincipal user, AccountService accounts)
    {
        if (!Principals.ViaCookie(user))
            return TypedResults.BadRequest(new ProblemDetailsLite("no password", "an API token has no password; sign in as the account"));
        return Guard(() => accounts.ChangePassword(user.Identity!.Name!, request.CurrentPassword, request.NewPassword)
            ? Results.NoContent()
            : TypedResults.BadRequest(new ProblemDetailsLite("wrong password", "currentPassword: does not match")));
    }

    private static JsonHttpResult<ProblemDetailsLite> NotSignedIn() =>
        TypedResults.Json(new ProblemDetailsLite("not signed in", "POST /api/session/login first"), statusCode: StatusCodes.Status401Unauthorized);

    /// <summary>Turns a refused account change into 400 / 404 / 409 naming the field or account.</summary>
    private static IResult Guard<T>(Func<T> change) where T : IResult
    {
        try
        {
            return change();
        }
        catch (AccountException e)
        {
            var body = new ProblemDetailsLite(e.Code switch
            {
                AccountError.NotFound => "not found",
                AccountError.AlreadyExists => "already exists",
                _ => "invalid field",
            }, e.Message);
            return e.Code switch
            {
                AccountError.NotFound => TypedResults.NotFound(body),
                AccountError.AlreadyExists => TypedResults.Conflict(body),
                _ => TypedResults.BadRequest(body),
            };
        }
    }
}

/// <summary>The session contract the console relies on: exactly {"user": name, "roles": [...]}.</summary>
public sealed record SessionDto(string User, IReadOnlyList<string> Roles)
{
    internal static SessionDto From(ClaimsPrincipal p) =>
        new(p.Identity?.Name ?? "", p.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray());
}

public sealed record LoginRequest(string? User, string? Password);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record NewAccountRequest(string? User, string? Password, string[]? Roles);

public sealed record RolesRequest(string[]? Roles);

public sealed record PasswordRequest(string? Password);

public sealed record NewTokenRequest(string? Name, string[]? Roles);

/// <summary>An account without its hash; roles as granted (admin implies the rest).</summary>
public sealed record AccountDto(string User, IReadOnlyList<string> Roles, DateTimeOffset Created, DateTimeOffset? LockedUntil, int FailedLogins)
{
    internal static AccountDto From(Account a) => new(a.Name, a.Roles, a.Created, a.LockedUntil, a.FailedCount);
}

public sealed record TokenDto(string Id, string Name, IReadOnlyList<string> Roles, DateTimeOffset Created, string CreatedBy, DateTimeOffset? Revoked)
{
    internal static TokenDto From(ApiToken t) => new(t.Id, t.Name, t.Roles, t.Created, t.CreatedBy, t.Revoked);
}

public sealed record CreatedTokenDto(TokenDto Token, string Secret, string Warning);
