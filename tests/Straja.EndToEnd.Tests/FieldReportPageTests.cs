using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>A resident files a report from a phone-sized screen, without an account, against the real demo.</summary>
public sealed class FieldReportPageTests
{
    private static string ChromiumPath =>
        Environment.GetEnvironmentVariable("STRAJA_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    [Fact]
    public async Task A_report_filed_on_a_phone_with_its_location_reaches_the_server_and_shows_its_triage()
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
    }
}
