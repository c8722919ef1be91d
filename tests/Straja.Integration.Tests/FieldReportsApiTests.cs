using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Straja.Server.Auth;

namespace Straja.Integration.Tests;

/// <summary>Field reports over the real API: anonymous filing with a rate limit, triage, and reading them back.</summary>
public sealed class FieldReportsApiTests : IAsyncLifetime
{
    private LoopbackServer? _server;

    public async Task InitializeAsync() =>
        _server = await LoopbackServer.StartAsync("field-reports", o => o with { AnonymousReportsPerWindow = 3, AnonymousReportWindow = TimeSpan.FromHours(1) });

    public async Task DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync();
    }

    private static Uri At(string path) => new(path, UriKind.Relative);

    // A resident of Galați on 2026-06-15 at 19:00 UTC, looking west-northwest after sunset, where Venus is
    // (Engine.Tests' triage tests pin the sky; 295° is within a few degrees of it).
    private static object VenusReport() => new
    {
        lat = 45.435, lon = 28.008, sense = "seen", time = "2026-06-15T19:00:00Z", bearingDeg = 295.0,
        description = "bright light low in the west, not moving",
    };

    [Fact]
    public async Task An_anonymous_report_towards_Venus_is_accepted_and_triaged_as_Venus()
    {
        var anonymous = _server!.Anonymous();
        using var response = await anonymous.PostAsJsonAsync(At("/api/field-reports"), VenusReport());
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        using var doc = JsonDocument.Parse(text);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("trusted").GetBoolean());
        Assert.StartsWith("anonymous@", root.GetProperty("reporter").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("probably Venus", root.GetProperty("triage").GetProperty("verdict").GetString(), StringComparison.Ordinal);

        // Viewers read it back with its triage; the anonymous cannot read reports.
        var list = await _server.Http.GetFromJsonAsync<JsonElement>(At("/api/field-reports"));
        Assert.Contains(list.EnumerateArray(), r => r.GetProperty("id").GetString() == root.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(At("/api/field-reports"))).StatusCode);
    }

    [Fact]
    public async Task A_bad_report_is_refused_naming_the_field()
    {
        using var response = await _server!.Anonymous().PostAsJsonAsync(At("/api/field-reports"), new { lat = 45.4, lon = 28.0, sense = "smelled" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sense", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_reports_from_one_address_are_rate_limited_and_a_signed_in_reporter_is_not()
    {
        var anonymous = _server!.Anonymous();
        var codes = new List<HttpStatusCode>();
        for (int i = 0; i < 5; i++)
        {
            using var r = await anonymous.PostAsJsonAsync(At("/api/field-reports"), new { lat = 45.3, lon = 28.4, sense = "heard" });
            codes.Add(r.StatusCode);
        }

        Assert.Contains(HttpStatusCode.TooManyRequests, codes);
        Assert.True(codes.Count(c => c == HttpStatusCode.Created) <= 3, string.Join(",", codes));

        var police = await _server.TokenClientAsync("patrol-4", Roles.BorderPolice);
        for (int i = 0; i < 5; i++)
        {
            using var r = await police.PostAsJsonAsync(At("/api/field-reports"), new { lat = 45.3, lon = 28.4, sense = "heard" });
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            Assert.True((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trusted").GetBoolean());
        }
    }

    [Fact]
    public async Task A_border_police_report_is_trusted_filed_under_the_officer_and_read_back_by_them_alone()
    {
        using (var other = await _server!.Anonymous().PostAsJsonAsync(At("/api/field-reports"), VenusReport()))
            Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        var officer = await _server.NewUserAsync("matei", Roles.BorderPolice);
        using var filed = await officer.PostAsJsonAsync(At("/api/field-reports"), VenusReport());
        string text = await filed.Content.ReadAsStringAsync();
        Assert.True(filed.StatusCode == HttpStatusCode.Created, text);
        var report = JsonDocument.Parse(text).RootElement;
        Assert.True(report.GetProperty("trusted").GetBoolean());
        Assert.Equal("matei", report.GetProperty("reporter").GetString());

        // Their own reports with the triage, and nobody else's; all reports stay for viewers.
        var mine = await officer.GetFromJsonAsync<JsonElement>(At("/api/field-reports/mine"));
        var only = Assert.Single(mine.EnumerateArray());
        Assert.Equal(report.GetProperty("id").GetString(), only.GetProperty("id").GetString());
        Assert.StartsWith("probably Venus", only.GetProperty("triage").GetProperty("verdict").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync(At("/api/field-reports"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _server.Anonymous().GetAsync(At("/api/field-reports/mine"))).StatusCode);
        Assert.Empty((await _server.Http.GetFromJsonAsync<JsonElement>(At("/api/field-reports/mine"))).EnumerateArray());
    }
}
