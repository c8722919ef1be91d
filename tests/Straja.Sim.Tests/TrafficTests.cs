using System.Globalization;
using Straja.Geo;
using static Straja.Sim.Tests.ScenarioJson;

namespace Straja.Sim.Tests;

public sealed class TrafficTests
{
    private static List<TruthSample> Truth(Scenario scenario, double seconds)
    {
        var sim = new Simulation(scenario, Start);
        var truth = new List<TruthSample>();
        for (double t = 10; t <= seconds; t += 10)
        {
            truth.AddRange(sim.AdvanceTo(Start.AddSeconds(t)).Truth);
        }

        return truth;
    }

    [Fact]
    public void Spawners_keep_drones_coming_from_Ukraine_for_half_an_hour()
    {
        var truth = Truth(Scenario.BuiltIn("eastern-border"), 1800);

        var firstSeen = truth.Where(s => s.TargetId.StartsWith("spawn-drone-", StringComparison.Ordinal))
            .GroupBy(s => s.TargetId)
            .Select(g => g.First())
            .OrderBy(s => s.Time)
            .ToList();
        Assert.True(firstSeen.Count >= 14, $"only {firstSeen.Count} spawned drones");
        Assert.All(firstSeen, s => Assert.InRange(s.Position.LatDeg, 45.30, 45.33));
        var gaps = firstSeen.Zip(firstSeen.Skip(1), (a, b) => (b.Time - a.Time).TotalSeconds);
        Assert.All(gaps, g => Assert.InRange(g, 59, 121));
        Assert.Contains(firstSeen, s => s.TargetId == "spawn-drone-0007");

        var airliners = truth.Where(s => s.TargetId.StartsWith("spawn-airliner-", StringComparison.Ordinal)).ToList();
        Assert.True(airliners.Select(s => s.TargetId).Distinct().Count() >= 5);
        Assert.All(airliners, s => Assert.StartsWith("ICAO:", s.CooperativeId, StringComparison.Ordinal));
    }

    [Fact]
    public void Single_crossing_intruder_flies_from_Ukraine_across_the_Danube_into_Romania()
    {
        var scenario = Scenario.BuiltIn("single-crossing");
        var intruder = Truth(scenario, 400).Where(s => s.TargetId == "intruder-1").ToList();

        Assert.True(intruder[0].Position.LatDeg > 45.285);
        Assert.True(intruder[^1].Position.LatDeg < 45.25);
        Assert.All(intruder.Zip(intruder.Skip(1)), p => Assert.True(p.Second.Position.LatDeg < p.First.Position.LatDeg));
        Assert.Null(intruder[0].CooperativeId);
        // Removed at its last waypoint after about five minutes.
        Assert.InRange((intruder[^1].Time - Start).TotalSeconds, 290, 310);
        var crossing = intruder.First(s => s.Position.LatDeg < 45.2765);
        Assert.InRange((crossing.Time - Start).TotalSeconds, 45, 55);
    }

    [Fact]
    public void Single_crossing_friendly_broadcasts_a_remote_id_the_scenario_declares_friendly()
    {
        var scenario = Scenario.BuiltIn("single-crossing");
        var friendly = Truth(scenario, 60).Where(s => s.TargetId == "friendly-1").ToList();

        Assert.NotEmpty(friendly);
        Assert.All(friendly, s => Assert.Contains(s.CooperativeId, scenario.FriendlyIds));
        Assert.True(friendly[0].Position.LatDeg > 45.285);
    }

    [Fact]
    public void Truth_velocity_agrees_with_the_change_of_position()
    {
        var truth = Truth(Scenario.BuiltIn("eastern-border"), 600);

        int pairs = 0, checkedPairs = 0;
        foreach (var track in truth.GroupBy(s => s.TargetId))
        {
            foreach (var (a, b) in track.Zip(track.Skip(1)))
            {
                pairs++;
                // Waypoint corners change the velocity within the second; compare only where it held steady.
                if (Math.Abs(a.VelocityEastMps - b.VelocityEastMps) + Math.Abs(a.VelocityNorthMps - b.VelocityNorthMps) > 0.5)
                {
                    continue;
                }

                checkedPairs++;
                var moved = new LocalFrame(a.Position).ToEnu(b.Position);
                double dt = (b.Time - a.Time).TotalSeconds;
                Assert.Equal(a.VelocityEastMps, moved.E / dt, 0.5);
                Assert.Equal(a.VelocityNorthMps, moved.N / dt, 0.5);
                Assert.Equal(a.VelocityUpMps, (b.Position.AltM - a.Position.AltM) / dt, 0.5);
            }
        }

        Assert.True(checkedPairs > 0.8 * pairs, $"{checkedPairs} of {pairs}");
    }

