using System.Globalization;
using System.Text.Json;

namespace Straja.Cli;

/// <summary>
/// A real deployment's sensors (<c>straja serve --sensors</c>, <c>straja replay --sensors</c>): one JSON object with
/// <c>sensors</c>, optional <c>friendlyIds</c> and <c>adsbSensor</c>. Format: docs/cli.md. Every problem is a
/// <see cref="UsageException"/> naming the file and the field path (<c>sensors[2].maxRangeM</c>), or the line for
/// malformed JSON; an unknown field is an error, so a typo never silently leaves a default in place.
/// </summary>
internal sealed record DeploymentFile(IReadOnlyList<SensorDescriptor> Sensors, IReadOnlyList<string> FriendlyIds, string? AdsbSensorId)
{
    private static readonly string[] TopFields = ["sensors", "friendlyIds", "adsbSensor"];
    private static readonly string[] SensorFields =
        ["id", "name", "kind", "lat", "lon", "altM", "maxRangeM", "scanPeriodS", "noise", "asterix", "sapientNodeId"];

    public static DeploymentFile Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{path}: cannot read the sensors file: {e.Message}");
        }

        return Parse(path, json);
    }

    public static DeploymentFile Parse(string name, string json)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UsageException($"{name}: line {e.LineNumber + 1}: malformed JSON: {e.Message}");
        }

        using (doc)
        {
            var root = new Node(name, "", doc.RootElement);
            root.OnlyFields(TopFields);
            var sensorNodes = root.Field("sensors").Items();
            if (sensorNodes.Count == 0)
                throw root.Field("sensors").Error("needs at least one sensor");
            var sensors = sensorNodes.Select(ReadSensor).ToList();
            for (int i = 0; i < sensors.Count; i++)
            {
                if (sensors.FindIndex(s => s.Id == sensors[i].Id) < i)
                    throw sensorNodes[i].Field("id").Error($"duplicate sensor id \"{sensors[i].Id}\"");
            }

            var friendly = root.Optional("friendlyIds")?.Items().Select(CooperativeId).ToList() ?? [];
            string? adsb = root.Optional("adsbSensor")?.Text();
            if (adsb is not null && !sensors.Any(s => s.Id == adsb && s.Kind == SensorKind.Cooperative))
                throw root.Field("adsbSensor").Error($"\"{adsb}\" is not a cooperative sensor of this file");
            return new DeploymentFile(sensors, friendly, adsb);
        }
    }

    private static SensorDescriptor ReadSensor(Node o)
    {
        o.OnlyFields(SensorFields);
        string id = o.Field("id").Text();
        if (id.Length == 0)
            throw o.Field("id").Error("must not be empty");
        var kindNode = o.Field("kind");
        var kind = kindNode.Text() switch
        {
            "radar" => SensorKind.Radar,
            "passive-rf" => SensorKind.PassiveRf,
            "acoustic" => SensorKind.Acoustic,
            "camera" => SensorKind.Camera,
            "cooperative" => SensorKind.Cooperative,
            var other => throw kindNode.Error($"unknown sensor kind \"{other}\" (expected radar, passive-rf, acoustic, camera or cooperative)"),
        };
        var position = new GeoPoint(
            o.Field("lat").Number(-90, 90), o.Field("lon").Number(-180, 180), o.Optional("altM")?.Number(-500, 10_000) ?? 0);
        var sensor = new SensorDescriptor(id, o.Optional("name")?.Text() ?? id, kind, position,
            o.Field("maxRangeM").Positive(), o.Field("scanPeriodS").Positive());
        if (o.Optional("noise") is { } noise)
        {
            if (kind != SensorKind.Radar)
                throw noise.Error("only radars take a noise (the other kinds report their own accuracy)");
            noise.OnlyFields(["rangeM", "azimuthDeg", "elevationDeg"]);
            sensor = sensor with
            {
                Noise = new SensorNoise(noise.Field("rangeM").Positive(), DegToRad(noise.Field("azimuthDeg").Positive()), DegToRad(noise.Field("elevationDeg").Positive())),
            };
        }

        if (o.Optional("asterix") is { } asterix)
        {
            if (kind != SensorKind.Radar)
                throw asterix.Error("only radars speak ASTERIX");
            asterix.OnlyFields(["sac", "sic"]);
            sensor = sensor with { AsterixSource = ((byte)asterix.Field("sac").Number(0, 255, integer: true), (byte)asterix.Field("sic").Number(0, 255, integer: true)) };
        }

        if (o.Optional("sapientNodeId") is { } node)
        {
            if (kind is not (SensorKind.PassiveRf or SensorKind.Acoustic or SensorKind.Camera))
                throw node.Error("only passive-rf, acoustic and camera sensors are SAPIENT nodes");
            if (!Guid.TryParseExact(node.Text(), "D", out _))
                throw node.Error($"must be a UUID such as 3f2b8c4e-1d7a-4b9e-8f00-6a5d2c1e9b70 (got \"{node.Text()}\")");
            sensor = sensor with { SapientNodeId = node.Text() };
        }

        return sensor;
    }

    private static string CooperativeId(Node n)
    {
        string text = n.Text();
        bool icao = text.StartsWith("ICAO:", StringComparison.Ordinal) && text.Length == 11 && text[5..].All(char.IsAsciiHexDigit);
        bool rid = text.StartsWith("RID:", StringComparison.Ordinal) && text.Length > 4;
        return icao ? "ICAO:" + text[5..].ToUpperInvariant()
            : rid ? text
            : throw n.Error($"a friendly id is \"ICAO:\" and 6 hex digits or \"RID:\" and a serial (got \"{text}\")");
    }

    private static double DegToRad(double deg) => deg * Math.PI / 180;

    /// <summary>One JSON value with where it is (file and path), for errors that say both.</summary>
    private readonly record struct Node(string File, string Path, JsonElement Value)
    {
        public UsageException Error(string message) => new($"{File}: {(Path.Length == 0 ? "(top level)" : Path)}: {message}");

        private Node Child(string name) => new(File, Path.Length == 0 ? name : $"{Path}.{name}", Value.GetProperty(name));

        public Node Field(string name) =>
            Object().TryGetProperty(name, out _) ? Child(name) : throw Error($"required field \"{name}\" is missing");

        public Node? Optional(string name) => Object().TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Child(name) : null;

        public void OnlyFields(string[] known)
        {
            foreach (var p in Object().EnumerateObject())
            {
                if (Array.IndexOf(known, p.Name) < 0)
                    throw Error($"unknown field \"{p.Name}\" (known: {string.Join(", ", known)})");
            }
        }

        public List<Node> Items()
        {
            if (Value.ValueKind != JsonValueKind.Array)
                throw Error("must be an array");
            var path = Path;
            var file = File;
            return [.. Value.EnumerateArray().Select((e, i) => new Node(file, $"{path}[{i}]", e))];
        }

        public string Text() => Value.ValueKind == JsonValueKind.String ? Value.GetString()! : throw Error($"must be a string (got {Value.GetRawText()})");

        public double Number(double min, double max, bool integer = false)
        {
            if (Value.ValueKind != JsonValueKind.Number || !Value.TryGetDouble(out double v) || !double.IsFinite(v))
                throw Error($"must be a number (got {Value.GetRawText()})");
            if (v < min || v > max || (integer && v != Math.Floor(v)))
                throw Error(string.Create(CultureInfo.InvariantCulture, $"must be {(integer ? "an integer" : "a number")} in {min}..{max} (got {v})"));
            return v;
        }

        public double Positive()
        {
            double v = Number(double.MinValue, double.MaxValue);
            return v > 0 ? v : throw Error(string.Create(CultureInfo.InvariantCulture, $"must be > 0 (got {v})"));
        }

        private JsonElement Object() => Value.ValueKind == JsonValueKind.Object ? Value : throw Error("must be a JSON object");
    }
}
