using Straja.Engine.Fusion;
using Straja.Engine.Investigation;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Geo;
using Straja.Sim;
using Straja.Storage;

namespace Straja.Integration.Tests;

/// <summary>
/// Forensic back-tracking on a recorded scenario: a drone comes down over Romania and an investigator
/// asks which recorded tracks could have brought it there.
/// </summary>
public sealed class BackTrackingTests
{
    private static readonly DateTimeOffset Start = ScenarioRun.Start;

    private sealed record Recording(Dictionary<string, TrackPath> Paths, List<TruthSample> Truth, IReadOnlyList<SensorDescriptor> Sensors);

    /// <summary>Runs the scenario through the real simulator, engine service and SQLite store, and reads the record back.</summary>
    private static Recording Record(TimeSpan duration)
    {
        var scenario = Scenario.Load(Path.Combine(AppContext.BaseDirectory, "Data", "lost-drone.json"));
        var sim = new Simulation(scenario, Start);
        var truth = new List<TruthSample>();
        var dir = Path.Combine(Path.GetTempPath(), "straja-backtrack-" + Guid.NewGuid().ToString("N"));
        try
        {
            using var store = new SqliteStore(Path.Combine(dir, "straja.db"));
            using (var service = new EngineService(new FusionEngine(Server.StrajaServer.SectorOrigin(sim.Sensors), sim.Sensors, Start, FusionOptions.Default),
                       new DetectionJournal(Path.Combine(dir, "journal"), flushToDisk: false), store, new InProcessBus()))
            {
                for (var t = Start.AddSeconds(1); t <= Start + duration; t = t.AddSeconds(1))
                {
                    var step = sim.AdvanceTo(t);
                    truth.AddRange(step.Truth);
                    service.Step(new DetectionBatch(step.Detections, t));
                }
            }

            var points = store.TrackPointsBetween(Start, Start + duration).GroupBy(p => p.TrackId, StringComparer.Ordinal).ToList();
            var seen = store.TrackSensors([.. points.Select(g => g.Key)]);
            var paths = points.ToDictionary(g => g.Key, g => TrackPath.Recorded(g.Key, g.ToList(), seen), StringComparer.Ordinal);
            return new Recording(paths, truth, sim.Sensors);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
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
        string lostTrack = rec.Paths.MaxBy(p => p.Value.Points.Count(pt =>
            rec.Truth.Any(s => s.TargetId == "lost-1" && Math.Abs((s.Time - pt.Time).TotalSeconds) < 0.6
                && Geodesic.Inverse(s.Position, pt.Position).DistanceM < 300))).Key;

        var find = new GroundFind(impact, Start, Start.AddMinutes(20), RadiusM: 5_000);
        var ranked = BackTracker.Rank(find, rec.Paths.Values);

        Assert.NotEmpty(ranked);
        var first = ranked[0];
        Assert.Equal(lostTrack, first.TrackId);
        Assert.True(first.Debris.Contains(impact),
            $"impact at {first.Debris.NormalizedDistance(impact):0.00} of the ellipse (centre {first.Debris.Center}, {first.Debris.SemiMajorM:0}×{first.Debris.SemiMinorM:0} m)");
        Assert.NotNull(first.BorderCrossing); // it came from Ukraine

        // The sensors listed are the ones whose coverage held the drone, and each saw it while it flew.
        var drone = rec.Truth.Where(s => s.TargetId == "lost-1").ToList();
        var couldSee = rec.Sensors.Where(s => drone.Any(d => Geodesic.Inverse(s.Position, d.Position).DistanceM < s.MaxRangeM)).Select(s => s.Id).ToHashSet();
        Assert.Contains("radar-isaccea", first.Sensors);
        Assert.Contains("radar-tulcea", first.Sensors);
        Assert.DoesNotContain("radar-gap-filler", couldSee); // the scenario's sensor that covers only the other drone's route
        Assert.All(first.Sensors, s => Assert.Contains(s, couldSee));
        Assert.Equal(first.Sensors, first.SeenBy.Select(s => s.SensorId));
        Assert.All(first.SeenBy, s =>
        {
            Assert.True(s.First >= drone.Min(d => d.Time) && s.Last <= drone.Max(d => d.Time) && s.First <= s.Last, $"{s.SensorId} saw it {s.First:HH:mm:ss}–{s.Last:HH:mm:ss}");
            Assert.True(s.Last >= first.Path[0].Time, $"{s.SensorId} saw it before its track began");
        });
        var isaccea = first.SeenBy.Single(s => s.SensorId == "radar-isaccea");
        Assert.True(first.Last.Time - isaccea.Last < TimeSpan.FromSeconds(10), "the nearest radar held the drone until the track's end");
        Assert.True(first.Path.Count > 60);
        Assert.All(ranked.Skip(1), c => Assert.True(c.Score < first.Score));
    }

    [Fact]
    public void The_gap_filler_radar_is_listed_only_for_the_drone_that_flew_through_its_coverage()
    {
        var rec = Run.Value;
        var gapFiller = rec.Sensors.Single(s => s.Id == "radar-gap-filler");
        var through = rec.Paths.Values.MaxBy(p => p.Points.Count(pt => Geodesic.Inverse(pt.Position, gapFiller.Position).DistanceM < gapFiller.MaxRangeM))!;
        Assert.Contains("radar-gap-filler", through.Sensors);
        Assert.All(rec.Paths.Values.Where(p => p.Sensors.Contains("radar-gap-filler")), p =>
            Assert.Contains(p.Points, pt => Geodesic.Inverse(pt.Position, gapFiller.Position).DistanceM < gapFiller.MaxRangeM + 1_000));
    }

    [Fact]
    public void A_find_far_from_every_track_end_lists_nothing()
    {
        var rec = Run.Value;
        var find = new GroundFind(new GeoPoint(44.90, 28.10), Start, Start.AddMinutes(20), RadiusM: 2_000);
        Assert.Empty(BackTracker.Rank(find, rec.Paths.Values));
    }
}
