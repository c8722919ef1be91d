using Microsoft.Extensions.Hosting;
using Straja.Engine.Runtime;

namespace Straja.Server.Hosting;

/// <summary>
/// Once a second of the picture clock, escalates the alerts nobody acknowledged within
/// <see cref="StrajaServerOptions.EscalateAfter"/>: each goes up a severity once and is announced again
/// (live feed, CoT, webhook), so an alert missed on one screen is not missed for good.
/// </summary>
internal sealed class AlertEscalation(EngineService engine, StrajaServerOptions options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.EscalateAfter <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                engine.Escalate(clock.GetUtcNow(), options.EscalateAfter);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
