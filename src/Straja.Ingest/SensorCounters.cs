namespace Straja.Ingest;

/// <summary>
/// What one sensor's feed has done: messages accepted and refused, the last error and when, open
/// connections. Operators read these in the API to see which sensor is misbehaving. Thread-safe.
/// </summary>
public sealed class SensorCounters(string sensorId)
{
    private long _accepted, _rejected, _bytes;
    private int _connections;
    private readonly Lock _lock = new();

    public string SensorId { get; } = sensorId;
    public long Accepted => Interlocked.Read(ref _accepted);
    public long Rejected => Interlocked.Read(ref _rejected);
    public long Bytes => Interlocked.Read(ref _bytes);
    public int Connections => Volatile.Read(ref _connections);
    public string? LastError { get; private set; }
    public DateTimeOffset? LastErrorAt { get; private set; }

    public void AddBytes(long n) => Interlocked.Add(ref _bytes, n);
    public void Accept(long n = 1) => Interlocked.Add(ref _accepted, n);
    public void Connected() => Interlocked.Increment(ref _connections);
    public void Disconnected() => Interlocked.Decrement(ref _connections);

    public void Reject(string error, DateTimeOffset at)
    {
        Interlocked.Increment(ref _rejected);
        lock (_lock)
        {
            LastError = error;
            LastErrorAt = at;
        }
    }
}

/// <summary>All sensors' counters, by sensor id.</summary>
public sealed class IngestCounters
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, SensorCounters> _bySensor = new(StringComparer.Ordinal);

    public SensorCounters For(string sensorId) => _bySensor.GetOrAdd(sensorId, id => new SensorCounters(id));

    public SensorCounters? Find(string sensorId) => _bySensor.GetValueOrDefault(sensorId);
}
