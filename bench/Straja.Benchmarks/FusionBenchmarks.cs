using BenchmarkDotNet.Attributes;
using Straja.Engine.Fusion;
using Straja.Geo;
using Straja.Tracking;

namespace Straja.Benchmarks;

/// <summary>
/// One radar scan over N steadily flying targets, at steady state (every target already a
/// confirmed track). Baseline: the tracker alone. The other: the whole sector step the engine runs
/// per scan (validation, frame rotation, tracker, picture in WGS84, border and zone evaluators).
/// The gap between them is what the engine adds on top of tracking.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(Steps - Warm - 10, 1)]
public class FusionBenchmarks
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly GeoPoint RadarPos = new(45.17, 28.80, 60);

    [Params(100, 1000)]
    public int Targets;

    private Tracker _tracker = null!;
    private FusionEngine _engine = null!;
    private Scan[] _scans = null!;
    private Detection[][] _batches = null!;
    private int _i;
    private const int Warm = 6, Steps = 200;

    [GlobalSetup]
    public void Setup()
    {
        var radar = new SensorDescriptor("radar", "radar", SensorKind.Radar, RadarPos, 200_000, 1);
        var rng = new Random(42);
        var start = new (double E, double N, double Ve, double Vn)[Targets];
        for (int k = 0; k < Targets; k++)
        {
            // A grid with 1.5 km spacing, so targets are resolvable, with random slow headings.
            double e = (k % 40 - 20) * 1_500.0, n = (k / 40 - 12) * 1_500.0;
            double h = rng.NextDouble() * 2 * Math.PI;
            start[k] = (e, n, 15 * Math.Sin(h), 15 * Math.Cos(h));
        }

        _scans = new Scan[Steps];
        _batches = new Detection[Steps][];
        for (int s = 0; s < Steps; s++)
        {
            var ms = new Measurement[Targets];
            var ds = new Detection[Targets];
            for (int k = 0; k < Targets; k++)
            {
                var p = new Enu(start[k].E + start[k].Ve * s + 30_000, start[k].N + start[k].Vn * s + 30_000, 300);
                double range = p.Norm, az = Math.Atan2(p.E, p.N), el = Math.Asin(p.U / range);
                range += rng.NextDouble() * 20 - 10;
                ms[k] = new Measurement(MeasurementKind.Polar, range, az, el, 15, 0.002, 0.004);
                ds[k] = new Detection
                {
                    SensorId = "radar", Time = Epoch.AddSeconds(s), Kind = DetectionKind.Polar, RangeM = range, AzimuthRad = az,
                    ElevationRad = el, SigmaRangeM = 15, SigmaAzimuthRad = 0.002, SigmaElevationRad = 0.004,
                };
            }

            _scans[s] = new Scan("radar", s, new Vec3(0, 0, 0), 200_000, ms);
            _batches[s] = ds;
        }

        _radar = radar;
    }

    private SensorDescriptor _radar = null!;

    /// <summary>Fresh tracker and engine, warmed until every target is a confirmed track.</summary>
    [IterationSetup]
    public void Warmed()
    {
        _tracker = new Tracker(TrackerOptions.Default);
        _engine = new FusionEngine(RadarPos, [_radar], Epoch);
        for (_i = 0; _i < Warm; _i++)
        {
            _tracker.Process(_scans[_i]);
            _engine.Process(_batches[_i], Epoch.AddSeconds(_i));
        }
    }

    [Benchmark(Baseline = true, Description = "Tracker.Process (one scan)")]
    public int TrackerOnly()
    {
        int s = Next();
        return _tracker.Process(_scans[s]).Associated;
    }

    [Benchmark(Description = "FusionEngine.Process (one scan, picture, evaluators)")]
    public int WholeSector()
    {
        int s = Next();
        return _engine.Process(_batches[s], Epoch.AddSeconds(s)).Picture.Tracks.Count;
    }

    private int Next() => _i++;
}
