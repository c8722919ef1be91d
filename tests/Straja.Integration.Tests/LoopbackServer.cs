using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Straja.Server;

namespace Straja.Integration.Tests;

/// <summary>
/// A whole Straja server on a free loopback port with its own data directory, and an HTTP client
/// for it signed in as admin (a bearer token made from the first admin's printed password);
/// disposing stops the server and removes the directory.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const string TestPassword = "correct horse battery staple";

    private readonly string _data;
    private readonly List<HttpClient> _clients = [];

    private LoopbackServer(StrajaServer server, string data)
    {
        Server = server;
        _data = data;
        BaseAddress = new Uri(server.Addresses.Single());
        Http = Anonymous();
    }

    public StrajaServer Server { get; }
    public Uri BaseAddress { get; }

    /// <summary>Signed in with an admin token: may call everything.</summary>
    public HttpClient Http { get; private set; }

    /// <summary>The secret of <see cref="Http"/>'s token, for clients that are not HttpClient (WebSockets).</summary>
    public string AdminToken { get; private set; } = "";

    /// <summary>Starts the single-crossing scenario; <paramref name="configure"/> adjusts the options.</summary>
    public static async Task<LoopbackServer> StartAsync(string name, Func<StrajaServerOptions, StrajaServerOptions>? configure = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"straja-{name}-{Guid.NewGuid():N}");
        var options = StrajaServerOptions.Default with { Urls = "http://127.0.0.1:0", DataDirectory = data, Scenario = "single-crossing" };
        var server = await StrajaServer.StartAsync(configure is null ? options : configure(options));
        var loopback = new LoopbackServer(server, data);
        var admin = await loopback.SignInAsync("admin", server.InitialAdminPassword!);
        loopback.AdminToken = await CreateTokenAsync(admin, "tests-admin", "admin");
        loopback.Http = loopback.WithToken(loopback.AdminToken);
        return loopback;
    }

    public HttpClient Anonymous() => Track(new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) });

    public HttpClient WithToken(string secret)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    /// <summary>A console-like client: session cookie, and the XSRF-TOKEN cookie echoed on every change.</summary>
    public async Task<HttpClient> SignInAsync(string user, string password)
    {
        var http = CookieClient(echoAntiforgery: true);
        using var response = await http.PostAsJsonAsync(new Uri("/api/session/login", UriKind.Relative), new { user, password });
        Assert.True(response.IsSuccessStatusCode, $"login {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return http;
    }

    /// <summary>A cookie client; without <paramref name="echoAntiforgery"/> it behaves like a forged cross-site form.</summary>
    public HttpClient CookieClient(bool echoAntiforgery)
    {
        var cookies = new CookieContainer();
        HttpMessageHandler handler = new HttpClientHandler { CookieContainer = cookies, UseCookies = true };
        if (echoAntiforgery)
            handler = new AntiforgeryEcho(cookies, BaseAddress) { InnerHandler = handler };
        return Track(new HttpClient(handler) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>Creates an account with <see cref="TestPassword"/> and returns its signed-in client.</summary>
    public async Task<HttpClient> NewUserAsync(string user, params string[] roles)
    {
        using var created = await Http.PostAsJsonAsync(new Uri("/api/accounts", UriKind.Relative), new { user, password = TestPassword, roles });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"create {user}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        return await SignInAsync(user, TestPassword);
    }

    /// <summary>A client holding a new API token with exactly <paramref name="roles"/>.</summary>
    public async Task<HttpClient> TokenClientAsync(string name, params string[] roles) => WithToken(await CreateTokenAsync(Http, name, roles));

    public static async Task<string> CreateTokenAsync(HttpClient admin, string name, params string[] roles)
    {
        using var response = await admin.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative), new { name, roles });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"token {name}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("secret").GetString()!;
    }

    private HttpClient Track(HttpClient http)
    {
        lock (_clients)
            _clients.Add(http);
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        lock (_clients)
        {
            foreach (var c in _clients)
                c.Dispose();
        }

        await Server.StopAsync();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }

    /// <summary>What the console's script does: copies the XSRF-TOKEN cookie into the X-XSRF-TOKEN header of each change.</summary>
    private sealed class AntiforgeryEcho(CookieContainer cookies, Uri site) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Get && cookies.GetCookies(site)["XSRF-TOKEN"] is { } token)
                request.Headers.Add("X-XSRF-TOKEN", token.Value);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

internal static class WebSocketTestExtensions
{
    /// <summary>Reads one whole text message (however many frames it takes) as JSON.</summary>
    public static async Task<JsonElement> ReceiveJsonAsync(this System.Net.WebSockets.WebSocket ws, CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        using var ms = new MemoryStream();
        System.Net.WebSockets.WebSocketReceiveResult r;
        do
        {
            r = await ws.ReceiveAsync(buffer, ct);
            ms.Write(buffer, 0, r.Count);
        }
        while (!r.EndOfMessage);
        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }
}

/// <summary>A clock the test moves by hand (lock-out periods without waiting).</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
            return _now;
    }

    public void Advance(TimeSpan by)
    {
        lock (_lock)
            _now += by;
    }
}
