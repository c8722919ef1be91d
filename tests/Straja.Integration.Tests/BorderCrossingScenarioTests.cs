using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;
using Straja.Geo;
using Straja.Sim;
using Straja.Storage;

namespace Straja.Integration.Tests;

/// <summary>
/// The spine end to end without a network: the "single-crossing" scenario (one unknown multirotor and
/// one registered friendly drone crossing the Danube from Ukraine near Isaccea) through the simulator,
/// the fusion engine and the evaluators, checked against the simulator's ground truth and the real
/// border data.
/// </summary>
public class BorderCrossingScenarioTests
{
    private static readonly Lazy<ScenarioRun> Run = new(() => ScenarioRun.Execute("single-crossing", TimeSpan.FromMinutes(4)));

    private static (string TargetId, DateTimeOffset Time) TruthCrossing(IEnumerable<TruthSample> truth, string targetId)
    {
        string? last = null;
        foreach (var s in truth.Where(s => s.TargetId == targetId).OrderBy(s => s.Time))
        {
            var c = BorderMap.Embedded.CountryAt(s.Position.LatDeg, s.Position.LonDeg);
            if (last == "UA" && c == "RO")
                return (targetId, s.Time);
            if (c is not null)
                last = c;
        }

        throw new InvalidOperationException($"target {targetId} never crosses from UA to RO in the truth");
    }

    private static TruthSample Unknown(ScenarioRun run) =>
        run.Truth.First(s => s.CooperativeId is null && s.Class == TargetClass.Multirotor);

    private static TruthSample Friendly(ScenarioRun run) =>
        run.Truth.First(s => s.CooperativeId is { } id && run.Scenario.FriendlyIds.Contains(id));

