using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Straja.Integration.Tests;

/// <summary>The demo's RF, acoustic and camera sensors are SAPIENT nodes over loopback; the API shows them and tasks the camera.</summary>
public sealed class SapientDemoTests : IAsyncLifetime
{
    private LoopbackServer? _server;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync("sapient", o => o with { Scenario = "eastern-border", Speed = 10 });
        _http = _server.Http;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private async Task<JsonElement> GetJson(string path) =>
        JsonDocument.Parse(await _http.GetStringAsync(new Uri(path, UriKind.Relative))).RootElement;

    private static async Task<T> Until<T>(Func<Task<T?>> probe, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found)
                return found;
            await Task.Delay(250);
        }

        throw new TimeoutException(what);
    }

    [Fact]
    public async Task Rf_acoustic_and_camera_sensors_register_and_report_through_the_sapient_listener()
    {
        var sensors = await Until<JsonElement>(async () =>
        {
            var all = await GetJson("/api/sensors");
            var nodes = all.EnumerateArray().Where(s => s.GetProperty("kind").GetString() is "passive-rf" or "acoustic" or "camera").ToList();
            return nodes.Count > 0 && nodes.All(s => s.GetProperty("sapient").GetProperty("registered").GetBoolean())
                && nodes.Any(s => s.GetProperty("accepted").GetInt64() > 1) ? all : null;
        }, "the simulated SAPIENT nodes did not all register and report");

        var rf = sensors.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "rf-isaccea");
        Assert.Equal("online", rf.GetProperty("status").GetString());
        Assert.Equal(5, rf.GetProperty("sapient").GetProperty("statusIntervalS").GetDouble());
        Assert.False(rf.GetProperty("sapient").GetProperty("silent").GetBoolean());
        var camera = sensors.EnumerateArray().Single(s => s.GetProperty("id").GetString() == "eo-isaccea");
        Assert.True(camera.GetProperty("sapient").GetProperty("pointable").GetBoolean());
    }

    [Fact]
    public async Task The_camera_accepts_a_task_to_look_at_a_track_and_an_rf_node_cannot_be_tasked()
    {
        string track = (await Until<JsonElement>(async () =>
        {
            var tracks = await GetJson("/api/tracks");
            return tracks.GetArrayLength() > 0 ? tracks[0] : null;
        }, "no track")).GetProperty("id").GetString()!;
        await Until<bool>(async () =>
            (await GetJson("/api/sensors")).EnumerateArray().Any(s => s.GetProperty("id").GetString() == "eo-isaccea"
                && s.GetProperty("sapient").GetProperty("connected").GetBoolean()) ? true : null, "the camera did not connect");

        using var posted = await _http.PostAsJsonAsync(new Uri("/api/sensors/eo-isaccea/tasks", UriKind.Relative), new { trackId = track });
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
        var task = JsonDocument.Parse(await posted.Content.ReadAsStringAsync()).RootElement;
        string taskId = task.GetProperty("taskId").GetString()!;
        Assert.Equal(track, task.GetProperty("trackId").GetString());

        var answered = await Until<JsonElement>(async () =>
        {
            var tasks = await GetJson("/api/sensors/eo-isaccea/tasks");
            var t = tasks.EnumerateArray().FirstOrDefault(x => x.GetProperty("taskId").GetString() == taskId);
            return t.ValueKind == JsonValueKind.Object && t.GetProperty("status").GetString() != "sent" ? t : null;
        }, "the camera's TaskAck was not recorded");
        Assert.Equal("accepted", answered.GetProperty("status").GetString());

        using var refused = await _http.PostAsJsonAsync(new Uri("/api/sensors/rf-isaccea/tasks", UriKind.Relative), new { trackId = track });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        using var noTrack = await _http.PostAsJsonAsync(new Uri("/api/sensors/eo-isaccea/tasks", UriKind.Relative), new { trackId = "T-none" });
        Assert.Equal(HttpStatusCode.NotFound, noTrack.StatusCode);
        Assert.Contains("T-none", await noTrack.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
