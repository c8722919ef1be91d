using BenchmarkDotNet.Attributes;
using Straja.Tracking;
using Straja.Tracking.Planar;

namespace Straja.Benchmarks.Tracking;

/// <summary>
/// A seeded 2D scene for the tracking micro-benchmarks: n targets 1 km apart on average (one per km²), each
/// detected with σ = 10 m, plus n/2 uniform clutter points, and a tracker already run for 20 scans over it.
/// </summary>
internal sealed class PlanarBenchScene
{
    public PlanarBenchScene(int n, int seed = 1)
    {
        var random = new Random(seed);
        double side = Math.Sqrt(n) * 1000;
        var x = new double[n];
        var y = new double[n];
        var v = new (double X, double Y)[n];
        for (int k = 0; k < n; k++)
        {
            x[k] = random.NextDouble() * side;
            y[k] = random.NextDouble() * side;
            double heading = 2 * Math.PI * random.NextDouble();
            v[k] = (20 * Math.Sin(heading), 20 * Math.Cos(heading));
        }

        Scans = new PlanarDetection[Warm + 1][];
        for (int s = 0; s <= Warm; s++)
        {
            var scan = new List<PlanarDetection>();
            for (int k = 0; k < n; k++)
                scan.Add(new PlanarDetection(x[k] + (v[k].X * s) + (10 * Gaussian(random)), y[k] + (v[k].Y * s) + (10 * Gaussian(random))));
            for (int c = 0; c < n / 2; c++)
                scan.Add(new PlanarDetection(random.NextDouble() * side, random.NextDouble() * side));
            Scans[s] = [.. scan];
        }

        Options = PlanarOptions.Default with { ClutterDensity = Math.Max(1, n / 2) / (side * side), ProcessNoise = 1, InitialVelocitySigmaMps = 30 };
        SideM = side;
    }

    public const int Warm = 20;

    public PlanarDetection[][] Scans { get; }

    public PlanarOptions Options { get; }

    public double SideM { get; }

