using Straja.Tracking.Planar;
using Xunit.Abstractions;

namespace Straja.Tracking.Tests.Planar;

public sealed class PlanarTrackerTests(ITestOutputHelper output)
{
    [Fact]
    public void Explore()
    {
        foreach (var assoc in new[] { PlanarAssociation.Gnn, PlanarAssociation.Jpda })
        {
            foreach (var (clutter, pd, spacing) in new[] { (0, 1.0, 1000.0), (0, 0.9, 1000.0), (15, 0.9, 1000.0), (0, 0.9, 40.0), (15, 0.9, 40.0) }) {
            double sum = 0; int sw = 0; int ft = 0;
            for (int seed = 1; seed <= 10; seed++)
            {
                var scenario = new PlanarScenario(
                    (0, 0, 20, 0), (0, spacing, 20, 0), (0, 2 * spacing, 20, 0), (0, 3 * spacing, 20, 0))
                { Pd = pd, SigmaM = 10, ClutterPerScan = clutter, ClutterBox = (-200, -200, 1400, 3400) };
                var tracker = new PlanarTracker(PlanarOptions.Default with { Association = assoc, DetectionProbability = Math.Min(pd, 0.99), ClutterDensity = Math.Max(clutter, 0.1) / (1600 * 3600), NewTargetDensity = 1e-5 });
                var sw0 = System.Diagnostics.Stopwatch.StartNew(); var s = scenario.Run(tracker, seed, 40, 8); 
                sum += s.MeanGospaM; sw += s.IdSwitches; ft += s.FalseTracks;
            }

            output.WriteLine($"{clutter} {pd} {spacing} {assoc}: mean GOSPA {sum / 10:F2} switches {sw} false {ft}");
        }}
    }
}
