using Straja.Engine.Fusion;
using Straja.Engine.Investigation;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Geo;
using Straja.Sim;

namespace Straja.Integration.Tests;

/// <summary>
/// Forensic back-tracking on a recorded scenario: a drone comes down over Romania and an investigator
/// asks which recorded tracks could have brought it there.
/// </summary>
public sealed class BackTrackingTests
{
    private static readonly DateTimeOffset Start = ScenarioRun.Start;

    private sealed record Recording(Dictionary<string, List<TrackPoint>> Paths, Dictionary<string, IReadOnlyList<string>> Sensors, List<TruthSample> Truth);

    /// <summary>Runs the scenario through the real simulator and engine, keeping what the store would keep.</summary>
    private static Recording Record(TimeSpan duration)
    {
        var scenario = Scenario.Load(Path.Combine(AppContext.BaseDirectory, "Data", "lost-drone.json"));
        var sim = new Simulation(scenario, Start);
        var engine = new FusionEngine(Server.StrajaServer.SectorOrigin(sim.Sensors), sim.Sensors, Start, FusionOptions.Default);
        var paths = new Dictionary<string, List<TrackPoint>>(StringComparer.Ordinal);
        var sensors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var truth = new List<TruthSample>();
        for (var t = Start.AddSeconds(1); t <= Start + duration; t = t.AddSeconds(1))
        {
            var step = sim.AdvanceTo(t);
            truth.AddRange(step.Truth);
            foreach (var track in engine.Process(step.Detections, t).Picture.Tracks.Where(k => k.Confirmed))
            {
                if (!paths.TryGetValue(track.Id, out var path))
                    paths[track.Id] = path = [];
                if (path.Count == 0 || path[^1].Time < track.LastUpdate)
                    path.Add(new TrackPoint(track.Id, track.LastUpdate, track.Position, track.SpeedMps, track.HeadingDeg, track.Class, track.Identity));
                sensors[track.Id] = track.Sensors;
            }
        }

        return new Recording(paths, sensors, truth);
    }

    private static readonly Lazy<Recording> Run = new(() => Record(TimeSpan.FromMinutes(20)));

    [Fact]
    public void The_lost_drones_track_ranks_first_and_its_debris_ellipse_holds_the_impact_point()
    {
        var rec = Run.Value;
        var impactTruth = rec.Truth.Where(s => s.TargetId == "lost-1").MaxBy(s => s.Time)!;
        var impact = new GeoPoint(45.2270, 28.4720, 0);
        Assert.True(Geodesic.Inverse(impactTruth.Position, impact).DistanceM < 60, "the scenario's drone reached its impact point");

        // The track that followed the lost drone: most of its points within 300 m of the drone's truth.
        string lostTrack = rec.Paths.MaxBy(p => p.Value.Count(pt =>
            rec.Truth.Any(s => s.TargetId == "lost-1" && Math.Abs((s.Time - pt.Time).TotalSeconds) < 0.6
                && Geodesic.Inverse(s.Position, pt.Position).DistanceM < 300))).Key;

        var find = new GroundFind(impact, Start, Start.AddMinutes(20), RadiusM: 5_000);
        var ranked = BackTracker.Rank(find, rec.Paths.Select(p => new TrackPath(p.Key, p.Value, rec.Sensors[p.Key])));

        Assert.NotEmpty(ranked);
        var first = ranked[0];
        Assert.Equal(lostTrack, first.TrackId);
        Assert.True(first.Debris.Contains(impact),
            $"impact at {first.Debris.NormalizedDistance(impact):0.00} of the ellipse (centre {first.Debris.Center}, {first.Debris.SemiMajorM:0}×{first.Debris.SemiMinorM:0} m)");
        Assert.NotNull(first.BorderCrossing); // it came from Ukraine
        Assert.Contains("radar-isaccea", first.Sensors);
        Assert.True(first.Path.Count > 60);
        Assert.All(ranked.Skip(1), c => Assert.True(c.Score < first.Score));
    }

    [Fact]
    public void A_find_far_from_every_track_end_lists_nothing()
    {
        var rec = Run.Value;
        var find = new GroundFind(new GeoPoint(44.90, 28.10), Start, Start.AddMinutes(20), RadiusM: 2_000);
        Assert.Empty(BackTracker.Rank(find, rec.Paths.Select(p => new TrackPath(p.Key, p.Value, rec.Sensors[p.Key]))));
    }
}
