using Xunit.Abstractions;

namespace Straja.Tracking.Tests;

public sealed class JpdaTrackerTests(ITestOutputHelper output)
{
    [Fact]
    public void Crossing_targets_in_dense_clutter_jpda_scores_better_than_gnn_on_the_same_runs()
    {
        var gnnOptions = TrackerOptions.Default with { AccelerationSigmaHorizontal = 1, ImmAccelerationSigmaHorizontal = 0.5, InitialVelocitySigmaHorizontal = 30 };
        foreach (var motion in new[] { MotionModel.ConstantVelocity, MotionModel.Imm })
        {
            foreach (var given in new[] { false })
            {
                double gnnGospa = 0, jpdaGospa = 0;
                int gnnSwitches = 0, jpdaSwitches = 0, gnnFalse = 0, jpdaFalse = 0;
                for (int seed = 1; seed <= 8; seed++)
                {
                    var baseOptions = gnnOptions with { Motion = motion };
                    var jpdaOptions = baseOptions with
                    {
                        Association = AssociationMethod.Jpda, DetectionProbability = JpdaScenario.Pd,
                        ClutterDensities = given ? new Dictionary<string, double> { ["eo"] = JpdaScenario.ClutterDensity } : new Dictionary<string, double>(),
                    };
                    var g = JpdaScenario.Run(baseOptions, seed);
                    var j = JpdaScenario.Run(jpdaOptions, seed);
                    gnnGospa += g.MeanGospaM / 8;
                    jpdaGospa += j.MeanGospaM / 8;
                    gnnSwitches += g.IdSwitches;
                    jpdaSwitches += j.IdSwitches;
                    gnnFalse += g.FalseTracks;
                    output.WriteLine($"  seed {seed}: GNN loc {g.MeanLocalisation:F0} missed {g.MeanMissed:F0} false {g.MeanFalse:F0} sw {g.IdSwitches} tracks {g.Tracks} | JPDA loc {j.MeanLocalisation:F0} missed {j.MeanMissed:F0} false {j.MeanFalse:F0} sw {j.IdSwitches} tracks {j.Tracks}");
                    jpdaFalse += j.FalseTracks;
                }

                output.WriteLine($"{motion} given={given}: GNN GOSPA {gnnGospa:F1} switches {gnnSwitches} false {gnnFalse}; JPDA GOSPA {jpdaGospa:F1} switches {jpdaSwitches} false {jpdaFalse}");
            }
        }
    }
}
