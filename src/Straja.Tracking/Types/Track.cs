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
    private readonly Dictionary<string, double> _bearingLastSeenS = new(StringComparer.Ordinal);
    private ulong _history; // bit 0 = the latest opportunity, 1 = hit
    private int _opportunities;

    public long Id { get; } = id;
    public TrackStatus Status { get; set; } = TrackStatus.Tentative;
    public GaussianState State = state;
    /// <summary>The IMM's mode beliefs when the tracker runs one; <see cref="State"/> is then their moment match.</summary>
    public ImmState? Imm;
    /// <summary>Recent updates with the posterior after each, oldest first, for re-filtering with late measurements.</summary>
    public List<TrackHistoryEntry> History { get; } = [];
    /// <summary>Kinematic and sensor class evidence, accumulated over the track's life.</summary>
    public ClassRecord ClassRecord { get; } = new();
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

    /// <summary>
    /// A bearing-only update: the sensor saw the track, but one bearing is no position fix. Bearings from two
    /// sensors within <paramref name="crossingWindowS"/> cross at the track, and that is one: true then.
    /// </summary>
    public bool RecordBearing(string sensorId, double timeS, double crossingWindowS)
    {
        _sensorLastSeenS[sensorId] = timeS;
        _bearingLastSeenS[sensorId] = timeS;
        foreach (var (other, seenS) in _bearingLastSeenS)
        {
            if (!string.Equals(other, sensorId, StringComparison.Ordinal) && timeS - seenS <= crossingWindowS)
                return true;
        }

        return false;
    }

    /// <summary>A measurement older than the latest update, fitted in by re-filtering: a hit that changes no window.</summary>
    public void RecordLateHit(string sensorId, double timeS)
    {
        Hits++;
        if (!_sensorLastSeenS.TryGetValue(sensorId, out var seenS) || seenS < timeS)
            _sensorLastSeenS[sensorId] = timeS;
    }

    /// <summary>Appends an update to <see cref="History"/> and drops what no late measurement within <paramref name="windowS"/> can need.</summary>
    public void Remember(TrackHistoryEntry entry, double windowS)
    {
        History.Add(entry);
        // The newest entry at or before (now − window) stays as the anchor a late measurement re-filters from.
        var anchor = -1;
        for (var i = 0; i < History.Count; i++)
        {
            if (History[i].TimeS <= entry.TimeS - windowS)
                anchor = i;
        }

        if (anchor > 0)
            History.RemoveRange(0, anchor);
    }

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

    /// <summary>When each of <paramref name="sensors"/> (from <see cref="RecentSensors"/>) last updated this track, aligned with them.</summary>
    public double[] LastSeenS(string[] sensors)
    {
        var times = new double[sensors.Length];
        for (int i = 0; i < sensors.Length; i++)
            times[i] = _sensorLastSeenS[sensors[i]];
        return times;
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

        foreach (var (sensor, seenS) in _bearingLastSeenS)
        {
            if (seenS < timeS)
                _bearingLastSeenS.Remove(sensor);
        }
    }
}

/// <summary>
/// One update of a track: the measurement, where its sensor was, and the filter's posterior after it
/// (null measurement for the initiating point, which is never re-applied).
/// </summary>
internal sealed class TrackHistoryEntry(double timeS, string sensorId, Vec3 sensorPosition, Measurement? measurement)
{
    public double TimeS { get; } = timeS;
    public string SensorId { get; } = sensorId;
    public Vec3 SensorPosition { get; } = sensorPosition;
    public Measurement? Measurement { get; } = measurement;
    public GaussianState State;
    public ImmState? Imm;
}
