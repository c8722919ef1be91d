using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using Task = System.Threading.Tasks.Task;
using Straja.Sim.Emitters;

namespace Straja.Server.Hosting;

/// <summary>
/// The demo's SAPIENT sensor nodes: one TCP connection per simulated RF, acoustic or camera sensor to the
/// real SAPIENT listener, each registering (and waiting for its RegistrationAck) before it streams status
/// and detection reports, and answering every Task the fusion node sends with a TaskAck. A node whose
/// registration is refused is left out, so its bearings go in-process instead of being lost.
/// </summary>
internal sealed class SimulatedSapientNodes : IAsyncDisposable
{
    private readonly Dictionary<string, Link> _bySensor;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SapientMessage> _batch = [];

    private SimulatedSapientNodes(Dictionary<string, Link> links, TimeProvider clock)
    {
        _bySensor = links;
        _clock = clock;
        foreach (var l in links.Values)
            l.Reader = AnswerTasksAsync(l, _stop.Token);
    }

    public static SimulatedSapientNodes None(TimeProvider clock) => new([], clock);

    public static async Task<SimulatedSapientNodes> ConnectAsync(
        IEnumerable<SensorDescriptor> sensors, IPEndPoint endpoint, int seed, TimeProvider clock, Action<string> refused, CancellationToken ct)
    {
        var links = new Dictionary<string, Link>(StringComparer.Ordinal);
        foreach (var sensor in sensors.Where(s => s.SapientNodeId is not null && SapientNodeEmitter.SpeaksSapient(s.Kind)))
        {
            var emitter = new SapientNodeEmitter(sensor, seed);
            var client = new TcpClient { NoDelay = true };
            await client.ConnectAsync(endpoint, ct).ConfigureAwait(false);
            var stream = client.GetStream();
            await stream.WriteAsync(SapientNodeEmitter.Frame([emitter.Registration(clock.GetUtcNow())]), ct).ConfigureAwait(false);
            var ack = await ReadAsync(stream, ct).ConfigureAwait(false);
            if (ack?.RegistrationAck is { Acceptance: true })
            {
                links[sensor.Id] = new Link(client, stream, emitter);
            }
            else
            {
                refused($"{sensor.Id}: {ack?.ToString() ?? "connection closed before the RegistrationAck"}");
                client.Dispose();
            }
        }

        return new SimulatedSapientNodes(links, clock);
    }

    public bool Carries(Detection d) => _bySensor.TryGetValue(d.SensorId, out var l) && l.Emitter.Carries(d);

    /// <summary>Every node's status reports due by <paramref name="until"/> and its share of <paramref name="detections"/>.</summary>
    public async Task SendAsync(IReadOnlyList<Detection> detections, DateTimeOffset until, CancellationToken ct)
    {
        foreach (var l in _bySensor.Values)
        {
            byte[] bytes;
            lock (l.EmitterLock)
            {
                _batch.Clear();
                l.Emitter.Emit(detections, until, _batch);
                bytes = SapientNodeEmitter.Frame(_batch);
            }

            await l.WriteAsync(bytes, ct).ConfigureAwait(false);
        }
    }

    private async Task AnswerTasksAsync(Link l, CancellationToken ct)
    {
        try
        {
            while (await ReadAsync(l.Stream, ct).ConfigureAwait(false) is { } m)
            {
                if (m.ContentCase != SapientMessage.ContentOneofCase.Task)
                    continue;
                SapientMessage answer;
                lock (l.EmitterLock)
                    answer = l.Emitter.Answer(m, _clock.GetUtcNow());
                await l.WriteAsync(SapientNodeEmitter.Frame([answer]), ct).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException or InvalidDataException)
        {
            // The connection is gone or garbled: the fusion node will see this node fall silent.
        }
    }

    /// <summary>One length-prefixed message, or null at the end of the stream.</summary>
    private static async Task<SapientMessage?> ReadAsync(NetworkStream stream, CancellationToken ct)
    {
        var header = new byte[SapientFraming.HeaderBytes];
        try
        {
            await stream.ReadExactlyAsync(header, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException)
        {
            return null;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (length > SapientFraming.DefaultMaxMessageBytes)
            throw new InvalidDataException($"SAPIENT frame of {length} bytes from the fusion node");
        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, ct).ConfigureAwait(false);
        return SapientCodec.TryDecode(payload, out var message, out _) == System.Buffers.OperationStatus.Done ? message : null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var l in _bySensor.Values)
        {
            // An orderly leave: without the goodbye the fusion node would rightly raise a silence alert.
            using var bye = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            byte[] goodbye;
            lock (l.EmitterLock)
                goodbye = SapientNodeEmitter.Frame([l.Emitter.Goodbye(_clock.GetUtcNow())]);
            try
            {
                await l.WriteAsync(goodbye, bye.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
            }
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var l in _bySensor.Values)
        {
            l.Client.Dispose();
            if (l.Reader is not null)
                await l.Reader.ConfigureAwait(false);
            l.Dispose();
        }

        _stop.Dispose();
    }

    private sealed class Link(TcpClient client, NetworkStream stream, SapientNodeEmitter emitter) : IDisposable
    {
        private readonly SemaphoreSlim _write = new(1, 1);

        public TcpClient Client { get; } = client;
        public NetworkStream Stream { get; } = stream;
        public SapientNodeEmitter Emitter { get; } = emitter;
        public Lock EmitterLock { get; } = new();
        public Task? Reader { get; set; }

        public async Task WriteAsync(byte[] bytes, CancellationToken ct)
        {
            if (bytes.Length == 0)
                return;
            await _write.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                await Stream.WriteAsync(bytes, ct).ConfigureAwait(false);
            }
            finally
            {
                _write.Release();
            }
        }

        public void Dispose() => _write.Dispose();
    }
}
