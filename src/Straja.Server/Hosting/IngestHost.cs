using System.Net;
using Microsoft.Extensions.Hosting;
using Straja.Engine.Runtime;
using Straja.Ingest;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;

namespace Straja.Server.Hosting;

/// <summary>
/// Starts the configured sensor listeners: a Beast port receivers push to, and clients that pull
/// from receivers' Beast outputs. In the demo the simulator's aircraft come in through the Beast
/// port over loopback, the same path a real receiver's feed takes.
/// </summary>
internal sealed class IngestHost(EngineService engine, StrajaServerOptions options, TimeProvider clock, IngestCounters counters, SapientNodes sapientNodes)
    : IHostedService, IAsyncDisposable
{
    private SapientSilenceWatch? _sapientWatch;
    private TcpFeedServer? _beastServer;
    private UdpFeedListener? _asterix;
    private TcpFeedServer? _sapient;
    private UdpFeedListener? _remoteId;

    public IPEndPoint? RemoteIdEndpoint => _remoteId?.Endpoint;

    public IPEndPoint? SapientEndpoint => _sapient?.Endpoint;

    public IPEndPoint? AsterixEndpoint => _asterix?.Endpoint;
    private readonly List<TcpFeedClient> _clients = [];

    public IPEndPoint? BeastEndpoint => _beastServer?.Endpoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var sensorId = options.AdsbSensorId!;
        var receiver = engine.Engine.Sensors.FirstOrDefault(s => s.Id == sensorId)?.Position;
        IFeedSession NewSession() => new ModeSFeedSession(sensorId, ModeSFeedFormat.Beast, counters.For(sensorId), clock.GetUtcNow(), receiver);

        if (options.BeastListen is { } listen)
        {
            _beastServer = new TcpFeedServer(IPEndPoint.Parse(listen), NewSession, counters.For(sensorId), engine, clock);
            _beastServer.Start();
        }

        if (options.AsterixListen is { } asterixAt)
        {
            var session = new AsterixRadarSession(engine.Engine.Sensors, counters);
            var group = options.AsterixMulticastGroup is { } g ? IPAddress.Parse(g) : null;
            // One receive loop owns the session, so it needs no locking.
            _asterix = new UdpFeedListener(IPEndPoint.Parse(asterixAt), session.Consume, engine, clock, group);
            _asterix.Start();
        }

        if (options.SapientListen is { } sapientAt)
        {
            // All connections share one node book: liveness and tasking outlive any one connection.
            _sapient = new TcpFeedServer(IPEndPoint.Parse(sapientAt),
                () => new SapientSession(engine.Engine.Sensors, options.SapientNodeId, counters, nodes: sapientNodes),
                counters.For("sapient"), engine, clock);
            _sapient.Start();
            _sapientWatch = new SapientSilenceWatch(sapientNodes, engine, clock);
            _sapientWatch.Start(TimeSpan.FromSeconds(1));
        }

        if (options.RemoteIdListen is { } remoteIdAt)
        {
            var session = new RemoteIdFeedSession(engine.Engine.Sensors, counters, clock.GetUtcNow());
            _remoteId = new UdpFeedListener(IPEndPoint.Parse(remoteIdAt), session.Consume, engine, clock);
            _remoteId.Start();
        }

        foreach (var target in options.BeastConnect)
        {
            int colon = target.LastIndexOf(':');
            var client = new TcpFeedClient(target[..colon], int.Parse(target.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture),
                NewSession, counters.For(sensorId), engine, clock);
            client.Start();
            _clients.Add(client);
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        foreach (var c in _clients)
            await c.DisposeAsync().ConfigureAwait(false);
        _clients.Clear();
        if (_beastServer is not null)
            await _beastServer.DisposeAsync().ConfigureAwait(false);
        _beastServer = null;
        if (_asterix is not null)
            await _asterix.DisposeAsync().ConfigureAwait(false);
        _asterix = null;
        if (_sapientWatch is not null)
            await _sapientWatch.DisposeAsync().ConfigureAwait(false);
        _sapientWatch = null;
        if (_sapient is not null)
            await _sapient.DisposeAsync().ConfigureAwait(false);
        _sapient = null;
        if (_remoteId is not null)
            await _remoteId.DisposeAsync().ConfigureAwait(false);
        _remoteId = null;
    }
}
