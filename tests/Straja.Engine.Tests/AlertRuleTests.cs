using Straja.Engine.Evaluation;
using Straja.Engine.Evaluation.Rules;
using Straja.Engine.Picture;
using Straja.Geo;
using Straja.Geo.Zones;

namespace Straja.Engine.Tests;

public sealed class AlertRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly ZoneSet Base = new([new Zone("mk", "Mihail Kogălniceanu", ZoneKind.ProtectedSite, ZoneSeverity.Warning,
        [new ZoneVolume(new CircleShape(new GeoPoint(44.362, 28.488), 15_000))], [])]);

    private static AirTrack Track(string id, double lat, double lon, double vNorth = -20, Identity identity = Identity.Unknown,
        TargetClass cls = TargetClass.Multirotor, double altM = 150, double vEast = 0) =>
        new(id, true, T0, new GeoPoint(lat, lon, altM), vEast, vNorth, 0, 30, cls, 0.8, identity, null, null, ["radar-isaccea"]);

    private static RuleEvaluator Evaluator(string json) =>
        new(RuleReader.Parse(json), new ZoneSetRuleZones(() => Base), BorderMap.Embedded);

    /// <summary>Feeds one picture per second and collects every proposal.</summary>
    private static List<AlertProposal> Run(RuleEvaluator e, IEnumerable<IReadOnlyList<AirTrack>> pictures)
    {
        var all = new List<AlertProposal>();
        int s = 0;
        foreach (var tracks in pictures)
            e.Evaluate(new PictureSnapshot(T0.AddSeconds(s++), tracks), all);
        return all;
    }

    private const string Crossing = """
        { "rules": [ { "id": "ua-ro", "name": "Unknown crossing from Ukraine", "severity": "critical", "cooldownS": 600,
          "when": { "all": [ { "identity": ["unknown"] }, { "border": { "from": "UA", "to": "RO" } } ] } } ] }
        """;

    /// <summary>Isaccea: 45.30 N is in Ukraine, 45.24 N in Romania, the Danube between.</summary>
    private static IEnumerable<IReadOnlyList<AirTrack>> Southwards(Identity identity) =>
        Enumerable.Range(0, 40).Select(i => (IReadOnlyList<AirTrack>)[Track("T1", 45.300 - (i * 0.0015), 28.47, identity: identity)]);

    [Fact]
    public void Crossing_from_Ukraine_raises_one_alert()
    {
        var proposals = Run(Evaluator(Crossing), Southwards(Identity.Unknown));
        var p = Assert.Single(proposals);
        Assert.Equal(AlertKind.Rule, p.Kind);
        Assert.Equal(AlertSeverity.Critical, p.Severity);
        Assert.Equal("T1", p.TrackId);
        Assert.StartsWith("rule:ua-ro:T1:", p.Key, StringComparison.Ordinal);
        Assert.Contains("Unknown crossing from Ukraine", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disabled_rule_is_read_but_raises_nothing()
    {
        var rules = RuleReader.Parse(Crossing.Replace("\"cooldownS\": 600,", "\"cooldownS\": 600, \"enabled\": false,", StringComparison.Ordinal));
        Assert.False(Assert.Single(rules).Enabled);
        Assert.Empty(Run(new RuleEvaluator(rules, new ZoneSetRuleZones(() => Base), BorderMap.Embedded), Southwards(Identity.Unknown)));
        Assert.True(Assert.Single(RuleReader.Parse(Crossing)).Enabled);
    }

    [Fact]
    public void A_rule_switched_off_and_on_again_fires_for_what_matches_then()
    {
        const string inside = """{ "rules": [ { "id": "in-mk", "when": { "zone": { "id": "mk" } } } ] }""";
        var e = Evaluator(inside);
        var proposals = new List<AlertProposal>();
        e.Evaluate(new PictureSnapshot(T0, [Track("T1", 44.362, 28.488)]), proposals);
        Assert.Single(proposals);
        e.Replace(RuleReader.Parse(inside.Replace("\"when\"", "\"enabled\": false, \"when\"", StringComparison.Ordinal)));
        e.Evaluate(new PictureSnapshot(T0.AddSeconds(1), [Track("T1", 44.362, 28.488)]), proposals);
        Assert.Single(proposals);
        e.Replace(RuleReader.Parse(inside.Replace("\"when\"", "\"cooldownS\": 0, \"when\"", StringComparison.Ordinal)));
        e.Evaluate(new PictureSnapshot(T0.AddSeconds(2), [Track("T1", 44.362, 28.488)]), proposals);
        Assert.Equal(2, proposals.Count);
    }

    [Fact]
    public void A_friendly_crossing_raises_nothing() =>
        Assert.Empty(Run(Evaluator(Crossing), Southwards(Identity.Friendly)));

    [Fact]
    public void Crossing_the_other_way_does_not_match_a_rule_with_a_direction() =>
        Assert.Empty(Run(Evaluator(Crossing), Southwards(Identity.Unknown).Reverse()));

    [Fact]
    public void Entering_fires_at_the_edge_inside_fires_once_and_leaving_fires_on_the_way_out()
    {
        const string json = """
            { "rules": [
              { "id": "in", "cooldownS": 0, "when": { "zone": { "id": "mk", "relation": "entering" } } },
              { "id": "inside", "cooldownS": 0, "when": { "zone": { "id": "*" } } },
              { "id": "out", "cooldownS": 0, "when": { "zone": { "id": "mk", "relation": "leaving" } } } ] }
            """;
        // From 20 km north of the site, southwards through the 15 km ring and out of its far side.
        var path = Enumerable.Range(0, 80).Select(i => (IReadOnlyList<AirTrack>)[Track("T2", 44.362 + 0.18 - (i * 0.005), 28.488)]);
        var proposals = Run(Evaluator(json), path);
        Assert.Single(proposals, p => p.Key.StartsWith("rule:in:", StringComparison.Ordinal));
        Assert.Single(proposals, p => p.Key.StartsWith("rule:inside:", StringComparison.Ordinal));
        Assert.Single(proposals, p => p.Key.StartsWith("rule:out:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_condition_that_flickers_within_the_cool_down_alerts_once_and_after_it_again()
    {
        const string json = """{ "rules": [ { "id": "fast", "cooldownS": 10, "when": { "speedMps": { "min": 30 } } } ] }""";
        // Fast, slow, fast within 10 s; then slow and fast again after 20 s.
        double[] speeds = [35, 35, 10, 35, 35, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 10, 35];
        var pictures = speeds.Select(v => (IReadOnlyList<AirTrack>)[Track("T3", 44.9, 28.9, vNorth: -v)]);
        var proposals = Run(Evaluator(json), pictures);
        Assert.Equal(2, proposals.Count);
        Assert.NotEqual(proposals[0].Key, proposals[1].Key);
    }

    [Fact]
    public void Three_unknown_drones_close_together_are_one_swarm_alert_and_two_are_none()
    {
        const string json = """
            { "rules": [ { "id": "swarm", "severity": "critical",
              "when": { "swarm": { "minTracks": 3, "radiusM": 2000, "of": { "identity": ["unknown"] } } } } ] }
            """;
        IReadOnlyList<AirTrack> three = [Track("T10", 45.0, 28.5), Track("T11", 45.005, 28.5), Track("T12", 45.0, 28.51), Track("T13", 45.3, 28.9)];
        var swarm = Run(Evaluator(json), [three, three, three]);
        var p = Assert.Single(swarm);
        Assert.Equal("rule:swarm:swarm:T10:1", p.Key);

        IReadOnlyList<AirTrack> two = [Track("T10", 45.0, 28.5), Track("T11", 45.005, 28.5), Track("T12", 45.0, 28.51, identity: Identity.Friendly)];
        Assert.Empty(Run(Evaluator(json), [two, two]));
    }

    [Fact]
    public void Loitering_counts_from_the_first_picture_inside_the_zone()
    {
        const string json = """{ "rules": [ { "id": "loiter", "when": { "loiterS": { "zone": "mk", "min": 120 } } } ] }""";
        var hovering = Enumerable.Range(0, 121).Select(_ => (IReadOnlyList<AirTrack>)[Track("T4", 44.40, 28.49, vNorth: 0)]);
        var proposals = Run(Evaluator(json), hovering);
        Assert.Single(proposals);
        Assert.Empty(Run(Evaluator(json), hovering.Take(100)));
    }

    [Fact]
    public void Time_to_zone_and_closing_speed_see_a_drone_heading_for_the_site_but_not_one_flying_away()
    {
        const string json = """
            { "rules": [ { "id": "inbound", "when": { "all": [ { "timeToZoneS": { "zone": "mk", "max": 300 } }, { "closingSpeedMps": { "zone": "*", "min": 15 } } ] } } ] }
            """;
        // 20 km north of the site is 5 km outside its outer ring: 250 s at 20 m/s.
        IReadOnlyList<AirTrack> inbound = [Track("T5", 44.362 + 0.18, 28.488, vNorth: -20)];
        IReadOnlyList<AirTrack> outbound = [Track("T6", 44.362 + 0.18, 28.488, vNorth: 20)];
        Assert.Single(Run(Evaluator(json), [inbound]));
        Assert.Empty(Run(Evaluator(json), [outbound]));
    }

    [Fact]
    public void A_silent_sensor_raises_one_alert_until_it_recovers()
    {
        var e = Evaluator("""{ "rules": [ { "id": "silent", "cooldownS": 0, "when": { "sensorSilent": { "sensor": "*" } } } ] }""");
        var known = new HashSet<string> { "acoustic-1", "rf-1" };
        var proposals = new List<AlertProposal>();
        e.SetSensorStates(known, new HashSet<string> { "rf-1" });
        e.Evaluate(new PictureSnapshot(T0, []), proposals);
        e.Evaluate(new PictureSnapshot(T0.AddSeconds(1), []), proposals);
        e.SetSensorStates(known, new HashSet<string>());
        e.Evaluate(new PictureSnapshot(T0.AddSeconds(2), []), proposals);
        e.SetSensorStates(known, new HashSet<string> { "rf-1" });
        e.Evaluate(new PictureSnapshot(T0.AddSeconds(3), []), proposals);
        Assert.Equal(["rule:silent:sensor:rf-1:1", "rule:silent:sensor:rf-1:2"], proposals.Select(p => p.Key).ToArray());
    }

    /// <summary>A track under a registered unit's Remote ID serial, with the evidence the identity resolver gives it.</summary>
    private static AirTrack Unit(string id, double lat, double lon, IdentityBasis basis, string state, Identity identity = Identity.Suspect) =>
        Track(id, lat, lon, identity: identity) with
        {
            CooperativeId = "RID:15967B5X8Y2Z",
            IdentityDetail = new IdentityDetail(basis, "RU-2026-0003", "Sokil-2", "RO", state),
        };

    private const string LostOrGone = """
        { "rules": [ { "id": "lost-flying", "name": "Lost unit flying", "severity": "critical",
          "when": { "registeredUnit": { "state": ["lost", "destroyed", "decommissioned"] } } } ] }
        """;

    [Fact]
    public void A_lost_unit_flying_raises_one_rule_alert_naming_the_unit()
    {
        IReadOnlyList<AirTrack> lost = [Unit("T20", 44.9, 28.3, IdentityBasis.RegistryNotInService, "lost")];
        var p = Assert.Single(Run(Evaluator(LostOrGone), [lost, lost, lost]));
        Assert.Equal("rule:lost-flying:T20:1", p.Key);
        Assert.Equal(AlertSeverity.Critical, p.Severity);
        Assert.Contains("unit RU-2026-0003, lost in the registry", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_unit_in_service_an_unregistered_drone_and_a_civil_remote_id_do_not_match_a_lost_unit_rule()
    {
        IReadOnlyList<AirTrack> others =
        [
            Unit("T21", 44.9, 28.3, IdentityBasis.RegistryProof, "in-service", Identity.Friendly),
            Unit("T22", 44.9, 28.4, IdentityBasis.RegistryUnproven, "in-service"),
            Track("T23", 44.9, 28.5),
            Track("T24", 44.9, 28.6, identity: Identity.Neutral) with { IdentityDetail = new IdentityDetail(IdentityBasis.CivilRemoteId, OperatorId: "ROU-op-1") },
        ];
        Assert.Empty(Run(Evaluator(LostOrGone), [others, others]));
    }

    [Fact]
    public void Registered_unit_without_a_state_matches_any_registered_unit_and_combines_with_other_conditions()
    {
        const string json = """
            { "rules": [ { "id": "unit-in-mk", "cooldownS": 0, "when": { "all": [ { "registeredUnit": {} }, { "zone": { "id": "mk", "relation": "entering" } } ] } } ] }
            """;
        // A proven, in-service unit flying south into the site's ring, and an unregistered drone on the same path.
        var path = Enumerable.Range(0, 60).Select(i => (IReadOnlyList<AirTrack>)
        [
            Unit("T25", 44.362 + 0.18 - (i * 0.005), 28.488, IdentityBasis.RegistryProof, "in-service", Identity.Friendly),
            Track("T26", 44.362 + 0.18 - (i * 0.005), 28.50),
        ]);
        var p = Assert.Single(Run(Evaluator(json), path));
        Assert.Equal("T25", p.TrackId);
    }

    [Theory]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "registeredUnit": { "state": ["lost", "missing"] } } } ] }""", "rules[0].when.registeredUnit.state[1]")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "registeredUnit": { "status": ["lost"] } } } ] }""", "rules[0].when.registeredUnit.status")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "not": { "registeredUnit": { "state": [] } } } } ] }""", "rules[0].when.not.registeredUnit.state")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "registeredUnit": "lost" } } ] }""", "rules[0].when.registeredUnit")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "all": [ { "speedMps": { "min": 1 } }, { "class": ["helicopter"] } ] } } ] }""", "rules[0].when.all[1].class[0]")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "speedMps": { "min": "fast" } } } ] }""", "rules[0].when.speedMps.min")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "zone": { "id": "mk", "relation": "near" } } } ] }""", "rules[0].when.zone.relation")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "speed": { "min": 1 } } } ] }""", "rules[0].when.speed")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "speedMps": { "min": 1 } } }, { "id": "a", "when": { "speedMps": { "min": 2 } } } ] }""", "rules[1].id")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "all": [ { "sensorSilent": {} }, { "speedMps": { "min": 1 } } ] } } ] }""", "rules[0].when")]
    [InlineData("""{ "rules": [ { "id": "a", "severity": "urgent", "when": { "speedMps": { "min": 1 } } } ] }""", "rules[0].severity")]
    [InlineData("""{ "rules": [ { "id": "a", "when": { "border": { "from": "Ukraine" } } } ] }""", "rules[0].when.border.from")]
    [InlineData("""{ "rules": [ { "id": "a", "enabled": "no", "when": { "speedMps": { "min": 1 } } } ] }""", "rules[0].enabled")]
    [InlineData("""{ "rules": [ { "id": "a", "enabled": false, "when": { "class": ["helicopter"] } } ] }""", "rules[0].when.class[0]")]
    public void A_bad_rule_file_is_refused_naming_where(string json, string path)
    {
        var e = Assert.Throws<RuleFileException>(() => RuleReader.Parse(json));
        Assert.Equal(path, e.Path);
    }
}
