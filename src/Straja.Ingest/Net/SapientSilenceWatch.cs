using Straja.Engine.Runtime;
using Straja.Ingest.Feeds;

namespace Straja.Ingest.Net;

/// <summary>
/// Looks at the SAPIENT node book on a clock and turns each new silence into one sensor-silent alert
/// through the engine's alert path (stored, announced on the live feed and CoT). A node heard again is
/// marked live by its session; the alert stays, for the operator to acknowledge.
/// </summary>
public sealed class SapientSilenceWatch(SapientNodes nodes, EngineService engine, TimeProvider clock) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    /// <summary>One check at the clock's now; returns the changes it saw (the tests call this directly).</summary>
    public IReadOnlyList<SapientSilenceChange> CheckNow()
    {
        var now = clock.GetUtcNow();
        var changes = nodes.CheckSilence(now);
        foreach (var c in changes)
        {
            if (c.Silent)
                engine.RaiseSensorSilent(c.Sensor.Id, c.Since, $"SAPIENT node {c.Sensor.Name} ({c.Sensor.SapientNodeId}) is silent: {c.Reason}", now);
        }

        var states = nodes.States();
        engine.SetSensorStates(
            states.Select(s => s.SensorId).ToHashSet(StringComparer.Ordinal),
            states.Where(s => s.Silent).Select(s => s.SensorId).ToHashSet(StringComparer.Ordinal));
        return changes;
    }

    /// <summary>Checks every <paramref name="period"/> of the clock until disposed.</summary>
    public void Start(TimeSpan period) => _loop = RunAsync(period, _stop.Token);

    private async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false))
                CheckNow();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
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
