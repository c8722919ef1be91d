using System.Globalization;
using System.Text.Json;
using Straja.Engine.Picture;
using Straja.Registry;

namespace Straja.Engine.Evaluation.Rules;

/// <summary>A rule file that cannot be used, with the JSON path of the fault (e.g. <c>rules[2].when.all[0].speedMps.min</c>).</summary>
public sealed class RuleFileException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;

    /// <summary>What is wrong there, without the path.</summary>
    public string Problem { get; } = message;
}

/// <summary>
/// Reads alert rules from JSON (docs/alert-rules.md). Strict: an unknown key, class, identity or
/// relation is an error naming where it is, so a typo cannot silently disable a rule.
/// </summary>
public static class RuleReader
{
    public static IReadOnlyList<AlertRule> Parse(string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new RuleFileException($"line {(e.LineNumber ?? 0) + 1}", $"not valid JSON: {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("rules", out var list) || list.ValueKind != JsonValueKind.Array)
                throw new RuleFileException("$", "expected an object with a \"rules\" array");
            var rules = new List<AlertRule>();
            var ids = new HashSet<string>(StringComparer.Ordinal);
            int i = 0;
            foreach (var r in list.EnumerateArray())
            {
                string at = $"rules[{i++}]";
                Keys(r, at, "id", "name", "enabled", "severity", "cooldownS", "when");
                string id = String(r, "id", at);
                if (!ids.Add(id))
                    throw new RuleFileException($"{at}.id", $"'{id}' is used by an earlier rule");
                string name = r.TryGetProperty("name", out _) ? String(r, "name", at) : id;
                var severity = r.TryGetProperty("severity", out var sev) ? Severity(sev, $"{at}.severity") : AlertSeverity.Warning;
                double cooldown = r.TryGetProperty("cooldownS", out var cd) ? Number(cd, $"{at}.cooldownS", min: 0) : 300;
                bool enabled = !r.TryGetProperty("enabled", out var en) || Boolean(en, $"{at}.enabled");
                if (!r.TryGetProperty("when", out var when))
                    throw new RuleFileException($"{at}.when", "required");
                var condition = Condition(when, $"{at}.when");
                if (RuleEvaluator.Mentions<SensorSilent>(condition) && MentionsTrack(condition))
                    throw new RuleFileException($"{at}.when", "sensorSilent cannot be combined with track conditions");
                rules.Add(new AlertRule(id, name, severity, cooldown, condition, enabled));
            }

            return rules;
        }
    }

    private static RuleCondition Condition(JsonElement e, string at)
    {
        if (e.ValueKind != JsonValueKind.Object)
            throw new RuleFileException(at, "expected an object with one condition");
        var props = e.EnumerateObject().ToList();
        if (props.Count != 1)
            throw new RuleFileException(at, $"expected exactly one condition, found {props.Count}");
        var p = props[0];
        string here = $"{at}.{p.Name}";
        var v = p.Value;
        switch (p.Name)
        {
            case "all":
            case "any":
                {
                    if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
                        throw new RuleFileException(here, "expected a non-empty array of conditions");
                    var list = v.EnumerateArray().Select((x, k) => Condition(x, $"{here}[{k}]")).ToList();
                    return p.Name == "all" ? new AllOf(list) : new AnyOf(list);
                }

            case "not":
                return new Not(Condition(v, here));
            case "class":
                return new ClassIs(Names(v, here, Enum.GetValues<TargetClass>().ToDictionary(c => c.ToWire(), c => c)));
            case "identity":
                return new IdentityIs(Names(v, here, Enum.GetValues<Identity>().ToDictionary(c => c.ToWire(), c => c)));
            case "altitudeM":
                {
                    var (lo, hi) = Band(v, here);
                    return new AltitudeBand(lo, hi);
                }

            case "speedMps":
                {
                    var (lo, hi) = Band(v, here);
                    return new SpeedBand(lo, hi);
                }

            case "zone":
                {
                    Keys(v, here, "id", "relation");
                    var relation = v.TryGetProperty("relation", out var rel) ? rel.GetString() switch
                    {
                        "inside" => ZoneRelation.Inside,
                        "entering" => ZoneRelation.Entering,
                        "leaving" => ZoneRelation.Leaving,
                        var other => throw new RuleFileException($"{here}.relation", $"'{other}' is not inside, entering or leaving"),
                    }
                    : ZoneRelation.Inside;
                    return new InZone(String(v, "id", here), relation);
                }

            case "border":
                {
                    Keys(v, here, "from", "to");
                    return new CrossesBorder(Country(v, "from", here), Country(v, "to", here));
                }

            case "timeToZoneS":
                Keys(v, here, "zone", "max");
                return new TimeToZone(String(v, "zone", here), Number(Required(v, "max", here), $"{here}.max", min: 0));
            case "closingSpeedMps":
                Keys(v, here, "zone", "min");
                return new ClosingSpeed(String(v, "zone", here), Number(Required(v, "min", here), $"{here}.min", min: 0));
            case "loiterS":
                Keys(v, here, "zone", "min");
                return new Loiter(String(v, "zone", here), Number(Required(v, "min", here), $"{here}.min", min: 0));
            case "swarm":
                {
                    Keys(v, here, "minTracks", "radiusM", "of");
                    double n = Number(Required(v, "minTracks", here), $"{here}.minTracks", min: 2);
                    if (n != Math.Floor(n))
                        throw new RuleFileException($"{here}.minTracks", "must be a whole number");
                    var of = v.TryGetProperty("of", out var o) ? Condition(o, $"{here}.of") : null;
                    return new Swarm((int)n, Number(Required(v, "radiusM", here), $"{here}.radiusM", min: 1), of);
                }

            case "registeredUnit":
                // Without "state" any registered unit matches; the names are the registry's lifecycle states.
                Keys(v, here, "state");
                return new RegisteredUnitIs(v.TryGetProperty("state", out var state)
                    ? Names(state, $"{here}.state", Enum.GetValues<UnitState>().ToDictionary(Lifecycle.Name, s => s, StringComparer.Ordinal))
                    : null);
            case "sensorSilent":
                Keys(v, here, "sensor");
                return new SensorSilent(v.TryGetProperty("sensor", out _) ? String(v, "sensor", here) : "*");
            default:
                throw new RuleFileException(here, "unknown condition (see docs/alert-rules.md)");
        }
    }

