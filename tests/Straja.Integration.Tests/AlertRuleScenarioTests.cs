using Straja.Engine.Evaluation.Rules;
using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using Straja.Sim;

namespace Straja.Integration.Tests;

/// <summary>Operator rules in the real engine, on the simulated crossing at Isaccea seen by two radars and a receiver.</summary>
public sealed class AlertRuleScenarioTests
{
    [Fact]
    public void A_rule_for_unknown_crossings_raises_one_alert_for_the_intruder_and_none_for_the_friendly()
    {
        var rules = RuleReader.Parse("""
            { "rules": [ { "id": "ua-ro", "name": "Unknown drone crossed from Ukraine", "severity": "critical",
              "when": { "all": [ { "not": { "identity": ["friendly", "neutral"] } }, { "border": { "from": "UA", "to": "RO" } } ] } } ] }
            """);
        var scenario = Scenario.BuiltIn("single-crossing");
        var sim = new Simulation(scenario, ScenarioRun.Start);
        var engine = new FusionEngine(Server.StrajaServer.SectorOrigin(sim.Sensors), sim.Sensors, ScenarioRun.Start,
            FusionOptions.Default with { FriendlyIds = scenario.FriendlyIds.ToArray(), Rules = rules });
        var alerts = new List<Alert>();
        for (var t = ScenarioRun.Start.AddSeconds(0.5); t <= ScenarioRun.Start.AddSeconds(150); t = t.AddSeconds(0.5))
            alerts.AddRange(engine.Process(sim.AdvanceTo(t).Detections, t).NewAlerts);

        var ruleAlerts = alerts.Where(a => a.Kind == AlertKind.Rule).ToList();
        var alert = Assert.Single(ruleAlerts);
        Assert.Equal(AlertSeverity.Critical, alert.Severity);
        // It is the intruder's track (the one the built-in border evaluator also flagged), not the friendly's.
        var border = Assert.Single(alerts, a => a.Kind == AlertKind.BorderCrossing);
        Assert.Equal(border.TrackId, alert.TrackId);
    }
}
