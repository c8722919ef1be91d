using System.Globalization;
using System.Text.RegularExpressions;

namespace Straja.Geo.Zones;

/// <summary>What a zone is for; it decides which tracks inside it are a concern.</summary>
public enum ZoneKind
{
    Restricted = 1,
    ProtectedSite = 2,
    Border = 3,
    /// <summary>Air-to-air refuelling area: friendly tankers are expected there; an unknown track inside is raised.</summary>
    AirRefuelling = 4,
}

/// <summary>How serious entering a zone is; the engine maps it onto alert severity.</summary>
public enum ZoneSeverity
{
    Info = 1,
    Warning = 2,
    Critical = 3,
}

/// <summary>What an altitude limit is measured from (ED-269 vertical references).</summary>
public enum VerticalReference
{
    /// <summary>Above mean sea level.</summary>
    Amsl = 1,
    /// <summary>Above ground level.</summary>
    Agl = 2,
    /// <summary>Above the WGS84 ellipsoid: the same scale as a track's altitude.</summary>
    Wgs84 = 3,
}

/// <summary>One altitude limit in metres and what it is measured from.</summary>
public readonly record struct AltitudeLimit(double ValueM, VerticalReference Reference);

/// <summary>A horizontal shape: <see cref="CircleShape"/> or <see cref="PolygonShape"/>.</summary>
public abstract record ZoneShape;

/// <summary>Every point within a geodesic distance of a centre.</summary>
public sealed record CircleShape(GeoPoint Centre, double RadiusM) : ZoneShape;

/// <summary>
/// A polygon: an exterior ring and optional holes, each a list of vertices without the closing repeat. Edges are
/// straight in the zone's local tangent plane, which for the tens of kilometres a zone spans is the geodesic
/// to within centimetres.
/// </summary>
public sealed record PolygonShape(IReadOnlyList<GeoPoint> Exterior, IReadOnlyList<IReadOnlyList<GeoPoint>> Holes) : ZoneShape
{
    public PolygonShape(IReadOnlyList<GeoPoint> exterior)
        : this(exterior, [])
    {
    }
}

/// <summary>A shape with an optional altitude band (null limit: unbounded on that side).</summary>
public sealed record ZoneVolume(ZoneShape Shape, AltitudeLimit? Lower = null, AltitudeLimit? Upper = null);

/// <summary>
/// A zone as the operator manages it: where (one or more volumes, as ED-269 allows), when (<see cref="Schedule"/>;
/// empty means always), what kind, and how serious an entry is.
/// </summary>
public sealed record Zone(
    string Id,
    string Name,
    ZoneKind Kind,
    ZoneSeverity Severity,
    IReadOnlyList<ZoneVolume> Volumes,
    IReadOnlyList<ActiveWindow> Schedule)
{
    /// <summary>Longest radius and farthest polygon vertex from its first vertex that the tangent-plane geometry is trusted for.</summary>
    public const double MaxExtentM = 1_000_000;

    public string? Description { get; init; }

    public bool IsActiveAt(DateTimeOffset time) => Schedule.Count == 0 || Schedule.Any(w => w.Contains(time));

    /// <summary>Every rule this zone breaks, each as "field: what is wrong"; empty when the zone is valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!ZoneIds.IsValid(Id)) errors.Add($"id: '{Id}' must be 1–64 of letters, digits, '.', '_' or '-'");
        if (string.IsNullOrWhiteSpace(Name) || Name.Length > 200) errors.Add("name: must be 1–200 characters");
        if (!Enum.IsDefined(Kind)) errors.Add($"kind: {(int)Kind} is not a zone kind");
        if (!Enum.IsDefined(Severity)) errors.Add($"severity: {(int)Severity} is not a severity");
        if (Volumes.Count == 0) errors.Add("volumes: a zone needs at least one shape");
        for (int i = 0; i < Volumes.Count; i++)
            ValidateVolume(Volumes[i], string.Create(CultureInfo.InvariantCulture, $"volumes[{i}]"), errors);
        for (int i = 0; i < Schedule.Count; i++)
        {
            foreach (var e in Schedule[i].Validate())
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"schedule[{i}].{e}"));
        }

        return errors;
    }

    private static void ValidateVolume(ZoneVolume v, string path, List<string> errors)
    {
        switch (v.Shape)
        {
            case CircleShape c:
                if (!c.Centre.IsValid) errors.Add($"{path}.centre: {c.Centre} is not a valid WGS84 position");
                if (!(c.RadiusM > 0 && c.RadiusM <= MaxExtentM)) errors.Add($"{path}.radiusM: {c.RadiusM} must be in (0, {MaxExtentM}]");
                break;
            case PolygonShape p:
                ValidateRing(p.Exterior, $"{path}.exterior", errors);
                for (int h = 0; h < p.Holes.Count; h++)
                    ValidateRing(p.Holes[h], string.Create(CultureInfo.InvariantCulture, $"{path}.holes[{h}]"), errors);
                break;
            default:
                errors.Add($"{path}.shape: missing");
                break;
        }

        foreach (var (limit, name) in new[] { (v.Lower, "lower"), (v.Upper, "upper") })
        {
            if (limit is { } l && (!double.IsFinite(l.ValueM) || Math.Abs(l.ValueM) > 100_000 || !Enum.IsDefined(l.Reference)))
                errors.Add($"{path}.{name}: {l.ValueM} m {l.Reference} is not a usable altitude");
        }

        if (v.Lower is { } lo && v.Upper is { } up && lo.Reference == up.Reference && lo.ValueM >= up.ValueM)
            errors.Add($"{path}: lower limit {lo.ValueM} m must be below upper limit {up.ValueM} m");
    }

    private static void ValidateRing(IReadOnlyList<GeoPoint> ring, string path, List<string> errors)
    {
        if (ring.Count < 3)
        {
            errors.Add($"{path}: needs at least 3 distinct vertices, has {ring.Count}");
            return;
        }

        for (int i = 0; i < ring.Count; i++)
        {
            if (!ring[i].IsValid)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]: {ring[i]} is not a valid WGS84 position"));
                return;
            }
        }

        foreach (var p in ring)
        {
            if (Geodesic.Inverse(ring[0], p).DistanceM > MaxExtentM)
            {
                errors.Add($"{path}: spans more than {MaxExtentM / 1000:F0} km");
                return;
            }
        }
    }
}

/// <summary>Zone ids are used in URLs and alert keys: keep them plain.</summary>
public static partial class ZoneIds
{
    public static bool IsValid(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>A valid id made from arbitrary text (an ED-269 identifier, a GeoJSON name).</summary>
    public static string Sanitize(string text)
    {
        var s = Regex.Replace(text.Trim(), "[^A-Za-z0-9._-]+", "-", RegexOptions.None, TimeSpan.FromSeconds(1)).Trim('-');
        return s.Length == 0 ? "zone" : s.Length > 64 ? s[..64] : s;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
