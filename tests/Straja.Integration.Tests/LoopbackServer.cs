using Straja.Server;

namespace Straja.Integration.Tests;

/// <summary>
/// A whole Straja server on a free loopback port with its own data directory, and an HTTP client
/// for it; disposing stops the server and removes the directory.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly string _data;

    private LoopbackServer(StrajaServer server, string data)
    {
        Server = server;
        _data = data;
        Http = new HttpClient { BaseAddress = new Uri(server.Addresses.Single()), Timeout = TimeSpan.FromSeconds(10) };
    }

    public StrajaServer Server { get; }
    public HttpClient Http { get; }

    /// <summary>Starts the single-crossing scenario; <paramref name="configure"/> adjusts the options.</summary>
    public static async Task<LoopbackServer> StartAsync(string name, Func<StrajaServerOptions, StrajaServerOptions>? configure = null)
    {
        var data = Path.Combine(Path.GetTempPath(), $"straja-{name}-{Guid.NewGuid():N}");
        var options = StrajaServerOptions.Default with { Urls = "http://127.0.0.1:0", DataDirectory = data, Scenario = "single-crossing" };
        var server = await StrajaServer.StartAsync(configure is null ? options : configure(options));
        return new LoopbackServer(server, data);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.StopAsync();
        await Server.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_data))
            Directory.Delete(_data, recursive: true);
    }
}
