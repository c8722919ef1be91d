using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// A registrar's path through the registry pages of the real console: a site, a model, a batch and a unit made
/// through the forms, the unit accepted (its private key shown once), refused an illegal move with the
/// registry's own reason, allocated, and the summary chart drawn with one bar per month and milestone.
/// </summary>
public sealed class RegistryConsoleTests(RegistryConsoleTests.Demo demo) : IClassFixture<RegistryConsoleTests.Demo>
{
    private static readonly string[] Milestones = ["produced", "accepted", "allocated", "delivered"];

    /// <summary>One `straja demo` and one headless Chromium for the class; each test opens its own page.</summary>
    public sealed class Demo() : BrowserDemoFixture("single-crossing", speed: 1);

    [Fact]
    public async Task Registrar_creates_accepts_and_allocates_a_unit_through_the_registry_pages()
    {
        using var http = await demo.AdminClientAsync();
        var (page, scriptErrors) = await demo.NewPageAsync();
        await SignIn(page, "ana.registrar", "registrar");

        // From the map to the registry by the top bar's switch.
        await page.GetByTestId("view-registry").ClickAsync();
        await Assertions.Expect(page.GetByTestId("registry-production")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("map")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("session")).ToHaveTextAsync("ana.registrar (viewer, registrar) — may edit");

        // Two months before now, so the chart's produced bar and its accepted/allocated bars fall in different months.
        var now = DateTime.UtcNow;
        var producedOn = new DateOnly(now.Year, now.Month, 1).AddMonths(-2);
        await Submit(page, "site", ("id", "e2e-site"), ("name", "Brasov line 2"), ("operator", "RO-UA JV"));
        await Assertions.Expect(page.GetByTestId("sites")).ToContainTextAsync("e2e-site");
        await Submit(page, "model", ("id", "e2e-hawk"), ("name", "Hawk 4"), ("massKg", "6.5"), ("enduranceMin", "45"), ("radioBands", "2400-2483.5"));
        await Assertions.Expect(page.GetByTestId("models")).ToContainTextAsync("2400–2483.5");
        await page.Locator("[data-testid=form-batch] [name=modelId]").SelectOptionAsync("e2e-hawk");
        await page.Locator("[data-testid=form-batch] [name=siteId]").SelectOptionAsync("e2e-site");
        await Submit(page, "batch", ("id", "e2e-B1"), ("producedOn", producedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("quantity", "3"));
        var batchRow = page.Locator("[data-testid=batch-row][data-batch=e2e-B1]");
        await Assertions.Expect(batchRow.Locator("[data-count=produced]")).ToHaveTextAsync("3");
        await Assertions.Expect(batchRow.Locator("[data-count=registered]")).ToHaveTextAsync("0");

        // A bad field is refused inline with the registry's reason, and the form keeps what was typed.
        await page.GetByTestId("nav-units").ClickAsync();
        await page.Locator("[data-testid=form-unit] [name=batchId]").SelectOptionAsync("e2e-B1");
        await Submit(page, "unit", ("serial", "E2E-0001"), ("remoteIdSerial", "STRJ8OOPS"));
        await Assertions.Expect(page.Locator("[data-testid=form-unit] [data-testid=refusal]")).ToContainTextAsync("Remote ID serial");
        await page.Locator("[data-testid=form-unit] [name=remoteIdSerial]").FillAsync("STRJ8E2E00001");
        await page.Locator("[data-testid=form-unit] button[type=submit]").ClickAsync();

        // The unit page: produced, then accepted with the private key shown once.
        await Assertions.Expect(page.GetByTestId("unit-state")).ToHaveTextAsync("produced");
        await page.Locator("[data-testid=form-move] [name=inspector]").FillAsync("qa.ion");
        await page.Locator("[data-testid=form-move] button[type=submit]").ClickAsync();
        var keyPanel = page.GetByTestId("private-key");
        await Assertions.Expect(keyPanel).ToContainTextAsync("shown once");
        string privateKey = await page.GetByTestId("private-key-base64").InnerTextAsync();
        Assert.Equal(32, Convert.FromBase64String(privateKey).Length);
        await Assertions.Expect(page.GetByTestId("unit-state")).ToHaveTextAsync("accepted");
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("private-key-download").ClickAsync());
        Assert.Equal("E2E-0001.key", download.SuggestedFilename);
        string keyFile = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains($"privateKeyBase64: {privateKey}", keyFile, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "registry-key.png") });

        // The page's fingerprint is the registry's public key's; the registry does not hold the private key.
        var unit = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/registry/units/E2E-0001", UriKind.Relative));
        Assert.DoesNotContain(privateKey, unit.GetRawText(), StringComparison.Ordinal);
        string fingerprint = Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(unit.GetProperty("publicKey").GetString()!)));
        Assert.Equal(fingerprint, (await page.GetByTestId("unit-fingerprint").InnerTextAsync()).Replace(" ", "", StringComparison.Ordinal));

        // Once dismissed — or after reloading the page — the key is gone for good.
        await page.GetByTestId("private-key-dismiss").ClickAsync();
        await Assertions.Expect(keyPanel).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("unit-state")).ToHaveTextAsync("accepted");
        await Assertions.Expect(keyPanel).ToHaveCountAsync(0);
        Assert.DoesNotContain(privateKey, await page.ContentAsync(), StringComparison.Ordinal);

        // An illegal move: the registry's refusal names both states.
        await page.GetByTestId("move-action").SelectOptionAsync("deliver");
        await page.Locator("[data-testid=form-move] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=form-move] [data-testid=refusal]"))
            .ToContainTextAsync("cannot go from accepted to delivered");
        await Assertions.Expect(page.GetByTestId("unit-state")).ToHaveTextAsync("accepted");

        await page.GetByTestId("move-action").SelectOptionAsync("allocate");
        await page.Locator("[data-testid=form-move] [name=recipient]").FillAsync("ro");
        await page.Locator("[data-testid=form-move] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unit-state")).ToHaveTextAsync("allocated");
        await Assertions.Expect(page.GetByTestId("unit-details")).ToContainTextAsync("RO");
        await Assertions.Expect(page.GetByTestId("unit-history")).ToContainTextAsync("unit.allocated");
        await Assertions.Expect(page.GetByTestId("unit-history").Locator("tbody tr")).ToHaveCountAsync(3);
        // The signed-in user, not a default, is recorded as who made each change.
        await Assertions.Expect(page.GetByTestId("unit-history").Locator("tbody tr").Last).ToContainTextAsync("ana.registrar");

        // The batch reconciles: 1 registered, accepted and allocated of 3 produced.
        await page.GetByTestId("nav-production").ClickAsync();
        await Assertions.Expect(batchRow.Locator("[data-count=allocated]")).ToHaveTextAsync("1");
        await Assertions.Expect(batchRow).ToContainTextAsync("reconciled");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "registry-production.png"), FullPage = true });

        // The unit list filters by state.
        await page.GetByTestId("nav-units").ClickAsync();
        await page.Locator("[data-testid=unit-filters] [name=state]").SelectOptionAsync("allocated");
        await Assertions.Expect(page.Locator("[data-testid=unit-row][data-serial=E2E-0001]")).ToHaveCountAsync(1);
        await page.Locator("[data-testid=unit-filters] [name=state]").SelectOptionAsync("produced");
        await Assertions.Expect(page.Locator("[data-testid=unit-row][data-serial=E2E-0001]")).ToHaveCountAsync(0);

        // The chart: one bar per (month, milestone) with a count, as the summary says.
        await page.GetByTestId("nav-report").ClickAsync();
        var bars = page.Locator("[data-testid=report-chart] g.chart-bar");
        int expectedBars = await NonEmptyMonthMilestones(http);
        await Assertions.Expect(bars).ToHaveCountAsync(expectedBars);
        string producedMonth = producedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator($"[data-testid=report-chart] g.chart-bar[data-category='{producedMonth}'][data-series=produced]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=report-chart] g.chart-bar[data-series=allocated]")).Not.ToHaveCountAsync(0);
        await page.GetByTestId("report-group").SelectOptionAsync("recipient");
        await Assertions.Expect(page.Locator("[data-testid=report-chart][data-group=recipient] .chart-legend")).ToContainTextAsync("RO");
        await Assertions.Expect(bars).ToHaveCountAsync(expectedBars);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "registry-report.png") });

        // The audit page verifies the chain.
        await page.GetByTestId("nav-audit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("audit-verify")).ToHaveAttributeAsync("data-ok", "true");
        await Assertions.Expect(page.GetByTestId("audit-verify")).ToContainTextAsync(new Regex(@"Chain intact: \d+ records"));

        // A CSV with a bad row: every error by line and field, nothing imported.
        await page.GetByTestId("nav-import").ClickAsync();
        string csv = "serial,model,batch,remoteIdSerial,radioIds,state,inspector,acceptedUtc,recipient,exportLicence,licenceExpiresOn,endUserCertificate,allocatedUtc,deliveredUtc,publicKey\n"
            + "E2E-0002,e2e-hawk,e2e-B1,STRJ8E2E00002,,produced,,,,,,,,,\n"
            + "E2E-0003,e2e-hawk,e2e-B1,NOT-A-SERIAL,,produced,,,,,,,,,\n";
        await page.Locator("[data-testid=form-import] [name=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "units.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv),
        });
        await page.Locator("[data-testid=form-import] button[type=submit]").ClickAsync();
        var errors = page.GetByTestId("import-errors");
        await Assertions.Expect(errors).ToContainTextAsync("remoteIdSerial");
        await Assertions.Expect(errors.Locator("tbody tr").First.Locator("td").First).ToHaveTextAsync("3");
        using var missing = await http.GetAsync(new Uri("/api/registry/units/E2E-0002", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);

        // And back to the map, which is still live.
        await page.GetByTestId("view-map").ClickAsync();
        await Assertions.Expect(page.GetByTestId("map")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("registry")).ToBeHiddenAsync();
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task A_viewer_sees_the_registry_read_only_without_edit_forms()
    {
        var (page, scriptErrors) = await demo.NewPageAsync();
        await SignIn(page, "vera", "viewer", "investigator");

        await page.GotoAsync(demo.Url + "/#/registry");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("session")).ToHaveTextAsync("vera (viewer, investigator) — read only");
        await Assertions.Expect(page.GetByTestId("sites")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form")).ToHaveCountAsync(0);
        await page.GetByTestId("nav-import").ClickAsync();
        await Assertions.Expect(page.GetByTestId("export-link")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form")).ToHaveCountAsync(0);
        await page.GetByTestId("nav-units").ClickAsync();
        await Assertions.Expect(page.GetByTestId("unit-filters")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("form")).ToHaveCountAsync(0);
        Assert.Empty(scriptErrors);
    }

    /// <summary>Creates the account through the admin API and signs in with it through the console's sign-in form.</summary>
    private async Task SignIn(IPage page, string user, params string[] roles)
    {
        const string password = "registry pages e2e password";
        using var admin = await demo.AdminClientAsync();
        using var created = await admin.PostAsJsonAsync(new Uri("/api/accounts", UriKind.Relative), new { user, password, roles });
        Assert.True(created.IsSuccessStatusCode, $"creating {user}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        await page.GotoAsync(demo.Url);
        await LoginTests.SignInAsync(page, user, password);
    }

    private static async Task Submit(IPage page, string form, params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields)
            await page.Locator($"[data-testid=form-{form}] [name={name}]").FillAsync(value);
        await page.Locator($"[data-testid=form-{form}] button[type=submit]").ClickAsync();
    }

    /// <summary>How many (month, milestone) pairs the registry's summary has a count for: the chart draws one bar for each.</summary>
    private static async Task<int> NonEmptyMonthMilestones(HttpClient http)
    {
        var rows = await http.GetFromJsonAsync<JsonElement>(new Uri("/api/registry/summary", UriKind.Relative));
        return rows.EnumerateArray()
            .GroupBy(r => r.GetProperty("month").GetString())
            .Sum(month => Milestones.Count(m => month.Sum(r => r.GetProperty(m).GetInt32()) > 0));
    }
}
