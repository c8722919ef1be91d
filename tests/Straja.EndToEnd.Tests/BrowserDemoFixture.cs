using Microsoft.Playwright;

namespace Straja.EndToEnd.Tests;

/// <summary>
/// One `straja demo` and one headless Chromium shared by a test class (an xunit class fixture); each
/// test opens its own page, which collects script errors so a test can assert there were none.
/// </summary>
public abstract class BrowserDemoFixture(string scenario, double speed, params string[] demoArgs) : IAsyncLifetime
{
    private DemoProcess? _process;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string Url => _process!.Url;

    public Task<HttpClient> AdminClientAsync() => _process!.AdminClientAsync();

    /// <summary>The password the demo printed for its first admin.</summary>
    public Task<string> AdminPasswordAsync() => _process!.AdminPasswordAsync();

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ConsoleTests.ChromiumPath), $"Chromium not found at {ConsoleTests.ChromiumPath} (./test.sh installs Debian's chromium)");
        _process = await DemoProcess.StartAsync(scenario, speed, demoArgs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(ConsoleTests.BrowserOptions);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_process is not null)
            await _process.DisposeAsync();
    }

    /// <summary>A new page that collects script errors (refused requests, which the browser logs itself, excepted).</summary>
    public async Task<(IPage Page, List<string> ScriptErrors)> NewPageAsync()
    {
        var page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
                errors.Add(m.Text);
        };
        return (page, errors);
    }
}
