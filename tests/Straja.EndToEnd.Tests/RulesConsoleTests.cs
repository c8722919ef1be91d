using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// The alert-rules page and the operator's alert panel in the real console: an admin changes rules with
/// the quick edits and the API serves the change; a broken edit is refused naming its JSON path and
/// nothing is saved; a viewer reads the rules without edit controls and sees escalated alerts first,
/// with no Acknowledge button.
/// </summary>
public sealed class RulesConsoleTests(RulesConsoleTests.Demo demo) : IClassFixture<RulesConsoleTests.Demo>
{
    private const string Password = "rules page e2e password";

    /// <summary>Alerts escalate after 2 s, so the escalated look shows within the test.</summary>
    public sealed class Demo() : BrowserDemoFixture("single-crossing", speed: 4, "--escalate-after", "2");

    [Fact]
    public async Task Admin_switches_a_rule_off_and_raises_another_ones_severity_and_the_api_serves_both()
    {
        var (page, scriptErrors) = await SignedInPageAsync("rita.admin", "admin");
        await page.GetByTestId("view-rules").ClickAsync();
        var swarm = page.Locator("[data-testid=rule-row][data-rule-id=swarm]");
        await Assertions.Expect(swarm).ToHaveAttributeAsync("data-enabled", "true");
        await Assertions.Expect(swarm.GetByTestId("rule-summary")).ToContainTextAsync("part of a swarm: 3 or more confirmed tracks");

        await swarm.GetByTestId("rule-enabled").ClickAsync();
        await Assertions.Expect(swarm).ToHaveAttributeAsync("data-enabled", "false");
        await Assertions.Expect(page.GetByTestId("rules-status")).ToContainTextAsync("3 enabled");
        await page.Locator("[data-testid=rule-row][data-rule-id=sensor-silent]").GetByTestId("rule-severity").SelectOptionAsync("critical");

        using var http = await demo.AdminClientAsync();
        string document = "";
        JsonElement Rule(string id) => Rules(document).Single(r => r.GetProperty("id").GetString() == id);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        do
        {
            await Task.Delay(200);
            document = await http.GetStringAsync(new Uri("/api/rules", UriKind.Relative));
        }
        while (Rule("sensor-silent").GetProperty("severity").GetString() != "critical" && DateTime.UtcNow < deadline);

        Assert.Equal("critical", Rule("sensor-silent").GetProperty("severity").GetString());
        Assert.False(Rule("swarm").GetProperty("enabled").GetBoolean());
        Assert.False(Rule("loiter-base").TryGetProperty("enabled", out _));
        // The quick edits change values in place: the file's comment survives them.
        Assert.Contains("// The demo's alert rules", document, StringComparison.Ordinal);
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_broken_edit_is_refused_naming_its_path_and_pointing_at_it_and_nothing_is_saved()
    {
        using var http = await demo.AdminClientAsync();
        var (page, scriptErrors) = await SignedInPageAsync("bogdan.admin", "admin");
        await page.GetByTestId("view-rules").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rules-table")).ToBeVisibleAsync();
        string before = await http.GetStringAsync(new Uri("/api/rules", UriKind.Relative));
        var editor = page.GetByTestId("rules-editor");
        await Assertions.Expect(editor).ToHaveValueAsync(before);

        string broken = before.Replace("\"class\": [\"multirotor\"", "\"class\": [\"helicopter\"", StringComparison.Ordinal);
        Assert.NotEqual(before, broken);
        await editor.FillAsync(broken);
        await Assertions.Expect(page.GetByTestId("rules-draft-note")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rule-enabled")).ToHaveCountAsync(0);

        var put = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("rules-save").ClickAsync(),
            r => r.Url.EndsWith("/api/rules", StringComparison.Ordinal) && r.Request.Method == "PUT");
        Assert.Equal(400, put.Status);
        const string path = "rules[0].when.swarm.of.all[1].class[0]";
        await Assertions.Expect(page.GetByTestId("rules-refusal-text")).ToContainTextAsync(path);
        await Assertions.Expect(page.GetByTestId("rules-fault-line")).ToContainTextAsync("helicopter");
        Assert.Equal("\"helicopter\"", await editor.EvaluateAsync<string>("e => e.value.slice(e.selectionStart, e.selectionEnd)"));
        Assert.Equal(before, await http.GetStringAsync(new Uri("/api/rules", UriKind.Relative)));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "rules-refused.png") });

        // Validate says the same without trying to save; Revert brings back the rules in force.
        var check = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("rules-validate").ClickAsync(),
            r => r.Url.EndsWith("/api/rules/validate", StringComparison.Ordinal));
        Assert.Equal(400, check.Status);
        await Assertions.Expect(page.GetByTestId("rules-refusal-text")).ToContainTextAsync(path);
        await page.GetByTestId("rules-revert").ClickAsync();
        await Assertions.Expect(editor).ToHaveValueAsync(before);
        await Assertions.Expect(page.GetByTestId("rules-refusal")).ToBeHiddenAsync();
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_viewer_reads_the_rules_without_edit_controls_or_zones_and_sees_escalated_alerts_first_without_acknowledge()
    {
        var (page, scriptErrors) = await SignedInPageAsync("vera.viewer", "viewer");

        var escalated = page.Locator("[data-testid=alert-item][data-escalated=true]").First;
        await escalated.WaitForAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(page.GetByTestId("alert-item").First).ToHaveAttributeAsync("data-escalated", "true");
        await Assertions.Expect(page.GetByTestId("alert-item").First.GetByTestId("alert-escalated")).ToHaveTextAsync("ESCALATED");
        await Assertions.Expect(page.GetByTestId("ack-button")).ToHaveCountAsync(0);
        // Zones too are read-only for a viewer: no edit, delete, draw or import control.
        await Assertions.Expect(page.GetByTestId("zones-read-only")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#zones-editor button, #zones-editor input")).ToHaveCountAsync(0);
        await page.GetByTestId("alert-filter-severity").SelectOptionAsync("critical");
        foreach (var severity in await page.Locator("[data-testid=alert-item] .alert-sev").AllInnerTextsAsync())
            Assert.Equal("CRITICAL", severity);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "alerts-viewer.png") });

        await page.GetByTestId("view-rules").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rules-readonly")).ToContainTextAsync("only an admin may change the alert rules");
        await Assertions.Expect(page.Locator("[data-testid=rule-row][data-rule-id=swarm]")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("rules-document")).ToContainTextAsync("\"swarm\"");
        foreach (var control in new[] { "rules-editor", "rules-save", "rules-validate", "rule-enabled", "rule-severity", "rule-cooldown" })
            await Assertions.Expect(page.GetByTestId(control)).ToHaveCountAsync(0);
        Assert.Empty(scriptErrors);
    }

    private static IEnumerable<JsonElement> Rules(string document)
    {
        using var doc = JsonDocument.Parse(document, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return doc.RootElement.GetProperty("rules").EnumerateArray().Select(r => r.Clone()).ToList();
    }

    /// <summary>An account made over the accounts API as the first admin, signed in through the console's form.</summary>
    private async Task<(IPage Page, List<string> ScriptErrors)> SignedInPageAsync(string user, params string[] roles)
    {
        using (var admin = await demo.AdminClientAsync())
        {
            using var created = await admin.PostAsJsonAsync(new Uri("/api/accounts", UriKind.Relative), new { user, password = Password, roles });
            Assert.True(created.IsSuccessStatusCode, $"creating {user}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        var (page, errors) = await demo.NewPageAsync();
        await page.GotoAsync(demo.Url);
        await LoginTests.SignInAsync(page, user, Password);
        return (page, errors);
    }
}
