using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using Straja.Sim;

namespace Straja.Integration.Tests;

/// <summary>Drives the pure fusion engine from the simulator in fixed steps, as the demo does in real time.</summary>
internal sealed class ScenarioRun
{
    public static readonly DateTimeOffset Start = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    public List<Alert> Alerts { get; } = [];
    public List<TruthSample> Truth { get; } = [];
    public List<PictureSnapshot> Pictures { get; } = [];
    public List<Detection> Detections { get; } = [];
    public List<DetectionRejection> Rejected { get; } = [];
    public required Scenario Scenario { get; init; }
    public required FusionEngine Engine { get; init; }

    public static ScenarioRun Execute(string scenarioName, TimeSpan duration, double stepS = 0.5, int? seed = null)
    {
        var scenario = Scenario.BuiltIn(scenarioName);
        var sim = new Simulation(scenario, Start, seed);
        var engine = NewEngine(scenario, sim.Sensors);
        var run = new ScenarioRun { Scenario = scenario, Engine = engine };
        for (var t = Start.AddSeconds(stepS); t <= Start + duration; t = t.AddSeconds(stepS))
        {
            var step = sim.AdvanceTo(t);
            run.Truth.AddRange(step.Truth);
            run.Detections.AddRange(step.Detections);
            var fused = engine.Process(step.Detections, t);
            run.Alerts.AddRange(fused.NewAlerts);
            run.Rejected.AddRange(fused.Rejected);
            run.Pictures.Add(fused.Picture);
        }

        return run;
    }

    public static FusionEngine NewEngine(Scenario scenario, IReadOnlyList<SensorDescriptor> sensors) =>
        new(Server.StrajaServer.SectorOrigin(sensors), sensors, Start, FusionOptions.Default with { FriendlyIds = scenario.FriendlyIds.ToArray() });
}
