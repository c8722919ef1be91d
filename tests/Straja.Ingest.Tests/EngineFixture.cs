using Microsoft.Data.Sqlite;
using Straja.Engine.Fusion;
using Straja.Engine.Runtime;
using Straja.Storage;

namespace Straja.Ingest.Tests;

/// <summary>A real engine (journal, SQLite store, bus and loop) with one ADS-B receiver at Mihail Kogălniceanu.</summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    public static readonly SensorDescriptor Receiver = new("adsb-mk", "MK ADS-B receiver", SensorKind.Cooperative, new GeoPoint(44.362, 28.488, 50), 400_000, 1);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "straja-ingest-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly SqliteStore _store;

    public EngineService Engine { get; }

    public EngineFixture()
        : this([Receiver])
    {
    }

    public EngineFixture(IReadOnlyList<SensorDescriptor> sensors)
    {
        _store = new SqliteStore(Path.Combine(_dir, "straja.db"));
        var now = TimeProvider.System.GetUtcNow();
        Engine = new EngineService(new FusionEngine(sensors[0].Position, sensors, now), new DetectionJournal(Path.Combine(_dir, "journal"), flushToDisk: false), _store, new InProcessBus());
        _loop = Engine.RunAsync(TimeProvider.System, TimeSpan.FromMilliseconds(100), _stop.Token);
    }

    /// <summary>Waits (bounded) until the picture holds a track with this cooperative id.</summary>
    public async Task<Engine.Picture.AirTrack> WaitForTrack(string cooperativeId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var t = Engine.Picture.Tracks.FirstOrDefault(x => x.CooperativeId == cooperativeId);
            if (t is not null)
                return t;
            await Task.Delay(50);
        }

        throw new TimeoutException($"no track for {cooperativeId} within {timeout}");
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        Engine.Dispose();
        _store.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }
}
