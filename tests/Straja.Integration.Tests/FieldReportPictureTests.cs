using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;
using Straja.Server;
using Straja.Server.Auth;

namespace Straja.Integration.Tests;

/// <summary>Field reports as observations in the served picture: REST, the live feed, and a restart.</summary>
public sealed class FieldReportPictureTests : IAsyncLifetime
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private LoopbackServer? _server;

    public async Task InitializeAsync() => _server = await LoopbackServer.StartAsync("report-picture");

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private static Uri At(string path) => new(path, UriKind.Relative);

    // Heard near Isaccea, heading south-west: nothing in the single-crossing scenario is there to explain it.
    private static object Heard(string description) => new
    {
        lat = 45.27, lon = 28.46, sense = "heard", bearingDeg = 40.0, headingDeg = 225.0, count = 2, description,
    };

    private static async Task<string> FileAsync(HttpClient client, object report)
    {
        using var response = await client.PostAsJsonAsync(At("/api/field-reports"), report);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement> ObservationAsync(HttpClient viewer, string reportId)
    {
        var deadline = DateTime.UtcNow + Within;
        while (true)
        {
            var list = await viewer.GetFromJsonAsync<JsonElement>(At("/api/observations"));
            foreach (var o in list.EnumerateArray())
            {
                if (o.GetProperty("reportId").GetString() == reportId)
                    return o.Clone();
            }

            Assert.True(DateTime.UtcNow < deadline, $"report {reportId} not in /api/observations within {Within}: {list}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task A_filed_report_appears_in_the_picture_as_a_low_confidence_observation()
    {
        string id = await FileAsync(_server!.Anonymous(), Heard("buzzing, two of them"));
        var viewer = await _server.TokenClientAsync("wall-screen", Roles.Viewer);

        var o = await ObservationAsync(viewer, id);
        Assert.Equal("heard", o.GetProperty("sense").GetString());
        Assert.Equal(2, o.GetProperty("count").GetInt32());
        Assert.Equal("anonymous", o.GetProperty("trust").GetString());
        Assert.InRange(o.GetProperty("confidence").GetDouble(), 0.01, 0.5);
        Assert.Equal(40.0, o.GetProperty("sight").GetProperty("bearingDeg").GetDouble());
        Assert.Equal(225.0, o.GetProperty("headingDeg").GetDouble());
        Assert.StartsWith("no match", o.GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, o.GetProperty("linkedTrackId").ValueKind);

        // An observation is not a track.
        var tracks = await viewer.GetFromJsonAsync<JsonElement>(At("/api/tracks"));
        Assert.DoesNotContain(tracks.EnumerateArray(), t => t.GetProperty("id").GetString() == id);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Anonymous().GetAsync(At("/api/observations"))).StatusCode);
    }

    [Fact]
    public async Task A_border_police_officers_observation_is_trusted_and_more_confident_than_an_anonymous_one()
    {
        string anonymous = await FileAsync(_server!.Anonymous(), Heard("anonymous"));
        // A patrol officer signed in on the report page: a cookie session echoing the anti-forgery token.
        string police = await FileAsync(await _server.NewUserAsync("officer-7", Roles.BorderPolice), Heard("police"));
        var a = await ObservationAsync(_server.Http, anonymous);
        var p = await ObservationAsync(_server.Http, police);
        Assert.Equal("trusted", p.GetProperty("trust").GetString());
        Assert.True(p.GetProperty("confidence").GetDouble() > a.GetProperty("confidence").GetDouble());
    }

    [Fact]
    public async Task A_filed_report_reaches_the_live_feeds_picture_message()
    {
        using var ws = new ClientWebSocket();
        ws.Options.SetRequestHeader("Authorization", "Bearer " + _server!.AdminToken);
        using var cts = new CancellationTokenSource(Within);
        await ws.ConnectAsync(new UriBuilder(_server.BaseAddress) { Scheme = "ws", Path = "/api/live" }.Uri, cts.Token);
        string id = await FileAsync(_server.Anonymous(), Heard("over the river"));

        while (true)
        {
            var msg = await ws.ReceiveJsonAsync(cts.Token);
            if (msg.GetProperty("type").GetString() == "picture"
                && msg.GetProperty("observations").EnumerateArray().Any(o => o.GetProperty("reportId").GetString() == id))
                break;
        }

        await ws.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
    }

    [Fact]
    public async Task A_restarted_server_shows_the_reports_still_live()
    {
        var data = Path.Combine(Path.GetTempPath(), $"straja-report-restart-{Guid.NewGuid():N}");
        var options = StrajaServerOptions.Default with
        {
            Urls = "http://127.0.0.1:0", DataDirectory = data, Scenario = "single-crossing", InitialAdminPassword = LoopbackServer.TestPassword,
        };
        try
        {
            string id;
            await using (var first = await StrajaServer.StartAsync(options))
            {
                using var http = new HttpClient { BaseAddress = new Uri(first.Addresses.Single()) };
                id = await FileAsync(http, Heard("before the restart"));
                await first.StopAsync();
            }

            await using var again = await StrajaServer.StartAsync(options);
            var cookies = new CookieContainer();
            using var handler = new HttpClientHandler { CookieContainer = cookies };
            using var admin = new HttpClient(handler) { BaseAddress = new Uri(again.Addresses.Single()) };
            using (var login = await admin.PostAsJsonAsync(At("/api/session/login"), new { user = "admin", password = LoopbackServer.TestPassword }))
                Assert.True(login.IsSuccessStatusCode, await login.Content.ReadAsStringAsync());
            var o = await ObservationAsync(admin, id);
            Assert.Equal("before the restart", o.GetProperty("description").GetString());
            await again.StopAsync();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(data))
                Directory.Delete(data, recursive: true);
        }
    }
}
