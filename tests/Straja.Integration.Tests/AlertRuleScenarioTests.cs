using Straja.Engine.Evaluation.Rules;
using Straja.Engine.Fusion;
using Straja.Engine.Identification;
using Straja.Engine.Picture;
using Straja.Sim;

namespace Straja.Integration.Tests;

/// <summary>Operator rules in the real engine: the simulated crossing at Isaccea, and the eastern border's lost unit.</summary>
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

    [Fact]
    public void A_lost_unit_rule_fires_once_on_the_lost_unit_beside_the_built_in_alert_and_not_on_the_in_service_friend()
    {
        var rules = RuleReader.Parse("""
            { "rules": [ { "id": "lost", "name": "Lost unit flying", "severity": "critical",
              "when": { "registeredUnit": { "state": ["lost", "destroyed", "decommissioned"] } } } ] }
            """);
        // The registry as the server would hand it over: RU-2026-0003 lost, RU-2026-0007 (the signing friend) in service.
        var registry = new RegistryView(
        [
            new RegisteredUnit("RU-2026-0003", "15967B5X8Y2Z", "test model", Straja.Registry.UnitState.Lost, "RO", null),
            new RegisteredUnit("RU-2026-0007", "1596F350457A8C2E1234", "test model", Straja.Registry.UnitState.InService, "RO", null),
        ]);
        var scenario = Scenario.BuiltIn("eastern-border");
        var sim = new Simulation(scenario, ScenarioRun.Start);
        var engine = new FusionEngine(Server.StrajaServer.SectorOrigin(sim.Sensors), sim.Sensors, ScenarioRun.Start,
            FusionOptions.Default with { FriendlyIds = scenario.FriendlyIds.ToArray(), Rules = rules, Registry = registry });
        var alerts = new List<Alert>();
        for (var t = ScenarioRun.Start.AddSeconds(0.5); t <= ScenarioRun.Start.AddSeconds(120); t = t.AddSeconds(0.5))
            alerts.AddRange(engine.Process(sim.AdvanceTo(t).Detections, t).NewAlerts);

        var rule = Assert.Single(alerts, a => a.Kind == AlertKind.Rule);
        var builtIn = Assert.Single(alerts, a => a.Kind == AlertKind.UnitNotInService);
        Assert.Equal(builtIn.TrackId, rule.TrackId);
        Assert.Contains("unit RU-2026-0003, lost in the registry", rule.Message, StringComparison.Ordinal);
    }
}
