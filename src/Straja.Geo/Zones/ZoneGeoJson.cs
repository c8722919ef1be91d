using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Straja.Geo.Zones;

/// <summary>
/// Zones as GeoJSON (RFC 7946): one Feature per volume, a Polygon, a MultiPolygon (one volume per polygon, same
/// altitude band) or a Point with <c>radiusM</c> for a circle. Features that share an <c>id</c> are one zone, so a
/// zone whose volumes have different altitude bands survives a round trip. Properties (all optional on import):
/// <c>id name kind severity description lowerM lowerRef upperM upperRef radiusM schedule</c>; docs/zones.md.
/// </summary>
public static class ZoneGeoJson
{
    /// <summary>Reads a FeatureCollection or a single Feature.</summary>
    /// <exception cref="ZoneFormatException">The text is not such GeoJSON; the message names the feature and field.</exception>
    public static IReadOnlyList<Zone> Read(string json)
    {
        using var doc = Json.Parse(json);
        var root = Json.Object(doc.RootElement, "$");
        string type = Json.RequiredString(root, "type", "");
        IEnumerable<(JsonElement Item, string Path)> features = type switch
        {
            "FeatureCollection" => Json.Array(Json.Required(root, "features", ""), "features"),
            "Feature" => [(root, "$")],
            _ => throw new ZoneFormatException("type", $"expected \"FeatureCollection\" or \"Feature\", found \"{type}\""),
        };

        var zones = new List<Zone>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        int index = 0;
        foreach (var (f, path) in features)
        {
            var zone = ReadFeature(Json.Object(f, path), path, index++);
            if (byId.TryGetValue(zone.Id, out int at))
            {
                zones[at] = zones[at] with { Volumes = [.. zones[at].Volumes, .. zone.Volumes] };
            }
            else
            {
                byId[zone.Id] = zones.Count;
                zones.Add(zone);
            }
        }

        return zones;
    }

    private static Zone ReadFeature(JsonElement f, string path, int index)
    {
        string type = Json.RequiredString(f, "type", path);
        if (type != "Feature") throw new ZoneFormatException(Json.At(path, "type"), $"expected \"Feature\", found \"{type}\"");
        string pp = Json.At(path, "properties");
        var props = Json.Optional(f, "properties") is { } p ? Json.Object(p, pp) : default;

        string? id = Json.OptionalString(props, "id", pp) ?? FeatureId(f, path);
        if (id is not null && !ZoneIds.IsValid(id))
            throw new ZoneFormatException(id == FeatureId(f, path) ? Json.At(path, "id") : Json.At(pp, "id"), $"'{id}' must be 1–64 of letters, digits, '.', '_' or '-'");
        string? name = Json.OptionalString(props, "name", pp);
        id ??= name is not null ? ZoneIds.Sanitize(name) : string.Create(CultureInfo.InvariantCulture, $"zone-{index + 1}");

        string? kindText = Json.OptionalString(props, "kind", pp);
        var kind = kindText is null ? ZoneKind.Restricted
            : ZoneWire.ParseKind(kindText) ?? throw new ZoneFormatException(Json.At(pp, "kind"), $"'{kindText}' is not one of restricted, protected-site, border, air-refuelling");
        string? sevText = Json.OptionalString(props, "severity", pp);
        var severity = sevText is null ? ZoneWire.DefaultSeverity(kind)
            : ZoneWire.ParseSeverity(sevText) ?? throw new ZoneFormatException(Json.At(pp, "severity"), $"'{sevText}' is not one of info, warning, critical");

        var lower = Limit(props, "lowerM", "lowerRef", pp);
        var upper = Limit(props, "upperM", "upperRef", pp);
        if (lower is { } lo && upper is { } up && lo.ValueM >= up.ValueM)
            throw new ZoneFormatException(Json.At(pp, "lowerM"), $"{lo.ValueM} m is not below upperM {up.ValueM} m");

        string gp = Json.At(path, "geometry");
        var g = Json.Object(Json.Required(f, "geometry", path), gp);
        string gType = Json.RequiredString(g, "type", gp);
        string cp = Json.At(gp, "coordinates");
        var c = Json.Required(g, "coordinates", gp);
        List<ZoneShape> shapes = gType switch
        {
            "Polygon" => [Json.Polygon(c, cp)],
            "MultiPolygon" => [.. Json.Array(c, cp).Select(x => Json.Polygon(x.Item, x.Path))],
            "Point" => [new CircleShape(Json.Position(c, cp), Radius(props, pp))],
            _ => throw new ZoneFormatException(Json.At(gp, "type"), $"\"{gType}\" is not a zone shape (Polygon, MultiPolygon, or Point with radiusM)"),
        };
        if (shapes.Count == 0) throw new ZoneFormatException(cp, "MultiPolygon has no polygons");

        var zone = new Zone(id, name ?? id, kind, severity, [.. shapes.Select(s => new ZoneVolume(s, lower, upper))],
            Json.Optional(props, "schedule") is { } s ? Schedule(s, Json.At(pp, "schedule")) : [])
        {
            Description = Json.OptionalString(props, "description", pp),
        };
        if (zone.Validate() is [var first, ..])
            throw new ZoneFormatException(path, first);
        return zone;
    }

