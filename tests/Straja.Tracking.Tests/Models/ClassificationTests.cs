namespace Straja.Tracking.Tests.Models;

public sealed class ClassificationTests
{
    private static readonly TargetClass[] Confusable = [TargetClass.Multirotor, TargetClass.FixedWing, TargetClass.Bird, TargetClass.Clutter];

    /// <summary>
    /// A radar's micro-Doppler classifier: names the true class 55% of the time and one of the other three
    /// confusable classes otherwise, always with confidence 0.6 — no single report can be trusted.
    /// </summary>
    private static Measurement Classified(Random random, Measurement m, TargetClass truth)
    {
        var hint = truth;
        if (random.NextDouble() >= 0.55)
        {
            var others = Confusable.Where(c => c != truth).ToArray();
            hint = others[random.Next(others.Length)];
        }

        return m with { ClassHint = hint, ClassConfidence = 0.6 };
    }

    /// <summary>Five birds 50 m apart wandering at about 10 m/s and 60 m, and a drone 400 m away cruising at 15 m/s and 120 m.</summary>
    private static (List<Scan> Scans, Func<double, Vec3[]> Truth) FlockAndDrone(int seed)
    {
        var random = new Random(seed);
        var birds = Enumerable.Range(0, 5).Select(i => (Position: new Vec3(1500 + (50 * i), 2000 + (30 * (i % 2)), 60), Heading: 0.3)).ToArray();
        var history = new List<Vec3[]>();
        var scans = new List<Scan>();
        for (var k = 0; k <= 90; k++)
        {
            var drone = new Vec3(1300 + (15 * k), 2400, 120);
            history.Add([drone, .. birds.Select(b => b.Position)]);
            var measurements = new List<Measurement> { Classified(random, Scenario.NoisyPolar(random, drone, default, 5, 0.002), TargetClass.Multirotor) };
            measurements.AddRange(birds.Select(b => Classified(random, Scenario.NoisyPolar(random, b.Position, default, 5, 0.002), TargetClass.Bird)));
            scans.Add(TestScans.Scan("radar", k, [.. measurements]));
            for (var i = 0; i < birds.Length; i++)
            {
                // A flock wanders: each bird's heading is a random walk about the flock's.
                var heading = birds[i].Heading + (0.25 * random.Gaussian());
                var speed = 10 + (1.5 * random.Gaussian());
                birds[i] = (birds[i].Position + new Vec3(speed * Math.Sin(heading), speed * Math.Cos(heading), 0), heading);
            }
        }

        return (scans, t => history[(int)t]);
    }

    [Fact]
    public void A_bird_flock_beside_a_drone_is_classified_apart_from_it()
    {
        var (scans, truth) = FlockAndDrone(seed: 31);
        var tracker = new Tracker(TrackerOptions.Default);
        foreach (var scan in scans)
            tracker.Process(scan);

        var tracks = tracker.Snapshot();
        var positions = truth(scans[^1].TimeS);
        var drone = tracks.MinBy(s => TestScans.Distance(s.Position, positions[0]))!;
        Assert.True(TestScans.Distance(drone.Position, positions[0]) < 30);
        Assert.Equal(TargetClass.Multirotor, drone.Class);
        foreach (var bird in positions.Skip(1))
        {
            var track = tracks.MinBy(s => TestScans.Distance(s.Position, bird))!;
            Assert.True(TestScans.Distance(track.Position, bird) < 30, $"no track on the bird at {bird}");
            Assert.True(track.Class == TargetClass.Bird, $"bird track {track.Id} is {track.Class} ({Describe(track)})");
        }

        // The evidence names the radar's reports and the kinematic cues, strongest first.
        Assert.Contains(drone.ClassEvidence, e => e.Source == "radar" && e.Class == TargetClass.Multirotor && e.Weight > 0);
        Assert.Contains(drone.ClassEvidence, e => e.Source is "speed" or "acceleration" or "turn-rate");
        Assert.Equal(drone.ClassEvidence.OrderByDescending(e => Math.Abs(e.Weight)).Select(e => e.Weight), drone.ClassEvidence.Select(e => e.Weight));
        Assert.Equal(1, drone.ClassProbabilities.Sum(), 9);
        Assert.Equal(drone.ClassProbability, drone.ClassProbabilities[(int)TargetClass.Multirotor], 12);
    }

    [Fact]
    public void Wandering_flight_is_evidence_for_bird_and_steady_cruise_against_it()
    {
        // No class reports at all: only the kinematic cues speak.
        var (scans, truth) = FlockAndDrone(seed: 32);
        var tracker = new Tracker(TrackerOptions.Default);
        foreach (var scan in scans)
            tracker.Process(scan with { Measurements = [.. scan.Measurements.Select(m => m with { ClassHint = TargetClass.Unknown, ClassConfidence = 0 })] });

        var tracks = tracker.Snapshot();
        var positions = truth(scans[^1].TimeS);
        var drone = tracks.MinBy(s => TestScans.Distance(s.Position, positions[0]))!;
        var birdTracks = positions.Skip(1).Select(b => tracks.MinBy(s => TestScans.Distance(s.Position, b))!).ToList();
        var birdOfDrone = drone.ClassProbabilities[(int)TargetClass.Bird];
        Assert.All(birdTracks, b => Assert.True(b.ClassProbabilities[(int)TargetClass.Bird] > 1.5 * birdOfDrone,
            $"P(bird) of bird track {b.ClassProbabilities[(int)TargetClass.Bird]:F3} vs drone {birdOfDrone:F3} ({Describe(b)})"));
    }

    private static string Describe(TrackSnapshot s) =>
        string.Join(", ", s.ClassEvidence.Select(e => $"{e.Source}:{e.Class}:{e.Weight:F2}")) + " | " + string.Join(" ", s.ClassProbabilities.Select(p => p.ToString("F3", System.Globalization.CultureInfo.InvariantCulture)));
}
