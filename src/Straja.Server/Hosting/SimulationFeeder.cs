using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Straja.Engine.Runtime;
using Straja.Sim;
using Straja.Sim.Emitters;

namespace Straja.Server.Hosting;

/// <summary>
/// Paces the simulator against the wall clock (× speed) and feeds its detections through the same
/// ingest path a real sensor listener uses. Ground truth goes to truth.csv beside the store, so a
/// run can be scored afterwards (`straja eval`, issue 3).
/// </summary>
internal sealed partial class SimulationFeeder(
    Simulation simulation, EngineService engine, ScenarioClock clock, StrajaServerOptions options, IngestHost ingest, ILogger<SimulationFeeder> log)
    : BackgroundService
{
    private readonly BeastEmitter _beast = new();
    private readonly AsterixEmitter _asterix = new(engine.Engine.Sensors);
    private readonly RemoteIdEmitter _remoteId = new();
    private readonly List<byte> _beastBytes = [];
    private readonly List<Detection> _inProcess = [];

    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var truthPath = Path.Combine(options.DataDirectory, $"truth-{simulation.Now.UtcDateTime:yyyyMMdd-HHmmss}.csv");
        await using var truth = new StreamWriter(truthPath, append: false);
        TruthCsv.WriteHeader(truth);
        LogStarted(log, simulation.Now, options.Speed, truthPath);
        using var beast = await ConnectBeastAsync(stoppingToken).ConfigureAwait(false);
        using var radarLink = new System.Net.Sockets.UdpClient(System.Net.Sockets.AddressFamily.InterNetwork);
        await using var sapient = ingest.SapientEndpoint is { } sapientAt
            ? await SimulatedSapientNodes.ConnectAsync(engine.Engine.Sensors, sapientAt, options.Seed ?? 0, clock, r => LogSapientRefused(log, r), stoppingToken).ConfigureAwait(false)
            : SimulatedSapientNodes.None(clock);
        var asterixTo = ingest.AsterixEndpoint;
        using var remoteIdLink = new System.Net.Sockets.UdpClient(System.Net.Sockets.AddressFamily.InterNetwork);
        var remoteIdTo = ingest.RemoteIdEndpoint;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var until = clock.GetUtcNow();
                var step = simulation.AdvanceTo(until);
                _inProcess.Clear();
                _beastBytes.Clear();
                foreach (var d in step.Detections)
                {
                    // Every sensor speaks its real protocol over loopback to the real listener: aircraft as a
                    // receiver's Beast feed, drones' Remote ID as the receiver feed over UDP, radars ASTERIX,
                    // RF, acoustic and camera nodes SAPIENT over TCP. Only what no emitter carries is handed
                    // over in-process.
                    if (beast is not null && d.SensorId == options.AdsbSensorId && BeastEmitter.Carries(d))
                        _beast.Emit(d, _beastBytes);
                    else if (remoteIdTo is not null && RemoteIdEmitter.Carries(d))
                        await remoteIdLink.SendAsync(_remoteId.Emit(d)!, remoteIdTo, stoppingToken).ConfigureAwait(false);
                    else if ((asterixTo is null || !_asterix.Carries(d)) && !sapient.Carries(d))
                        _inProcess.Add(d);
                }

                // Radars speak ASTERIX over UDP to the real listener.
                if (asterixTo is not null)
                {
                    foreach (var datagram in _asterix.Emit(step.Detections, until))
                        await radarLink.SendAsync(datagram, asterixTo, stoppingToken).ConfigureAwait(false);
                }

                await sapient.SendAsync(step.Detections, until, stoppingToken).ConfigureAwait(false);
                if (_beastBytes.Count > 0)
                    await beast!.GetStream().WriteAsync(_beastBytes.ToArray(), stoppingToken).ConfigureAwait(false);
                await engine.IngestAsync(_inProcess.ToArray(), until, stoppingToken).ConfigureAwait(false);
                TruthCsv.Write(truth, step.Truth);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (IOException e)
        {
            LogBeastLost(log, e.Message);
        }

        await truth.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<System.Net.Sockets.TcpClient?> ConnectBeastAsync(CancellationToken ct)
    {
        if (ingest.BeastEndpoint is not { } ep)
            return null;
        var client = new System.Net.Sockets.TcpClient { NoDelay = true };
        await client.ConnectAsync(ep, ct).ConfigureAwait(false);
        return client;
    }

    [LoggerMessage(3, LogLevel.Warning, "A simulated SAPIENT node was refused; its bearings go in-process: {Reason}")]
    private static partial void LogSapientRefused(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Error, "The simulated receiver's Beast connection was lost: {Reason}")]
    private static partial void LogBeastLost(ILogger logger, string reason);

    [LoggerMessage(1, LogLevel.Information, "Simulation started at {Start:O} at {Speed}x; ground truth in {TruthPath}")]
    private static partial void LogStarted(ILogger logger, DateTimeOffset start, double speed, string truthPath);
}
