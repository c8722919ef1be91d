using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Server.Auth;

namespace Straja.Integration.Tests;

/// <summary>
/// One server, shared by the replay API tests, whose store holds a known recording a day before its
/// live scenario starts: track T9001 flying east, one point a second for five minutes, and an alert
/// raised at minute two and acknowledged at minute four; and track T9002, tentative for its first five
/// seconds at minute twenty, then confirmed. The live scenario records on top of it.
/// </summary>
public sealed class RecordingServer : IAsyncLifetime
{
    public static readonly DateTimeOffset LiveStart = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Recorded = LiveStart.AddDays(-1);

    internal LoopbackServer Server { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await LoopbackServer.StartAsync("replay", o => o with { StartTime = LiveStart });
        var store = Server.Server.Services.GetRequiredService<IAirPictureStore>();
        store.AppendTrackPoints([.. Enumerable.Range(0, 301).Select(s => new TrackPoint("T9001", Recorded.AddSeconds(s),
            new GeoPoint(45.25, 28.30 + s * 1e-4, 150), 8, 90, TargetClass.Multirotor, Identity.Unknown))]);
        store.AppendTrackPoints([.. Enumerable.Range(0, 10).Select(s => new TrackPoint("T9002", Recorded.AddMinutes(20).AddSeconds(s),
            new GeoPoint(45.3, 28.4, 300), 20, 180, TargetClass.FixedWing, Identity.Unknown, Confirmed: s >= 5))]);
        store.SaveAlert(new Alert("A-R1", "replay-test:T9001", Recorded.AddMinutes(2), AlertKind.BorderCrossing, AlertSeverity.Warning,
            "T9001", null, "Unknown multirotor T9001 crossed into Romania", new GeoPoint(45.25, 28.312, 150),
            Acknowledged: true, AcknowledgedAt: Recorded.AddMinutes(4), AcknowledgedBy: "ana"));
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Replay over HTTP: the recorded range, windows of points and alerts, and the refusals that name the parameter.</summary>
public sealed class ReplayApiTests(RecordingServer recording) : IClassFixture<RecordingServer>
{
    private static DateTimeOffset Recorded => RecordingServer.Recorded;

    private static Uri At(string path) => new(path, UriKind.Relative);

    private static string Q(DateTimeOffset t) => Uri.EscapeDataString(t.ToString("O", CultureInfo.InvariantCulture));

    private static async Task<JsonElement> GetJson(HttpClient http, string path)
    {
        using var response = await http.GetAsync(At(path));
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement;
    }

    [Fact]
    public async Task A_viewer_replays_a_window_of_the_recording_with_its_points_in_time_order_and_its_alert()
    {
        var viewer = await recording.Server.TokenClientAsync("replay-wall", Roles.Viewer);

        var range = await GetJson(viewer, "/api/replay/range");
        Assert.Equal(Recorded, range.GetProperty("first").GetDateTimeOffset());
        Assert.True(range.GetProperty("last").GetDateTimeOffset() >= Recorded.AddMinutes(5));

        var window = await GetJson(viewer, $"/api/replay/window?from={Q(Recorded.AddSeconds(100))}&to={Q(Recorded.AddSeconds(160))}");

        var points = window.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(Enumerable.Range(100, 61).Select(s => Recorded.AddSeconds(s)), points.Select(p => p.GetProperty("t").GetDateTimeOffset()));
        var p0 = points[0];
        Assert.Equal("T9001", p0.GetProperty("id").GetString());
        Assert.Equal(45.25, p0.GetProperty("lat").GetDouble(), 6);
        Assert.Equal(28.31, p0.GetProperty("lon").GetDouble(), 6);
        Assert.Equal(150, p0.GetProperty("alt").GetDouble());
        Assert.Equal(8, p0.GetProperty("speed").GetDouble());
        Assert.Equal(90, p0.GetProperty("heading").GetDouble());
        Assert.Equal("multirotor", p0.GetProperty("class").GetString());
        Assert.Equal("unknown", p0.GetProperty("identity").GetString());
        Assert.True(p0.GetProperty("confirmed").GetBoolean());
        Assert.False(window.GetProperty("truncated").GetBoolean());

        var alert = Assert.Single(window.GetProperty("alerts").EnumerateArray());
        Assert.Equal("A-R1", alert.GetProperty("id").GetString());
        Assert.Equal(Recorded.AddMinutes(4), alert.GetProperty("acknowledgedAt").GetDateTimeOffset());
        var periodAlerts = await GetJson(viewer, $"/api/replay/alerts?from={Q(Recorded)}&to={Q(Recorded.AddMinutes(5))}");
        Assert.Equal(["A-R1"], periodAlerts.EnumerateArray().Select(a => a.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_replayed_point_says_whether_its_track_was_confirmed_then()
    {
        var window = await GetJson(recording.Server.Http, $"/api/replay/window?from={Q(Recorded.AddMinutes(20))}&to={Q(Recorded.AddMinutes(21))}");

        var points = window.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("id").GetString() == "T9002").ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(s => s >= 5), points.Select(p => p.GetProperty("confirmed").GetBoolean()));
    }

    [Fact]
    public async Task The_reports_of_a_period_are_those_live_in_it_as_observations_oldest_first()
    {
        // Filed now about past instants: the replay answer goes by the time each report names.
        async Task<string> File(DateTimeOffset time, string description)
        {
            using var response = await recording.Server.Http.PostAsync(At("/api/field-reports"), JsonContent.Create(new
            {
                lat = 45.26, lon = 28.32, sense = "heard", time, bearingDeg = 10.0, description,
            }));
            string text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.Created, text);
            return JsonDocument.Parse(text).RootElement.GetProperty("id").GetString()!;
        }

        string stale = await File(Recorded.AddMinutes(-40), "long before: aged out by the period");
        string earlier = await File(Recorded.AddMinutes(-5), "before the period, still live in it");
        string inside = await File(Recorded.AddMinutes(3), "in the period");
        string after = await File(Recorded.AddMinutes(30), "after the period");
        var viewer = await recording.Server.TokenClientAsync("replay-reports", Roles.Viewer);

        var reports = await GetJson(viewer, $"/api/replay/reports?from={Q(Recorded)}&to={Q(Recorded.AddMinutes(5))}");

        var ids = reports.EnumerateArray().Select(r => r.GetProperty("reportId").GetString()).ToList();
        Assert.Equal([earlier, inside], ids);
        Assert.DoesNotContain(stale, ids);
        Assert.DoesNotContain(after, ids);
        var o = reports[1];
        Assert.Equal(Recorded.AddMinutes(3), o.GetProperty("time").GetDateTimeOffset());
        Assert.Equal(Recorded.AddMinutes(18), o.GetProperty("expiresAt").GetDateTimeOffset());
        Assert.Equal("heard", o.GetProperty("sense").GetString());
        Assert.Equal("in the period", o.GetProperty("description").GetString());
        Assert.Equal(10, o.GetProperty("sight").GetProperty("bearingDeg").GetDouble());
        Assert.Equal(JsonValueKind.Null, o.GetProperty("linkedTrackId").ValueKind);
    }

    [Fact]
    public async Task A_window_without_recorded_points_is_empty()
    {
        var window = await GetJson(recording.Server.Http, $"/api/replay/window?from={Q(Recorded.AddMinutes(-9))}&to={Q(Recorded.AddSeconds(-1))}");
        Assert.Empty(window.GetProperty("points").EnumerateArray());
        Assert.Empty(window.GetProperty("alerts").EnumerateArray());
    }

    [Fact]
    public async Task A_window_with_an_offset_means_the_same_instants_as_in_UTC()
    {
        var bucharest = TimeSpan.FromHours(2);
        var window = await GetJson(recording.Server.Http,
            $"/api/replay/window?from={Q(Recorded.AddSeconds(10).ToOffset(bucharest))}&to={Q(Recorded.AddSeconds(19).ToOffset(bucharest))}");
        Assert.Equal(Recorded.AddSeconds(10), window.GetProperty("from").GetDateTimeOffset());
        Assert.Equal(10, window.GetProperty("points").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/replay/window?to=2026-11-27T14:00:00Z", "from: required")]
    [InlineData("/api/replay/window?from=2026-11-27T14:00:00Z", "to: required")]
    [InlineData("/api/replay/window?from=yesterday&to=2026-11-27T14:00:00Z", "from: 'yesterday'")]
    [InlineData("/api/replay/window?from=2026-11-27T14:00:00Z&to=2026-11-27T14:05:00", "to: '2026-11-27T14:05:00'")]
    [InlineData("/api/replay/window?from=2026-11-27T14:05:00Z&to=2026-11-27T14:00:00Z", "to: 2026-11-27T14:00:00Z is before from")]
    [InlineData("/api/replay/window?from=2026-11-27T14:00:00Z&to=2026-11-27T14:10:01Z", "at most 10 minutes")]
    [InlineData("/api/replay/alerts?from=2026-11-27T14:00:00Z&to=2026-11-29T14:00:00Z", "at most 1440 minutes")]
    [InlineData("/api/replay/reports?from=2026-11-27T14:00:00Z", "to: required")]
    [InlineData("/api/replay/reports?from=2026-11-27T14:00:00Z&to=2026-11-29T14:00:00Z", "at most 1440 minutes")]
    public async Task A_bad_window_is_a_400_naming_the_parameter(string path, string expected)
    {
        using var response = await recording.Server.Http.GetAsync(At(path));
        string text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var detail = JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString();
        Assert.Contains(expected, detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_needs_a_sign_in()
    {
        using var response = await recording.Server.Anonymous().GetAsync(At("/api/replay/range"));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