    [Fact]
    public void Tanker_orbits_its_racetrack_at_constant_speed_and_altitude()
    {
        var tanker = Truth(Scenario.BuiltIn("eastern-border"), 800).Where(s => s.TargetId == "tanker-qid41").ToList();
        var centre = new LocalFrame(new GeoPoint(44.6, 27.9));

        Assert.Equal(800, tanker.Count);
        Assert.All(tanker, s =>
        {
            Assert.Equal(7500, s.Position.AltM, 6);
            Assert.Equal(220, Math.Sqrt((s.VelocityEastMps * s.VelocityEastMps) + (s.VelocityNorthMps * s.VelocityNorthMps)), 3);
            Assert.InRange(centre.ToEnu(s.Position with { AltM = 0 }).HorizontalNorm, 7400, 37600);
        });
        // One lap of 2·60 km + π·15 km at 220 m/s is about 760 s: it comes back to where it started.
        double lapS = ((2 * 60000) + (Math.PI * 15000)) / 220;
        var again = tanker[(int)Math.Round(lapS) - 1];
        Assert.InRange(new LocalFrame(tanker[0].Position).ToEnu(again.Position).HorizontalNorm, 0, 250);
    }

    [Fact]
    public void Birds_wander_slowly_and_low_inside_their_area()
    {
        var birds = Truth(Scenario.BuiltIn("eastern-border"), 900).Where(s => s.Class == TargetClass.Bird).ToList();
        var centre = new LocalFrame(new GeoPoint(45.18, 28.88));

        Assert.Equal(12, birds.Select(s => s.TargetId).Distinct().Count());
        Assert.All(birds, s =>
        {
            Assert.InRange(Math.Sqrt((s.VelocityEastMps * s.VelocityEastMps) + (s.VelocityNorthMps * s.VelocityNorthMps)), 0, 15.01);
            Assert.InRange(s.Position.AltM, 10, 120);
            Assert.InRange(centre.ToEnu(s.Position with { AltM = 0 }).HorizontalNorm, 0, 4001);
        });
    }

    [Fact]
    public void Looping_waypoint_target_never_leaves_and_returns_to_its_first_waypoint()
    {
        string loop = """
            { "id": "patrol", "class": "fixed-wing", "speedMps": 20, "loop": true,
              "waypoints": [ { "lat": 45.0, "lon": 28.0, "altM": 100 }, { "lat": 45.01, "lon": 28.0, "altM": 200 }, { "lat": 45.01, "lon": 28.01, "altM": 100 } ] }
            """;
        var truth = Truth(Scenario.Parse(ScenarioJson.Scenario([Radar()], [loop]), "loop.json"), 1200);

        Assert.Equal(1200, truth.Count);
        var start = new LocalFrame(new GeoPoint(45.0, 28.0));
        Assert.Contains(truth, s => start.ToEnu(s.Position with { AltM = 0 }).HorizontalNorm < 25 && s.Time > Start.AddSeconds(200));
    }

    [Fact]
    public void Truth_csv_writes_invariant_iso_rows()
    {
        var sample = new TruthSample(
            Start.AddSeconds(1.5), "drone,1", TargetClass.FixedWing, new GeoPoint(45.2765, 28.47, 150), -1.5, 2.25, 0, "RID:1596F350457A8C2E1234");
        using var w = new StringWriter(CultureInfo.InvariantCulture);

        TruthCsv.WriteHeader(w);
        TruthCsv.Write(w, [sample]);

        var lines = w.ToString().Split(w.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,targetId,class,latDeg,lonDeg,altM,vE,vN,vU,cooperativeId", lines[0]);
        Assert.Equal("2026-04-01T12:00:01.500Z,\"drone,1\",fixed-wing,45.2765000,28.4700000,150.0,-1.50,2.25,0.00,RID:1596F350457A8C2E1234", lines[1]);
    }
}
