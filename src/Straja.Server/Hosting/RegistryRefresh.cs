using Microsoft.Extensions.Hosting;
using Straja.Engine.Identification;
using Straja.Engine.Runtime;
using Straja.Registry;

namespace Straja.Server.Hosting;

/// <summary>
/// Keeps the engine's immutable copy of the registry current: every <see cref="StrajaServerOptions.RegistryRefresh"/>
/// it reads the units and hands the engine a new <see cref="RegistryView"/>, so a unit marked lost through the API
/// turns its track suspect within that period.
/// </summary>
internal sealed class RegistryRefresh(RegistryService registry, EngineService engine, StrajaServerOptions options) : BackgroundService
{
    public static RegistryView ViewOf(RegistryService registry) => RegistryView.From(registry.Units(), registry.Models());

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.RegistryRefresh);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                engine.UseRegistry(ViewOf(registry));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
