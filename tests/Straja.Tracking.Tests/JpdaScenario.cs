using System.Globalization;
using Straja.Tracking.Metrics;

namespace Straja.Tracking.Tests;

/// <summary>
/// Two targets crossing at a shallow angle through dense clutter, seen by one 3D position sensor at 1 Hz:
/// the case association decides. Seeded; scored against truth with <see cref="TrackScorer"/>.
/// </summary>
internal static class JpdaScenario
{
    public const double SigmaM = 10;
    public const double Pd = 0.9;
    public const int ClutterPerScan = 20;
    public const int Scans = 60;
    private const double HalfSideM = 1000, FloorM = 0, CeilingM = 1000;

    /// <summary>Both fly at 30 m/s, 6° apart, and pass the origin within a second of each other at t = 30 s.</summary>
    public static Vec3 Truth(int target, double timeS)
    {
        double heading = target == 0 ? 87 * Math.PI / 180 : 93 * Math.PI / 180;
        double s = 30 * (timeS - 30);
        return new Vec3(s * Math.Sin(heading), s * Math.Cos(heading), 300);
    }

    /// <summary>λ of the clutter, per m³: what a sensor surveyed for it would be configured with.</summary>
    public static double ClutterDensity => ClutterPerScan / (2 * HalfSideM * 2 * HalfSideM * (CeilingM - FloorM));

    public static Scan ScanAt(Random random, int s)
    {
        var measurements = new List<Measurement>();
        for (int k = 0; k < 2; k++)
        {
            var p = Truth(k, s);
            if (random.NextDouble() < Pd)
                measurements.Add(TestScans.Position(p.X + (SigmaM * random.Gaussian()), p.Y + (SigmaM * random.Gaussian()), p.Z + (SigmaM * random.Gaussian()), SigmaM, SigmaM));
        }

        for (int c = 0; c < ClutterPerScan; c++)
        {
            measurements.Add(TestScans.Position(
                (2 * HalfSideM * random.NextDouble()) - HalfSideM, (2 * HalfSideM * random.NextDouble()) - HalfSideM,
                FloorM + ((CeilingM - FloorM) * random.NextDouble()), SigmaM, SigmaM));
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(measurements));
        return new Scan("eo", s, new Vec3(0, 0, 0), 50_000, measurements);
    }

    /// <summary>Runs one seeded pass; confirmed tracks are scored from the first scan on.</summary>
    public static ScoreSummary Run(TrackerOptions options, int seed)
    {
        var random = new Random(seed);
        var tracker = new Tracker(options);
        var scorer = new TrackScorer(MetricOptions.Default with { CutoffM = 100 });
        for (int s = 0; s < Scans; s++)
        {
            tracker.Process(ScanAt(random, s));
            var truth = new[] { new LabelledPoint("A", Truth(0, s)), new LabelledPoint("B", Truth(1, s)) };
            var tracks = tracker.Snapshot().Where(t => t.Status == TrackStatus.Confirmed)
                .Select(t => new LabelledPoint(t.Id.ToString(CultureInfo.InvariantCulture), t.Position)).ToArray();
            scorer.Add(s, truth, tracks);
        }

        return scorer.Summarise();
    }
}
