using CsCheck;
using static Straja.Sim.Tests.ScenarioJson;

namespace Straja.Sim.Tests;

public sealed class DeterminismTests
{
    private static readonly Scenario Eastern = Scenario.BuiltIn("eastern-border");

    private static SimStep RunInSteps(Scenario scenario, IEnumerable<double> stepsS, int? seed = null)
    {
        double t = 0;
        return RunUntil(scenario, stepsS.Select(s => t += s).ToList(), seed);
    }

    private static SimStep RunUntil(Scenario scenario, IEnumerable<double> endsS, int? seed = null)
    {
        var sim = new Simulation(scenario, Start, seed);
        var detections = new List<Detection>();
        var truth = new List<TruthSample>();
        foreach (double end in endsS)
        {
            var s = sim.AdvanceTo(Start.AddSeconds(end));
            detections.AddRange(s.Detections);
            truth.AddRange(s.Truth);
        }

        return new SimStep(detections, truth);
    }

    [Fact]
    public void Same_seed_gives_identical_detections_and_truth()
    {
        var a = RunInSteps(Eastern, Enumerable.Repeat(0.1, 1200));
        var b = RunInSteps(Eastern, Enumerable.Repeat(0.1, 1200));

        Assert.True(a.Detections.Count > 1000);
        Assert.Equal(a.Detections, b.Detections);
        Assert.Equal(a.Truth, b.Truth);
    }

    [Fact]
    public void Different_seed_gives_different_detections()
    {
        var a = RunInSteps(Eastern, [120]);
        var b = RunInSteps(Eastern, [120], seed: Eastern.Seed + 1);

        Assert.NotEqual(a.Detections, b.Detections);
    }

    [Fact]
    public void Splitting_time_differently_gives_the_same_output()
    {
        var whole = RunInSteps(Eastern, [300]);

        Gen.Double[0.05, 40].Array[1, 30].Sample(
            steps =>
            {
                // Random interior boundaries, then exactly the same end time.
                var ends = new List<double>();
                double t = 0;
                foreach (double s in steps.Where(s => t + s < 300))
                {
                    t += s;
                    ends.Add(t);
                }

                ends.Add(300);
                var split = RunUntil(Eastern, ends);
                return split.Detections.SequenceEqual(whole.Detections) && split.Truth.SequenceEqual(whole.Truth);
            },
            iter: 12);
    }

    [Fact]
    public void Targets_spawned_during_a_radar_sweep_do_not_depend_on_call_boundaries()
    {
        // A slow sweep and frequent spawns close in: many spawns land inside a sweep that began in an earlier call.
        string spawner = """
            , "spawners": [ { "id": "d", "class": "multirotor", "intervalS": 3, "jitterS": 1,
                "from": { "box": { "south": 45.01, "north": 45.03, "west": 27.97, "east": 28.03 } },
                "to": { "box": { "south": 44.97, "north": 44.99, "west": 27.97, "east": 28.03 } },
                "speedMps": [10, 20], "altM": [100, 200] } ]
            """;
        var scenario = Scenario.Parse(ScenarioJson.Scenario([Radar(periodS: 10)], [], spawner), "spawn.json");

        var whole = RunInSteps(scenario, [300]);
        var split = RunInSteps(scenario, Enumerable.Repeat(0.5, 600));

        Assert.True(whole.Detections.Count > 200);
        Assert.Equal(whole.Detections, split.Detections);
    }

    [Fact]
    public void Detections_are_in_time_order_and_inside_the_advanced_window()
    {
        var sim = new Simulation(Eastern, Start);
        var from = Start;
        for (int i = 1; i <= 50; i++)
        {
            var until = Start.AddSeconds(i * 3.7);
            var step = sim.AdvanceTo(until);
            Assert.All(step.Detections, d => Assert.True(d.Time > from && d.Time <= until));
            Assert.Equal(step.Detections.OrderBy(d => d.Time).Select(d => d.Time), step.Detections.Select(d => d.Time));
            Assert.Equal(until, sim.Now);
            from = until;
        }
    }

    [Fact]
    public void Going_back_in_time_is_refused()
    {
        var sim = new Simulation(Eastern, Start);
        sim.AdvanceTo(Start.AddSeconds(10));

        Assert.Throws<ArgumentOutOfRangeException>(() => sim.AdvanceTo(Start.AddSeconds(5)));
        Assert.Empty(sim.AdvanceTo(Start.AddSeconds(10)).Detections);
    }
}
