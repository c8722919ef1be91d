using Straja.Sim.Motion;
using Straja.Sim.Sensors;

namespace Straja.Sim;

/// <summary>
/// Runs a <see cref="Scenario"/> forward in time. Pure: time only moves when the caller says so,
/// and the output depends only on the scenario, the seed, the start time and the end of each call —
/// not on how a period is split into calls. Not thread-safe; one owner advances it.
/// </summary>
public sealed class Simulation
{
    private readonly DateTimeOffset _start;
    private readonly Traffic _traffic;
    private readonly SensorModel[] _sensors;
    private readonly double _lookaheadS;
    private readonly List<Emitted> _pending = [];
    private long _nowTick;

    public Simulation(Scenario scenario, DateTimeOffset startTime, int? seedOverride = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        int seed = seedOverride ?? scenario.Seed;
        _start = startTime;
        _traffic = new Traffic(scenario, seed);
        _sensors = scenario.SensorSpecs.Select((s, i) => SensorModel.Create(s, i, seed, startTime)).ToArray();
        Sensors = scenario.Sensors;
        // A radar sweep that starts before the end of a call can time-stamp plots up to one period later;
        // the targets it may meet there must already exist.
        _lookaheadS = scenario.Sensors.Max(s => s.ScanPeriodS) + 1;
    }

    public DateTimeOffset Now => _start.AddTicks(_nowTick);

    public IReadOnlyList<SensorDescriptor> Sensors { get; }

    /// <summary>
    /// Everything that happens in (Now, <paramref name="until"/>]: detections ordered by time, and
    /// truth for every live target at each whole second since the start time.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is before <see cref="Now"/>.</exception>
    public SimStep AdvanceTo(DateTimeOffset until)
    {
        long untilTick = (until - _start).Ticks;
        if (untilTick < _nowTick)
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, $"cannot go back in time: Now is {Now:O}");
        }

        if (untilTick == _nowTick)
        {
            return new SimStep([], []);
        }

        double untilS = (double)untilTick / TimeSpan.TicksPerSecond;
        _traffic.MaterialiseUntil(untilS + _lookaheadS);
        foreach (var sensor in _sensors)
        {
            sensor.ScanUntil(untilTick, _traffic.Live, _pending);
        }

        _pending.Sort(static (a, b) => (a.Tick, a.SensorIndex, a.Sequence).CompareTo((b.Tick, b.SensorIndex, b.Sequence)));
        int ready = 0;
        while (ready < _pending.Count && _pending[ready].Tick <= untilTick)
        {
            ready++;
        }

        var detections = new Detection[ready];
        for (int i = 0; i < ready; i++)
        {
            detections[i] = _pending[i].Detection;
        }

        _pending.RemoveRange(0, ready);
        var truth = SampleTruth(_nowTick, untilTick);
        _nowTick = untilTick;
        _traffic.ForgetBefore((double)_nowTick / TimeSpan.TicksPerSecond);
        return new SimStep(detections, truth);
    }

    private List<TruthSample> SampleTruth(long fromTickExclusive, long untilTick)
    {
        var truth = new List<TruthSample>();
        long second = (fromTickExclusive / TimeSpan.TicksPerSecond) + 1;
        for (long tick = second * TimeSpan.TicksPerSecond; tick <= untilTick; tick += TimeSpan.TicksPerSecond)
        {
            double s = (double)tick / TimeSpan.TicksPerSecond;
            var time = _start.AddTicks(tick);
            foreach (var target in _traffic.Live)
            {
                if (!target.Path.IsLiveAt(s))
                {
                    continue;
                }

                var (p, v) = target.Path.StateAt(s);
                truth.Add(new TruthSample(time, target.Id, target.Class, p, v.E, v.N, v.U, target.PrimaryCooperativeId));
            }
        }

        return truth;
    }
}
