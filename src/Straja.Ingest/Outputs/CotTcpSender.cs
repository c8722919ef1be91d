using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Straja.Protocols.Cot;

namespace Straja.Ingest.Outputs;

/// <summary>Client-certificate TLS to a TAK server (its streaming port, 8089 by convention).</summary>
public sealed record CotTlsOptions
{
    /// <summary>The certificate (with private key) the server knows this client by; TAK servers require one.</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>
    /// The CA the server's certificate must chain to, instead of the system store: TAK servers use a private CA.
    /// Revocation is not checked against it, since such CAs rarely publish a revocation list.
    /// </summary>
    public X509Certificate2? TrustedCa { get; init; }

    /// <summary>The name the server certificate must carry; defaults to the host connected to.</summary>
    public string? TargetHost { get; init; }
}

/// <summary>Where and how a <see cref="CotTcpSender"/> sends.</summary>
public sealed record CotTcpOptions(string Host, int Port)
{
    public CotWireFormat Format { get; init; } = CotWireFormat.Xml;

    /// <summary>Null for a plain TCP connection (TAK server port 8087).</summary>
    public CotTlsOptions? Tls { get; init; }

    /// <summary>Events held while the server is slow or away; beyond this the oldest are dropped, since the newest position matters most.</summary>
    public int QueueCapacity { get; init; } = 1024;

    public TimeSpan FirstRetryDelay { get; init; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Keeps one connection to a TAK server and writes events to it in order. <see cref="Post(CotEvent)"/> never blocks:
/// it queues, dropping the oldest event when the queue is full. A lost connection (noticed by a read returning end of
/// stream, or by a failed write) is retried with exponential back-off, reset once a connection succeeds; an event
/// whose write failed is sent again first after reconnecting. TAK protocol streaming is sent as is: the server's port
/// must be set to protocol v1 (the in-band XML-to-protobuf negotiation is not implemented).
/// </summary>
public sealed class CotTcpSender : IAsyncDisposable
{
    private readonly CotTcpOptions _options;
    private readonly TimeProvider _clock;
    private readonly Channel<byte[]> _queue;
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public CotTcpSender(CotTcpOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.QueueCapacity, 1);
        _options = options;
        _clock = clock;
        _queue = Channel.CreateBounded<byte[]>(
            new BoundedChannelOptions(options.QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Counters.AddDropped());
    }

    public CotOutputCounters Counters { get; } = new();

    public void Start() => _loop ??= RunAsync(_stop.Token);

    /// <summary>Encodes and queues one event.</summary>
    public void Post(CotEvent ev) => Post(CotFormat.Encode(ev, _options.Format, stream: true));

    /// <summary>Queues bytes already framed for the stream.</summary>
    public void Post(byte[] framed) => _queue.Writer.TryWrite(framed);

    internal TimeSpan NextDelay(TimeSpan current) => current >= _options.MaxRetryDelay / 2 ? _options.MaxRetryDelay : current * 2;

    private async Task RunAsync(CancellationToken ct)
    {
        TimeSpan delay = _options.FirstRetryDelay;
        byte[]? pending = null;
        while (!ct.IsCancellationRequested)
        {
            using var connection = CancellationTokenSource.CreateLinkedTokenSource(ct);
            Stream? stream = null;
            Task? watch = null;
            try
            {
                stream = await ConnectAsync(ct).ConfigureAwait(false);
                Counters.SetConnected(true);
                delay = _options.FirstRetryDelay;
                watch = WatchForCloseAsync(stream, connection);
                while (true)
                {
                    pending ??= await _queue.Reader.ReadAsync(connection.Token).ConfigureAwait(false);
                    await stream.WriteAsync(pending, connection.Token).ConfigureAwait(false);
                    await stream.FlushAsync(connection.Token).ConfigureAwait(false);
                    Counters.AddSent(pending.Length);
                    pending = null;
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or IOException or AuthenticationException or OperationCanceledException)
            {
                string why = e is OperationCanceledException ? "server closed the connection" : e.Message;
                Counters.Fail($"{_options.Host}:{_options.Port}: {why}; retrying in {delay.TotalSeconds:F1} s", _clock.GetUtcNow());
            }
            finally
            {
                Counters.SetConnected(false);
                await connection.CancelAsync().ConfigureAwait(false);
                if (stream is not null)
                {
                    await stream.DisposeAsync().ConfigureAwait(false);
                }

                if (watch is not null)
                {
                    await watch.ConfigureAwait(false);
                }
            }

            try
            {
                await Task.Delay(delay, _clock, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = NextDelay(delay);
        }
    }

    private async Task<Stream> ConnectAsync(CancellationToken ct)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_options.Host, _options.Port, ct).ConfigureAwait(false);
            var network = new NetworkStream(socket, ownsSocket: true);
            if (_options.Tls is not { } tls)
            {
                return network;
            }

            var ssl = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await ssl.AuthenticateAsClientAsync(ClientOptions(tls), ct).ConfigureAwait(false);
                return ssl;
            }
            catch
            {
                await ssl.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private SslClientAuthenticationOptions ClientOptions(CotTlsOptions tls)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = tls.TargetHost ?? _options.Host };
        if (tls.ClientCertificate is { } cert)
        {
            options.ClientCertificates = [cert];
        }

        if (tls.TrustedCa is { } ca)
        {
            options.CertificateChainPolicy = new X509ChainPolicy
            {
                TrustMode = X509ChainTrustMode.CustomRootTrust,
                RevocationMode = X509RevocationMode.NoCheck,
                CustomTrustStore = { ca },
            };
        }

        return options;
    }

    /// <summary>
    /// TAK servers may send (pings, other users' events); they are read and discarded. End of stream or an error
    /// means the connection is gone, which a writer waiting for the next event would otherwise not notice.
    /// </summary>
    private static async Task WatchForCloseAsync(Stream stream, CancellationTokenSource connection)
    {
        byte[] sink = new byte[4096];
        try
        {
            while (await stream.ReadAsync(sink, connection.Token).ConfigureAwait(false) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // Whatever ended the read, the connection is over.
        }

        await connection.CancelAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
