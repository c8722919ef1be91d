using System.Globalization;
using System.Text.Json;
using Straja.Tracking.Planar;

namespace Straja.Cli;

/// <summary>
/// The tracker configuration of <c>straja track</c>: a flat list of <c>key: value</c> lines (the YAML subset a
/// tracker needs: comments after '#', blank lines, optionally quoted scalars) or, for a file ending in .json, one
/// JSON object with the same keys. Every key is optional; an unknown key, a repeated key or a bad value is an
/// error naming the file, the line (YAML) and the key, so a typo never silently leaves a default in place.
/// </summary>
internal static class TrackConfig
{
    private static readonly string[] Keys =
    [
        "motion", "association", "processNoise", "measurementStdM", "pd", "clutterDensity", "newTargetDensity",
        "gateProbability", "initialVelocitySigmaMps", "confirmScore", "tentativeDeleteDrop", "confirmedDeleteDrop",
        "jpdaMaxTracks", "jpdaMaxMeasurements", "jpdaMaxEvents", "avoidCoalescence",
    ];

    // Keys of the v1 (M-of-N) tracker: named in the error so an old file is easy to fix.
    private static readonly string[] Retired = ["confirmHits", "confirmWindow", "maxMisses", "maxCoastS"];

    public static PlanarOptions Read(string name, string text, PlanarOptions start) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? ReadJson(name, text, start) : ReadKeyValues(name, text, start);

    public static PlanarOptions ReadKeyValues(string name, string text, PlanarOptions start)
    {
        var options = start;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (int k = 0; k < lines.Length; k++)
        {
            string where = $"{name}:{k + 1}";
            string line = StripComment(lines[k]).TrimEnd('\r').Trim();
            if (line.Length == 0 || line == "---")
                continue;
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new UsageException($"{where}: expected 'key: value', found '{line}'");
            string key = line[..colon].Trim(), value = Unquote(line[(colon + 1)..].Trim());
            if (value.Length == 0)
                throw new UsageException($"{where}: key '{key}' has no value (nested maps are not read; every key is flat)");
            if (!seen.Add(key))
                throw new UsageException($"{where}: key '{key}' is given twice");
            options = Apply(options, key, value, where);
        }

        return options;
    }

    public static PlanarOptions ReadJson(string name, string json, PlanarOptions start)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{name}: line {e.LineNumber + 1}: {e.Message}");
        }

        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new UsageException($"{name}: the configuration must be a JSON object");
            var options = start;
            foreach (var field in doc.RootElement.EnumerateObject())
            {
                string value = field.Value.ValueKind switch
                {
                    JsonValueKind.String => field.Value.GetString()!,
                    JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => field.Value.GetRawText(),
                    _ => throw new UsageException($"{name}: field '{field.Name}' must be a number, a string or a boolean, was {field.Value.GetRawText()}"),
                };
                options = Apply(options, field.Name, value, name);
            }

            return options;
        }
    }

    /// <summary>Sets one key from its text; <paramref name="where"/> locates the error (file, or file:line).</summary>
    public static PlanarOptions Apply(PlanarOptions o, string key, string value, string where) => key switch
    {
        "motion" => value is "cv2d" or "nearly-constant-velocity"
            ? o
            : throw new UsageException($"{where}: key 'motion': '{value}' is not a model of the 2D tracker (known: cv2d)"),
        "association" => o with
        {
            Association = value.ToUpperInvariant() switch
            {
                "GNN" => PlanarAssociation.Gnn,
                "JPDA" => PlanarAssociation.Jpda,
                _ => throw new UsageException($"{where}: key 'association': '{value}' is not gnn or jpda"),
            },
        },
        "processNoise" => o with { ProcessNoise = Number(where, key, value, 1e-9, 1e9) },
        "measurementStdM" => o with { MeasurementStdM = Number(where, key, value, 1e-6, 1e9) },
        "pd" => o with { DetectionProbability = Number(where, key, value, 1e-9, 0.999999) },
        "clutterDensity" => o with { ClutterDensity = Number(where, key, value, 1e-30, 1e6) },
        "newTargetDensity" => o with { NewTargetDensity = Number(where, key, value, 1e-30, 1e6) },
        "gateProbability" => o with { GateProbability = Number(where, key, value, 0.5, 0.999999) },
        "initialVelocitySigmaMps" => o with { InitialVelocitySigmaMps = Number(where, key, value, 1e-3, 1e5) },
        "confirmScore" => o with { ConfirmScore = Number(where, key, value, -1e6, 1e6) },
        "tentativeDeleteDrop" => o with { TentativeDeleteDrop = Number(where, key, value, 1e-6, 1e6) },
        "confirmedDeleteDrop" => o with { ConfirmedDeleteDrop = Number(where, key, value, 1e-6, 1e6) },
        "jpdaMaxTracks" => o with { JpdaMaxTracks = (int)Integer(where, key, value, 1, 16) },
        "jpdaMaxMeasurements" => o with { JpdaMaxMeasurements = (int)Integer(where, key, value, 1, 48) },
        "jpdaMaxEvents" => o with { JpdaMaxEvents = (int)Integer(where, key, value, 1, 1 << 22) },
        "avoidCoalescence" => o with
        {
            AvoidCoalescence = value switch
            {
                "true" => true,
                "false" => false,
                _ => throw new UsageException($"{where}: key 'avoidCoalescence': '{value}' is not true or false"),
            },
        },
        _ when Array.IndexOf(Retired, key) >= 0 => throw new UsageException(
            $"{where}: key '{key}' belonged to the M-of-N tracker; the 2D tracker confirms and deletes by track score (confirmScore, tentativeDeleteDrop, confirmedDeleteDrop)"),
        _ => throw new UsageException($"{where}: unknown key '{key}' (known: {string.Join(", ", Keys)})"),
    };

    private static double Number(string where, string key, string value, double min, double max)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"{where}: key '{key}' must be a number, was '{value}'");
        if (v < min || v > max)
            throw new UsageException($"{where}: key '{key}': {value} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }

    private static long Integer(string where, string key, string value, long min, long max)
    {
        if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            throw new UsageException($"{where}: key '{key}' must be an integer, was '{value}'");
        if (v < min || v > max)
            throw new UsageException($"{where}: key '{key}': {value} is outside {min}..{max}");
        return v;
    }

    private static string StripComment(string line)
    {
        bool quoted = false;
        for (int k = 0; k < line.Length; k++)
        {
            if (line[k] is '"' or '\'')
                quoted = !quoted;
            else if (line[k] == '#' && !quoted && (k == 0 || char.IsWhiteSpace(line[k - 1])))
                return line[..k];
        }

        return line;
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && ((value[0] == '"' && value[^1] == '"') || (value[0] == '\'' && value[^1] == '\'')) ? value[1..^1] : value;
}
