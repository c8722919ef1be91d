using Straja.Engine.Picture;
using Straja.Geo;
using Straja.Registry;

namespace Straja.Engine.Evaluation.Rules;

/// <summary>
/// Evaluates operator rules against each picture. A rule fires when its condition becomes true for a
/// subject (a track; a swarm, named by its lowest track id; a sensor) — on the rising edge, so a
/// condition that stays true is one alert — and not again for that subject within the rule's
/// cool-down. Rules see fused tracks, so one drone seen by three sensors is one subject and one alert.
/// Pure: the picture's time is the only clock.
/// </summary>
internal sealed class RuleEvaluator(IReadOnlyList<AlertRule> rules, IRuleZones zones, BorderMap borders) : IEvaluator
{
    private sealed class TrackMemory
    {
        public HashSet<string> Zones = new(StringComparer.Ordinal);
        public HashSet<string> PreviousZones = new(StringComparer.Ordinal);
        public string? Country;
        public string? PreviousCountry;
        public readonly Dictionary<string, DateTimeOffset> InsideSince = new(StringComparer.Ordinal);
        public bool Seen;
    }

    private sealed class SubjectState
    {
        public bool WasTrue;
        public DateTimeOffset? LastFired;
        public int Firings;
    }

    private readonly Dictionary<string, TrackMemory> _tracks = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Rule, string Subject), SubjectState> _subjects = [];
    private IReadOnlySet<string> _silent = new HashSet<string>();
    private IReadOnlySet<string> _knownSensors = new HashSet<string>();

    public IReadOnlyList<AlertRule> Rules => rules;

    /// <summary>
    /// Takes new rules; the state of subjects of rules that keep their id stays, so nothing fires twice.
    /// A disabled rule forgets its subjects: switched on again, it fires for what matches at that moment.
    /// </summary>
    public void Replace(IReadOnlyList<AlertRule> next)
    {
        var ids = next.Where(r => r.Enabled).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var key in _subjects.Keys.Where(k => !ids.Contains(k.Rule)).ToList())
            _subjects.Remove(key);
        rules = next;
    }

    /// <summary>The sensors known and those silent now; sensor rules read them at the next evaluation.</summary>
    public void SetSensorStates(IReadOnlySet<string> known, IReadOnlySet<string> silent)
    {
        _knownSensors = known;
        _silent = silent;
    }

    public void Evaluate(PictureSnapshot picture, List<AlertProposal> proposals)
    {
        var confirmed = picture.Tracks.Where(t => t.Confirmed).ToList();
        foreach (var t in confirmed)
            Observe(t, picture.Time);

        foreach (var rule in rules)
        {
            if (!rule.Enabled)
                continue;
            if (Mentions<SensorSilent>(rule.When))
            {
                foreach (var sensor in _knownSensors.Order(StringComparer.Ordinal))
                {
                    bool now = SensorTrue(rule.When, sensor);
                    if (Edge(rule, $"sensor:{sensor}", now, picture.Time, out int n))
                        proposals.Add(new AlertProposal($"rule:{rule.Id}:sensor:{sensor}:{n}", AlertKind.Rule, rule.Severity, null, null,
                            $"{rule.Name}: sensor {sensor} is silent", default));
                }

                continue;
            }

            foreach (var t in confirmed)
            {
                string? swarmLeader = null;
                bool now = Holds(rule.When, t, confirmed, picture.Time, ref swarmLeader);
                string subject = swarmLeader is null ? t.Id : $"swarm:{swarmLeader}";
                // A swarm is one subject: only its leader's evaluation may raise it.
                if (swarmLeader is not null && swarmLeader != t.Id)
                    continue;
                if (Edge(rule, subject, now, picture.Time, out int n))
                {
                    string what = swarmLeader is null ? $"{Describe(t)} {t.Id}{Unit(t)}" : $"a swarm led by {t.Id}";
                    proposals.Add(new AlertProposal($"rule:{rule.Id}:{subject}:{n}", AlertKind.Rule, rule.Severity, t.Id, null,
                        $"{rule.Name}: {what}", t.Position));
                }
            }
        }

        foreach (var t in confirmed)
        {
            var m = _tracks[t.Id];
            (m.PreviousZones, m.Zones) = (m.Zones, m.PreviousZones);
            m.Zones.Clear();
            m.PreviousCountry = m.Country;
        }
    }

    public void Forget(string trackId)
    {
        _tracks.Remove(trackId);
        foreach (var key in _subjects.Keys.Where(k => k.Subject == trackId).ToList())
            _subjects.Remove(key);
    }

    private void Observe(AirTrack t, DateTimeOffset time)
    {
        if (!_tracks.TryGetValue(t.Id, out var m))
            _tracks[t.Id] = m = new TrackMemory();
        foreach (var z in zones.ZonesAt(t.Position, time))
            m.Zones.Add(z);
        foreach (var z in m.Zones)
            m.InsideSince.TryAdd(z, time);
        foreach (var z in m.InsideSince.Keys.Where(z => !m.Zones.Contains(z)).ToList())
            m.InsideSince.Remove(z);
        m.Country = borders.CountryAt(t.Position.LatDeg, t.Position.LonDeg) ?? m.Country;
        if (!m.Seen)
        {
            // A track's first update has no "before": it enters nothing and crosses nothing.
            m.PreviousZones.UnionWith(m.Zones);
            m.PreviousCountry = m.Country;
            m.Seen = true;
        }
    }

    /// <summary>Rising edge outside the cool-down; counts the firing.</summary>
    private bool Edge(AlertRule rule, string subject, bool now, DateTimeOffset time, out int firing)
    {
        if (!_subjects.TryGetValue((rule.Id, subject), out var s))
            _subjects[(rule.Id, subject)] = s = new SubjectState();
        bool rising = now && !s.WasTrue;
        s.WasTrue = now;
        firing = s.Firings;
        if (!rising || (s.LastFired is { } last && (time - last).TotalSeconds < rule.CooldownS))
            return false;
        s.LastFired = time;
        firing = ++s.Firings;
        return true;
    }

    private bool Holds(RuleCondition c, AirTrack t, List<AirTrack> all, DateTimeOffset time, ref string? swarmLeader)
    {
        var m = _tracks[t.Id];
        switch (c)
        {
            case AllOf a:
                foreach (var x in a.Conditions)
                {
                    if (!Holds(x, t, all, time, ref swarmLeader))
                        return false;
                }

                return true;
            case AnyOf a:
                foreach (var x in a.Conditions)
                {
                    if (Holds(x, t, all, time, ref swarmLeader))
                        return true;
                }

                return false;
            case Not n:
                string? ignored = null;
                return !Holds(n.Condition, t, all, time, ref ignored);
            case ClassIs k:
                return k.Classes.Contains(t.Class);
            case IdentityIs i:
                return i.Identities.Contains(t.Identity);
            case AltitudeBand b:
                return (b.MinM is not { } lo || t.Position.AltM >= lo) && (b.MaxM is not { } hi || t.Position.AltM <= hi);
            case SpeedBand s:
                return (s.MinMps is not { } slow || t.SpeedMps >= slow) && (s.MaxMps is not { } fast || t.SpeedMps <= fast);
            case InZone z:
                return z.Relation switch
                {
                    ZoneRelation.Inside => Any(m.Zones, z.Zone),
                    ZoneRelation.Entering => m.Zones.Any(x => Matches(x, z.Zone) && !m.PreviousZones.Contains(x)),
                    _ => m.PreviousZones.Any(x => Matches(x, z.Zone) && !m.Zones.Contains(x)),
                };
            case CrossesBorder b:
                return m.PreviousCountry is { } before && m.Country is { } after && before != after
                    && (b.From is null || b.From == before) && (b.To is null || b.To == after);
            case TimeToZone tz:
                return ZonesNamed(tz.Zone).Any(z => !m.Zones.Contains(z)
                    && zones.TimeToEntryS(z, t.Position, t.VelocityEastMps, t.VelocityNorthMps, t.VelocityUpMps, time) is { } s && s >= 0 && s <= tz.MaxS);
            case ClosingSpeed cs:
                return ZonesNamed(cs.Zone).Any(z => Closing(z, t) >= cs.MinMps);
            case Loiter l:
                return m.InsideSince.Any(kv => Matches(kv.Key, l.Zone) && (time - kv.Value).TotalSeconds >= l.MinS);
            case RegisteredUnitIs u:
                return t.IdentityDetail is { UnitSerial: not null, UnitState: { } named } && Lifecycle.TryParse(named, out var state)
                    && (u.States is null || u.States.Contains(state));
            case Swarm sw:
                {
                    var members = new List<AirTrack>();
                    foreach (var o in all)
                    {
                        string? inner = null;
                        if ((sw.Of is null || Holds(sw.Of, o, all, time, ref inner)) && Geodesic.Inverse(t.Position, o.Position).DistanceM <= sw.RadiusM)
                            members.Add(o);
                    }

                    if (members.Count < sw.MinTracks || !members.Any(o => o.Id == t.Id))
                        return false;
                    swarmLeader = members.Select(o => o.Id).Min(StringComparer.Ordinal);
                    return true;
                }

            default:
                return false; // SensorSilent inside a track rule: rejected when the rules are read
        }
    }

    private bool SensorTrue(RuleCondition c, string sensor) => c switch
    {
        SensorSilent s => (s.Sensor == "*" || s.Sensor == sensor) && _silent.Contains(sensor),
        AllOf a => a.Conditions.All(x => SensorTrue(x, sensor)),
        AnyOf a => a.Conditions.Any(x => SensorTrue(x, sensor)),
        Not n => !SensorTrue(n.Condition, sensor),
        _ => false,
    };

    /// <summary>How fast the track closes on the zone's reference point, m/s: its distance now minus its distance one second ahead on its course.</summary>
    private double Closing(string zone, AirTrack t)
    {
        if (zones.Reference(zone) is not { } reference || t.SpeedMps < 0.1)
            return 0;
        var ahead = Geodesic.Direct(t.Position, t.HeadingDeg, t.SpeedMps);
        return Geodesic.Inverse(t.Position, reference).DistanceM - Geodesic.Inverse(ahead, reference).DistanceM;
    }

    private IEnumerable<string> ZonesNamed(string zone) => zone == "*" ? zones.ZoneIds : [zone];

    private static bool Any(HashSet<string> set, string zone) => zone == "*" ? set.Count > 0 : set.Contains(zone);

    private static bool Matches(string id, string zone) => zone == "*" || id == zone;

    internal static bool Mentions<T>(RuleCondition c) where T : RuleCondition => c switch
    {
        T => true,
        AllOf a => a.Conditions.Any(Mentions<T>),
        AnyOf a => a.Conditions.Any(Mentions<T>),
        Not n => Mentions<T>(n.Condition),
        Swarm s => s.Of is not null && Mentions<T>(s.Of),
        _ => false,
    };

    private static string Describe(AirTrack t) => $"{t.Identity.ToWire()} {t.Class.ToWire()}";

    /// <summary>The registered unit behind a track, for the alert message: the operator's first question about it.</summary>
    private static string Unit(AirTrack t) =>
        t.IdentityDetail is { UnitSerial: { } serial } d ? $" (unit {serial}{(d.UnitState is { } s ? $", {s} in the registry" : "")})" : "";
}