    private static bool MentionsTrack(RuleCondition c) => c switch
    {
        SensorSilent => false,
        AllOf a => a.Conditions.Any(MentionsTrack),
        AnyOf a => a.Conditions.Any(MentionsTrack),
        Not n => MentionsTrack(n.Condition),
        _ => true,
    };

    private static HashSet<T> Names<T>(JsonElement v, string at, Dictionary<string, T> known)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0)
            throw new RuleFileException(at, $"expected a non-empty array of names ({string.Join(", ", known.Keys)})");
        var set = new HashSet<T>();
        int k = 0;
        foreach (var x in v.EnumerateArray())
        {
            string? s = x.ValueKind == JsonValueKind.String ? x.GetString() : null;
            if (s is null || !known.TryGetValue(s, out var value))
                throw new RuleFileException($"{at}[{k}]", $"'{x}' is not one of {string.Join(", ", known.Keys)}");
            set.Add(value);
            k++;
        }

        return set;
    }

    private static (double? Min, double? Max) Band(JsonElement v, string at)
    {
        Keys(v, at, "min", "max");
        double? lo = v.TryGetProperty("min", out var a) ? Number(a, $"{at}.min") : null;
        double? hi = v.TryGetProperty("max", out var b) ? Number(b, $"{at}.max") : null;
        if (lo is null && hi is null)
            throw new RuleFileException(at, "give min, max or both");
        if (lo > hi)
            throw new RuleFileException(at, $"min {lo} is above max {hi}");
        return (lo, hi);
    }

    private static string? Country(JsonElement v, string key, string at)
    {
        if (!v.TryGetProperty(key, out var c))
            return null;
        string? s = c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (s is null || s.Length != 2 || !s.All(char.IsAsciiLetterUpper))
            throw new RuleFileException($"{at}.{key}", "expected an ISO 3166 alpha-2 code such as \"UA\"");
        return s;
    }

    private static AlertSeverity Severity(JsonElement v, string at) => v.GetString() switch
    {
        "info" => AlertSeverity.Info,
        "warning" => AlertSeverity.Warning,
        "critical" => AlertSeverity.Critical,
        var s => throw new RuleFileException(at, $"'{s}' is not info, warning or critical"),
    };

    private static JsonElement Required(JsonElement v, string key, string at) =>
        v.TryGetProperty(key, out var x) ? x : throw new RuleFileException($"{at}.{key}", "required");

    private static bool Boolean(JsonElement v, string at) => v.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new RuleFileException(at, "expected true or false"),
    };

    private static string String(JsonElement v, string key, string at)
    {
        var x = Required(v, key, at);
        string? s = x.ValueKind == JsonValueKind.String ? x.GetString() : null;
        if (string.IsNullOrWhiteSpace(s) || s.Length > 100)
            throw new RuleFileException($"{at}.{key}", "expected a non-empty string of at most 100 characters");
        return s;
    }

    private static double Number(JsonElement v, string at, double min = double.NegativeInfinity)
    {
        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || !double.IsFinite(d))
            throw new RuleFileException(at, "expected a number");
        if (d < min)
            throw new RuleFileException(at, string.Create(CultureInfo.InvariantCulture, $"must be at least {min}"));
        return d;
    }

    private static void Keys(JsonElement v, string at, params string[] allowed)
    {
        if (v.ValueKind != JsonValueKind.Object)
            throw new RuleFileException(at, "expected an object");
        foreach (var p in v.EnumerateObject())
        {
            if (Array.IndexOf(allowed, p.Name) < 0)
                throw new RuleFileException($"{at}.{p.Name}", $"unknown key (allowed: {string.Join(", ", allowed)})");
        }
    }
}
