using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// The operator's path through the real system: the `straja demo` process on the eastern-border
/// scenario, the console in Debian's headless Chromium (no browser download), a border-crossing
/// alert seen and acknowledged in the page, the acknowledgement read back over REST.
/// </summary>
public class ConsoleTests
{
    internal static string ChromiumPath =>
        Environment.GetEnvironmentVariable("STRAJA_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static string ArtifactsDirectory
    {
        get
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "artifacts");
            Directory.CreateDirectory(dir);
            return dir;
        }
    }

    internal static BrowserTypeLaunchOptions BrowserOptions => new()
    {
        ExecutablePath = ChromiumPath,
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
    };

    /// <summary>The page's console errors from now on, but for the 401 of the session probe before sign-in, which is expected.</summary>
    internal static List<string> CollectConsoleErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("/api/session", StringComparison.Ordinal))
                errors.Add(m.Text);
        };
        return errors;
    }

    [Fact]
    public async Task Operator_sees_tracks_and_acknowledges_a_border_crossing_alert()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath} (./test.sh installs Debian's chromium)");
        await using var demo = await DemoProcess.StartAsync("eastern-border", speed: 4);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(BrowserOptions);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        var consoleErrors = CollectConsoleErrors(page);

        await page.GotoAsync(demo.Url);
        await LoginTests.SignInAsync(page, "admin", await demo.AdminPasswordAsync());
        await Assertions.Expect(page.GetByTestId("map")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await Assertions.Expect(page.GetByTestId("clock")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"\d\d:\d\d:\d\d"));

        // Tracks on the map: the console's own state and its counter agree that there are some.
        await page.WaitForFunctionAsync("() => window.__straja && window.__straja.tracks().length > 0", null, new() { Timeout = 60_000 });
        var count = int.Parse(await page.GetByTestId("track-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 0);

        var crossing = page.Locator("[data-testid=alert-item][data-kind=border-crossing][data-acknowledged=false]").First;
        await crossing.WaitForAsync(new() { Timeout = 90_000 });
        var alertId = await crossing.GetAttributeAsync("data-alert-id");
        Assert.False(string.IsNullOrEmpty(alertId));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, "console.png") });

        await crossing.GetByTestId("ack-button").ClickAsync();
        await Assertions.Expect(page.Locator($"[data-testid=alert-item][data-alert-id='{alertId}']"))
            .ToHaveAttributeAsync("data-acknowledged", "true", new() { Timeout = 20_000 });

        using var http = await demo.AdminClientAsync();
        var alerts = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/alerts", UriKind.Relative));
        var acked = alerts.EnumerateArray().Single(a => a.GetProperty("id").GetString() == alertId);
        Assert.True(acked.GetProperty("acknowledged").GetBoolean());
        Assert.Equal("admin", acked.GetProperty("acknowledgedBy").GetString());

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDirectory, "console-acknowledged.png") });
        Assert.Empty(consoleErrors);
    }
}