    private static string? FeatureId(JsonElement f, string path) => Json.Optional(f, "id") switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { ValueKind: JsonValueKind.Number } v => v.GetRawText(),
        { } v => throw new ZoneFormatException(Json.At(path, "id"), $"expected a string or number, found {Json.Describe(v)}"),
    };

    private static double Radius(JsonElement props, string pp)
    {
        double r = Json.OptionalNumber(props, "radiusM", pp) ?? throw new ZoneFormatException(Json.At(pp, "radiusM"), "a Point zone needs a radius in metres");
        return r > 0 && r <= Zone.MaxExtentM ? r : throw new ZoneFormatException(Json.At(pp, "radiusM"), $"{r} must be in (0, {Zone.MaxExtentM}]");
    }

    private static AltitudeLimit? Limit(JsonElement props, string valueName, string refName, string pp)
    {
        double? v = Json.OptionalNumber(props, valueName, pp);
        string? r = Json.OptionalString(props, refName, pp);
        if (v is null) return null;
        var reference = r is null ? VerticalReference.Amsl
            : ZoneWire.ParseReference(r) ?? throw new ZoneFormatException(Json.At(pp, refName), $"'{r}' is not one of AMSL, AGL, WGS84");
        return new AltitudeLimit(v.Value, reference);
    }

    internal static List<ActiveWindow> Schedule(JsonElement arr, string path) =>
    [
        .. Json.Array(arr, path).Select(x =>
        {
            var w = Json.Object(x.Item, x.Path);
            var from = Json.OptionalTime(w, "from", x.Path);
            var until = Json.OptionalTime(w, "until", x.Path);
            if (from is { } f && until is { } u && u <= f)
                throw new ZoneFormatException(Json.At(x.Path, "until"), $"{u:O} is not after from {f:O}");
            var daily = Json.Optional(w, "daily") is { } d
                ? Json.Array(d, Json.At(x.Path, "daily")).Select(y => Daily(Json.Object(y.Item, y.Path), y.Path, "days", "start", "end")).ToList()
                : [];
            return new ActiveWindow(from, until, daily);
        }),
    ];

    internal static DailyWindow Daily(JsonElement o, string path, string daysName, string startName, string endName) => new(
        Json.Optional(o, daysName) is { } days ? Json.Days(days, Json.At(path, daysName)) : [],
        Json.TimeOfDay(o, startName, path),
        Json.TimeOfDay(o, endName, path));

    /// <summary>
    /// A FeatureCollection of <paramref name="zones"/>, one feature per volume. <paramref name="extra"/> adds
    /// properties to a zone's features (e.g. who changed it last); they are ignored on import.
    /// </summary>
    public static string Write(IEnumerable<Zone> zones, Func<Zone, IEnumerable<KeyValuePair<string, string>>>? extra = null)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", "FeatureCollection");
            w.WriteStartArray("features");
            foreach (var z in zones)
            {
                var more = extra?.Invoke(z).ToList() ?? [];
                foreach (var v in z.Volumes)
                    WriteFeature(w, z, v, more);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteFeature(Utf8JsonWriter w, Zone z, ZoneVolume v, List<KeyValuePair<string, string>> extra)
    {
        w.WriteStartObject();
        w.WriteString("type", "Feature");
        w.WriteStartObject("properties");
        w.WriteString("id", z.Id);
        w.WriteString("name", z.Name);
        w.WriteString("kind", z.Kind.ToWire());
        w.WriteString("severity", z.Severity.ToWire());
        if (z.Description is { } d) w.WriteString("description", d);
        if (v.Lower is { } lo)
        {
            w.WriteNumber("lowerM", lo.ValueM);
            w.WriteString("lowerRef", lo.Reference.ToWire());
        }

        if (v.Upper is { } up)
        {
            w.WriteNumber("upperM", up.ValueM);
            w.WriteString("upperRef", up.Reference.ToWire());
        }

        if (v.Shape is CircleShape circle) w.WriteNumber("radiusM", circle.RadiusM);
        if (z.Schedule.Count > 0)
        {
            w.WriteStartArray("schedule");
            foreach (var a in z.Schedule)
            {
                w.WriteStartObject();
                if (a.From is { } f) w.WriteString("from", f.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                if (a.Until is { } u) w.WriteString("until", u.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                if (a.Daily.Count > 0)
                {
                    w.WriteStartArray("daily");
                    foreach (var dw in a.Daily)
                    {
                        w.WriteStartObject();
                        w.WriteStartArray("days");
                        foreach (var day in dw.Days) w.WriteStringValue(ZoneWire.DayNames[(int)day]);
                        w.WriteEndArray();
                        w.WriteString("start", dw.Start.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                        w.WriteString("end", dw.End.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        foreach (var (k, val) in extra) w.WriteString(k, val);
        w.WriteEndObject();

        w.WriteStartObject("geometry");
        switch (v.Shape)
        {
            case CircleShape c:
                w.WriteString("type", "Point");
                w.WritePropertyName("coordinates");
                WritePosition(w, c.Centre);
                break;
            case PolygonShape p:
                w.WriteString("type", "Polygon");
                w.WriteStartArray("coordinates");
                // RFC 7946: exterior rings counter-clockwise, holes clockwise.
                WriteRing(w, p.Exterior, counterClockwise: true);
                foreach (var h in p.Holes) WriteRing(w, h, counterClockwise: false);
                w.WriteEndArray();
                break;
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRing(Utf8JsonWriter w, IReadOnlyList<GeoPoint> ring, bool counterClockwise)
    {
        w.WriteStartArray();
        var order = SignedArea(ring) > 0 == counterClockwise ? ring : ring.Reverse().ToList();
        foreach (var p in order) WritePosition(w, p);
        WritePosition(w, order[0]);
        w.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter w, GeoPoint p)
    {
        w.WriteStartArray();
        w.WriteNumberValue(p.LonDeg);
        w.WriteNumberValue(p.LatDeg);
        w.WriteEndArray();
    }

    /// <summary>Shoelace area in degrees: positive when counter-clockwise. The sign is all that is needed.</summary>
    internal static double SignedArea(IReadOnlyList<GeoPoint> ring)
    {
        double a = 0;
        for (int i = 0, j = ring.Count - 1; i < ring.Count; j = i++)
            a += (ring[j].LonDeg * ring[i].LatDeg) - (ring[i].LonDeg * ring[j].LatDeg);
        return a / 2;
    }
}
