using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Straja.Ingest.Outputs;
using Straja.Server.Auth;

namespace Straja.Integration.Tests;

/// <summary>The alert-rules API and the webhook on the real server over loopback.</summary>
public sealed class RulesAndWebhookTests : IAsyncLifetime
{
    private readonly HttpListener _hook = new();
    private readonly Channel<(string Event, string Signature, string Timestamp, byte[] Body)> _posts = Channel.CreateUnbounded<(string, string, string, byte[])>();
    private LoopbackServer? _server;
    private Task? _serve;
    private Uri _hookUrl = null!;

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            _hookUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}/straja/");
        }

        _hook.Prefixes.Add(_hookUrl.ToString());
        _hook.Start();
        _serve = Task.Run(async () =>
        {
            while (_hook.IsListening)
            {
                HttpListenerContext ctx;
                try
                {
                    ctx = await _hook.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var ms = new MemoryStream();
                await ctx.Request.InputStream.CopyToAsync(ms);
                await _posts.Writer.WriteAsync((ctx.Request.Headers["X-Straja-Event"]!, ctx.Request.Headers["X-Straja-Signature"]!,
                    ctx.Request.Headers["X-Straja-Timestamp"]!, ms.ToArray()));
                ctx.Response.StatusCode = 204;
                ctx.Response.Close();
            }
        });
        _server = await LoopbackServer.StartAsync("rules-webhook", o => o with { Webhook = _hookUrl.ToString(), WebhookSecret = "hook-secret", Speed = 10 });
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
        _hook.Stop();
        _hook.Close();
        if (_serve is not null)
            await _serve;
    }

    [Fact]
    public async Task The_built_in_rules_are_served_and_an_admin_replaces_them_while_a_bad_document_changes_nothing()
    {
        var http = _server!.Http; // admin
        string current = await http.GetStringAsync(new Uri("/api/rules", UriKind.Relative));
        Assert.Contains("\"swarm\"", current, StringComparison.Ordinal);

        using var bad = await http.PutAsync(new Uri("/api/rules", UriKind.Relative),
            new StringContent("""{ "rules": [ { "id": "x", "when": { "class": ["helicopter"] } } ] }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("rules[0].when.class[0]", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(current, await http.GetStringAsync(new Uri("/api/rules", UriKind.Relative)));

        const string mine = """{ "rules": [ { "id": "fast", "name": "Fast", "when": { "speedMps": { "min": 80 } } } ] }""";
        using var ok = await http.PutAsync(new Uri("/api/rules", UriKind.Relative), new StringContent(mine, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(mine, await http.GetStringAsync(new Uri("/api/rules", UriKind.Relative)));

        var operatorClient = await _server.NewUserAsync("op.rules", Roles.Operator);
        Assert.Equal(HttpStatusCode.OK, (await operatorClient.GetAsync(new Uri("/api/rules", UriKind.Relative))).StatusCode);
        using var refused = await operatorClient.PutAsync(new Uri("/api/rules", UriKind.Relative), new StringContent(mine, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Validate_checks_a_document_naming_the_fault_and_applies_nothing()
    {
        var http = _server!.Http; // admin
        var rules = new Uri("/api/rules", UriKind.Relative);
        var validate = new Uri("/api/rules/validate", UriKind.Relative);
        string current = await http.GetStringAsync(rules);

        using var bad = await http.PostAsync(validate, Json("""{ "rules": [ { "id": "x", "when": { "all": [ { "speedMps": { "min": 1 } }, { "zone": { "id": "mk", "relation": "near" } } ] } } ] }"""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        using var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Equal("rules[0].when.all[1].zone.relation", problem.RootElement.GetProperty("path").GetString());
        Assert.Contains("near", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var good = await http.PostAsync(validate, Json("""{ "rules": [ { "id": "a", "when": { "speedMps": { "min": 1 } } }, { "id": "b", "enabled": false, "when": { "speedMps": { "min": 2 } } } ] }"""));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var summary = await good.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, summary.GetProperty("count").GetInt32());
        Assert.Equal(1, summary.GetProperty("enabled").GetInt32());
        Assert.Equal(current, await http.GetStringAsync(rules));

        var operatorClient = await _server.NewUserAsync("op.validate", Roles.Operator);
        using var refused = await operatorClient.PostAsync(validate, Json(current));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task A_replacement_based_on_an_old_version_is_refused_with_412_and_changes_nothing()
    {
        var http = _server!.Http; // admin
        var rules = new Uri("/api/rules", UriKind.Relative);
        using var first = await http.GetAsync(rules);
        string version = first.Headers.ETag!.ToString();
        string current = await first.Content.ReadAsStringAsync();

        const string mine = """{ "rules": [ { "id": "fast", "when": { "speedMps": { "min": 80 } } } ] }""";
        using var put = new HttpRequestMessage(HttpMethod.Put, rules) { Content = Json(mine) };
        put.Headers.TryAddWithoutValidation("If-Match", version);
        using var saved = await http.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        string next = saved.Headers.ETag!.ToString();
        Assert.NotEqual(version, next);
        using (var again = await http.GetAsync(rules))
            Assert.Equal(next, again.Headers.ETag!.ToString());

        // A second admin still holding the first version: refused, and the first admin's save stands.
        using var stale = new HttpRequestMessage(HttpMethod.Put, rules) { Content = Json(current) };
        stale.Headers.TryAddWithoutValidation("If-Match", version);
        using var conflict = await http.SendAsync(stale);
        Assert.Equal(HttpStatusCode.PreconditionFailed, conflict.StatusCode);
        Assert.Contains("changed", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(mine, await http.GetStringAsync(rules));
    }

    [Fact]
    public async Task The_border_crossing_alert_reaches_the_webhook_signed()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (true)
        {
            var (ev, signature, timestamp, body) = await _posts.Reader.ReadAsync(cts.Token);
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.GetProperty("alert").GetProperty("kind").GetString() != "border-crossing")
                continue;
            Assert.Equal("alert.raised", ev);
            Assert.Equal("alert.raised", doc.RootElement.GetProperty("event").GetString());
            Assert.Equal(WebhookSender.Sign("hook-secret", long.Parse(timestamp, System.Globalization.CultureInfo.InvariantCulture), body), signature);
            return;
        }
    }
}
