using Straja.Tracking.Metrics;

namespace Straja.Tracking.Tests.Models;

/// <summary>Runs scans through a tracker and scores its confirmed tracks against truth with GOSPA.</summary>
internal static class Scenario
{
    /// <summary>Mean GOSPA (cut-off 100 m, order 2) over the steps at or after <paramref name="fromS"/>.</summary>
    public static double MeanGospa(Tracker tracker, IEnumerable<Scan> scans, Func<double, IReadOnlyList<Vec3>> truthAt, double fromS)
    {
        var scorer = new TrackScorer(MetricOptions.Default);
        double lastS = double.NegativeInfinity;
        foreach (var scan in scans)
        {
            tracker.Process(scan);
            if (scan.TimeS < fromS || scan.TimeS <= lastS)
                continue;
            lastS = scan.TimeS;
            var truth = truthAt(scan.TimeS).Select((p, i) => new LabelledPoint($"truth-{i}", p)).ToArray();
            var tracks = tracker.Snapshot().Where(s => s.Status == TrackStatus.Confirmed)
                .Select(s => new LabelledPoint($"track-{s.Id}", s.Position)).ToArray();
            scorer.Add(scan.TimeS, truth, tracks);
        }

        return scorer.Summarise().MeanGospaM;
    }

    public static Measurement NoisyPolar(Random random, Vec3 truth, Vec3 sensor, double sigmaRange, double sigmaAngle)
    {
        var exact = TestScans.PolarOf(truth, sensor, sigmaRange, sigmaAngle);
        return exact with
        {
            Z0 = exact.Z0 + (sigmaRange * random.Gaussian()),
            Z1 = exact.Z1 + (sigmaAngle * random.Gaussian()),
            Z2 = exact.Z2 + (sigmaAngle * random.Gaussian()),
        };
    }
}
