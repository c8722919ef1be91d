using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Straja.Server;

namespace Straja.Integration.Tests;

/// <summary>The real server on a loopback port: REST, OpenAPI and the WebSocket live feed.</summary>
public sealed class ServerApiTests : IAsyncLifetime
{
    private LoopbackServer? _server;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync("server", o => o with { Speed = 20, PicturePeriod = TimeSpan.FromMilliseconds(250) });
        _http = _server.Http;
    }

    private async Task<JsonElement> GetJson(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;

    private async Task<JsonElement> WaitForAlert(string kind)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            var alerts = await GetJson("/api/alerts");
            foreach (var a in alerts.EnumerateArray())
            {
                if (a.GetProperty("kind").GetString() == kind)
                    return a;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"no {kind} alert within 120 s");
    }

    [Fact]
    public async Task A_border_crossing_alert_can_be_acknowledged_and_read_back()
    {
        var alert = await WaitForAlert("border-crossing");
        var id = alert.GetProperty("id").GetString()!;
        Assert.False(alert.GetProperty("acknowledged").GetBoolean());

        var viewer = await _server!.TokenClientAsync("wall-screen", "viewer");
        using (var refused = await viewer.PostAsJsonAsync(new Uri($"/api/alerts/{id}/ack", UriKind.Relative), new { }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var still = (await GetJson("/api/alerts")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.False(still.GetProperty("acknowledged").GetBoolean());

        // The name recorded is the signed-in operator's, whatever the body claims.
        var ana = await _server.NewUserAsync("ana", "operator");
        using var response = await ana.PostAsJsonAsync(new Uri($"/api/alerts/{id}/ack", UriKind.Relative), new { by = "somebody-else" });
        response.EnsureSuccessStatusCode();

        var after = (await GetJson("/api/alerts")).EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.True(after.GetProperty("acknowledged").GetBoolean());
        Assert.Equal("ana", after.GetProperty("acknowledgedBy").GetString());

        var track = alert.GetProperty("trackId").GetString()!;
        var history = await GetJson($"/api/tracks/{track}/history");
        Assert.True(history.GetArrayLength() > 0);
    }

    [Fact]
    public async Task A_tracks_sensors_are_served_with_when_each_first_and_last_saw_it()
    {
        var known = (await GetJson("/api/sensors")).EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToHashSet();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        string? track = null;
        JsonElement seen = default;
        // Any live track a sensor has seen; the engine writes its sensors with its next recorded point, about a second later.
        while (DateTime.UtcNow < deadline)
        {
            foreach (var t in (await GetJson("/api/tracks")).EnumerateArray().Where(t => t.GetProperty("sensors").GetArrayLength() > 0))
            {
                track = t.GetProperty("id").GetString()!;
                seen = await GetJson($"/api/tracks/{track}/sensors");
                if (seen.GetArrayLength() > 0)
                    break;
            }

            if (seen.ValueKind == JsonValueKind.Array && seen.GetArrayLength() > 0)
                break;
            await Task.Delay(200);
        }

        Assert.True(seen.ValueKind == JsonValueKind.Array && seen.GetArrayLength() > 0, "no track with recorded sensors within 120 s");
        var ids = seen.EnumerateArray().Select(s => s.GetProperty("sensorId").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.All(seen.EnumerateArray(), s =>
        {
            Assert.Equal(track, s.GetProperty("trackId").GetString());
            Assert.Contains(s.GetProperty("sensorId").GetString()!, known);
            Assert.True(s.GetProperty("first").GetDateTimeOffset() <= s.GetProperty("last").GetDateTimeOffset());
        });
        Assert.Equal(0, (await GetJson("/api/tracks/T999999/sensors")).GetArrayLength());
    }

    [Fact]
    public async Task Acknowledging_an_unknown_alert_is_404_naming_it()
    {
        using var response = await _http.PostAsJsonAsync(new Uri("/api/alerts/A999999/ack", UriKind.Relative), new { });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("A999999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tracks_sensors_and_zones_are_served()
    {
        await WaitForAlert("border-crossing");
        var tracks = await GetJson("/api/tracks");
        Assert.True(tracks.GetArrayLength() > 0);
        var t = tracks[0];
        foreach (var field in new[] { "id", "lat", "lon", "altM", "speedMps", "headingDeg", "class", "identity", "status" })
            Assert.True(t.TryGetProperty(field, out _), $"track has no '{field}'");

        var sensors = await GetJson("/api/sensors");
        Assert.Contains(sensors.EnumerateArray(), s => s.GetProperty("kind").GetString() == "radar" && s.GetProperty("status").GetString() == "online");

        var zones = await GetJson("/api/zones");
        Assert.Equal("FeatureCollection", zones.GetProperty("type").GetString());
        Assert.Equal(7, zones.GetProperty("features").GetArrayLength()); // three sites × two rings, and the refuelling area
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_api()
    {
        var doc = await GetJson("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var p in new[] { "/api/tracks", "/api/tracks/{id}/history", "/api/alerts", "/api/alerts/{id}/ack", "/api/zones", "/api/zones/{id}", "/api/zones/import", "/api/sensors" })
            Assert.True(paths.TryGetProperty(p, out _), $"OpenAPI has no path {p}");
    }

    [Fact]
    public async Task The_live_feed_pushes_pictures()
    {
        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", "Bearer " + _server!.AdminToken);
        var uri = new UriBuilder(_http.BaseAddress!) { Scheme = "ws", Path = "/api/live" }.Uri;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await ws.ConnectAsync(uri, cts.Token);
        int pictures = 0;
        while (pictures < 3)
        {
            var msg = await ws.ReceiveJsonAsync(cts.Token);
            if (msg.GetProperty("type").GetString() == "picture")
            {
                Assert.Equal(JsonValueKind.Array, msg.GetProperty("tracks").ValueKind);
                pictures++;
            }
        }

        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
    }

    [Fact]
    public async Task The_live_feed_refuses_a_connection_without_credentials()
    {
        using var ws = new ClientWebSocket();
        var uri = new UriBuilder(_http.BaseAddress!) { Scheme = "ws", Path = "/api/live" }.Uri;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        ws.Options.CollectHttpResponseDetails = true;
        await Assert.ThrowsAsync<WebSocketException>(() => ws.ConnectAsync(uri, cts.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, ws.HttpStatusCode);
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }
}

/// <summary>The picture leaves as Cursor on Target to a TAK client's UDP port.</summary>
public sealed class CotOutputTests
{
    [Fact]
    public async Task Confirmed_tracks_and_alerts_reach_a_TAK_udp_port_as_CoT()
    {
        using var tak = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        int port = ((System.Net.IPEndPoint)tak.Client.LocalEndPoint!).Port;
        await using var server = await LoopbackServer.StartAsync("cot", o => o with
        {
            Speed = 20, PicturePeriod = TimeSpan.FromMilliseconds(250), CotUdp = $"127.0.0.1:{port}",
        });
        var types = new HashSet<string>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!(types.Any(t => t.StartsWith("a-u-A", StringComparison.Ordinal)) && types.Contains("b-m-p-s-m")))
        {
            var r = await tak.ReceiveAsync(cts.Token);
            Assert.True(Straja.Protocols.Cot.CotXml.TryDecode(r.Buffer, out var e, out var error), error.ToString());
            types.Add(e!.Type);
        }

        Assert.Contains(types, t => t.StartsWith("a-f-A", StringComparison.Ordinal)); // the registered friendly drone
    }
}
