using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Server.Hosting;

/// <summary>Hosts the single-writer sector loop and logs what it refuses and raises.</summary>
internal sealed partial class EngineLoop(EngineService engine, TimeProvider clock, ILogger<EngineLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        engine.Rejected += OnRejected;
        engine.AlertChanged += OnAlert;
        try
        {
            await engine.RunAsync(clock, TimeSpan.FromMilliseconds(250), stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            engine.Rejected -= OnRejected;
            engine.AlertChanged -= OnAlert;
        }
    }

    private void OnRejected(DetectionRejection r) => LogRejected(log, r.ToString());

    private void OnAlert(Alert a)
    {
        if (!a.Acknowledged)
            LogAlert(log, a.Id, a.Kind.ToWire(), a.Message);
    }

    [LoggerMessage(10, LogLevel.Warning, "Detection refused: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Information, "Alert {Id} {Kind}: {Message}")]
    private static partial void LogAlert(ILogger logger, string id, string kind, string message);
}
