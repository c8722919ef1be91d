using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Straja.Engine.Runtime;
using Straja.Sim;

namespace Straja.Server.Hosting;

/// <summary>
/// Paces the simulator against the wall clock (× speed) and feeds its detections through the same
/// ingest path a real sensor listener uses. Ground truth goes to truth.csv beside the store, so a
/// run can be scored afterwards (`straja eval`, issue 3).
/// </summary>
internal sealed partial class SimulationFeeder(
    Simulation simulation, EngineService engine, TimeProvider clock, StrajaServerOptions options, ILogger<SimulationFeeder> log)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var truthPath = Path.Combine(options.DataDirectory, $"truth-{simulation.Now.UtcDateTime:yyyyMMdd-HHmmss}.csv");
        await using var truth = new StreamWriter(truthPath, append: false);
        TruthCsv.WriteHeader(truth);
        var simStart = simulation.Now;
        long wallStart = clock.GetTimestamp();
        LogStarted(log, simStart, options.Speed, truthPath);
        using var timer = new PeriodicTimer(Tick, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var until = simStart + clock.GetElapsedTime(wallStart) * options.Speed;
                var step = simulation.AdvanceTo(until);
                await engine.IngestAsync(step.Detections, until, stoppingToken).ConfigureAwait(false);
                TruthCsv.Write(truth, step.Truth);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await truth.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    [LoggerMessage(1, LogLevel.Information, "Simulation started at {Start:O} at {Speed}x; ground truth in {TruthPath}")]
    private static partial void LogStarted(ILogger logger, DateTimeOffset start, double speed, string truthPath);
}
