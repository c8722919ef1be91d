using System.Diagnostics;

namespace Straja.EndToEnd.Tests;

public class DemoCommandTests
{
    [Fact]
    public async Task Demo_prints_its_url_and_stops_cleanly_on_ctrl_c()
    {
        var demo = await DemoProcess.StartAsync("single-crossing", speed: 1);
        string url = demo.Url;
        await demo.AdminPasswordAsync();
        await demo.DisposeAsync();
        // Read once it has exited: the lines it printed before answering may still be in the pipe until then.
        string output = demo.Output;

        Assert.Contains($"Straja console: {url}", output, StringComparison.Ordinal);
        Assert.Matches(@"created account 'admin' with password \S{20}", output);
        Assert.True(demo.ExitCode == 0, demo.ShutdownProblem ?? $"exit code {demo.ExitCode}:\n{output}");
    }

    [Fact]
    public async Task A_malformed_scenario_file_is_refused_naming_file_and_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"bad-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, "{\n  \"name\": \"bad\",\n  \"seed\": 1,\n  \"sensors\": [ { \"id\": \"r1\", \n }\n");
        try
        {
            var psi = new ProcessStartInfo("dotnet")
            {
                ArgumentList = { Path.Combine(AppContext.BaseDirectory, "straja.dll"), "demo", "--scenario", file, "--urls", "http://127.0.0.1:0" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            using var p = Process.Start(psi)!;
            var stderr = await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();

            Assert.Equal(2, p.ExitCode);
            Assert.Contains(Path.GetFileName(file), stderr, StringComparison.Ordinal);
            Assert.Contains("line", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_unknown_option_is_a_usage_error_naming_it()
    {
        var psi = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "straja.dll"), "demo", "--sped", "4" },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        using var p = Process.Start(psi)!;
        var stderr = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();

        Assert.Equal(2, p.ExitCode);
        Assert.Contains("--sped", stderr, StringComparison.Ordinal);
    }
}
