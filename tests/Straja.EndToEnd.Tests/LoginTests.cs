using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>Signing in and out of the console in a real browser against the real `straja demo` process.</summary>
public class LoginTests
{
    /// <summary>Fills the sign-in form and waits until the console shows who is signed in.</summary>
    internal static async Task SignInAsync(IPage page, string user, string password)
    {
        await page.GetByTestId("login-user").FillAsync(user);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveTextAsync(user, new() { Timeout = 20_000 });
    }

    [Fact]
    public async Task A_wrong_password_is_refused_the_right_one_opens_the_console_and_sign_out_closes_it()
    {
        Assert.True(File.Exists(ConsoleTests.ChromiumPath), $"Chromium not found at {ConsoleTests.ChromiumPath}");
        await using var demo = await DemoProcess.StartAsync("single-crossing", speed: 1);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(ConsoleTests.BrowserOptions);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });

        await page.GotoAsync(demo.Url);
        await Assertions.Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        // Nothing of the picture is loaded before sign-in.
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.__straja ? window.__straja.tracks().length : 0"));

        await page.GetByTestId("login-user").FillAsync("admin");
        await page.GetByTestId("login-password").FillAsync("not the password at all");
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-error")).ToHaveTextAsync("Wrong user name or password.");

        await SignInAsync(page, "admin", await demo.AdminPasswordAsync());
        await Assertions.Expect(page.GetByTestId("login-form")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("connection")).ToHaveTextAsync("live", new() { Timeout = 20_000 });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ConsoleTests.ArtifactsDirectory, "signed-in.png") });

        await page.GetByTestId("logout-button").ClickAsync();
        await Assertions.Expect(page.GetByTestId("login-form")).ToBeVisibleAsync(new() { Timeout = 20_000 });
        var status = await page.EvaluateAsync<int>("async () => (await fetch('/api/session')).status");
        Assert.Equal(401, status);
        await Assertions.Expect(page.GetByTestId("user-name")).ToHaveCountAsync(0);
    }
}
