using Straja.Geo;
using Straja.Sim.Motion;

namespace Straja.Sim.Sensors;

/// <summary>A detection with the keys that give it one place in the output, however time was sliced.</summary>
internal readonly record struct Emitted(long Tick, int SensorIndex, long Sequence, Detection Detection);

/// <summary>
/// One simulated sensor. Scans happen at fixed instants (phase + k·period) and each sensor draws
/// from its own seeded stream, in scan order, visiting targets in their fixed order — so its output
/// depends only on the scenario, the seed and the start time.
/// </summary>
internal abstract class SensorModel
{
    /// <summary>4/3 of the Earth's mean radius: the usual standard-atmosphere radio horizon model.</summary>
    private const double EffectiveEarthRadiusM = 4.0 / 3.0 * 6_371_000.0;

    private static readonly GeoPoint NoPosition = new(double.NaN, double.NaN, double.NaN);

    private readonly DateTimeOffset _start;
    private readonly long _phaseTicks;
    private long _scanIndex;
    private long _sequence;

    protected SensorModel(SensorSpec spec, int index, int seed, DateTimeOffset start)
    {
        Spec = spec;
        Index = index;
        _start = start;
        Frame = new LocalFrame(spec.Descriptor.Position);
        Rng = new Random(Randomness.Derive(seed, "sensor:" + spec.Descriptor.Id));
        PeriodTicks = Math.Max(1, (long)Math.Round(spec.Descriptor.ScanPeriodS * TimeSpan.TicksPerSecond));
        double phaseS = spec.PhaseS ?? (Rng.NextDouble() * spec.Descriptor.ScanPeriodS);
        _phaseTicks = (long)Math.Round(phaseS * TimeSpan.TicksPerSecond) % PeriodTicks;
        // Scans strictly after the start: the start instant itself belongs to no AdvanceTo window.
        _scanIndex = _phaseTicks > 0 ? 0 : 1;
    }

    public SensorSpec Spec { get; }
    public int Index { get; }
    protected LocalFrame Frame { get; }
    protected Random Rng { get; }
    protected long PeriodTicks { get; }
    protected string Id => Spec.Descriptor.Id;

    private List<Emitted>? _sink;

    /// <summary>Runs every scan that starts at or before <paramref name="untilTick"/> (ticks since the start).</summary>
    public void ScanUntil(long untilTick, IReadOnlyList<SimTarget> targets, List<Emitted> sink)
    {
        _sink = sink;
        for (long tick = _phaseTicks + (_scanIndex * PeriodTicks); tick <= untilTick; tick = _phaseTicks + (_scanIndex * PeriodTicks))
        {
            Scan(tick, targets);
            _scanIndex++;
        }

        _sink = null;
    }

    protected abstract void Scan(long tick, IReadOnlyList<SimTarget> targets);

    protected static double Seconds(long tick) => (double)tick / TimeSpan.TicksPerSecond;

    protected DateTimeOffset TimeOf(long tick) => _start.AddTicks(tick);

    protected void Emit(long tick, Detection d) => _sink!.Add(new Emitted(tick, Index, _sequence++, d));

    /// <summary>The target's true geometry in this sensor's frame.</summary>
    protected Geometry Measure(GeoPoint p)
    {
        var enu = Frame.ToEnu(p);
        double h = enu.HorizontalNorm;
        return new Geometry(enu, enu.Norm, Azimuth(enu.E, enu.N), Math.Atan2(enu.U, h));
    }

    /// <summary>Within range, above the radio horizon and the elevation mask (when the sensor has them).</summary>
    protected bool CanSee(in Geometry g, double targetAltM)
    {
        if (g.RangeM > Spec.Descriptor.MaxRangeM || g.ElevationRad < Spec.MinElevationRad)
        {
            return false;
        }

        if (!Spec.Horizon)
        {
            return true;
        }

        double horizonM = Math.Sqrt(2 * EffectiveEarthRadiusM * Math.Max(0, Spec.Descriptor.Position.AltM))
            + Math.Sqrt(2 * EffectiveEarthRadiusM * Math.Max(0, targetAltM));
        return g.RangeM <= horizonM;
    }

    protected bool Detected() => Rng.NextDouble() < Spec.Pd;

    /// <summary>Right with probability pCorrect, otherwise one of the other classes; the sensor cannot tell which.</summary>
    protected (TargetClass Hint, double Confidence) ClassHint(TargetClass truth, ClassificationSpec? spec)
    {
        if (spec is null)
        {
            return (TargetClass.Unknown, 0);
        }

        if (Rng.NextDouble() < spec.PCorrect)
        {
            return (truth, spec.Confidence);
        }

        var wrong = Array.FindAll(HintClasses, c => c != truth);
        return (wrong[Rng.Next(wrong.Length)], spec.Confidence);
    }

    /// <summary>A radar plot (range given) or a bearing (range NaN); sigmas the sensor does not measure are NaN already.</summary>
    protected Detection Plot(long tick, DetectionKind kind, double rangeM, double azimuthRad, double elevationRad) => new()
    {
        SensorId = Id,
        Time = TimeOf(tick),
        Kind = kind,
        RangeM = rangeM,
        AzimuthRad = azimuthRad,
        ElevationRad = elevationRad,
        Position = NoPosition,
        SigmaRangeM = Spec.Noise.RangeM,
        SigmaAzimuthRad = Spec.Noise.AzimuthRad,
        SigmaElevationRad = Spec.Noise.ElevationRad,
    };

    protected static double Azimuth(double e, double n)
    {
        double a = Math.Atan2(e, n);
        return a < 0 ? a + (2 * Math.PI) : a;
    }

    protected static double WrapAzimuth(double a)
    {
        a %= 2 * Math.PI;
        return a < 0 ? a + (2 * Math.PI) : a;
    }

    private static readonly TargetClass[] HintClasses =
        [TargetClass.Multirotor, TargetClass.FixedWing, TargetClass.Manned, TargetClass.Bird];

    public static SensorModel Create(SensorSpec spec, int index, int seed, DateTimeOffset start) => spec.Descriptor.Kind switch
    {
        SensorKind.Radar => new RadarModel(spec, index, seed, start),
        SensorKind.Cooperative => new CooperativeModel(spec, index, seed, start),
        _ => new BearingModel(spec, index, seed, start),
    };
}

internal readonly record struct Geometry(Enu Enu, double RangeM, double AzimuthRad, double ElevationRad);
