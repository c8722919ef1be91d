using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// Field reports on the operator's map, against the real demo: a report filed over the API shows as
/// a report marker with its triage, and one that matches a live track opens that track, whose detail
/// lists the report.
/// </summary>
public sealed class FieldReportMapTests
{
    private static async Task<JsonElement> FileAsync(HttpClient http, object report)
    {
        using var response = await http.PostAsJsonAsync(new Uri("/api/field-reports", UriKind.Relative), report);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_filed_report_shows_on_the_map_with_its_triage_and_opens_the_track_it_matches()
    {
        Assert.True(File.Exists(ConsoleTests.ChromiumPath), $"Chromium not found at {ConsoleTests.ChromiumPath} (./test.sh installs Debian's chromium)");
        await using var demo = await DemoProcess.StartAsync("single-crossing", speed: 1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(ConsoleTests.BrowserOptions);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        await page.GotoAsync(demo.Url);
        await LoginTests.SignInAsync(page, "admin", await demo.AdminPasswordAsync());
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("toggle-reports")).ToBeCheckedAsync();

        // An anonymous resident west of Tulcea hears something nothing in the scenario explains.
        using var anonymous = new HttpClient { BaseAddress = new Uri(demo.Url) };
        string lone = (await FileAsync(anonymous, new
        {
            lat = 45.10, lon = 28.30, sense = "heard", bearingDeg = 40.0, headingDeg = 225.0, count = 2, description = "buzzing over the road",
        })).GetProperty("id").GetString()!;

        var marker = page.GetByTestId($"report-marker-{lone}");
        await Assertions.Expect(marker).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId($"report-item-{lone}")).ToContainTextAsync("no match");
        await marker.ClickAsync();
        var popup = page.GetByTestId("report-popup");
        await Assertions.Expect(popup).ToContainTextAsync("buzzing over the road");
        await Assertions.Expect(popup).ToContainTextAsync("anonymous");
        await Assertions.Expect(popup).ToContainTextAsync("heard, 2 objects");
        await Assertions.Expect(page.GetByTestId("report-verdict")).ToHaveTextAsync("no match");
        await Assertions.Expect(page.GetByTestId("report-open-track")).ToHaveCountAsync(0);

        // Border police 1 km south of a confirmed drone track, looking north at it.
        await page.WaitForFunctionAsync("() => window.__straja.tracks().some(t => t.status === 'confirmed' && t.altM > 50)", null, new() { Timeout = 60_000 });
        var track = await page.EvaluateAsync<JsonElement>("() => window.__straja.tracks().find(t => t.status === 'confirmed' && t.altM > 50)");
        string trackId = track.GetProperty("id").GetString()!;
        using var police = await demo.AdminClientAsync();
        var filed = await FileAsync(police, new
        {
            lat = track.GetProperty("lat").GetDouble() - 0.009, lon = track.GetProperty("lon").GetDouble(), sense = "seen", bearingDeg = 0.0,
            description = "small drone going south",
        });
        string matched = filed.GetProperty("id").GetString()!;
        Assert.StartsWith($"matches track {trackId}", filed.GetProperty("triage").GetProperty("verdict").GetString(), StringComparison.Ordinal);

        var item = page.GetByTestId($"report-item-{matched}");
        await Assertions.Expect(item).ToContainTextAsync($"track {trackId}", new() { Timeout = 20_000 });
        // Newest first.
        await Assertions.Expect(page.GetByTestId("field-reports").Locator("li").First).ToHaveAttributeAsync("data-testid", $"report-item-{matched}");
        await item.ClickAsync();
        // The first report's popup fades out for a moment while this one opens: look in this report's popup.
        var matchedPopup = page.GetByTestId("report-popup").Filter(new() { HasText = "small drone going south" });
        await Assertions.Expect(matchedPopup.GetByTestId("report-verdict")).ToHaveTextAsync($"track {trackId}");
        await Assertions.Expect(matchedPopup).ToContainTextAsync("border police / operator");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "field-report-map.png") });

        await matchedPopup.GetByTestId("report-open-track").ClickAsync();
        await page.WaitForFunctionAsync("id => window.__straja.selected() === id", trackId);
        await Assertions.Expect(page.GetByTestId("track-reports")).ToContainTextAsync(matched, new() { Timeout = 20_000 });

        // Switching the layer off hides the markers.
        await page.GetByTestId("toggle-reports").UncheckAsync();
        await Assertions.Expect(page.GetByTestId($"report-marker-{lone}")).ToHaveCountAsync(0);
    }
}
