using System.Numerics;
using System.Runtime.CompilerServices;

namespace Straja.Tracking;

/// <summary>Probabilities over <see cref="TargetClass"/>, indexed by the enum's value (0..5).</summary>
[InlineArray(ClassBelief.Count)]
internal struct ClassBelief
{
    public const int Count = 6;
    private double _element0;
}

/// <summary>
/// One track's mutable record, owned by <see cref="Tracker"/> alone; the outside world sees
/// <see cref="TrackSnapshot"/> copies.
/// </summary>
internal sealed class Track(long id, GaussianState state, double timeS)
{
    private readonly Dictionary<string, double> _sensorLastSeenS = new(StringComparer.Ordinal);
    private ulong _history; // bit 0 = the latest opportunity, 1 = hit
    private int _opportunities;

    public long Id { get; } = id;
    public TrackStatus Status { get; set; } = TrackStatus.Tentative;
    public GaussianState State = state;
    public ClassBelief Class;
    public int Hits { get; private set; }
    public int ConsecutiveMisses { get; private set; }
    public double LastUpdateTimeS { get; private set; } = timeS;
    public string? CooperativeId { get; set; }
    public string? Callsign { get; set; }
    /// <summary>Consecutive updates at which the filter's speed exceeded the manned-aircraft threshold.</summary>
    public int FastUpdates { get; set; }

    public void RecordHit(string sensorId, double timeS)
    {
        Hits++;
        ConsecutiveMisses = 0;
        _history = (_history << 1) | 1;
        _opportunities++;
        LastUpdateTimeS = timeS;
        _sensorLastSeenS[sensorId] = timeS;
    }

    /// <summary>A bearing-only update: the sensor saw the track, but it is no position fix.</summary>
    public void RecordBearing(string sensorId, double timeS) => _sensorLastSeenS[sensorId] = timeS;

    public void RecordMiss()
    {
        ConsecutiveMisses++;
        _history <<= 1;
        _opportunities++;
    }

    /// <summary>Hits and misses among the last <paramref name="window"/> opportunities (fewer while the track is young).</summary>
    public (int Hits, int Misses) InWindow(int window)
    {
        var size = Math.Min(window, _opportunities);
        var hits = BitOperations.PopCount(_history & ((1UL << size) - 1));
        return (hits, size - hits);
    }

    /// <summary>Sensors that updated the track within <paramref name="memoryS"/> of its last update, ordinal order.</summary>
    public string[] RecentSensors(double memoryS)
    {
        var recent = new List<string>(_sensorLastSeenS.Count);
        foreach (var (sensor, seenS) in _sensorLastSeenS)
        {
            if (LastUpdateTimeS - seenS <= memoryS)
                recent.Add(sensor);
        }

        recent.Sort(StringComparer.Ordinal);
        return [.. recent];
    }

    /// <summary>Whether <paramref name="sensorId"/> updated this track at or after <paramref name="sinceS"/>.</summary>
    public bool SeenBy(string sensorId, double sinceS) =>
        _sensorLastSeenS.TryGetValue(sensorId, out double seenS) && seenS >= sinceS;

    public void ForgetSensorsOlderThan(double timeS)
    {
        foreach (var (sensor, seenS) in _sensorLastSeenS)
        {
            if (seenS < timeS)
                _sensorLastSeenS.Remove(sensor);
        }
    }
}
