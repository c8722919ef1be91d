using Straja.Tracking.Metrics;
using Straja.Tracking.Planar;

namespace Straja.Tracking.Tests.Planar;

/// <summary>Seeded 2D scenarios: straight-line targets, detections with P_D and noise, uniform clutter, and GOSPA scoring.</summary>
internal sealed class PlanarScenario
{
    private readonly (double X, double Y, double Vx, double Vy)[] _targets;

    public PlanarScenario(params (double X, double Y, double Vx, double Vy)[] targets) => _targets = targets;

    public double Pd { get; init; } = 1;
    public double SigmaM { get; init; } = 10;
    /// <summary>Clutter per scan, uniform over <see cref="ClutterBox"/>.</summary>
    public int ClutterPerScan { get; init; }
    public (double X0, double Y0, double X1, double Y1) ClutterBox { get; init; } = (-1000, -1000, 1000, 1000);

    public Vec3 Truth(int target, double timeS)
    {
        var (x, y, vx, vy) = _targets[target];
        return new Vec3(x + (vx * timeS), y + (vy * timeS), 0);
    }

    public PlanarDetection[] Detections(Random random, double timeS)
    {
        var list = new List<PlanarDetection>();
        for (int k = 0; k < _targets.Length; k++)
        {
            var p = Truth(k, timeS);
            if (random.NextDouble() < Pd)
                list.Add(new PlanarDetection(p.X + (SigmaM * random.Gaussian()), p.Y + (SigmaM * random.Gaussian())));
        }

        var (x0, y0, x1, y1) = ClutterBox;
        for (int c = 0; c < ClutterPerScan; c++)
            list.Add(new PlanarDetection(x0 + ((x1 - x0) * random.NextDouble()), y0 + ((y1 - y0) * random.NextDouble())));
        return [.. list];
    }

    /// <summary>Runs <paramref name="tracker"/> for <paramref name="scans"/> 1 s scans; returns the mean GOSPA (confirmed tracks) from <paramref name="scoreFromS"/> on.</summary>
    public ScoreSummary Run(PlanarTracker tracker, int seed, int scans, double scoreFromS, double cutoffM = 50)
    {
        var random = new Random(seed);
        var scorer = new TrackScorer(MetricOptions.Default with { CutoffM = cutoffM });
        for (int s = 0; s < scans; s++)
        {
            tracker.Process(s, Detections(random, s));
            if (s < scoreFromS)
                continue;
            var truth = Enumerable.Range(0, _targets.Length).Select(k => new LabelledPoint($"T{k}", Truth(k, s))).ToArray();
            var tracks = Enumerable.Range(0, tracker.Count).Select(i => tracker[i]).Where(t => t.Confirmed)
                .Select(t => new LabelledPoint(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new Vec3(t.XM, t.YM, 0))).ToArray();
            scorer.Add(s, truth, tracks);
        }

        return scorer.Summarise();
    }
}