    /// <summary>A tracker that has processed the first <see cref="Warm"/> scans (its buffers at full size).</summary>
    public PlanarTracker WarmTracker(bool exhaustive = false)
    {
        var tracker = exhaustive ? PlanarTracker.CreateExhaustive(Options) : new PlanarTracker(Options);
        for (int s = 0; s < Warm; s++)
            tracker.Process(s, Scans[s]);
        return tracker;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

/// <summary>
/// One whole scan of the 2D tracker (predict, gate, associate, update, score, initiate) at n targets, grid against
/// exhaustive gating. The state is restored by re-running the warm-up in <c>IterationSetup</c>, so each
/// invocation processes the same scan 21 on the same tracks. Mean ÷ (1.5 n) is the cost per detection.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class PlanarScanBenchmarks
{
    [Params(10, 100, 1000)]
    public int Targets;

    private PlanarBenchScene _scene = null!;
    private PlanarTracker _grid = null!, _naive = null!;

    [GlobalSetup]
    public void Setup() => _scene = new PlanarBenchScene(Targets);

    [IterationSetup]
    public void Warm()
    {
        _grid = _scene.WarmTracker();
        _naive = _scene.WarmTracker(exhaustive: true);
    }

    [Benchmark(Baseline = true)]
    public PlanarScanResult ExhaustiveScan() => _naive.Process(PlanarBenchScene.Warm, _scene.Scans[PlanarBenchScene.Warm]);

    [Benchmark]
    public PlanarScanResult GridScan() => _grid.Process(PlanarBenchScene.Warm, _scene.Scans[PlanarBenchScene.Warm]);
}

/// <summary>
/// The parts on their own, at n points: building the spatial grid and querying it once per track (gating's
/// index work), against the pairwise distance loop it replaces; and solving one square assignment of size n.
/// </summary>
[MemoryDiagnoser]
public class GatingAndAssignmentBenchmarks
{
    [Params(10, 100, 1000)]
    public int N;

    private double[] _tx = null!, _ty = null!, _mx = null!, _my = null!, _cost = null!;
    private int[] _candidates = new int[64];
    private int[] _rowToCol = null!;
    private readonly SpatialGrid _grid = new();
    private const double GateRadiusM = 50;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        double side = Math.Sqrt(N) * 1000;
        _tx = new double[N];
        _ty = new double[N];
        _mx = new double[N];
        _my = new double[N];
        for (int k = 0; k < N; k++)
        {
            _tx[k] = random.NextDouble() * side;
            _ty[k] = random.NextDouble() * side;
            _mx[k] = _tx[k] + (20 * random.NextDouble());
            _my[k] = _ty[k] + (20 * random.NextDouble());
        }

        // A dense assignment problem: every pair allowed, costs uniform in [0, 100).
        _cost = new double[N * N];
        for (int k = 0; k < _cost.Length; k++)
            _cost[k] = 100 * random.NextDouble();
        _rowToCol = new int[N];
        GridGating(); // size the grid's buffers once
    }

    [Benchmark(Baseline = true)]
    public int PairwiseGating()
    {
        int inGate = 0;
        for (int t = 0; t < N; t++)
        {
            for (int j = 0; j < N; j++)
            {
                double dx = _mx[j] - _tx[t], dy = _my[j] - _ty[t];
                inGate += (dx * dx) + (dy * dy) <= GateRadiusM * GateRadiusM ? 1 : 0;
            }
        }

        return inGate;
    }

    [Benchmark]
    public int GridGating()
    {
        _grid.Build(_mx, _my, GateRadiusM);
        int inGate = 0;
        for (int t = 0; t < N; t++)
        {
            int n = _grid.Query(_tx[t], _ty[t], GateRadiusM, ref _candidates, 0);
            for (int k = 0; k < n; k++)
            {
                int j = _candidates[k];
                double dx = _mx[j] - _tx[t], dy = _my[j] - _ty[t];
                inGate += (dx * dx) + (dy * dy) <= GateRadiusM * GateRadiusM ? 1 : 0;
            }
        }

        return inGate;
    }

    [Benchmark]
    public int DenseAssignment()
    {
        Assignment.Solve(_cost, N, N, _rowToCol);
        return _rowToCol[0];
    }
}

/// <summary>Predict and update alone: one GNN scan with every target detected and no clutter, so clusters are single pairs.</summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class PredictUpdateBenchmarks
{
    [Params(10, 100, 1000)]
    public int Targets;

    private PlanarDetection[][] _scans = null!;
    private PlanarTracker _tracker = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scans = new PlanarDetection[22][];
        for (int s = 0; s < _scans.Length; s++)
            _scans[s] = [.. Enumerable.Range(0, Targets).Select(k => new PlanarDetection((2000.0 * (k % 40)) + (15 * s), (2000.0 * (k / 40)) + (5 * s)))];
    }

    [IterationSetup]
    public void Warm()
    {
        _tracker = new PlanarTracker(PlanarOptions.Default with { ProcessNoise = 1 });
        for (int s = 0; s < 21; s++)
            _tracker.Process(s, _scans[s]);
    }

    [Benchmark]
    public PlanarScanResult PredictGateUpdate() => _tracker.Process(21, _scans[21]);
}

/// <summary>
/// One scan of the multi-sensor <see cref="Tracker"/> (IMM) over the <see cref="PlanarBenchScene"/> as 3D
/// position measurements, with GNN and with JPDA: what probabilistic association costs on top of the rest.
/// The warm-up is re-run in <c>IterationSetup</c>, so each invocation processes the same scan on the same tracks.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(1)]
public class EngineAssociationBenchmarks
{
    [Params(100, 1000)]
    public int Targets;

    [Params(AssociationMethod.Gnn, AssociationMethod.Jpda)]
    public AssociationMethod Association;

    private Scan[] _scans = null!;
    private Tracker _tracker = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scene = new PlanarBenchScene(Targets);
        _scans = [.. scene.Scans.Select((detections, s) => new Scan("bench", s, default, double.MaxValue,
            [.. detections.Select(d => new Measurement(MeasurementKind.Position, d.XM, d.YM, 0, 10, 10, 10))]))];
    }

    [IterationSetup]
    public void Warm()
    {
        _tracker = new Tracker(TrackerOptions.Default with { Association = Association, InitialVelocitySigmaHorizontal = 30 });
        for (int s = 0; s < PlanarBenchScene.Warm; s++)
            _tracker.Process(_scans[s]);
    }

    [Benchmark]
    public int EngineScan() => _tracker.Process(_scans[PlanarBenchScene.Warm]).Associated;
}
