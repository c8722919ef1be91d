using BenchmarkDotNet.Attributes;
using Straja.Engine.Fusion;
using Straja.Sim;

namespace Straja.Benchmarks;

/// <summary>
/// Ten minutes of the built-in eastern-border scenario (about 10 sensors, 100+ targets with the
/// birds, radar clutter) as fast as it goes, in 1 s steps. Baseline: the simulator alone; the other
/// adds the fusion engine. Their difference is what fusing the demo's whole sector costs per ten
/// minutes of border.
/// </summary>
[MemoryDiagnoser]
public class ScenarioBenchmarks
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private const int Seconds = 600;

    [Benchmark(Baseline = true, Description = "simulate 10 min")]
    public int SimulateOnly()
    {
        var sim = new Simulation(Scenario.BuiltIn("eastern-border"), Start);
        int n = 0;
        for (int s = 1; s <= Seconds; s++)
            n += sim.AdvanceTo(Start.AddSeconds(s)).Detections.Count;
        return n;
    }

    [Benchmark(Description = "simulate + fuse 10 min")]
    public int SimulateAndFuse()
    {
        var scenario = Scenario.BuiltIn("eastern-border");
        var sim = new Simulation(scenario, Start);
        var origin = new GeoPoint(sim.Sensors.Average(x => x.Position.LatDeg), sim.Sensors.Average(x => x.Position.LonDeg));
        var engine = new FusionEngine(origin, sim.Sensors, Start, FusionOptions.Default with { FriendlyIds = scenario.FriendlyIds.ToArray() });
        int tracks = 0;
        for (int s = 1; s <= Seconds; s++)
        {
            var t = Start.AddSeconds(s);
            tracks = engine.Process(sim.AdvanceTo(t).Detections, t).Picture.Tracks.Count;
        }

        return tracks;
    }
}
