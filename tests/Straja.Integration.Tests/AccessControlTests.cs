using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Straja.Server.Auth;

namespace Straja.Integration.Tests;

/// <summary>
/// Accounts, roles, tokens, lock-out, anti-forgery and the audit on the real server. The permission test
/// reads the endpoints from the running app, so endpoints added later are covered without editing it.
/// </summary>
public sealed class AccessControlTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private LoopbackServer _server = null!;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("access", o => o with { AccountClock = _clock });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static Uri At(string path) => new(path, UriKind.Relative);

    private sealed record Call(string Method, string Pattern, string Path, RequiredAccess Access, string ContentType);

    /// <summary>Every endpoint that accepts a method other than GET/HEAD/OPTIONS, with route values filled in.</summary>
    private List<Call> MutatingCalls() => Calls(reading: false);

    /// <summary>Every endpoint's GET (or, with <paramref name="reading"/> false, every change), with route values filled in.</summary>
    private List<Call> Calls(bool reading)
    {
        var endpoints = _server.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var calls = new List<Call>();
        foreach (var e in endpoints)
        {
            var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
            foreach (var method in methods.Where(m => reading ? HttpMethods.IsGet(m) : !AccessRules.IsReading(m)))
            {
                string path = "/" + Regex.Replace(e.RoutePattern.RawText!.TrimStart('/'), @"\{([^}:=?]+)([^}]*)\}", m =>
                    m.Groups[2].Value.Contains("int", StringComparison.Ordinal) || m.Groups[2].Value.Contains("long", StringComparison.Ordinal) ? "1"
                    : m.Groups[2].Value.Contains("guid", StringComparison.Ordinal) ? Guid.Empty.ToString()
                    : "perm-test");
                // The body's type must be one the endpoint accepts, or routing answers 415 before any role is asked for.
                string type = e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.FirstOrDefault() ?? "application/json";
                calls.Add(new Call(method, e.RoutePattern.RawText!, path, AccessRules.Required(e, method), type));
            }
        }

        return calls;
    }

    private static async Task<HttpStatusCode> Send(HttpClient http, Call call)
    {
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), At(call.Path))
        {
            Content = new StringContent(call.ContentType == "application/json" ? "{}" : "", System.Text.Encoding.UTF8, call.ContentType),
        };
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public void The_roles_the_issue_names_guard_their_endpoints()
    {
        var calls = MutatingCalls();
        string Role(string method, string pattern) =>
            calls.Single(c => c.Method == method && c.Pattern.TrimEnd('/') == pattern).Access.Role ?? "any";

        Assert.Equal("operator", Role("POST", "/api/alerts/{id}/ack"));
        Assert.Equal("admin", Role("PUT", "/api/rules"));
        Assert.Equal("admin", Role("POST", "/api/rules/validate"));
        foreach (var c in calls.Where(c => c.Pattern.StartsWith("/api/registry", StringComparison.Ordinal)))
            Assert.Equal("registrar", c.Access.Role);
        foreach (var c in calls.Where(c => c.Pattern.StartsWith("/api/accounts", StringComparison.Ordinal) || c.Pattern.StartsWith("/api/tokens", StringComparison.Ordinal)))
            Assert.Equal("admin", c.Access.Role);
        // Only signing in and filing a field report (residents have no account; it is rate-limited) are open
        // to the anonymous; a new open endpoint must be added here on purpose.
        Assert.Equal(["POST /api/field-reports", "POST /api/session/login"],
            calls.Where(c => c.Access.Anonymous).Select(c => $"{c.Method} {c.Pattern.TrimEnd('/')}").Order(StringComparer.Ordinal));
        Assert.True(calls.Count >= 20, $"only {calls.Count} mutating endpoints found");
        // The border police are granted no change of their own: they file reports like anyone, only trusted.
        Assert.DoesNotContain(calls, c => c.Access.Role == Roles.BorderPolice);
    }

    [Fact]
    public async Task Every_mutating_endpoint_refuses_the_anonymous_and_the_wrong_role_and_admits_the_right_one()
    {
        var anonymous = _server.Anonymous();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        async Task<HttpClient> With(IReadOnlyList<string> roles)
        {
            string key = string.Join("+", roles);
            if (!clients.TryGetValue(key, out var http))
                clients[key] = http = roles.Count == 0 ? await _server.NewUserAsync("no-roles") : await _server.TokenClientAsync("perm-" + key, [.. roles]);
            return http;
        }

        var failures = new List<string>();
        foreach (var call in MutatingCalls().Where(c => !c.Access.Anonymous))
        {
            string name = $"{call.Method} {call.Pattern}";
            if (await Send(anonymous, call) is var a && a != HttpStatusCode.Unauthorized)
                failures.Add($"{name}: anonymous got {(int)a}, expected 401");
            if (call.Access.Role is { } role)
            {
                // Everything but the required role (and admin, which implies it); border-police is the one role without viewer.
                List<string> wrong = role == Roles.Viewer ? [Roles.BorderPolice] : Roles.All.Where(r => r != role && r != Roles.Admin).ToList();
                if (await Send(await With(wrong), call) is var w && w != HttpStatusCode.Forbidden)
                    failures.Add($"{name}: roles [{string.Join(",", wrong)}] got {(int)w}, expected 403");
            }

            var right = await Send(await With([call.Access.Role ?? Roles.Viewer]), call);
            if (right is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
                failures.Add($"{name}: role {call.Access.Role ?? "any"} got {(int)right}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task A_border_police_account_reads_nothing_of_the_picture_and_cannot_acknowledge_alerts_or_edit_zones()
    {
        var officer = await _server.NewUserAsync("matei", Roles.BorderPolice);
        var session = await officer.GetFromJsonAsync<JsonElement>(At("/api/session"));
        Assert.Equal(["border-police"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        var failures = new List<string>();
        foreach (var call in Calls(reading: true).Where(c => c.Access.Role is not null).Append(new Call("GET", "/api/live", "/api/live", RequiredAccess.InRole(Roles.Viewer), "")))
        {
            using var r = await officer.GetAsync(At(call.Path));
            if (r.StatusCode != HttpStatusCode.Forbidden)
                failures.Add($"GET {call.Pattern}: {(int)r.StatusCode}, expected 403");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using (var ack = await officer.PostAsJsonAsync(At("/api/alerts/A1/ack"), new { }))
            Assert.Equal(HttpStatusCode.Forbidden, ack.StatusCode);
        using (var zone = await officer.DeleteAsync(At("/api/zones/mk")))
            Assert.Equal(HttpStatusCode.Forbidden, zone.StatusCode);
        using (var draw = await officer.PostAsJsonAsync(At("/api/zones"), new { type = "Feature" }))
            Assert.Equal(HttpStatusCode.Forbidden, draw.StatusCode);
        // What is theirs stays open to them: their own reports, their password, signing out.
        using (var mine = await officer.GetAsync(At("/api/field-reports/mine")))
            Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        using (var password = await officer.PostAsJsonAsync(At("/api/session/password"), new { currentPassword = LoopbackServer.TestPassword, newPassword = "a long new passphrase" }))
            Assert.Equal(HttpStatusCode.NoContent, password.StatusCode);
    }

    [Fact]
    public async Task A_viewer_cannot_acknowledge_an_alert_and_an_operator_gets_past_the_check()
    {
        var viewer = await _server.TokenClientAsync("wall-screen", "viewer");
        using (var refused = await viewer.PostAsJsonAsync(At("/api/alerts/A1/ack"), new { }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        // No alert A1 exists: the operator is let through to the endpoint, which says so.
        var operatorClient = await _server.TokenClientAsync("console-2", "operator");
        using var allowed = await operatorClient.PostAsJsonAsync(At("/api/alerts/A1/ack"), new { });
        Assert.Equal(HttpStatusCode.NotFound, allowed.StatusCode);
    }

    [Fact]
    public async Task The_first_admin_password_is_made_once_and_never_shown_again()
    {
        var data = Path.Combine(Path.GetTempPath(), $"straja-first-admin-{Guid.NewGuid():N}");
        var options = Straja.Server.StrajaServerOptions.Default with { Urls = "http://127.0.0.1:0", DataDirectory = data, Scenario = "single-crossing" };
        try
        {
            string? first;
            await using (var server = await Straja.Server.StrajaServer.StartAsync(options))
            {
                first = server.InitialAdminPassword;
                await server.StopAsync();
            }

            await using var again = await Straja.Server.StrajaServer.StartAsync(options);
            Assert.Null(again.InitialAdminPassword);
            Assert.Equal(20, first?.Length);
            Assert.DoesNotContain(first!, await File.ReadAllTextAsync(Path.Combine(data, "straja.db")), StringComparison.Ordinal);
            await again.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task An_operator_cannot_edit_the_registry_and_a_registrar_can()
    {
        var site = new { id = "site-perm", name = "Brasov line 2", country = "RO", @operator = "JV" };
        var ion = await _server.NewUserAsync("ion", "operator");
        using (var refused = await ion.PostAsJsonAsync(At("/api/registry/sites"), site))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var maria = await _server.NewUserAsync("maria", "registrar");
        using (var created = await maria.PostAsJsonAsync(At("/api/registry/sites"), site))
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var audit = await ion.GetFromJsonAsync<JsonElement>(At("/api/registry/audit"));
        Assert.Contains(audit.EnumerateArray(), r => r.GetProperty("actor").GetString() == "maria");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes()
    {
        await _server.NewUserAsync("elena", "viewer");
        var http = _server.CookieClient(echoAntiforgery: true);
        async Task<HttpStatusCode> Login(string password)
        {
            using var r = await http.PostAsJsonAsync(At("/api/session/login"), new { user = "elena", password });
            return r.StatusCode;
        }

        for (int i = 1; i <= 4; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, await Login("wrong password " + i));
        Assert.Equal(HttpStatusCode.Locked, await Login("wrong password 5"));
        // Locked: even the right password is refused until the period ends.
        Assert.Equal(HttpStatusCode.Locked, await Login(LoopbackServer.TestPassword));
        _clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Locked, await Login(LoopbackServer.TestPassword));
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await Login(LoopbackServer.TestPassword));

        var audit = await _server.Http.GetFromJsonAsync<JsonElement>(At("/api/audit?user=elena"));
        var details = audit.EnumerateArray().Select(e => e.GetProperty("detail").GetString() ?? "").ToList();
        Assert.Equal(4, details.Count(d => d == "login failed"));
        Assert.Single(details, d => d.StartsWith("login failed; locked out until", StringComparison.Ordinal));
        Assert.Equal(2, details.Count(d => d.StartsWith("login refused: locked", StringComparison.Ordinal)));
        Assert.Equal("login", details[^1]);
    }

    [Fact]
    public async Task A_token_authenticates_until_it_is_revoked()
    {
        using var created = await _server.Http.PostAsJsonAsync(At("/api/tokens"), new { name = "c2-bridge", roles = new[] { "operator" } });
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        string secret = body.GetProperty("secret").GetString()!;
        string id = body.GetProperty("token").GetProperty("id").GetString()!;
        var machine = _server.WithToken(secret);

        var session = await machine.GetFromJsonAsync<JsonElement>(At("/api/session"));
        Assert.Equal("token:c2-bridge", session.GetProperty("user").GetString());
        Assert.Equal(["viewer", "operator"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        using (var ok = await machine.GetAsync(At("/api/alerts")))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        using (var revoked = await _server.Http.DeleteAsync(At($"/api/tokens/{id}")))
            Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        using var refused = await machine.GetAsync(At("/api/alerts"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var listed = await _server.Http.GetFromJsonAsync<JsonElement>(At("/api/tokens"));
        Assert.DoesNotContain(secret, listed.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_audit_records_who_did_what_from_where_and_the_outcome()
    {
        var dan = await _server.NewUserAsync("dan", "operator");
        using (await dan.PostAsJsonAsync(At("/api/alerts/A4242/ack"), new { })) { }
        using (await _server.Anonymous().PostAsJsonAsync(At("/api/registry/members/UA"), new { })) { }

        var audit = (await _server.Http.GetFromJsonAsync<JsonElement>(At("/api/audit"))).EnumerateArray().ToList();
        var ack = audit.Single(e => e.GetProperty("actor").GetString() == "dan" && e.GetProperty("route").GetString() == "/api/alerts/{id}/ack");
        Assert.Equal("POST", ack.GetProperty("method").GetString());
        Assert.Equal("id=A4242", ack.GetProperty("target").GetString());
        Assert.Equal("127.0.0.1", ack.GetProperty("remote").GetString());
        Assert.Equal(404, ack.GetProperty("status").GetInt32());
        Assert.Equal(_clock.GetUtcNow(), ack.GetProperty("time").GetDateTimeOffset());

        var refused = audit.Single(e => e.GetProperty("route").GetString() == "/api/registry/members/{code}");
        Assert.Equal("anonymous", refused.GetProperty("actor").GetString());
        Assert.Equal(401, refused.GetProperty("status").GetInt32());

        using var forbidden = await dan.GetAsync(At("/api/audit"));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task A_cookie_session_change_without_the_antiforgery_header_is_refused()
    {
        await _server.NewUserAsync("vlad", "operator");
        var forged = _server.CookieClient(echoAntiforgery: false);
        using (var login = await forged.PostAsJsonAsync(At("/api/session/login"), new { user = "vlad", password = LoopbackServer.TestPassword }))
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);

        using var refused = await forged.PostAsJsonAsync(At("/api/alerts/A1/ack"), new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("X-XSRF-TOKEN", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var echoing = await _server.SignInAsync("vlad", LoopbackServer.TestPassword);
        using var passed = await echoing.PostAsJsonAsync(At("/api/alerts/A1/ack"), new { });
        Assert.Equal(HttpStatusCode.NotFound, passed.StatusCode);
    }

    [Fact]
    public async Task The_session_endpoint_answers_user_and_roles_or_401()
    {
        var http = _server.CookieClient(echoAntiforgery: true);
        using (var none = await http.GetAsync(At("/api/session")))
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);

        await _server.NewUserAsync("irina", "investigator");
        using (var wrong = await http.PostAsJsonAsync(At("/api/session/login"), new { user = "irina", password = "not her password" }))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var ok = await http.PostAsJsonAsync(At("/api/session/login"), new { user = "irina", password = LoopbackServer.TestPassword }))
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var session = await http.GetFromJsonAsync<JsonElement>(At("/api/session"));
        Assert.Equal(["roles", "user"], session.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("irina", session.GetProperty("user").GetString());
        Assert.Equal(["viewer", "investigator"], session.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));

        using (var logout = await http.PostAsync(At("/api/session/logout"), null))
            Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using var after = await http.GetAsync(At("/api/session"));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }

    [Fact]
    public async Task Reading_the_picture_needs_a_signed_in_viewer_but_status_and_map_outlines_are_open()
    {
        var anonymous = _server.Anonymous();
        foreach (var path in new[] { "/api/tracks", "/api/alerts", "/api/sensors", "/api/zones", "/api/registry/units", "/api/accounts" })
        {
            using var r = await anonymous.GetAsync(At(path));
            Assert.True(r.StatusCode == HttpStatusCode.Unauthorized, $"GET {path}: {(int)r.StatusCode}");
        }

        foreach (var path in new[] { "/api/status", "/api/geo/border", "/openapi/v1.json" })
        {
            using var r = await anonymous.GetAsync(At(path));
            Assert.True(r.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)r.StatusCode}");
        }
    }

    [Fact]
    public async Task An_admin_reset_ends_the_old_sessions_and_lifts_a_lock()
    {
        var old = await _server.NewUserAsync("petru", "viewer");
        using (var reset = await _server.Http.PostAsJsonAsync(At("/api/accounts/petru/password"), new { password = "a brand new passphrase" }))
            Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        using var stale = await old.GetAsync(At("/api/session"));
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
        await _server.SignInAsync("petru", "a brand new passphrase");
    }
}
