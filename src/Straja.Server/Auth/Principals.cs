using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Straja.Server.Auth;

/// <summary>How principals are built and told apart: a console session (cookie) or a machine client (bearer token).</summary>
internal static class Principals
{
    public const string CookieScheme = "straja.cookie";
    public const string TokenScheme = "straja.token";
    /// <summary>Forwards to the token scheme when the request carries a bearer token, else to the cookie.</summary>
    public const string Scheme = "straja";
    public const string StampClaim = "straja:stamp";

    public static ClaimsPrincipal ForAccount(Account a) => Build(CookieScheme, a.Name, a.Roles, new Claim(StampClaim, Stamp(a)));

    public static ClaimsPrincipal ForToken(ApiToken t) => Build(TokenScheme, "token:" + t.Name, t.Roles);

    public static bool ViaCookie(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: CookieScheme };

    /// <summary>Changes when the password does, so a reset ends every session of the old password.</summary>
    public static string Stamp(Account a) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(a.PasswordHash)).AsSpan(0, 8));

    private static ClaimsPrincipal Build(string scheme, string name, IEnumerable<string> roles, params Claim[] extra)
    {
        // A NameIdentifier keeps the anti-forgery token bound to the name alone, so a role change mid-session does not void it.
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.NameIdentifier, scheme + ":" + name) };
        claims.AddRange(Roles.Expand(roles).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(extra);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }
}

/// <summary>Authorization: Bearer straja_… → the token's principal; a wrong or revoked token fails (no fallback to the cookie).</summary>
internal sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccountService accounts)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryBearer(Request.Headers.Authorization.ToString(), out var secret))
            return Task.FromResult(AuthenticateResult.NoResult());
        var token = accounts.FindToken(secret);
        return Task.FromResult(token is null
            ? AuthenticateResult.Fail("unknown or revoked API token")
            : AuthenticateResult.Success(new AuthenticationTicket(Principals.ForToken(token), Principals.TokenScheme)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    public static bool TryBearer(string header, out string secret)
    {
        const string prefix = "Bearer ";
        secret = header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) ? header[prefix.Length..].Trim() : "";
        return secret.Length > 0;
    }
}
