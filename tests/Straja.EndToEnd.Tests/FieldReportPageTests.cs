using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// A resident files a report from a phone-sized screen, without an account, against the real demo; then a
/// border-police officer signs in on the same page and files a trusted one.
/// </summary>
public sealed class FieldReportPageTests
{
    private static string ChromiumPath =>
        Environment.GetEnvironmentVariable("STRAJA_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    [Fact]
    public async Task A_phone_report_reaches_the_server_with_its_triage_and_a_signed_in_officers_report_is_trusted()
    {
        Assert.True(File.Exists(ChromiumPath), $"Chromium not found at {ChromiumPath} (./test.sh installs Debian's chromium)");
        await using var demo = await DemoProcess.StartAsync("single-crossing", speed: 1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
        });
        // A phone: 390 × 844, touch, the location of a resident of Isaccea.
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            Geolocation = new Geolocation { Latitude = 45.2700f, Longitude = 28.4600f },
            Permissions = ["geolocation"],
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(demo.Url + "/report.html");

        // Sending with nothing filled in says what is missing.
        await page.GetByTestId("send-report").TapAsync();
        await Assertions.Expect(page.GetByTestId("report-message")).ToContainTextAsync("where you are");

        await page.GetByTestId("use-location").TapAsync();
        await Assertions.Expect(page.GetByTestId("where")).ToContainTextAsync("45.2700, 28.4600");
        await page.GetByTestId("sense-heard").TapAsync();
        await page.GetByTestId("look-N").TapAsync();
        await page.GetByTestId("went-S").TapAsync();
        await page.GetByTestId("count").FillAsync("2");
        await page.GetByTestId("description").FillAsync("buzzing over the river, going south");
        // Touch targets fit a thumb.
        var box = await page.GetByTestId("sense-heard").BoundingBoxAsync();
        Assert.True(box!.Height >= 48, $"a button is {box.Height} px high");

        await page.GetByTestId("send-report").TapAsync();
        await Assertions.Expect(page.GetByTestId("report-message")).ToContainTextAsync("received", new() { Timeout = 20_000 });

        using var admin = await demo.AdminClientAsync();
        var reports = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/field-reports", UriKind.Relative));
        var report = Assert.Single(reports.EnumerateArray());
        Assert.Equal("heard", report.GetProperty("sense").GetString());
        Assert.Equal(2, report.GetProperty("count").GetInt32());
        Assert.Equal(180, report.GetProperty("headingDeg").GetDouble());
        Assert.Equal(45.27, report.GetProperty("lat").GetDouble(), 4);
        Assert.False(report.GetProperty("trusted").GetBoolean());

        // A patrol officer on the same phone signs in on the page; the report goes under their account, trusted.
        using (var created = await admin.PostAsJsonAsync(new Uri("/api/accounts", UriKind.Relative),
                   new { user = "matei", password = "patrol on the Prut 2026", roles = new[] { "border-police" } }))
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
        await page.GetByTestId("officer-sign-in").TapAsync();
        await page.GetByTestId("officer-user").FillAsync("matei");
        await page.GetByTestId("officer-password").FillAsync("patrol on the Prut 2026");
        await page.GetByTestId("officer-submit").TapAsync();
        await Assertions.Expect(page.GetByTestId("officer-status")).ToHaveTextAsync("Signed in as matei: your reports are filed as trusted.");
        await page.GetByTestId("send-report").TapAsync();
        await Assertions.Expect(page.GetByTestId("report-message")).ToContainTextAsync("filed as matei (trusted)", new() { Timeout = 20_000 });

        reports = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/field-reports", UriKind.Relative));
        var newest = reports.EnumerateArray().First();
        Assert.Equal(2, reports.GetArrayLength());
        Assert.Equal("matei", newest.GetProperty("reporter").GetString());
        Assert.True(newest.GetProperty("trusted").GetBoolean());

        // The console has no picture for an officer: it sends them to the report page, still signed in.
        await page.GotoAsync(demo.Url + "/");
        // Polled, not a navigation wait: the console replaces its address after an awaited session check.
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/report\\.html$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByTestId("officer-status")).ToContainTextAsync("Signed in as matei");
    }
}
