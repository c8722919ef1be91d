using System.Net;
using System.Net.Sockets;
using Straja.Engine.Runtime;
using Straja.Ingest.Feeds;

namespace Straja.Ingest.Net;

/// <summary>
/// A port sensors push to (e.g. readsb's `--net-connector` sending Beast). Each accepted
/// connection gets its own session; all of them report as one sensor.
/// </summary>
public sealed class TcpFeedServer : IAsyncDisposable
{
    private readonly Socket _listener;
    private readonly Func<IFeedSession> _newSession;
    private readonly SensorCounters _counters;
    private readonly EngineService _engine;
    private readonly TimeProvider _clock;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private Task? _accept;

    public TcpFeedServer(IPEndPoint endpoint, Func<IFeedSession> newSession, SensorCounters counters, EngineService engine,
        TimeProvider clock, TimeSpan? idleTimeout = null)
    {
        _newSession = newSession;
        _counters = counters;
        _engine = engine;
        _clock = clock;
        _idleTimeout = idleTimeout ?? TimeSpan.FromMinutes(2);
        _listener = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(endpoint);
        _listener.Listen(16);
        Endpoint = (IPEndPoint)_listener.LocalEndPoint!;
    }

    /// <summary>Where it listens (a port of 0 becomes the real one).</summary>
    public IPEndPoint Endpoint { get; }

    public void Start() => _accept = AcceptLoopAsync(_stop.Token);

    private async Task AcceptLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            socket.NoDelay = true;
            lock (_connections)
            {
                _connections.RemoveAll(t => t.IsCompleted);
                _connections.Add(Task.Run(() => FeedConnection.RunAsync(socket, _newSession(), _counters, _engine, _clock, _idleTimeout, ct), ct));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Dispose();
        if (_accept is not null)
            await _accept.ConfigureAwait(false);
        Task[] open;
        lock (_connections)
            open = [.. _connections];
        try
        {
            await Task.WhenAll(open).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}
