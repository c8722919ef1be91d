using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// Replay in the real console against the real demo: a recorded stretch of the eastern border played
/// back at 60×, sought with the slider, stepped with the keys, a replayed track's recorded state, a field
/// report of the period at its time, a share link reopening the same instant, and back to the live
/// picture, which kept running.
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
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live", new() { Timeout = 60_000 });
        await page.WaitForFunctionAsync("() => window.__straja.tracks().length > 0", null, new() { Timeout = 60_000 });

        // Open replay: the bar, the REPLAY mark, and the last quarter of an hour recorded (here, all of it).
        await page.GetByTestId("replay-open").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-bar")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("replay-mark")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.__straja.replay.period() !== null", null, new() { Timeout = 60_000 });
        var period = await page.EvaluateAsync<JsonElement>("() => window.__straja.replay.period()");
        var from = period.GetProperty("from").GetDateTimeOffset();
        var to = period.GetProperty("to").GetDateTimeOffset();
        Assert.True(to - from >= TimeSpan.FromSeconds(90), $"period {from:O}..{to:O}");
        Assert.Equal(from, await ReplayTimeAsync(page));

        // A resident's report about 80 s into the period (before its end), filed now: Load fetches the period's reports again.
        using var filed = await http.PostAsJsonAsync(new Uri("/api/field-reports", UriKind.Relative),
            new { lat = 45.18, lon = 28.62, sense = "seen", time = from.AddSeconds(80), description = "drone low over the river" });
        Assert.True(filed.IsSuccessStatusCode, await filed.Content.ReadAsStringAsync());
        string reportId = JsonDocument.Parse(await filed.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;
        await page.GetByTestId("replay-load").ClickAsync();
        // The inputs are to the second, so the loaded period starts on the whole second.
        period = await page.EvaluateAsync<JsonElement>("() => window.__straja.replay.period()");
        Assert.Equal(from.AddTicks(-(from.Ticks % TimeSpan.TicksPerSecond)), period.GetProperty("from").GetDateTimeOffset());
        from = period.GetProperty("from").GetDateTimeOffset();
        to = period.GetProperty("to").GetDateTimeOffset();

        // Play at 60×: the replay clock runs a minute a second, and the recorded tracks are drawn.
        await page.GetByTestId("replay-speed").SelectOptionAsync("60");
        await page.GetByTestId("replay-play").ClickAsync();
        await page.WaitForFunctionAsync(
            "from => Date.parse(window.__straja.replay.time()) - Date.parse(from) >= 30000", from.ToString("O", CultureInfo.InvariantCulture),
            new() { Timeout = 60_000 });
        Assert.Equal(60, await page.EvaluateAsync<int>("() => window.__straja.replay.speed()"));
        await page.WaitForFunctionAsync("() => window.__straja.replay.tracks().length > 0 && window.__straja.replay.drawStats().frames > 0",
            null, new() { Timeout = 60_000 });

        // The live feed stays connected underneath and the live picture keeps updating.
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.__liveBefore = window.__straja.tracks(); }");
        await page.WaitForFunctionAsync("() => window.__straja.tracks() !== window.__liveBefore", null, new() { Timeout = 60_000 });

        // Pause, then seek with the slider to 45 s into the period: the clock shows that instant with tracks at it.
        if (await page.EvaluateAsync<bool>("() => window.__straja.replay.playing()"))
            await page.GetByTestId("replay-play").ClickAsync();
        await page.GetByTestId("replay-slider").FillAsync("45");
        var sought = await ReplayTimeAsync(page);
        Assert.Equal(from.AddSeconds(45), sought);
        await Assertions.Expect(page.Locator("#clock-utc")).ToHaveTextAsync(Hms(sought));
        await page.WaitForFunctionAsync("() => window.__straja.replay.tracks().length > 0", null, new() { Timeout = 60_000 });
        var tracks = await page.EvaluateAsync<JsonElement>("() => window.__straja.replay.tracks()");
        Assert.All(tracks.EnumerateArray(), t => Assert.True(t.GetProperty("lat").GetDouble() is > 40 and < 50));
        await Assertions.Expect(page.GetByTestId("track-count")).ToHaveTextAsync(tracks.GetArrayLength().ToString(CultureInfo.InvariantCulture));

        // The report is on the map at 45 s (a minute's clock skew before its time, as live); at 10 s it was not yet,
        // and the live reports layer, which has it too, is off the map while replaying.
        var reportMarker = page.GetByTestId($"report-marker-{reportId}");
        await Assertions.Expect(reportMarker).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        await page.GetByTestId("replay-slider").FillAsync("10");
        await Assertions.Expect(reportMarker).ToHaveCountAsync(0);
        await page.GetByTestId("replay-slider").FillAsync("45");
        await Assertions.Expect(reportMarker).ToHaveCountAsync(1);

        // A step forward moves ten seconds and stays paused.
        await page.GetByTestId("replay-step-forward").ClickAsync();
        Assert.Equal(sought.AddSeconds(10), await ReplayTimeAsync(page));
        Assert.False(await page.EvaluateAsync<bool>("() => window.__straja.replay.playing()"));

        // The keys, with the focus out of the slider: → and ← step ten seconds, space plays and pauses.
        await page.EvaluateAsync("() => document.activeElement.blur()");
        await page.Keyboard.PressAsync("ArrowRight");
        Assert.Equal(sought.AddSeconds(20), await ReplayTimeAsync(page));
        await page.Keyboard.PressAsync("ArrowLeft");
        Assert.Equal(sought.AddSeconds(10), await ReplayTimeAsync(page));
        await page.Keyboard.PressAsync(" ");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__straja.replay.playing()"));
        await page.Keyboard.PressAsync(" ");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__straja.replay.playing()"));
        await page.GetByTestId("replay-slider").FillAsync("55");
        var instant = await ReplayTimeAsync(page);
        Assert.Equal(from.AddSeconds(55), instant);

        // Clicking a replayed confirmed track shows its recorded state at the replay instant and its recorded path.
        await page.WaitForFunctionAsync("() => window.__straja.replay.tracks().some(t => t.status === 'confirmed')", null, new() { Timeout = 60_000 });
        var at = await page.EvaluateAsync<JsonElement>("""
            () => {
              const t = window.__straja.replay.tracks().find(t => t.status === 'confirmed');
              window.__straja.map.setView([t.lat, t.lon], 12);
              const p = window.__straja.map.latLngToContainerPoint([t.lat, t.lon]);
              return { id: t.id, x: p.x, y: p.y };
            }
            """);
        string replayedId = at.GetProperty("id").GetString()!;
        await page.Locator("#map").ClickAsync(new() { Position = new() { X = at.GetProperty("x").GetSingle(), Y = at.GetProperty("y").GetSingle() } });
        await page.WaitForFunctionAsync("() => window.__straja.replay.selected() !== null", null, new() { Timeout = 60_000 });
        string picked = await page.EvaluateAsync<string>("() => window.__straja.replay.selected()");
        await Assertions.Expect(page.GetByTestId("selected-track")).ToHaveTextAsync(picked);
        await Assertions.Expect(page.GetByTestId("detail-recorded")).ToHaveTextAsync($"recorded — replay at {Hms(instant)}Z");
        await Assertions.Expect(page.Locator("#detail")).ToContainTextAsync("Recorded point");
        Assert.True(picked == replayedId || await page.EvaluateAsync<bool>("id => window.__straja.replay.tracks().some(t => t.id === id)", picked));
        await page.WaitForFunctionAsync("() => window.__straja.replay.pathPoints() > 1", null, new() { Timeout = 60_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "replay.png") });

        // The address names this moment; a colleague opening it in their own browser starts replay at the same instant once signed in.
        string hash = await page.EvaluateAsync<string>("() => window.location.hash");
        static string Z(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        Assert.Equal($"#/?replay={Z(from)}..{Z(to)}@{Z(instant)}", hash);
        var colleague = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        await colleague.GotoAsync(demo.Url + hash);
        await LoginTests.SignInAsync(colleague, "admin", await demo.AdminPasswordAsync());
        await colleague.WaitForFunctionAsync("() => window.__straja?.replay.active() && window.__straja.replay.period() !== null", null, new() { Timeout = 60_000 });
        Assert.Equal(instant, await ReplayTimeAsync(colleague));
        Assert.Equal(from, (await colleague.EvaluateAsync<JsonElement>("() => window.__straja.replay.period()")).GetProperty("from").GetDateTimeOffset());
        await Assertions.Expect(colleague.GetByTestId("replay-bar")).ToBeVisibleAsync();
        await colleague.CloseAsync();

        // Back to live: the bar and the mark go, and the clock shows the live picture's time again.
        await page.GetByTestId("replay-live").ClickAsync();
        await Assertions.Expect(page.GetByTestId("replay-bar")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("replay-mark")).ToBeHiddenAsync();
        Assert.False(await page.EvaluateAsync<bool>("() => window.__straja.replay.active()"));
        await page.WaitForFunctionAsync(
            "() => document.getElementById('clock-utc').textContent === new Date(window.__straja.pictureTime()).toISOString().slice(11, 19)",
            null, new() { Timeout = 60_000 });
        Assert.NotEqual(Hms(instant), await page.Locator("#clock-utc").InnerTextAsync());
        // The live detail, the live reports layer and a plain address come back.
        await Assertions.Expect(page.GetByTestId("detail-recorded")).ToHaveCountAsync(0);
        await Assertions.Expect(reportMarker).ToHaveCountAsync(1, new() { Timeout = 60_000 });
        Assert.Equal("#/", await page.EvaluateAsync<string>("() => window.location.hash"));
        Assert.Empty(consoleErrors);
    }
}
