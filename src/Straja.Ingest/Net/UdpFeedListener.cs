using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Straja.Engine.Runtime;

namespace Straja.Ingest.Net;

/// <summary>
/// Receives datagrams (unicast, or a multicast group it joins) into pooled buffers and hands each to
/// a pure datagram handler; what the handler completes goes to the engine. One bad datagram costs
/// itself only.
/// </summary>
public sealed class UdpFeedListener : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly Action<ReadOnlySpan<byte>, DateTimeOffset, List<Detection>> _handler;
    private readonly EngineService _engine;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public UdpFeedListener(IPEndPoint endpoint, Action<ReadOnlySpan<byte>, DateTimeOffset, List<Detection>> handler, EngineService engine,
        TimeProvider clock, IPAddress? multicastGroup = null)
    {
        _handler = handler;
        _engine = engine;
        _clock = clock;
        _socket = new Socket(endpoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _socket.ReceiveBufferSize = 1 << 20;
        _socket.Bind(endpoint);
        if (multicastGroup is not null)
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(multicastGroup, endpoint.Address));
        Endpoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint Endpoint { get; }

    public long Datagrams { get; private set; }

    public void Start() => _loop = RunAsync(_stop.Token);

    private async Task RunAsync(CancellationToken ct)
    {
        // 64 KiB: the largest UDP payload; ASTERIX senders keep well under the MTU.
        var buffer = ArrayPool<byte>.Shared.Rent(65_536);
        var detections = new List<Detection>();
        try
        {
            while (!ct.IsCancellationRequested)
            {
                int n;
                try
                {
                    n = await _socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue;
                }

                Datagrams++;
                var now = _clock.GetUtcNow();
                detections.Clear();
                _handler(buffer.AsSpan(0, n), now, detections);
                if (detections.Count > 0)
                    await _engine.IngestAsync(detections.ToArray(), now, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_loop is not null)
            await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
