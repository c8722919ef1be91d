using Straja.Geo;

namespace Straja.Sim.Tests;

public sealed class EndToEndTests
{
    [Fact]
    public void Radar_plots_in_the_single_crossing_put_the_intruder_where_truth_says()
    {
        var scenario = Scenario.BuiltIn("single-crossing");
        var sim = new Simulation(scenario, ScenarioJson.Start);
        var step = sim.AdvanceTo(ScenarioJson.Start.AddSeconds(300));
        var truth = step.Truth.Where(s => s.TargetId == "intruder-1").ToDictionary(s => s.Time);
        var radar = scenario.Sensors.Single(s => s.Id == "radar-isaccea");
        var frame = new LocalFrame(radar.Position);

        var plots = step.Detections.Where(d => d.SensorId == radar.Id).ToList();
        int near = 0;
        foreach (var d in plots)
        {
            double h = d.RangeM * Math.Cos(d.ElevationRad);
            var seen = new Enu(h * Math.Sin(d.AzimuthRad), h * Math.Cos(d.AzimuthRad), d.RangeM * Math.Sin(d.ElevationRad));
            var before = new DateTimeOffset(d.Time.UtcTicks - (d.Time.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
            if (!truth.TryGetValue(before, out var a) || !truth.TryGetValue(before.AddSeconds(1), out var b))
            {
                continue;
            }

            double f = (d.Time - before).TotalSeconds;
            var ea = frame.ToEnu(a.Position);
            var at = ea + ((frame.ToEnu(b.Position) - ea) * f);
            if ((seen - at).Norm < 200)
            {
                near++;
            }
        }

        // 2 s sweeps for about 300 s at pd 0.9: about 135 plots of the intruder; the rest are clutter.
        Assert.InRange(near, 120, 150);
    }

    [Fact]
    public void Cooperative_receiver_identifies_only_the_friendly_in_the_single_crossing()
    {
        var scenario = Scenario.BuiltIn("single-crossing");
        var step = new Simulation(scenario, ScenarioJson.Start).AdvanceTo(ScenarioJson.Start.AddSeconds(120));

        var cooperative = step.Detections.Where(d => d.Kind == DetectionKind.Position).ToList();
        Assert.InRange(cooperative.Count, 100, 120);
        Assert.All(cooperative, d => Assert.Equal("RID:1596F350457A8C2E1234", d.CooperativeId));
    }
}
