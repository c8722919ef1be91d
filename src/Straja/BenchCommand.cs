using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Straja.Tracking;
using Straja.Tracking.Planar;

namespace Straja.Cli;

/// <summary>
/// <c>straja bench tracking</c>: a scenario benchmark of the 2D tracker. Generates N straight-flying targets
/// (one per km², 10–40 m/s, P_D 0.9, σ 10 m) and C uniform clutter detections per 1 Hz scan, all before the
/// clock starts; runs the grid-indexed <see cref="PlanarTracker"/> and the O(n·m) exhaustive baseline on the
/// same scans in the same process; reports throughput, per-scan latency percentiles, steady-state allocation
/// per detection, retained memory per live track and GOSPA. Results and method: docs/performance.md.
/// </summary>
internal static class BenchCommand
{
    private const string Usage = """
        usage: straja bench tracking [--targets N] [--clutter C] [--scans S] [--seed K]
                                     [--association gnn|jpda] [--baseline-scans B] [--tracker planar|engine]

          --targets N         simultaneous targets (default 1000), one per km^2
          --clutter C         false detections per scan (default N)
          --scans S           1 Hz scans (default 60); the first third warm up and are left out of the steady-state figures
          --seed K            random seed of the scene (default 1)
          --association A     gnn (default) or jpda
          --baseline-scans B  scans the O(n*m) baseline runs (default S up to 2000 targets, else 6: it is quadratic)
          --tracker T         planar (default): the 2D PlanarTracker against its O(n*m) twin; engine: the
                              multi-sensor Tracker (3D, IMM) with GNN and with JPDA on the same scans
        """;

