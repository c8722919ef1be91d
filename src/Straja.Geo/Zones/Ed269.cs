using System.Globalization;
using System.Text.Json;

namespace Straja.Geo.Zones;

/// <summary>
/// Reads UAS geographical zones in the EUROCAE ED-269 JSON model: <c>{"features": [UASZone…]}</c>, each zone with
/// <c>identifier</c>, <c>name</c>, <c>restriction</c>, <c>reason</c>, <c>applicability[]</c> and <c>geometry[]</c>
/// volumes (<c>uomDimensions</c>, <c>lowerLimit</c>/<c>upperLimit</c>, <c>lowerVerticalReference</c>/
/// <c>upperVerticalReference</c>, and a <c>horizontalProjection</c> that is a GeoJSON Polygon or an ED-269 Circle
/// with <c>center</c> [lon, lat] and <c>radius</c> in <c>uomDimensions</c>). Fields Straja has no use for
/// (zoneAuthority, country, region, message…) are read past. How restriction and reason map onto a
/// <see cref="ZoneKind"/> and <see cref="ZoneSeverity"/> is in docs/zones.md.
/// </summary>
public static class Ed269
{
    private const double FootM = 0.3048;

    /// <exception cref="ZoneFormatException">The text is not ED-269 zones; the message names the feature and field.</exception>
    public static IReadOnlyList<Zone> Read(string json)
    {
        using var doc = Json.Parse(json);
        var root = Json.Object(doc.RootElement, "$");
        var zones = new List<Zone>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (f, path) in Json.Array(Json.Required(root, "features", ""), "features"))
        {
            var zone = ReadZone(Json.Object(f, path), path);
            if (!ids.Add(zone.Id)) throw new ZoneFormatException(Json.At(path, "identifier"), $"'{zone.Id}' is used by an earlier feature");
            zones.Add(zone);
        }

