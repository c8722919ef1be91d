using Straja.Engine.Picture;
using Straja.Geo;

namespace Straja.Integration.Tests;

/// <summary>
/// Ten minutes of the demo scenario through the engine: the alerts an operator would see are the
/// drones that really crossed, and nothing else.
/// </summary>
public class EasternBorderTests
{
    private static readonly Lazy<ScenarioRun> Run = new(() => ScenarioRun.Execute("eastern-border", TimeSpan.FromMinutes(10)));

    private static Sim.TruthSample NearestTruth(ScenarioRun run, Alert a)
    {
        var track = run.Pictures.First(p => p.Time == a.Time).Tracks.Single(t => t.Id == a.TrackId);
        return run.Truth.Where(s => Math.Abs((s.Time - a.Time).TotalSeconds) <= 0.5)
            .MinBy(s => Geodesic.Inverse(s.Position, track.Position).DistanceM)!;
    }

    [Fact]
    public void The_first_border_crossing_alert_comes_within_the_first_minute()
    {
        var first = Run.Value.Alerts.Where(a => a.Kind == AlertKind.BorderCrossing).MinBy(a => a.Time);
        Assert.NotNull(first);
        Assert.True(first.Time - ScenarioRun.Start <= TimeSpan.FromMinutes(1), $"first crossing alert at {first.Time - ScenarioRun.Start}");
    }

    [Fact]
    public void Every_border_crossing_alert_is_a_drone_that_truly_crossed()
    {
        var run = Run.Value;
        var crossings = run.Alerts.Where(a => a.Kind == AlertKind.BorderCrossing).ToList();
        Assert.True(crossings.Count >= 3, $"only {crossings.Count} crossing alerts in 10 minutes");
        foreach (var a in crossings)
        {
            var truth = NearestTruth(run, a);
            Assert.True(truth.Class is TargetClass.Multirotor or TargetClass.FixedWing, $"{a.Id} ({a.Message}) is really {truth.TargetId}, a {truth.Class}");
            Assert.Null(truth.CooperativeId is { } id && run.Scenario.FriendlyIds.Contains(id) ? id : null);
        }
    }

    [Fact]
    public void No_target_alerts_twice_for_the_same_cause()
    {
        var run = Run.Value;
        var perTruth = run.Alerts.Where(a => a.Kind == AlertKind.BorderCrossing).GroupBy(a => NearestTruth(run, a).TargetId);
        Assert.All(perTruth, g => Assert.Single(g));
    }
}