    [Fact]
    public void Crossing_from_Ukraine_raises_one_alert_within_10_s_of_the_crossing()
    {
        var run = Run.Value;
        var drone = Unknown(run);
        var crossing = TruthCrossing(run.Truth, drone.TargetId);

        var alert = Assert.Single(run.Alerts, a => a.Kind == AlertKind.BorderCrossing);
        var delay = alert.Time - crossing.Time;
        Assert.InRange(delay.TotalSeconds, -2, 10);

        // It names the drone's track: that track is where the drone truly was at the alert.
        var truthAtAlert = run.Truth.Where(s => s.TargetId == drone.TargetId).MinBy(s => Math.Abs((s.Time - alert.Time).TotalSeconds))!;
        var picture = run.Pictures.First(p => p.Time == alert.Time);
        var track = picture.Tracks.Single(t => t.Id == alert.TrackId);
        Assert.True(Geodesic.Inverse(track.Position, truthAtAlert.Position).DistanceM < 500,
            $"alert track {track.Id} at {track.Position} is not the drone at {truthAtAlert.Position}");
        Assert.Contains("Ukraine", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_crossing_drone_is_one_confirmed_track_throughout()
    {
        var run = Run.Value;
        var drone = Unknown(run).TargetId;
        var truthBySecond = run.Truth.Where(s => s.TargetId == drone).ToDictionary(s => s.Time);
        var ids = new HashSet<string>();
        foreach (var p in run.Pictures)
        {
            if (!truthBySecond.TryGetValue(p.Time, out var truth))
                continue;
            foreach (var t in p.Tracks.Where(t => t.Confirmed && Geodesic.Inverse(t.Position, truth.Position).DistanceM < 500))
                ids.Add(t.Id);
        }

        Assert.Single(ids);
    }

    [Fact]
    public void The_registered_friendly_drone_raises_no_alert()
    {
        var run = Run.Value;
        var friendly = Friendly(run);
        TruthCrossing(run.Truth, friendly.TargetId); // it does cross
        var friendlyTracks = run.Pictures.SelectMany(p => p.Tracks).Where(t => t.CooperativeId == friendly.CooperativeId).Select(t => t.Id).ToHashSet();

        Assert.NotEmpty(friendlyTracks);
        Assert.All(run.Pictures.SelectMany(p => p.Tracks).Where(t => friendlyTracks.Contains(t.Id) && t.Confirmed),
            t => Assert.Equal(Identity.Friendly, t.Identity));
        Assert.DoesNotContain(run.Alerts, a => a.TrackId is { } id && friendlyTracks.Contains(id));
    }

    [Fact]
    public void The_same_seed_gives_the_same_tracks_and_alerts()
    {
        var again = ScenarioRun.Execute("single-crossing", TimeSpan.FromMinutes(4));
        var run = Run.Value;

        Assert.Equal(run.Alerts, again.Alerts);
        Assert.Equal(run.Pictures.Count, again.Pictures.Count);
        for (int i = 0; i < run.Pictures.Count; i++)
            Assert.Equal(run.Pictures[i].Tracks.Select(Fingerprint), again.Pictures[i].Tracks.Select(Fingerprint));
    }

    [Fact]
    public async Task Replaying_the_journal_reproduces_the_alerts()
    {
        var dir = Path.Combine(Path.GetTempPath(), "straja-replay-" + Guid.NewGuid().ToString("N"));
        try
        {
            var scenario = Scenario.BuiltIn("single-crossing");
            var sim = new Simulation(scenario, ScenarioRun.Start);
            var batches = new List<(IReadOnlyList<Detection> Detections, DateTimeOffset Now)>();
            var live = new List<Alert>();
            using (var store = new SqliteStore(Path.Combine(dir, "straja.db")))
            using (var service = new EngineService(ScenarioRun.NewEngine(scenario, sim.Sensors), new DetectionJournal(Path.Combine(dir, "journal"), flushToDisk: false), store, new InProcessBus()))
            {
                for (var t = ScenarioRun.Start.AddSeconds(1); t <= ScenarioRun.Start.AddMinutes(3); t = t.AddSeconds(1))
                {
                    var dets = sim.AdvanceTo(t).Detections;
                    await service.IngestAsync(dets, t, CancellationToken.None);
                    live.AddRange(service.Step(new DetectionBatch(dets, t)).NewAlerts);
                }

                Assert.NotEmpty(live);
                Assert.Equal(live.Count, store.LoadAlerts(100).Count);
                Assert.NotEmpty(store.TrackHistory(live[0].TrackId!, 1000));
            }

            // Replay: the journal alone, in the order it was written, grouped by second as it was fed.
            var replayEngine = ScenarioRun.NewEngine(scenario, sim.Sensors);
            var replayed = new List<Alert>();
            foreach (var group in DetectionJournal.Read(Path.Combine(dir, "journal"))
                         .GroupBy(d => ScenarioRun.Start.AddSeconds(Math.Ceiling((d.Time - ScenarioRun.Start).TotalSeconds))))
                replayed.AddRange(replayEngine.Process(group.ToList(), group.Key).NewAlerts);

            Assert.Equal(live.Select(a => (a.Kind, a.TrackId, a.Zone)), replayed.Select(a => (a.Kind, a.TrackId, a.Zone)));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(dir))
                Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Bad_detections_are_refused_by_name_and_the_rest_is_still_tracked()
    {
        var scenario = Scenario.BuiltIn("single-crossing");
        var sim = new Simulation(scenario, ScenarioRun.Start);
        var engine = ScenarioRun.NewEngine(scenario, sim.Sensors);
        var radar = sim.Sensors.First(s => s.Kind == SensorKind.Radar).Id;
        var rejected = new List<DetectionRejection>();
        for (var t = ScenarioRun.Start.AddSeconds(1); t <= ScenarioRun.Start.AddSeconds(90); t = t.AddSeconds(1))
        {
            var batch = sim.AdvanceTo(t).Detections.ToList();
            batch.Add(new Detection { SensorId = radar, Time = t, Kind = DetectionKind.Polar, RangeM = double.NaN, AzimuthRad = 0.3, SigmaRangeM = 20, SigmaAzimuthRad = 0.002 });
            batch.Add(new Detection { SensorId = "no-such-sensor", Time = t, Kind = DetectionKind.Bearing, AzimuthRad = 0.3, SigmaAzimuthRad = 0.02 });
            rejected.AddRange(engine.Process(batch, t).Rejected);
        }

        Assert.Equal(180, rejected.Count);
        Assert.Contains(rejected, r => r.SensorId == radar && r.Field == "RangeM");
        Assert.Contains(rejected, r => r.SensorId == "no-such-sensor" && r.Field == "SensorId");
        Assert.Contains(engine.Picture.Tracks, t => t.Confirmed);
    }

    private static string Fingerprint(AirTrack t) =>
        FormattableString.Invariant($"{t.Id}|{t.Confirmed}|{t.Position.LatDeg:F7}|{t.Position.LonDeg:F7}|{t.Position.AltM:F2}|{t.Class}|{t.Identity}");
}
