using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>One `straja demo` (single crossing at 4x) and one browser for the incident tests of a run.</summary>
public sealed class IncidentDemoFixture() : BrowserDemoFixture("single-crossing", speed: 4);

/// <summary>
/// The investigator's path through the console against the real demo: alerts acknowledged and turned
/// into an incident, the incident worked (state, comment, evidence), and a ground find back-tracked
/// to the recorded tracks with their debris ellipses. The admin holds every role.
/// </summary>
public sealed class IncidentConsoleTests(IncidentDemoFixture fixture) : IClassFixture<IncidentDemoFixture>
{
    private readonly List<string> _consoleErrors = [];

    private async Task<IPage> SignedInPageAsync() => await SignedInPageAsync("admin", await fixture.AdminPasswordAsync());

    private async Task<IPage> SignedInPageAsync(string user, string password)
    {
        var page = await fixture.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 900 } });
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Location.Contains("/api/session", StringComparison.Ordinal))
                _consoleErrors.Add(m.Text);
        };
        await page.GotoAsync(fixture.Url);
        await LoginTests.SignInAsync(page, user, password);
        return page;
    }

    private static async Task<int> CountAsync(IPage page, string testId) =>
        int.Parse(await page.GetByTestId(testId).InnerTextAsync(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task Acknowledging_an_alert_in_the_list_marks_it_and_lowers_the_unacknowledged_count()
    {
        var page = await SignedInPageAsync();
        var unacked = page.Locator("[data-testid=alert-item][data-acknowledged=false]").First;
        await unacked.WaitForAsync(new() { Timeout = 90_000 });
        string alertId = (await unacked.GetAttributeAsync("data-alert-id"))!;
        int rowsBefore = await page.GetByTestId("alert-item").CountAsync();
        int before = await CountAsync(page, "unack-count");
        Assert.True(before >= 1);

        await unacked.GetByTestId("ack-button").ClickAsync();
        var row = page.Locator($"[data-testid=alert-item][data-alert-id='{alertId}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-acknowledged", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(row).ToContainTextAsync("acknowledged by admin");
        await Assertions.Expect(row.GetByTestId("ack-button")).ToHaveCountAsync(0);

        // Alerts raised meanwhile add to the count; with those taken out it dropped by exactly one.
        int after = await CountAsync(page, "unack-count");
        int raisedMeanwhile = await page.GetByTestId("alert-item").CountAsync() - rowsBefore;
        Assert.Equal(before - 1 + raisedMeanwhile, after);
        Assert.Equal(after, await page.Locator("[data-testid=alert-item][data-acknowledged=false]").CountAsync());
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task An_incident_opened_from_an_alert_is_investigated_commented_and_given_a_photo_all_in_its_timeline()
    {
        var page = await SignedInPageAsync();
        var alert = page.GetByTestId("alert-item").First;
        await alert.WaitForAsync(new() { Timeout = 90_000 });
        string alertId = (await alert.GetAttributeAsync("data-alert-id"))!;
        string? trackId = await alert.GetAttributeAsync("data-track-id");

        await Assertions.Expect(page.GetByTestId("open-incident")).ToBeDisabledAsync();
        await alert.GetByTestId("alert-pick").CheckAsync();
        await page.GetByTestId("open-incident").ClickAsync();

        await Assertions.Expect(page.GetByTestId("incident-page")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        Assert.Matches(@"#/incidents/[^/]+$", page.Url);
        await Assertions.Expect(page.GetByTestId("incident-state")).ToHaveTextAsync("open");
        await Assertions.Expect(page.GetByTestId("linked-alert")).ToHaveTextAsync(alertId);
        if (trackId is not null)
            await Assertions.Expect(page.GetByTestId("track-link")).ToHaveTextAsync(trackId);

        await page.GetByTestId("move-investigating").ClickAsync();
        await Assertions.Expect(page.GetByTestId("incident-state")).ToHaveTextAsync("investigating");

        await page.Locator("[data-testid=form-comment] textarea").FillAsync("Patrol 4 sent to the river bank");
        await page.Locator("[data-testid=form-comment] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=timeline-entry][data-action=comment]")).ToContainTextAsync("Patrol 4 sent to the river bank");

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];
        await page.Locator("[data-testid=form-attach] input[type=file]").SetInputFilesAsync(new FilePayload { Name = "river-bank.png", MimeType = "image/png", Buffer = png });
        await page.Locator("[data-testid=form-attach] button[type=submit]").ClickAsync();
        string sha = Convert.ToHexStringLower(SHA256.HashData(png));
        await Assertions.Expect(page.GetByTestId("attachment-sha")).ToHaveTextAsync(sha);

        // Every change in order, newest last.
        var actions = await page.Locator("[data-testid=timeline-entry]").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.action)");
        Assert.Equal(["opened", "investigating", "comment", "attachment added"], actions);
        await Assertions.Expect(page.Locator("[data-testid=timeline-entry]").Last).ToContainTextAsync("river-bank.png");

        // The server holds what the page shows, linked to the alert.
        string id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        using var http = await fixture.AdminClientAsync();
        var incident = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/incidents/{id}", UriKind.Relative));
        Assert.Equal("airspace-incursion", incident.GetProperty("kind").GetString());
        Assert.Equal(alertId, incident.GetProperty("alertIds")[0].GetString());
        Assert.Equal(png, await http.GetByteArrayAsync(new Uri($"/api/incidents/{id}/attachments/{sha}", UriKind.Relative)));

        // An illegal move (the page is stale: someone else closed it) is refused with the server's words.
        using var closed = await http.PostAsJsonAsync(new Uri($"/api/incidents/{id}/transition", UriKind.Relative), new { to = "closed", resolution = "a bird" });
        closed.EnsureSuccessStatusCode();
        await page.GetByTestId("resolution").FillAsync("again");
        await page.GetByTestId("move-closed").ClickAsync();
        await Assertions.Expect(page.GetByTestId("move-refusal")).ToContainTextAsync("state: an incident that is closed cannot become closed");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "incident.png"), FullPage = true });
        Assert.DoesNotContain(_consoleErrors, e => !e.Contains("409", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ground_find_at_a_tracks_last_position_back_tracks_to_that_track_with_its_debris_ellipse()
    {
        // The place: where a recorded track was last seen, so the demo need not lose a track on cue.
        using var http = await fixture.AdminClientAsync();
        var (trackId, last) = await LastPositionOfARecordedTrackAsync(http);
        var lastTime = last.GetProperty("time").GetDateTimeOffset().ToUniversalTime();
        var to = new DateTimeOffset(lastTime.Ticks - (lastTime.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero).AddSeconds(1);
        var from = to.AddMinutes(-30);

        var page = await SignedInPageAsync();
        await page.GetByTestId("view-incidents").ClickAsync();
        await Assertions.Expect(page.GetByTestId("incidents-list")).ToBeVisibleAsync();
        await page.Locator("#reg-new-incident-kind").SelectOptionAsync("ground-find");
        // Clicking the small map gives the place; the exact place is then typed.
        await page.GetByTestId("place-map").ClickAsync();
        await Assertions.Expect(page.Locator("#reg-new-incident-lat")).Not.ToHaveValueAsync("");
        await page.Locator("#reg-new-incident-title").FillAsync("Drone wreck in a field");
        await page.Locator("#reg-new-incident-lat").FillAsync(last.GetProperty("lat").GetDouble().ToString("F6", CultureInfo.InvariantCulture));
        await page.Locator("#reg-new-incident-lon").FillAsync(last.GetProperty("lon").GetDouble().ToString("F6", CultureInfo.InvariantCulture));
        await page.Locator("#reg-new-incident-from").FillAsync(from.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        await page.Locator("#reg-new-incident-to").FillAsync(to.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture));
        await page.Locator("#reg-new-incident-radiusM").FillAsync("3000");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "incident-new.png") });
        await page.Locator("[data-testid=form-new-incident] button[type=submit]").ClickAsync();

        await Assertions.Expect(page.GetByTestId("incident-page")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await page.GetByTestId("run-backtrack").ClickAsync();
        var candidate = page.Locator($"[data-testid=candidate-row][data-track-id='{trackId}']");
        await Assertions.Expect(candidate).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        await Assertions.Expect(candidate).ToContainTextAsync(" m"); // its distance from the find
        // The sensors that saw it, by id with the span the store recorded ("radar-isaccea 12:03:05–12:09:40Z").
        var sensorIds = (await http.GetFromJsonAsync<JsonElement>(new Uri("/api/sensors", UriKind.Relative))).EnumerateArray()
            .Select(s => System.Text.RegularExpressions.Regex.Escape(s.GetProperty("id").GetString()!));
        await Assertions.Expect(candidate.GetByTestId("candidate-sensors")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex($"^({string.Join("|", sensorIds)}) \\d\\d:\\d\\d:\\d\\d–\\d\\d:\\d\\d:\\d\\dZ"));

        var map = page.GetByTestId("backtrack-map");
        int candidates = await page.GetByTestId("candidate-row").CountAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-candidates", candidates.ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(map.Locator("path.candidate-path")).ToHaveCountAsync(candidates);
        await Assertions.Expect(map.Locator("path.debris-ellipse")).ToHaveCountAsync(1);
        await Assertions.Expect(map.Locator("path.find-mark")).ToHaveCountAsync(1);

        // Choosing the track's row draws its ellipse (one at a time).
        await candidate.Locator("td").First.ClickAsync();
        await Assertions.Expect(map).ToHaveAttributeAsync("data-selected", trackId);
        await Assertions.Expect(map.Locator("path.debris-ellipse")).ToHaveCountAsync(1);
        await map.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "incident-backtrack-map.png") });

        await candidate.GetByTestId("show-on-map").ClickAsync();
        await Assertions.Expect(page.GetByTestId("map")).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("() => window.__straja.debrisShown()");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "incident-debris-on-map.png") });
        Assert.Empty(_consoleErrors);
    }

    [Fact]
    public async Task A_viewer_reads_incidents_and_their_timeline_but_is_offered_no_control_to_change_them()
    {
        using var http = await fixture.AdminClientAsync();
        const string password = "watch-the-river-2026";
        (await http.PostAsJsonAsync(new Uri("/api/accounts", UriKind.Relative), new { user = "wall", password, roles = new[] { "viewer" } })).EnsureSuccessStatusCode();
        using var opened = await http.PostAsJsonAsync(new Uri("/api/incidents", UriKind.Relative), new { kind = "sensor-fault", title = "Tulcea radar silent at night" });
        opened.EnsureSuccessStatusCode();
        string id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        (await http.PostAsJsonAsync(new Uri($"/api/incidents/{id}/comments", UriKind.Relative), new { text = "technician called" })).EnsureSuccessStatusCode();

        var page = await SignedInPageAsync("wall", password);
        await page.GetByTestId("alert-item").First.WaitForAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("alert-pick")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("open-incident")).ToHaveCountAsync(0);

        await page.GetByTestId("view-incidents").ClickAsync();
        var row = page.Locator($"[data-testid=incident-row][data-incident-id='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("Tulcea radar silent at night");
        await Assertions.Expect(page.GetByTestId("form-new-incident")).ToHaveCountAsync(0);
        // The state filter: a closed-only list does not show the open incident.
        await page.GetByTestId("filter-closed").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.GetByTestId("filter-open").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);

        await row.GetByRole(AriaRole.Link, new() { Name = id }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("incident-state")).ToHaveTextAsync("open");
        await Assertions.Expect(page.Locator("[data-testid=timeline-entry][data-action=comment]")).ToContainTextAsync("technician called");
        foreach (var control in new[] { "move-investigating", "move-closed", "form-comment", "form-attach", "form-assign" })
            await Assertions.Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("export-html")).ToHaveAttributeAsync("href", $"/api/incidents/{id}/export?format=html");
        Assert.Empty(_consoleErrors);
    }

    /// <summary>A track with some recorded history, and its newest recorded point.</summary>
    private static async Task<(string TrackId, JsonElement Last)> LastPositionOfARecordedTrackAsync(HttpClient http)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var tracks = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/tracks", UriKind.Relative));
            foreach (var t in tracks.EnumerateArray())
            {
                string id = t.GetProperty("id").GetString()!;
                var history = await http.GetFromJsonAsync<JsonElement>(new Uri($"/api/tracks/{Uri.EscapeDataString(id)}/history", UriKind.Relative));
                if (history.GetArrayLength() >= 5)
                    return (id, history[history.GetArrayLength() - 1]);
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException("the demo recorded no track with five points within 90 s");
    }
}
