using System.Net;
using System.Text;
using System.Text.Json;

namespace Straja.Integration.Tests;

/// <summary>The zones API on the real server over loopback: zones in straja.db, changes audited, the engine following them.</summary>
public sealed class ZonesApiTests : IAsyncLifetime
{
    private LoopbackServer? _server;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await LoopbackServer.StartAsync("zones-api", o => o with { Speed = 20, PicturePeriod = TimeSpan.FromMilliseconds(250) });
        _http = _server.Http;
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private static Uri At(string path) => new(path, UriKind.Relative);

    private async Task<JsonElement> Get(string path) => JsonDocument.Parse(await _http.GetStringAsync(At(path))).RootElement;

    private async Task<(HttpStatusCode Status, string Body)> Send(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, At(path));
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/geo+json");
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Circle(string id, string name, double lat, double lon, double radiusM, string kind = "restricted", string severity = "critical") =>
        JsonSerializer.Serialize(new
        {
            type = "Feature",
            properties = new { id, name, kind, severity, radiusM },
            geometry = new { type = "Point", coordinates = new[] { lon, lat } },
        });

    private static IEnumerable<JsonElement> Features(JsonElement fc) => fc.GetProperty("features").EnumerateArray();

    private static string Prop(JsonElement f, string name) => f.GetProperty("properties").GetProperty(name).ToString();

    [Fact]
    public async Task The_seed_zones_are_served_with_their_kinds()
    {
        var zones = await Get("/api/zones");
        var ids = Features(zones).Select(f => Prop(f, "id")).ToList();
        Assert.Equal(["mk", "mk-outer", "deveselu", "deveselu-outer", "campia-turzii", "campia-turzii-outer", "aar-east"], ids);
        Assert.Equal("air-refuelling", Prop(Features(zones).Last(), "kind"));
        Assert.All(Features(zones), f => Assert.Equal("system", Prop(f, "updatedBy")));
    }

    [Fact]
    public async Task A_zone_is_created_read_updated_and_deleted_and_every_change_is_audited()
    {
        var created = await Send(HttpMethod.Post, "/api/zones", Circle("crud-1", "Test disc", 45.5, 27.5, 2000));
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);

        var one = Features(await Get("/api/zones/crud-1")).Single();
        Assert.Equal(("Test disc", "1", "token:tests-admin"), (Prop(one, "name"), Prop(one, "version"), Prop(one, "updatedBy")));
        Assert.Equal("Point", one.GetProperty("geometry").GetProperty("type").GetString());

        var again = await Send(HttpMethod.Post, "/api/zones", Circle("crud-1", "Twice", 45.5, 27.5, 2000));
        Assert.Equal(HttpStatusCode.Conflict, again.Status);

        var updated = await Send(HttpMethod.Put, "/api/zones/crud-1", Circle("crud-1", "Renamed disc", 45.5, 27.5, 3000));
        Assert.True(updated.Status == HttpStatusCode.OK, updated.Body);
        one = Features(await Get("/api/zones/crud-1")).Single();
        Assert.Equal(("Renamed disc", "2", "3000"), (Prop(one, "name"), Prop(one, "version"), Prop(one, "radiusM")));

        var mismatch = await Send(HttpMethod.Put, "/api/zones/crud-1", Circle("other", "X", 45.5, 27.5, 3000));
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.Status);
        Assert.Contains("properties.id", mismatch.Body, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await Send(HttpMethod.Delete, "/api/zones/crud-1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Get, "/api/zones/crud-1")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Send(HttpMethod.Delete, "/api/zones/crud-1")).Status);

        var audit = (await Get("/api/zones/audit?zone=crud-1")).EnumerateArray().ToList();
        Assert.Equal(["delete", "update", "create"], audit.Select(a => a.GetProperty("action").GetString()));
        Assert.All(audit, a => Assert.Equal("token:tests-admin", a.GetProperty("actor").GetString()));
        Assert.Contains("Renamed disc", audit[0].GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, audit[0].GetProperty("after").ValueKind);
    }

    [Fact]
    public async Task A_bad_zone_is_refused_naming_the_field()
    {
        var r = await Send(HttpMethod.Post, "/api/zones",
            """{"type":"Feature","properties":{"id":"bad-1","kind":"restricted"},"geometry":{"type":"Point","coordinates":[27.5,45.5]}}""");
        Assert.Equal(HttpStatusCode.BadRequest, r.Status);
        Assert.Contains("$.properties.radiusM", r.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ED269_file_imports_all_its_zones_and_a_broken_one_imports_none()
    {
        string ed269 = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "ed269-sample.json"));
        var broken = await Send(HttpMethod.Post, "/api/zones/import?format=ed269", ed269.Replace("\"FRI\"", "\"FRIDAY\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, broken.Status);
        Assert.Contains("features[1].applicability[0].schedule[0].day[4]", broken.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(Features(await Get("/api/zones")), f => Prop(f, "id") == "ROMK01");

        var ok = await Send(HttpMethod.Post, "/api/zones/import?format=ed269", ed269);
        Assert.True(ok.Status == HttpStatusCode.OK, ok.Body);
        Assert.Equal(["ROMK01", "RODN02", "ROUA03"], JsonDocument.Parse(ok.Body).RootElement.GetProperty("ids").EnumerateArray().Select(x => x.GetString()));
        var zones = await Get("/api/zones");
        Assert.Equal(2, Features(zones).Count(f => Prop(f, "id") == "RODN02")); // two volumes, two features
        Assert.Equal("ROMK01", (await Get("/api/zones/audit?zone=ROMK01"))[0].GetProperty("zoneId").GetString());
    }

    [Fact]
    public async Task An_export_imported_again_changes_nothing_but_the_versions()
    {
        await Send(HttpMethod.Post, "/api/zones", Circle("rt-1", "Round trip", 45.1, 26.1, 1500));
        using var export = await _http.GetAsync(At("/api/zones/export"));
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        string text = await export.Content.ReadAsStringAsync();

        var r = await Send(HttpMethod.Post, "/api/zones/import?format=geojson", text);
        Assert.True(r.Status == HttpStatusCode.OK, r.Body);
        using var again = await _http.GetAsync(At("/api/zones/export"));
        Assert.Equal(text, await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_zone_created_over_the_API_is_used_by_the_engine()
    {
        // Across the intruder's path south of the Danube at Isaccea (single-crossing scenario).
        var created = await Send(HttpMethod.Post, "/api/zones", Circle("isaccea-test", "Isaccea test zone", 45.225, 28.47, 3000));
        Assert.True(created.Status == HttpStatusCode.Created, created.Body);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var hit = (await Get("/api/alerts")).EnumerateArray()
                .FirstOrDefault(a => a.GetProperty("kind").GetString() == "zone-entry" && a.GetProperty("zone").GetString() == "isaccea-test");
            if (hit.ValueKind == JsonValueKind.Object)
            {
                Assert.Equal("critical", hit.GetProperty("severity").GetString());
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("no zone-entry alert for the zone created over the API within 60 s");
    }
}