    private const double SigmaM = 10, Pd = 0.9, CutoffM = 100;

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] != "tracking")
        {
            stderr.WriteLine($"straja bench: expected 'tracking'\n\n{Usage}");
            return 2;
        }

        return OfflineVerb.Run("bench", Usage, args[1..], stdout, stderr, () =>
        {
            var flags = Flags.Parse(args.AsSpan(1), "targets", "clutter", "scans", "seed", "association", "baseline-scans", "tracker");
            int targets = (int)flags.GetDouble("targets", 1000, 1, 1_000_000);
            int clutter = (int)flags.GetDouble("clutter", targets, 0, 10_000_000);
            int scans = (int)flags.GetDouble("scans", 60, 3, 100_000);
            int seed = (int)flags.GetDouble("seed", 1, int.MinValue, int.MaxValue);
            int baselineScans = (int)flags.GetDouble("baseline-scans", targets <= 2000 ? scans : Math.Min(scans, 6), 0, scans);
            var scene = Scene.Generate(targets, clutter, scans, seed);
            var options = PlanarOptions.Default with
            {
                MeasurementStdM = SigmaM, DetectionProbability = Pd, ClutterDensity = Math.Max(clutter, 1) / (scene.SideM * scene.SideM),
                NewTargetDensity = 1e-7, ProcessNoise = 1, InitialVelocitySigmaMps = 30,
            };
            if (flags.Get("association") is { } a)
                options = TrackConfig.Apply(options, "association", a, "--association");
            switch (flags.Get("tracker") ?? "planar")
            {
                case "engine":
                    return RunEngine(scene, clutter, scans, seed, stdout);
                case not "planar":
                    throw new UsageException($"option '--tracker': '{flags.Get("tracker")}' is not planar or engine");
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"straja bench tracking: {targets} targets, {clutter} clutter/scan over {scene.SideM / 1000:F1} km x {scene.SideM / 1000:F1} km, {scans} scans at 1 Hz, seed {seed}, {options.Association.ToString().ToUpperInvariant()}, {Environment.ProcessorCount} cores visible, one thread"));
            stdout.WriteLine("| tracker | scans | detections/s (wall, steady) | detections/s (process CPU, steady) | detections/s at p50 scan | scan p50 ms | p95 ms | p99 ms | max ms | alloc B/detection (steady) | retained B/live track | live tracks | mean GOSPA m (c=100, p=2) | GOSPA/sqrt(N) m |");
            stdout.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var fast = Measure("grid (PlanarTracker)", () => new PlanarTracker(options), scene, scans, stdout);
            if (baselineScans > 0)
            {
                var naive = Measure("naive O(n*m)", () => PlanarTracker.CreateExhaustive(options), scene, baselineScans, stdout);
                stdout.WriteLine(naive.SameAs(fast)
                    ? $"the two trackers gave identical tracks over the {baselineScans} scans both ran"
                    : $"WARNING: the two trackers differ within the first {baselineScans} scans");
            }

            return 0;
        });
    }

    /// <summary>
    /// The multi-sensor <see cref="Tracker"/> (IMM, M-of-N) on the same scene as 3D position measurements
    /// (σ 10 m on each axis, all at 0 m up), once with GNN and once with JPDA, each timed and then scored.
    /// </summary>
    private static int RunEngine(Scene scene, int clutter, int scans, int seed, TextWriter stdout)
    {
        var ci = CultureInfo.InvariantCulture;
        var frames = scene.Scans.Take(scans).Select((detections, s) => new Scan("bench", s, default, double.MaxValue,
            [.. detections.Select(d => new Measurement(MeasurementKind.Position, d.XM, d.YM, 0, SigmaM, SigmaM, SigmaM))])).ToArray();
        stdout.WriteLine(string.Create(ci,
            $"straja bench tracking --tracker engine: {scene.Targets} targets, {clutter} clutter/scan, {scans} scans at 1 Hz, seed {seed}, Tracker (IMM), one thread"));
        stdout.WriteLine("| association | detections/s (wall, steady) | scan p50 ms | p95 ms | p99 ms | alloc B/detection (steady) | live tracks (incl. tentative) | mean GOSPA m (c=100, p=2) | GOSPA/sqrt(N) m |");
        stdout.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var association in new[] { AssociationMethod.Gnn, AssociationMethod.Jpda })
        {
            var options = TrackerOptions.Default with { Association = association, DetectionProbability = Pd, InitialVelocitySigmaHorizontal = 30 };
            var tracker = new Tracker(options);
            var latencies = new double[scans];
            int warm = scans / 3;
            long steadyDetections = 0, steadyAllocated = 0;
            for (int s = 0; s < scans; s++)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                tracker.Process(frames[s]);
                long stop = Stopwatch.GetTimestamp();
                latencies[s] = (stop - start) * 1000.0 / Stopwatch.Frequency;
                if (s >= warm)
                {
                    steadyDetections += frames[s].Measurements.Count;
                    steadyAllocated += GC.GetAllocatedBytesForCurrentThread() - allocated;
                }
            }

            double gospa = EngineGospa(new Tracker(options), frames, scene, scans);
            var steady = latencies[warm..];
            double wallS = steady.Sum() / 1000;
            Array.Sort(steady);
            stdout.WriteLine(string.Create(ci,
                $"| {association.ToString().ToUpperInvariant()} | {steadyDetections / wallS:N0} | {Percentile(steady, 0.50):F2} | {Percentile(steady, 0.95):F2} | {Percentile(steady, 0.99):F2} | {(double)steadyAllocated / Math.Max(1, steadyDetections):N0} | {tracker.Snapshot().Count:N0} | {gospa:F1} | {gospa / Math.Sqrt(scene.Targets):F2} |"));
        }

        return 0;
    }

    private static double EngineGospa(Tracker tracker, Scan[] frames, Scene scene, int scans)
    {
        var gospa = new LargeSceneGospa();
        var truth = new List<Vec3>();
        double sum = 0;
        int steps = 0;
        for (int s = 0; s < scans; s++)
        {
            tracker.Process(frames[s]);
            if (s < scans / 3)
                continue;
            truth.Clear();
            scene.Truth(s, truth);
            var estimates = tracker.Snapshot().Where(t => t.Status == TrackStatus.Confirmed).Select(t => t.Position with { Z = 0 }).ToArray();
            sum += gospa.Compute(CollectionsMarshal.AsSpan(truth), estimates, CutoffM, 2).GospaM;
            steps++;
        }

        return steps > 0 ? sum / steps : double.NaN;
    }

    private sealed record Outcome(List<long> Checksums)
    {
        public bool SameAs(Outcome other) => Checksums.SequenceEqual(other.Checksums.Take(Checksums.Count));
    }

    /// <summary>
    /// Two runs over the same scans: the first timed (nothing but <see cref="PlanarTracker.Process"/> between the
    /// clock reads; process CPU time read once around the steady-state scans, because its resolution is coarser
    /// than one scan), the second, untimed, for GOSPA and the per-scan checksums that compare trackers.
    /// </summary>
    private static Outcome Measure(string name, Func<PlanarTracker> create, Scene scene, int scans, TextWriter stdout)
    {
        var ci = CultureInfo.InvariantCulture;
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var tracker = create();
        var latencies = new double[scans];
        int warm = scans / 3;
        long steadyDetections = 0, steadyAllocated = 0;
        TimeSpan cpu = TimeSpan.Zero;
        using var process = Process.GetCurrentProcess();
        for (int s = 0; s < scans; s++)
        {
            var scan = scene.Scans[s];
            if (s == warm)
            {
                process.Refresh();
                cpu = process.TotalProcessorTime;
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            tracker.Process(s, scan);
            long stop = Stopwatch.GetTimestamp();
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            latencies[s] = (stop - start) * 1000.0 / Stopwatch.Frequency;
            if (s >= warm)
            {
                steadyDetections += scan.Length;
                steadyAllocated += allocated;
            }
        }

        process.Refresh();
        cpu = process.TotalProcessorTime - cpu;
        long retained = GC.GetTotalMemory(forceFullCollection: true) - before;
        int live = tracker.Count;
        GC.KeepAlive(tracker);

        var (checksums, meanGospa) = Score(create(), scene, scans);
        var steady = latencies[warm..];
        double wallS = steady.Sum() / 1000;
        Array.Sort(steady);
        double perScan = (double)steadyDetections / steady.Length;
        stdout.WriteLine(string.Create(ci,
            $"| {name} | {scans} | {steadyDetections / wallS:N0} | {steadyDetections / cpu.TotalSeconds:N0} | {perScan / (Percentile(steady, 0.50) / 1000):N0} | {Percentile(steady, 0.50):F2} | {Percentile(steady, 0.95):F2} | {Percentile(steady, 0.99):F2} | {steady[^1]:F2} | {(double)steadyAllocated / Math.Max(1, steadyDetections):F2} | {(double)retained / Math.Max(1, live):N0} | {live:N0} | {meanGospa:F1} | {meanGospa / Math.Sqrt(scene.Targets):F2} |"));
        return new Outcome(checksums);
    }

    private static (List<long> Checksums, double MeanGospa) Score(PlanarTracker tracker, Scene scene, int scans)
    {
        var gospa = new LargeSceneGospa();
        var checksums = new List<long>();
        var truth = new List<Vec3>();
        var estimates = new List<Vec3>();
        double sum = 0;
        int steps = 0;
        for (int s = 0; s < scans; s++)
        {
            tracker.Process(s, scene.Scans[s]);
            long checksum = 17;
            estimates.Clear();
            for (int i = 0; i < tracker.Count; i++)
            {
                var t = tracker[i];
                checksum = (checksum * 31) + t.Id + BitConverter.DoubleToInt64Bits(t.XM);
                if (t.Confirmed)
                    estimates.Add(new Vec3(t.XM, t.YM, 0));
            }

            checksums.Add(checksum);
            if (s < scans / 3)
                continue;
            truth.Clear();
            scene.Truth(s, truth);
            sum += gospa.Compute(CollectionsMarshal.AsSpan(truth), CollectionsMarshal.AsSpan(estimates), CutoffM, 2).GospaM;
            steps++;
        }

        return (checksums, steps > 0 ? sum / steps : double.NaN);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    /// <summary>The generated scene: every scan's detections (targets then clutter, shuffled) and the targets' motion.</summary>
    private sealed class Scene
    {
        private readonly double[] _x, _y, _vx, _vy;

        private Scene(double side, double[] x, double[] y, double[] vx, double[] vy, PlanarDetection[][] scans)
        {
            SideM = side;
            _x = x;
            _y = y;
            _vx = vx;
            _vy = vy;
            Scans = scans;
        }

        public double SideM { get; }
        public int Targets => _x.Length;
        public PlanarDetection[][] Scans { get; }

        public void Truth(int scan, List<Vec3> into)
        {
            for (int k = 0; k < _x.Length; k++)
                into.Add(new Vec3(_x[k] + (_vx[k] * scan), _y[k] + (_vy[k] * scan), 0));
        }

        public static Scene Generate(int targets, int clutter, int scans, int seed)
        {
            var random = new Random(seed);
            double side = Math.Sqrt(targets) * 1000;
            double[] x = new double[targets], y = new double[targets], vx = new double[targets], vy = new double[targets];
            for (int k = 0; k < targets; k++)
            {
                x[k] = random.NextDouble() * side;
                y[k] = random.NextDouble() * side;
                double speed = 10 + (30 * random.NextDouble()), heading = 2 * Math.PI * random.NextDouble();
                vx[k] = speed * Math.Sin(heading);
                vy[k] = speed * Math.Cos(heading);
            }

            var all = new PlanarDetection[scans][];
            var list = new List<PlanarDetection>(targets + clutter);
            for (int s = 0; s < scans; s++)
            {
                list.Clear();
                for (int k = 0; k < targets; k++)
                {
                    if (random.NextDouble() < Pd)
                        list.Add(new PlanarDetection(x[k] + (vx[k] * s) + (SigmaM * Gaussian(random)), y[k] + (vy[k] * s) + (SigmaM * Gaussian(random))));
                }

                for (int c = 0; c < clutter; c++)
                    list.Add(new PlanarDetection(random.NextDouble() * side, random.NextDouble() * side));
                var scan = list.ToArray();
                random.Shuffle(scan);
                all[s] = scan;
            }

            return new Scene(side, x, y, vx, vy, all);
        }

        private static double Gaussian(Random random) =>
            Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
    }
}
