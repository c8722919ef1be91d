using System.Globalization;
using System.Text.Json;

namespace Straja.Geo.Zones;

/// <summary>A zone file or request that cannot be read; <see cref="Path"/> names the feature and field (e.g. <c>features[2].properties.lowerM</c>).</summary>
public sealed class ZoneFormatException(string path, string problem) : Exception($"{path}: {problem}")
{
    public string Path { get; } = path;
    public string Problem { get; } = problem;
}

/// <summary>The frozen spellings of zone enums outside the process: API, store, files, console.</summary>
public static class ZoneWire
{
    public static string ToWire(this ZoneKind kind) => kind switch
    {
        ZoneKind.ProtectedSite => "protected-site",
        ZoneKind.Border => "border",
        ZoneKind.AirRefuelling => "air-refuelling",
        _ => "restricted",
    };

    public static ZoneKind? ParseKind(string? s) => s switch
    {
        "restricted" => ZoneKind.Restricted,
        "protected-site" => ZoneKind.ProtectedSite,
        "border" => ZoneKind.Border,
        "air-refuelling" => ZoneKind.AirRefuelling,
        _ => null,
    };

    public static string ToWire(this ZoneSeverity severity) => severity switch
    {
        ZoneSeverity.Info => "info",
        ZoneSeverity.Critical => "critical",
        _ => "warning",
    };

    public static ZoneSeverity? ParseSeverity(string? s) => s switch
    {
        "info" => ZoneSeverity.Info,
        "warning" => ZoneSeverity.Warning,
        "critical" => ZoneSeverity.Critical,
        _ => null,
    };

    public static string ToWire(this VerticalReference r) => r switch
    {
        VerticalReference.Agl => "AGL",
        VerticalReference.Wgs84 => "WGS84",
        _ => "AMSL",
    };

    public static VerticalReference? ParseReference(string? s) => s?.ToUpperInvariant() switch
    {
        "AMSL" => VerticalReference.Amsl,
        "AGL" => VerticalReference.Agl,
        "WGS84" => VerticalReference.Wgs84,
        _ => null,
    };

    /// <summary>The severity a zone of this kind gets when its file does not say.</summary>
    public static ZoneSeverity DefaultSeverity(ZoneKind kind) => kind == ZoneKind.ProtectedSite ? ZoneSeverity.Critical : ZoneSeverity.Warning;

    internal static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
}

/// <summary>Reading helpers that name the JSON path of whatever is wrong.</summary>
internal static class Json
{
    public static JsonDocument Parse(string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new ZoneFormatException("$", $"not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
        }
    }

    public static string At(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    public static string At(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    public static JsonElement? Optional(JsonElement obj, string name) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public static JsonElement Required(JsonElement obj, string name, string path) =>
        Optional(obj, name) ?? throw new ZoneFormatException(At(path, name), "missing");

    public static JsonElement Object(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Object ? e : throw new ZoneFormatException(path, $"expected an object, found {Describe(e)}");

    public static string? OptionalString(JsonElement obj, string name, string path) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        { } v => throw new ZoneFormatException(At(path, name), $"expected a string, found {Describe(v)}"),
    };

    public static string RequiredString(JsonElement obj, string name, string path) =>
        OptionalString(obj, name, path) ?? throw new ZoneFormatException(At(path, name), "missing");

    public static double? OptionalNumber(JsonElement obj, string name, string path) => Optional(obj, name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } v when v.TryGetDouble(out double d) && double.IsFinite(d) => d,
        { } v => throw new ZoneFormatException(At(path, name), $"expected a number, found {Describe(v)}"),
    };

    public static IEnumerable<(JsonElement Item, string Path)> Array(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array) throw new ZoneFormatException(path, $"expected an array, found {Describe(e)}");
        int i = 0;
        foreach (var item in e.EnumerateArray())
            yield return (item, At(path, i++));
    }

    /// <summary>A [longitude, latitude(, altitude)] position.</summary>
    public static GeoPoint Position(JsonElement e, string path)
    {
        if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() < 2
            || !e[0].TryGetDouble(out double lon) || !e[1].TryGetDouble(out double lat))
            throw new ZoneFormatException(path, "expected [longitude, latitude]");
        var p = new GeoPoint(lat, lon);
        return p.IsValid ? p : throw new ZoneFormatException(path, $"[{lon}, {lat}] is outside WGS84 range");
    }

    /// <summary>A closed linear ring (first position repeated last, at least four positions), returned without the repeat.</summary>
    public static List<GeoPoint> Ring(JsonElement e, string path)
    {
        var pts = Array(e, path).Select(x => Position(x.Item, x.Path)).ToList();
        if (pts.Count < 4) throw new ZoneFormatException(path, $"a ring needs at least 4 positions (closed), has {pts.Count}");
        if (pts[0] != pts[^1]) throw new ZoneFormatException(path, "ring is not closed: the last position must repeat the first");
        pts.RemoveAt(pts.Count - 1);
        return pts;
    }

    public static PolygonShape Polygon(JsonElement e, string path)
    {
        var rings = Array(e, path).Select(x => Ring(x.Item, x.Path)).ToList();
        if (rings.Count == 0) throw new ZoneFormatException(path, "polygon has no rings");
        return new PolygonShape(rings[0], rings.Skip(1).ToList());
    }

    public static DateTimeOffset? OptionalTime(JsonElement obj, string name, string path)
    {
        string? s = OptionalString(obj, name, path);
        if (s is null) return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new ZoneFormatException(At(path, name), $"'{s}' is not an ISO 8601 date and time");
    }

    /// <summary>"HH:mm", "HH:mm:ss" or with fractions, an optional trailing Z (UTC is the only zone accepted); "24:00" is the end of the day.</summary>
    public static TimeOnly TimeOfDay(JsonElement obj, string name, string path)
    {
        string s = RequiredString(obj, name, path);
        string t = s.EndsWith('Z') ? s[..^1] : s;
        if (t is "24:00" or "24:00:00") return TimeOnly.MinValue;
        return TimeOnly.TryParseExact(t, ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var v)
            ? v
            : throw new ZoneFormatException(At(path, name), $"'{s}' is not a time of day (HH:mm or HH:mm:ss, UTC)");
    }

    public static List<DayOfWeek> Days(JsonElement arr, string path)
    {
        var days = new List<DayOfWeek>();
        foreach (var (item, p) in Array(arr, path))
        {
            string? d = item.ValueKind == JsonValueKind.String ? item.GetString()?.ToUpperInvariant() : null;
            if (d == "ANY") return [];
            int i = System.Array.IndexOf(ZoneWire.DayNames, d);
            if (i < 0) throw new ZoneFormatException(p, $"expected one of MON TUE WED THU FRI SAT SUN ANY, found {Describe(item)}");
            if (!days.Contains((DayOfWeek)i)) days.Add((DayOfWeek)i);
        }

        return days;
    }

    public static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => $"\"{Truncate(e.GetString() ?? "")}\"",
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => "null",
    };

    private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