        return zones;
    }

    private static Zone ReadZone(JsonElement f, string path)
    {
        string identifier = Json.RequiredString(f, "identifier", path);
        if (string.IsNullOrWhiteSpace(identifier)) throw new ZoneFormatException(Json.At(path, "identifier"), "empty");
        string id = ZoneIds.IsValid(identifier) ? identifier : ZoneIds.Sanitize(identifier);
        string name = Json.OptionalString(f, "name", path) is { Length: > 0 } n ? n : identifier;

        string? restriction = Json.OptionalString(f, "restriction", path);
        var severity = restriction switch
        {
            null or "PROHIBITED" => ZoneSeverity.Critical,
            "REQ_AUTHORISATION" or "CONDITIONAL" => ZoneSeverity.Warning,
            "NO_RESTRICTION" => ZoneSeverity.Info,
            _ => throw new ZoneFormatException(Json.At(path, "restriction"), $"'{restriction}' is not one of PROHIBITED, REQ_AUTHORISATION, CONDITIONAL, NO_RESTRICTION"),
        };
        var reasons = Json.Optional(f, "reason") is { } r
            ? Json.Array(r, Json.At(path, "reason")).Select(x => x.Item.ValueKind == JsonValueKind.String ? x.Item.GetString()! : throw new ZoneFormatException(x.Path, "expected a string")).ToList()
            : [];
        var kind = reasons.Contains("FOREIGN_TERRITORY") ? ZoneKind.Border
            : reasons.Contains("SENSITIVE") ? ZoneKind.ProtectedSite
            : ZoneKind.Restricted;

        string gp = Json.At(path, "geometry");
        var volumes = Json.Array(Json.Required(f, "geometry", path), gp).Select(x => Volume(Json.Object(x.Item, x.Path), x.Path)).ToList();
        if (volumes.Count == 0) throw new ZoneFormatException(gp, "a zone needs at least one volume");

        var schedule = new List<ActiveWindow>();
        if (Json.Optional(f, "applicability") is { } apps)
        {
            foreach (var (a, ap) in Json.Array(apps, Json.At(path, "applicability")))
            {
                var window = Applicability(Json.Object(a, ap), ap);
                if (window is null)
                {
                    // A permanent applicability makes the zone always active, whatever the others say.
                    schedule.Clear();
                    break;
                }

                schedule.Add(window);
            }
        }

        var zone = new Zone(id, name, kind, severity, volumes, schedule)
        {
            Description = Json.OptionalString(f, "message", path) ?? (reasons.Count > 0 ? string.Join(", ", reasons) : null),
        };
        if (zone.Validate() is [var first, ..])
            throw new ZoneFormatException(path, first);
        return zone;
    }

    private static ZoneVolume Volume(JsonElement g, string path)
    {
        string? uom = Json.OptionalString(g, "uomDimensions", path);
        double scale = uom?.ToUpperInvariant() switch
        {
            null or "M" => 1,
            "FT" => FootM,
            _ => throw new ZoneFormatException(Json.At(path, "uomDimensions"), $"'{uom}' is not M or FT"),
        };
        var lower = Limit(g, "lowerLimit", "lowerVerticalReference", path, scale);
        var upper = Limit(g, "upperLimit", "upperVerticalReference", path, scale);
        if (lower is { } lo && upper is { } up && lo.Reference == up.Reference && lo.ValueM >= up.ValueM)
            throw new ZoneFormatException(Json.At(path, "lowerLimit"), $"{lo.ValueM / scale} is not below upperLimit {up.ValueM / scale}");

        string hp = Json.At(path, "horizontalProjection");
        var h = Json.Object(Json.Required(g, "horizontalProjection", path), hp);
        string type = Json.RequiredString(h, "type", hp);
        ZoneShape shape = type switch
        {
            "Polygon" => Json.Polygon(Json.Required(h, "coordinates", hp), Json.At(hp, "coordinates")),
            "Circle" => new CircleShape(
                Json.Position(Json.Required(h, "center", hp), Json.At(hp, "center")),
                Json.OptionalNumber(h, "radius", hp) is { } rad && rad > 0 && rad * scale <= Zone.MaxExtentM
                    ? rad * scale
                    : throw new ZoneFormatException(Json.At(hp, "radius"), "missing, not positive, or over 1000 km")),
            _ => throw new ZoneFormatException(Json.At(hp, "type"), $"\"{type}\" is not Polygon or Circle"),
        };
        return new ZoneVolume(shape, lower, upper);
    }

    private static AltitudeLimit? Limit(JsonElement g, string valueName, string refName, string path, double scale)
    {
        double? v = Json.OptionalNumber(g, valueName, path);
        if (v is null) return null;
        string? r = Json.OptionalString(g, refName, path);
        var reference = r is null ? VerticalReference.Amsl
            : ZoneWire.ParseReference(r) ?? throw new ZoneFormatException(Json.At(path, refName), $"'{r}' is not AGL, AMSL or WGS84");
        return new AltitudeLimit(v.Value * scale, reference);
    }

    /// <summary>One applicability entry as a window; null when it is permanent.</summary>
    private static ActiveWindow? Applicability(JsonElement a, string path)
    {
        string? permanent = Json.OptionalString(a, "permanent", path);
        if (permanent is not (null or "YES" or "NO"))
            throw new ZoneFormatException(Json.At(path, "permanent"), $"'{permanent}' is not YES or NO");
        var from = Json.OptionalTime(a, "startDateTime", path);
        var until = Json.OptionalTime(a, "endDateTime", path);
        if (from is { } f && until is { } u && u <= f)
            throw new ZoneFormatException(Json.At(path, "endDateTime"), string.Create(CultureInfo.InvariantCulture, $"{u:O} is not after startDateTime {f:O}"));
        var daily = Json.Optional(a, "schedule") is { } s
            ? Json.Array(s, Json.At(path, "schedule")).Select(x => ZoneGeoJson.Daily(Json.Object(x.Item, x.Path), x.Path, "day", "startTime", "endTime")).ToList()
            : [];
        if (permanent == "YES" && from is null && until is null && daily.Count == 0) return null;
        if (permanent != "YES" && from is null && until is null && daily.Count == 0)
            throw new ZoneFormatException(path, "not permanent, yet has no startDateTime, endDateTime or schedule");
        return new ActiveWindow(from, until, daily);
    }
}
