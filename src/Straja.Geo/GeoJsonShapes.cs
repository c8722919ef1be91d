using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace Straja.Geo;

/// <summary>A GeoJSON text that is not what Straja's data files promise; the message names the source and the path.</summary>
public sealed class GeoDataException(string message) : Exception(message);

/// <summary>
/// Reads the two shapes of GeoJSON that Straja ships (country polygons, border lines) into NTS geometries with
/// X = longitude, Y = latitude. A hand-rolled reader because these files use four geometry types and nothing else,
/// which does not justify another package.
/// </summary>
internal static class GeoJsonShapes
{
    internal sealed record Feature(string Iso, string Name, Geometry Geometry);

    public static List<Feature> ReadCountries(string json, string source, GeometryFactory factory)
    {
        var result = new List<Feature>();
        foreach (var (f, path) in Features(json, source))
        {
            string iso = RequireString(f, "properties", "iso", $"{path}.properties.iso", source);
            string name = RequireString(f, "properties", "name", $"{path}.properties.name", source);
            var geometry = ReadGeometry(Require(f, "geometry", $"{path}.geometry", source), $"{path}.geometry", source, factory);
            if (geometry is not (Polygon or MultiPolygon))
                throw new GeoDataException($"{source}: {path}.geometry: a country must be a Polygon or MultiPolygon, was {geometry.GeometryType}");
            result.Add(new Feature(iso, name, geometry));
        }

        return result;
    }

    public static MultiLineString ReadLines(string json, string source, GeometryFactory factory)
    {
        var lines = new List<LineString>();
        foreach (var (f, path) in Features(json, source))
        {
            var g = ReadGeometry(Require(f, "geometry", $"{path}.geometry", source), $"{path}.geometry", source, factory);
            for (int i = 0; i < g.NumGeometries; i++)
            {
                if (g.GetGeometryN(i) is not LineString ls)
                    throw new GeoDataException($"{source}: {path}.geometry: a border must be LineString or MultiLineString, was {g.GeometryType}");
                lines.Add(ls);
            }
        }

        return factory.CreateMultiLineString([.. lines]);
    }

    private static IEnumerable<(JsonElement Feature, string Path)> Features(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new GeoDataException($"{source}: not JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}");
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out var t) || t.ValueKind != JsonValueKind.String
                || t.GetString() != "FeatureCollection")
                throw new GeoDataException($"{source}: $.type: expected \"FeatureCollection\"");
            var features = Require(root, "features", "$.features", source);
            if (features.ValueKind != JsonValueKind.Array) throw new GeoDataException($"{source}: $.features: expected an array");
            int i = 0;
            foreach (var f in features.EnumerateArray())
            {
                yield return (f.Clone(), string.Create(CultureInfo.InvariantCulture, $"$.features[{i}]"));
                i++;
            }
        }
    }

    private static Geometry ReadGeometry(JsonElement g, string path, string source, GeometryFactory factory)
    {
        string type = RequireString(g, null, "type", $"{path}.type", source);
        var c = Require(g, "coordinates", $"{path}.coordinates", source);
        string cp = $"{path}.coordinates";
        return type switch
        {
            "Polygon" => ReadPolygon(c, cp, source, factory),
            "MultiPolygon" => factory.CreateMultiPolygon([.. Items(c, cp, source).Select(x => ReadPolygon(x.E, x.P, source, factory))]),
            "LineString" => factory.CreateLineString(ReadPositions(c, cp, source, 2)),
            "MultiLineString" => factory.CreateMultiLineString(
                [.. Items(c, cp, source).Select(x => factory.CreateLineString(ReadPositions(x.E, x.P, source, 2)))]),
            _ => throw new GeoDataException($"{source}: {path}.type: unsupported geometry type \"{type}\""),
        };
    }

    private static Polygon ReadPolygon(JsonElement rings, string path, string source, GeometryFactory factory)
    {
        var all = Items(rings, path, source).Select(x =>
        {
            var pts = ReadPositions(x.E, x.P, source, 4);
            if (!pts[0].Equals2D(pts[^1])) throw new GeoDataException($"{source}: {x.P}: ring is not closed");
            return factory.CreateLinearRing(pts);
        }).ToArray();
        if (all.Length == 0) throw new GeoDataException($"{source}: {path}: polygon has no rings");
        return factory.CreatePolygon(all[0], all[1..]);
    }

    private static Coordinate[] ReadPositions(JsonElement arr, string path, string source, int min)
    {
        var pts = Items(arr, path, source).Select(x =>
        {
            if (x.E.ValueKind != JsonValueKind.Array || x.E.GetArrayLength() < 2
                || !x.E[0].TryGetDouble(out double lon) || !x.E[1].TryGetDouble(out double lat))
                throw new GeoDataException($"{source}: {x.P}: expected [longitude, latitude]");
            if (lon is < -180 or > 180 || lat is < -90 or > 90)
                throw new GeoDataException($"{source}: {x.P}: position [{lon}, {lat}] is outside WGS84 range");
            return new Coordinate(lon, lat);
        }).ToArray();
        if (pts.Length < min) throw new GeoDataException($"{source}: {path}: needs at least {min} positions, has {pts.Length}");
        return pts;
    }

    private static IEnumerable<(JsonElement E, string P)> Items(JsonElement arr, string path, string source)
    {
        if (arr.ValueKind != JsonValueKind.Array) throw new GeoDataException($"{source}: {path}: expected an array");
        int i = 0;
        foreach (var e in arr.EnumerateArray())
        {
            yield return (e, string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]"));
            i++;
        }
    }

    private static JsonElement Require(JsonElement obj, string name, string path, string source) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null
            ? v
            : throw new GeoDataException($"{source}: {path}: missing");

    private static string RequireString(JsonElement obj, string? parent, string name, string path, string source)
    {
        var holder = parent is null ? obj : Require(obj, parent, path[..path.LastIndexOf('.')], source);
        var v = Require(holder, name, path, source);
        return v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? s
            : throw new GeoDataException($"{source}: {path}: expected a non-empty string");
    }
}
