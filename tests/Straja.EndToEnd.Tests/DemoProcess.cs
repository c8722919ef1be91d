using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;

namespace Straja.EndToEnd.Tests;

/// <summary>The real `straja demo` process on a free loopback port, with its own data directory.</summary>
internal sealed partial class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    /// <summary>The console's address, as the demo printed it once it was listening.</summary>
    public string Url { get; private set; } = "";
    public string DataDirectory { get; }

    private DemoProcess(Process process, string data)
    {
        _process = process;
        DataDirectory = data;
    }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <param name="extraArgs">More `straja demo` flags, e.g. "--escalate-after", "5".</param>
    public static async Task<DemoProcess> StartAsync(string scenario, double speed, params string[] extraArgs)
    {
        // Port 0: the demo binds a free port itself and prints it. Picking one here and handing it over
        // would race every other process on the machine binding an ephemeral port in between.
        const string url = "http://127.0.0.1:0";
        var data = Path.Combine(Path.GetTempPath(), "straja-e2e-" + Guid.NewGuid().ToString("N"));
        var dll = Path.Combine(AppContext.BaseDirectory, "straja.dll");
        // Through perl (Debian's essential perl-base), which puts SIGINT back to its default before it execs
        // dotnet: a test run started in the background (nohup, `&` in a script) ignores SIGINT, every child
        // inherits that, and the demo would then never see the Ctrl-C these tests stop it with.
        var psi = new ProcessStartInfo("perl")
        {
            ArgumentList = { "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec $ARGV[0]: $!\\n\"", "dotnet", dll, "demo", "--urls", url, "--data", data, "--scenario", scenario, "--speed", speed.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var arg in extraArgs)
            psi.ArgumentList.Add(arg);
        var p = Process.Start(psi) ?? throw new InvalidOperationException("could not start straja");
        var demo = new DemoProcess(p, data);
        p.OutputDataReceived += (_, e) => demo.Append(e.Data);
        p.ErrorDataReceived += (_, e) => demo.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited)
                throw new InvalidOperationException($"straja exited with {p.ExitCode}:\n{demo.Output}");
            if (demo.Url.Length == 0 && ConsoleLine().Match(demo.Output) is { Success: true } printed)
                demo.Url = printed.Groups[1].Value;
            if (demo.Url.Length > 0)
            {
                try
                {
                    using var r = await http.GetAsync(new Uri(demo.Url + "/api/status"));
                    if (r.IsSuccessStatusCode)
                        return demo;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
            }

            await Task.Delay(200);
        }

        await demo.DisposeAsync();
        throw new TimeoutException($"straja did not print its address and answer there within 90 s:\n{demo.Output}");
    }

    [GeneratedRegex(@"^Straja console: (http://\S+)", RegexOptions.Multiline)]
    private static partial Regex ConsoleLine();

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    /// <summary>Stops it the way Ctrl-C does (SIGINT), so a clean shutdown is part of the test.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                await kill!.WaitForExitAsync();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Says whether the process itself hung or only its output pipe stayed open, with what it printed.
                ShutdownProblem = $"no clean exit within 30 s of SIGINT (process exited: {_process.HasExited}); its output:\n{Output}";
                _process.Kill(entireProcessTree: true);
            }
        }

        ExitCode = _process.HasExited && ShutdownProblem is null ? _process.ExitCode : null;
        _process.Dispose();
        if (Directory.Exists(DataDirectory))
            Directory.Delete(DataDirectory, recursive: true);
    }

    /// <summary>The exit code after a clean stop; null when it had to be killed (see <see cref="ShutdownProblem"/>).</summary>
    public int? ExitCode { get; private set; }

    /// <summary>Why the stop was not clean, when it was not.</summary>
    public string? ShutdownProblem { get; private set; }

    /// <summary>The first admin's password, read from the line the demo prints once at its first start.</summary>
    public async Task<string> AdminPasswordAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var m = System.Text.RegularExpressions.Regex.Match(Output, @"created account 'admin' with password (\S+)");
            if (m.Success)
                return m.Groups[1].Value;
            await Task.Delay(100);
        }

        throw new TimeoutException($"the demo printed no admin password:\n{Output}");
    }

    /// <summary>An HTTP client signed in as the first admin (session cookie), echoing the anti-forgery token as the console does.</summary>
    public async Task<HttpClient> AdminClientAsync()
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = new Uri(Url) };
        using var login = await http.PostAsync(new Uri("/api/session/login", UriKind.Relative),
            JsonContent.Create(new { user = "admin", password = await AdminPasswordAsync() }));
        login.EnsureSuccessStatusCode();
        if (cookies.GetCookies(new Uri(Url)).FirstOrDefault(c => c.Name == "XSRF-TOKEN") is { } xsrf)
            http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", Uri.UnescapeDataString(xsrf.Value));
        return http;
    }
}
