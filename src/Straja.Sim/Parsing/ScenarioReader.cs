using Straja.Geo;

namespace Straja.Sim.Parsing;

/// <summary>Turns a located JSON tree into validated scenario specs; every rule names its field and line.</summary>
internal static class ScenarioReader
{
    public static Scenario Read(string json, string sourceName)
    {
        var root = new ObjectReader(JsonTree.Parse(json, sourceName), sourceName);
        string name = root.String("name");
        double seed = root.Number("seed");
        if (seed != Math.Floor(seed) || seed is < int.MinValue or > int.MaxValue)
        {
            throw root.Error(root.Required("seed"), $"must be a 32-bit integer (got {root.Required("seed").Text})");
        }

        var friendly = root.OptionalArray("friendlyIds").Select(n => CooperativeIdText(root, n)).ToList();
        var sensors = ReadList(root, "sensors", required: true, ReadSensor);
        var targets = ReadList(root, "targets", required: false, ReadTarget);
        var spawners = ReadList(root, "spawners", required: false, ReadSpawner);
        var flocks = ReadList(root, "birds", required: false, ReadFlock);
        var units = ReadList(root, "registeredUnits", required: false, ReadRegisteredUnit);
        root.Done();

        EnsureUnique(root, units.Select(u => u.RemoteIdSerial), root.OptionalArray("registeredUnits"), "registered unit remoteId");
        var signable = units.Where(u => u.PrivateKey is not null).Select(u => u.RemoteIdSerial).ToHashSet(StringComparer.Ordinal);
        var targetNodes = root.OptionalArray("targets");
        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i].Signs && (targets[i].RemoteId is not { } rid || !signable.Contains(rid)))
            {
                throw root.Error(targetNodes[i], $"target \"{targets[i].Id}\" signs, so its remoteId must be a registeredUnits entry with a privateKey");
            }
        }

        EnsureUnique(root, sensors.Select(s => s.Descriptor.Id), root.Array("sensors"), "sensor id");
        EnsureUnique(root, targets.Select(t => t.Id).Concat(spawners.Select(s => s.Id)).Concat(flocks.Select(f => f.Id)),
            [.. root.OptionalArray("targets"), .. root.OptionalArray("spawners"), .. root.OptionalArray("birds")], "target, spawner or flock id");
        return new Scenario(name, (int)seed, sensors, friendly, targets, spawners, flocks) { RegisteredUnits = units };
    }

    private static List<T> ReadList<T>(ObjectReader root, string field, bool required, Func<ObjectReader, T> read)
    {
        var items = required ? root.Array(field) : root.OptionalArray(field);
        if (required && items.Count == 0)
        {
            throw root.Error(root.Required(field), "must contain at least one entry");
        }

        var list = new List<T>(items.Count);
        foreach (var item in items)
        {
            var o = new ObjectReader(item, root.SourceName);
            list.Add(read(o));
            o.Done();
        }

        return list;
    }

    private static void EnsureUnique(ObjectReader root, IEnumerable<string> ids, IReadOnlyList<JNode> nodes, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        int i = 0;
        foreach (string id in ids)
        {
            if (!seen.Add(id))
            {
                throw root.Error(nodes[i], $"duplicate {what} \"{id}\"");
            }

            i++;
        }
    }

    private static SensorSpec ReadSensor(ObjectReader o)
    {
        string id = NonEmpty(o, "id");
        string name = o.OptionalString("name") ?? id;
        var kindNode = o.Required("kind");
        var kind = o.AsString(kindNode) switch
        {
            "radar" => SensorKind.Radar,
            "passive-rf" => SensorKind.PassiveRf,
            "acoustic" => SensorKind.Acoustic,
            "cooperative" => SensorKind.Cooperative,
            "camera" => SensorKind.Camera,
            var other => throw o.Error(kindNode, $"unknown sensor kind \"{other}\" (expected radar, passive-rf, acoustic, camera or cooperative)"),
        };
        var position = o.LatLon(o.Number("altM", 0));
        double maxRangeM = o.Positive("maxRangeM");
        double scanPeriodS = o.Positive("scanPeriodS");
        double? phaseS = o.OptionalNumber("phaseS");
        if (phaseS is < 0)
        {
            throw o.Error(o.Required("phaseS"), $"must be >= 0 (got {o.Required("phaseS").Text})");
        }

        var noise = ReadNoise(o.Object("noise"), kind);
        double pd = o.Probability("pd", 0.9);
        double clutter = o.NonNegative("clutterPerScan", 0);
        if (clutter > 0 && kind != SensorKind.Radar)
        {
            throw o.ErrorField("clutterPerScan", "only radars produce clutter");
        }

        double minElevationRad = o.OptionalNumber("minElevationDeg") is { } minEl ? Wgs84.DegToRad(minEl) : double.NegativeInfinity;
        bool horizon = o.Bool("horizon", kind is SensorKind.Radar or SensorKind.PassiveRf);
        ClassificationSpec? classification = null;
        if (o.OptionalObject("classification") is { } c)
        {
            classification = new ClassificationSpec(c.Probability("pCorrect", 0.8), c.Probability("confidence", 0.7));
            c.Done();
        }

        return new SensorSpec(
            new SensorDescriptor(id, name, kind, position, maxRangeM, scanPeriodS)
            {
                Noise = kind == SensorKind.Radar ? new SensorNoise(noise.RangeM, noise.AzimuthRad, noise.ElevationRad) : null,
            },
            noise, pd, clutter, minElevationRad, horizon, classification, phaseS);
    }

    private static NoiseSpec ReadNoise(ObjectReader n, SensorKind kind)
    {
        double Sigma(string field) => n.Check(field, v => v > 0, "must be > 0");
        NoiseSpec spec = kind switch
        {
            SensorKind.Radar => new NoiseSpec(
                Sigma("rangeM"), Wgs84.DegToRad(Sigma("azimuthDeg")), Wgs84.DegToRad(Sigma("elevationDeg")), double.NaN, double.NaN),
            SensorKind.Cooperative => new NoiseSpec(double.NaN, double.NaN, double.NaN, Sigma("horizontalM"), Sigma("verticalM")),
            _ => new NoiseSpec(
                double.NaN,
                Wgs84.DegToRad(Sigma("azimuthDeg")),
                n.Optional("elevationDeg") is null ? double.NaN : Wgs84.DegToRad(Sigma("elevationDeg")),
                double.NaN,
                double.NaN),
        };
        n.Done();
        return spec;
    }

    private static TargetSpec ReadTarget(ObjectReader o)
    {
        string id = NonEmpty(o, "id");
        var cls = ReadClass(o, "class");
        double speed = o.Positive("speedMps");
        var waypointNodes = o.OptionalArray("waypoints");
        var orbitNode = o.OptionalObject("orbit");
        if ((waypointNodes.Count == 0) == (orbitNode is null))
        {
            throw o.ErrorField("waypoints", "give either waypoints (at least two) or an orbit");
        }

        var waypoints = new List<GeoPoint>();
        foreach (var w in waypointNodes)
        {
            var wo = new ObjectReader(w, o.SourceName);
            waypoints.Add(wo.LatLon(wo.Number("altM")));
            wo.Done();
        }

        if (orbitNode is null && waypoints.Count < 2)
        {
            throw o.ErrorField("waypoints", $"needs at least two waypoints (got {waypoints.Count})");
        }

        RacetrackSpec? orbit = null;
        if (orbitNode is { } r)
        {
            var kindNode = r.Required("kind");
            if (r.AsString(kindNode) != "racetrack")
            {
                throw r.Error(kindNode, $"unknown orbit kind \"{kindNode.Text}\" (expected racetrack)");
            }

            var centre = r.Object("centre");
            double alt = r.Number("altM");
            orbit = new RacetrackSpec(centre.LatLon(alt), r.Positive("lengthM"), r.Positive("widthM"), Wgs84.DegToRad(r.Number("headingDeg", 0)));
            centre.Done();
            r.Done();
        }

        string? icao = null;
        if (o.Optional("adsbIcao") is { } icaoNode)
        {
            icao = o.AsString(icaoNode).ToUpperInvariant();
            if (icao.Length != 6 || !icao.All(char.IsAsciiHexDigit))
            {
                throw o.Error(icaoNode, $"must be a 24-bit ICAO address as 6 hex digits (got \"{icaoNode.Text}\")");
            }
        }

        string? remoteId = null;
        if (o.Optional("remoteId") is { } ridNode)
        {
            remoteId = o.AsString(ridNode);
            if (RemoteIdSerial.Problem(remoteId) is { } problem)
            {
                throw o.Error(ridNode, problem);
            }
        }

        bool signs = o.Bool("signs", false);
        if (signs && remoteId is null)
        {
            throw o.ErrorField("signs", "a target that signs needs a remoteId");
        }

        return new TargetSpec(
            id, cls, speed, waypoints, orbit, o.Number("startS", 0), o.Bool("loop", false),
            icao, o.OptionalString("callsign"), remoteId, o.Bool("emitsRf", IsDrone(cls)))
        {
            OperatorId = o.OptionalString("operatorId"),
            Signs = signs,
        };
    }

    private static RegisteredUnitSpec ReadRegisteredUnit(ObjectReader o)
    {
        string serial = NonEmpty(o, "serial");
        var ridNode = o.Required("remoteId");
        string remoteId = o.AsString(ridNode);
        if (RemoteIdSerial.Problem(remoteId) is { } problem)
        {
            throw o.Error(ridNode, problem);
        }

        var recipientNode = o.Required("recipient");
        string recipient = o.AsString(recipientNode);
        if (recipient.Length != 2 || !recipient.All(char.IsAsciiLetterUpper))
        {
            throw o.Error(recipientNode, $"must be an ISO 3166-1 alpha-2 country code such as RO or PL (got \"{recipient}\")");
        }

        var stateNode = o.Optional("state");
        var state = Registry.UnitState.InService;
        if (stateNode is not null)
        {
            string text = o.AsString(stateNode);
            state = text switch
            {
                "in-service" => Registry.UnitState.InService,
                "lost" => Registry.UnitState.Lost,
                "destroyed" => Registry.UnitState.Destroyed,
                "decommissioned" => Registry.UnitState.Decommissioned,
                _ => throw o.Error(stateNode, $"unknown unit state \"{text}\" (expected in-service, lost, destroyed or decommissioned)"),
            };
        }

        Registry.UnitPrivateKey? key = null;
        if (o.Optional("privateKey") is { } keyNode)
        {
            string text = o.AsString(keyNode);
            if (text.Length != 64 || !text.All(char.IsAsciiHexDigit))
            {
                throw o.Error(keyNode, "must be an Ed25519 private key seed as 64 hex digits");
            }

            key = Registry.UnitPrivateKey.Parse(serial, remoteId, text);
        }

        return new RegisteredUnitSpec(serial, remoteId, recipient, state, key);
    }

    private static SpawnerSpec ReadSpawner(ObjectReader o)
    {
        string id = NonEmpty(o, "id");
        var cls = ReadClass(o, "class");
        double interval = o.Positive("intervalS");
        double jitter = o.NonNegative("jitterS", interval / 4);
        if (jitter >= interval)
        {
            throw o.ErrorField("jitterS", Invariant.Format($"must be less than intervalS ({interval})"));
        }

        double start = o.NonNegative("startS", 0);
        double stop = o.OptionalNumber("stopS") ?? double.PositiveInfinity;
        double maxCount = o.Number("maxCount", int.MaxValue);
        if (maxCount < 1 || maxCount != Math.Floor(maxCount))
        {
            throw o.Error(o.Required("maxCount"), $"must be a whole number >= 1 (got {o.Required("maxCount").Text})");
        }

        var from = ReadArea(o.Object("from"));
        var to = ReadArea(o.Object("to"));
        var (sMin, sMax) = o.Range("speedMps");
        if (sMin <= 0)
        {
            throw o.Error(o.Required("speedMps"), "speeds must be > 0");
        }

        var (aMin, aMax) = o.Range("altM");
        bool adsb = o.Bool("adsb", false);
        string prefix = o.OptionalString("callsignPrefix") ?? "SIM";
        return new SpawnerSpec(
            id, cls, interval, jitter, start, stop, (int)Math.Min(maxCount, int.MaxValue), from, to,
            new ValueRange(sMin, sMax), new ValueRange(aMin, aMax), adsb, prefix, o.Bool("emitsRf", IsDrone(cls)));
    }

    private static AreaSpec ReadArea(ObjectReader a)
    {
        var box = a.OptionalObject("box");
        var line = a.OptionalArray("line");
        if ((box is null) == (line.Count == 0))
        {
            throw a.ErrorField("box", "give either a box {south, north, west, east} or a line of at least two {lat, lon}");
        }

        AreaSpec area;
        if (box is not null)
        {
            double s = box.Latitude("south"), n = box.Latitude("north"), w = box.Longitude("west"), e = box.Longitude("east");
            if (n < s || e < w)
            {
                throw box.ErrorField("north", "box needs south <= north and west <= east");
            }

            box.Done();
            area = new AreaSpec(s, n, w, e, []);
        }
        else
        {
            var points = new List<GeoPoint>();
            foreach (var p in line)
            {
                var po = new ObjectReader(p, a.SourceName);
                points.Add(po.LatLon());
                po.Done();
            }

            if (points.Count < 2)
            {
                throw a.ErrorField("line", "needs at least two points");
            }

            area = new AreaSpec(double.NaN, double.NaN, double.NaN, double.NaN, points);
        }

        a.Done();
        return area;
    }

    private static FlockSpec ReadFlock(ObjectReader o)
    {
        string id = NonEmpty(o, "id");
        double count = o.Positive("count");
        if (count != Math.Floor(count) || count > 10_000)
        {
            throw o.Error(o.Required("count"), $"must be a whole number up to 10000 (got {o.Required("count").Text})");
        }

        var centre = o.Object("centre");
        var c = centre.LatLon();
        centre.Done();
        double radius = o.Positive("radiusM");
        var (aMin, aMax) = o.Range("altM");
        var (sMin, sMax) = o.Range("speedMps");
        if (sMin <= 0)
        {
            throw o.Error(o.Required("speedMps"), "speeds must be > 0");
        }

        return new FlockSpec(id, (int)count, c, radius, new ValueRange(aMin, aMax), new ValueRange(sMin, sMax), o.NonNegative("startS", 0));
    }

    private static TargetClass ReadClass(ObjectReader o, string field)
    {
        var node = o.Required(field);
        return o.AsString(node) switch
        {
            "multirotor" => TargetClass.Multirotor,
            "fixed-wing" => TargetClass.FixedWing,
            "manned" => TargetClass.Manned,
            "bird" => TargetClass.Bird,
            var other => throw o.Error(node, $"unknown class \"{other}\" (expected multirotor, fixed-wing, manned or bird)"),
        };
    }

    private static string CooperativeIdText(ObjectReader root, JNode n)
    {
        string text = root.AsString(n);
        if (text.StartsWith("ICAO:", StringComparison.Ordinal))
        {
            string hex = text[5..];
            return hex.Length == 6 && hex.All(char.IsAsciiHexDigit)
                ? "ICAO:" + hex.ToUpperInvariant()
                : throw root.Error(n, $"an ICAO id is \"ICAO:\" and 6 hex digits (got \"{text}\")");
        }

        if (text.StartsWith("RID:", StringComparison.Ordinal))
        {
            return RemoteIdSerial.Problem(text[4..]) is { } problem ? throw root.Error(n, problem) : text;
        }

        throw root.Error(n, $"expected \"ICAO:<hex>\" or \"RID:<serial>\" (got \"{text}\")");
    }

    private static string NonEmpty(ObjectReader o, string field)
    {
        var node = o.Required(field);
        string s = o.AsString(node);
        return string.IsNullOrWhiteSpace(s) ? throw o.Error(node, "must not be empty") : s;
    }

    internal static bool IsDrone(TargetClass c) => c is TargetClass.Multirotor or TargetClass.FixedWing;
}
