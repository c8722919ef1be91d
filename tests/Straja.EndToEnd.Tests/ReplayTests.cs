using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// Replay in the real console against the real demo: a recorded stretch of the eastern border played
/// back at 60×, sought with the slider, stepped, and left for the live picture, which kept running.
/// </summary>
public sealed class ReplayTests
{
    private static string Hms(DateTimeOffset t) => t.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<DateTimeOffset> ReplayTimeAsync(IPage page) =>
        DateTimeOffset.Parse(await page.EvaluateAsync<string>("() => window.__straja.replay.time()"), CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_recorded_period_plays_back_at_60x_seeks_and_returns_to_the_live_picture()
    {
        Assert.True(File.Exists(ConsoleTests.ChromiumPath), $"Chromium not found at {ConsoleTests.ChromiumPath} (./test.sh installs Debian's chromium)");
        await using var demo = await DemoProcess.StartAsync("eastern-border", speed: 8);

        // Let it record a minute and a half of scenario time (some twelve seconds at 8×).
        using var http = await demo.AdminClientAsync();
        var deadline = DateTime.UtcNow.AddSeconds(120);
        for (;;)
        {
            var range = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/replay/range", UriKind.Relative));
            if (range.GetProperty("first").ValueKind == JsonValueKind.String
                && range.GetProperty("last").GetDateTimeOffset() - range.GetProperty("first").GetDateTimeOffset() >= TimeSpan.FromSeconds(90))
                break;
            Assert.True(DateTime.UtcNow < deadline, $"less than 90 s recorded within 120 s: {range}");
            await Task.Delay(500);
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(ConsoleTests.BrowserOptions);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        var consoleErrors = ConsoleTests.CollectConsoleErrors(page);
        await page.GotoAsync(demo.Url);
        await LoginTests.SignInAsync(page, "admin", await demo.AdminPasswordAsync());
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await page.WaitForFunctionAsync("() => window.__straja.tracks().length > 0", null, new() { Timeout = 60_000 });

        // Open replay: the bar, the REPLAY mark, and the last quarter of an hour recorded (here, all of it).
        await page.GetByTestId("replay-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-bar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("replay-mark")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.__straja.replay.period() !== null", null, new() { Timeout = 20_000 });
        var period = await page.EvaluateAsync<JsonElement>("() => window.__straja.replay.period()");
        var from = period.GetProperty("from").GetDateTimeOffset();
        var to = period.GetProperty("to").GetDateTimeOffset();
        Assert.True(to - from >= TimeSpan.FromSeconds(90), $"period {from:O}..{to:O}");
        Assert.Equal(from, await ReplayTimeAsync(page));

        // Play at 60×: the replay clock runs a minute a second, and the recorded tracks are drawn.
        await page.GetByTestId("replay-speed").SelectOptionAsync("60");
        await page.GetByTestId("replay-play").ClickAsync();
        await page.WaitForFunctionAsync(
            "from => Date.parse(window.__straja.replay.time()) - Date.parse(from) >= 30000", from.ToString("O", CultureInfo.InvariantCulture),
            new() { Timeout = 20_000 });
        Assert.Equal(60, await page.EvaluateAsync<int>("() => window.__straja.replay.speed()"));
        await page.WaitForFunctionAsync("() => window.__straja.replay.tracks().length > 0 && window.__straja.replay.drawStats().frames > 0",
            null, new() { Timeout = 20_000 });

        // The live feed stays connected underneath and the live picture keeps updating.
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.__liveBefore = window.__straja.tracks(); }");
        await page.WaitForFunctionAsync("() => window.__straja.tracks() !== window.__liveBefore", null, new() { Timeout = 20_000 });

        // Pause, then seek with the slider to 45 s into the period: the clock shows that instant with tracks at it.
        if (await page.EvaluateAsync<bool>("() => window.__straja.replay.playing()"))
            await page.GetByTestId("replay-play").ClickAsync();
        await page.GetByTestId("replay-slider").FillAsync("45");
        var sought = await ReplayTimeAsync(page);
        Assert.Equal(from.AddSeconds(45), sought);
        await Assertions.Expect(page.Locator("#clock-utc")).ToHaveTextAsync(Hms(sought));
        await page.WaitForFunctionAsync("() => window.__straja.replay.tracks().length > 0", null, new() { Timeout = 20_000 });
        var tracks = await page.EvaluateAsync<JsonElement>("() => window.__straja.replay.tracks()");
        Assert.All(tracks.EnumerateArray(), t => Assert.True(t.GetProperty("lat").GetDouble() is > 40 and < 50));
        await Assertions.Expect(page.GetByTestId("track-count")).ToHaveTextAsync(tracks.GetArrayLength().ToString(CultureInfo.InvariantCulture));

        // A step forward moves ten seconds and stays paused.
        await page.GetByTestId("replay-step-forward").ClickAsync();
        Assert.Equal(sought.AddSeconds(10), await ReplayTimeAsync(page));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__straja.replay.playing()"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "replay.png") });

        // Back to live: the bar and the mark go, and the clock shows the live picture's time again.
        await page.GetByTestId("replay-live").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-bar")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("replay-mark")).ToBeHiddenAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => window.__straja.replay.active()"));
        await page.WaitForFunctionAsync(
            "() => document.getElementById('clock-utc').textContent === new Date(window.__straja.pictureTime()).toISOString().slice(11, 19)",
            null, new() { Timeout = 10_000 });
        Assert.NotEqual(Hms(sought.AddSeconds(10)), await page.Locator("#clock-utc").InnerTextAsync());
        Assert.Empty(consoleErrors);
    }
}
