using Straja.Geo;

namespace Straja.Sim.Motion;

/// <summary>
/// Every target the scenario produces: scripted targets, bird flocks and spawned traffic. Targets are
/// materialised ahead of need and kept in a fixed order so sensors see the same list however the
/// caller slices time.
/// </summary>
internal sealed class Traffic
{
    private readonly List<SimTarget> _live = [];
    private readonly List<PendingSpawner> _spawners;

    public Traffic(Scenario scenario, int seed)
    {
        int source = 0;
        var keys = scenario.RegisteredUnits.Where(u => u.PrivateKey is not null)
            .ToDictionary(u => u.RemoteIdSerial, u => u.PrivateKey!, StringComparer.Ordinal);
        foreach (var t in scenario.Targets)
        {
            Trajectory path = t.Orbit is { } orbit
                ? new RacetrackTrajectory(orbit, t.SpeedMps, t.StartS)
                : new PathTrajectory(t.Waypoints, t.SpeedMps, t.StartS, t.Loop);
            _live.Add(new SimTarget
            {
                Id = t.Id, Class = t.Class, Path = path, AdsbIcao = t.AdsbIcao, Callsign = t.Callsign,
                RemoteId = t.RemoteId, EmitsRf = t.EmitsRf, Order = (t.StartS, source++, 0), OperatorId = t.OperatorId,
                Signer = t.Signs && t.RemoteId is { } rid ? new Registry.DroneSigner(keys[rid]) : null,
            });
        }

        foreach (var flock in scenario.Flocks)
        {
            int flockSource = source++;
            for (int i = 0; i < flock.Count; i++)
            {
                string id = Invariant.Format($"{flock.Id}-{i + 1:D2}");
                _live.Add(new SimTarget
                {
                    Id = id, Class = TargetClass.Bird, Path = Wanderer(flock, new Random(Randomness.Derive(seed, "bird:" + id))),
                    Order = (flock.StartS, flockSource, i),
                });
            }
        }

        _spawners = scenario.Spawners
            .Select(s => new PendingSpawner(s, new Random(Randomness.Derive(seed, "spawner:" + s.Id)), source++))
            .ToList();
        _live.Sort((a, b) => a.Order.CompareTo(b.Order));
    }

    /// <summary>Targets not yet removed, in their fixed order. Includes some not yet started.</summary>
    public IReadOnlyList<SimTarget> Live => _live;

    /// <summary>Creates every spawned target that appears at or before <paramref name="untilS"/>.</summary>
    public void MaterialiseUntil(double untilS)
    {
        foreach (var spawner in _spawners)
        {
            while (spawner.Next(untilS) is { } target)
            {
                int i = _live.BinarySearch(target, OrderComparer.Instance);
                _live.Insert(i < 0 ? ~i : i, target);
            }
        }
    }

    /// <summary>Drops targets that ended before <paramref name="s"/>; no later query can see them.</summary>
    public void ForgetBefore(double s)
    {
        _live.RemoveAll(t => t.Path.EndS < s);
        foreach (var t in _live)
        {
            t.Path.ForgetBefore(s);
        }
    }

    private static PathTrajectory Wanderer(FlockSpec flock, Random rng)
    {
        var frame = new LocalFrame(flock.Centre with { AltM = 0 });
        GeoPoint RandomPoint()
        {
            // Uniform over the disc: radius by square root.
            double r = flock.RadiusM * Math.Sqrt(rng.NextDouble()), a = rng.NextDouble() * 2 * Math.PI;
            return frame.ToGeo(new Enu(r * Math.Sin(a), r * Math.Cos(a), 0)) with { AltM = flock.AltM.Sample(rng) };
        }

        return new PathTrajectory(RandomPoint(), flock.StartS, _ => (RandomPoint(), flock.SpeedMps.Sample(rng)));
    }

    private sealed class OrderComparer : IComparer<SimTarget>
    {
        public static readonly OrderComparer Instance = new();

        public int Compare(SimTarget? x, SimTarget? y) => x!.Order.CompareTo(y!.Order);
    }

    /// <summary>One spawner's schedule: its own stream decides when, where from, where to, how fast and how high.</summary>
    private sealed class PendingSpawner(SpawnerSpec spec, Random rng, int source)
    {
        private int _count;
        private double _nextS = spec.StartS + (rng.NextDouble() * spec.JitterS);

        public SimTarget? Next(double untilS)
        {
            if (_nextS > untilS || _nextS > spec.StopS || _count >= spec.MaxCount)
            {
                return null;
            }

            double at = _nextS;
            _count++;
            _nextS += spec.IntervalS + rng.Uniform(-spec.JitterS, spec.JitterS);
            double alt = spec.AltM.Sample(rng), speed = spec.SpeedMps.Sample(rng);
            var origin = spec.From.Sample(rng) with { AltM = alt };
            var to = spec.To.Sample(rng) with { AltM = alt };
            string? icao = null, callsign = null;
            if (spec.Adsb)
            {
                icao = rng.Next(0x000001, 0xFFFFFF).ToString("X6", System.Globalization.CultureInfo.InvariantCulture);
                callsign = Invariant.Format($"{spec.CallsignPrefix}{rng.Next(100, 1000)}");
            }

            return new SimTarget
            {
                Id = Invariant.Format($"spawn-{spec.Id}-{_count:D4}"),
                Class = spec.Class,
                Path = new PathTrajectory([origin, to], speed, at, loop: false),
                AdsbIcao = icao,
                Callsign = callsign,
                EmitsRf = spec.EmitsRf,
                Order = (at, source, _count),
            };
        }
    }
}
