using System.Net.Sockets;
using Straja.Engine.Runtime;
using Straja.Ingest.Feeds;

namespace Straja.Ingest.Net;

/// <summary>
/// Connects to a receiver that serves its feed (dump1090/readsb Beast output on 30005) and keeps
/// connecting: a receiver on a remote mast comes and goes, so every failure is counted and retried
/// with exponential back-off (0.5 s doubling to a minute), reset after a connection that worked.
/// </summary>
public sealed class TcpFeedClient(string host, int port, Func<IFeedSession> newSession, SensorCounters counters, EngineService engine,
    TimeProvider clock, TimeSpan? idleTimeout = null) : IAsyncDisposable
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public int Attempts { get; private set; }

    public void Start() => _loop = RunAsync(_stop.Token);

    internal static TimeSpan NextDelay(TimeSpan current) => current >= MaxDelay / 2 ? MaxDelay : current * 2;

    private async Task RunAsync(CancellationToken ct)
    {
        var delay = FirstDelay;
        while (!ct.IsCancellationRequested)
        {
            Attempts++;
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(host, port, ct).ConfigureAwait(false);
                delay = FirstDelay;
                await FeedConnection.RunAsync(socket, newSession(), counters, engine, clock, idleTimeout ?? TimeSpan.FromMinutes(2), ct).ConfigureAwait(false);
            }
            catch (SocketException e)
            {
                socket.Dispose();
                counters.Reject($"connect to {host}:{port} failed: {e.SocketErrorCode}; retrying in {delay.TotalSeconds:F1} s", clock.GetUtcNow());
            }
            catch (OperationCanceledException)
            {
                socket.Dispose();
                return;
            }

            try
            {
                await Task.Delay(delay, clock, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = NextDelay(delay);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
