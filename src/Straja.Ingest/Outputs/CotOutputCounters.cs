namespace Straja.Ingest.Outputs;

/// <summary>
/// What one CoT output has done: events sent and their bytes, events dropped because the peer was too slow
/// or absent, failed sends and connection attempts, whether it is connected, and the last error. Thread-safe.
/// </summary>
public sealed class CotOutputCounters
{
    private long _sent, _bytes, _dropped, _failed, _connects;
    private int _connected;
    private readonly Lock _lock = new();

    public long Sent => Interlocked.Read(ref _sent);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long Dropped => Interlocked.Read(ref _dropped);
    public long Failed => Interlocked.Read(ref _failed);
    public long Connects => Interlocked.Read(ref _connects);
    public bool Connected => Volatile.Read(ref _connected) != 0;
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }

    internal void AddSent(int bytes)
    {
        Interlocked.Increment(ref _sent);
        Interlocked.Add(ref _bytes, bytes);
    }

    internal void AddDropped() => Interlocked.Increment(ref _dropped);

    internal void SetConnected(bool connected)
    {
        if (connected)
        {
            Interlocked.Increment(ref _connects);
        }

        Volatile.Write(ref _connected, connected ? 1 : 0);
    }

    internal void Fail(string error, DateTimeOffset at)
    {
        Interlocked.Increment(ref _failed);
        lock (_lock)
        {
            LastError = error;
            LastErrorAt = at;
        }
    }
}
