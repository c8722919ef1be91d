using System.Globalization;
using System.Text;

namespace Straja.Geo;

/// <summary>A site to protect: alerts fire on entering the outer ring and again on the inner one.</summary>
public sealed record ProtectedSite(string Id, string Name, GeoPoint Center, double InnerRadiusM, double OuterRadiusM);

/// <summary>The sites named in public reporting (DESIGN.md); positions are approximate airfield centres.</summary>
public static class ProtectedSites
{
    public static IReadOnlyList<ProtectedSite> Defaults(double innerRadiusM = 5000, double outerRadiusM = 15000)
    {
        if (!(innerRadiusM > 0 && outerRadiusM >= innerRadiusM))
            throw new ArgumentException($"need 0 < inner ≤ outer radius, got inner {innerRadiusM} m, outer {outerRadiusM} m");
        return
        [
            new("mk", "Mihail Kogălniceanu air base", new GeoPoint(44.362, 28.488), innerRadiusM, outerRadiusM),
            new("deveselu", "Deveselu base", new GeoPoint(44.079, 24.411), innerRadiusM, outerRadiusM),
            new("campia-turzii", "Câmpia Turzii air base", new GeoPoint(46.503, 23.885), innerRadiusM, outerRadiusM),
        ];
    }
}

public enum ZoneRing
{
    Inner = 1,
    Outer = 2,
}

/// <summary>A point inside a site's rings: the innermost ring it is in, and its geodesic distance to the centre.</summary>
public readonly record struct ZoneHit(ProtectedSite Site, ZoneRing Ring, double DistanceM);

/// <summary>Where a straight ground track meets a zone circle.</summary>
/// <param name="TimeToEntryS">Seconds until the track crosses into the circle; 0 when already inside.</param>
/// <param name="ClosestApproachM">Least distance from the centre along the track from now on.</param>
/// <param name="TimeToClosestApproachS">Seconds until that least distance.</param>
public readonly record struct ZoneEntryPrediction(double TimeToEntryS, double ClosestApproachM, double TimeToClosestApproachS);

/// <summary>
/// Which protected rings a point is in. A ring is the set of points within a geodesic distance of the centre, so
/// the test is that distance itself: exact, with no polygon error, and one Vincenty solve (~1 µs) per site whose
/// latitude/longitude box holds the point. Polygons are only drawn for the map (<see cref="ToGeoJson"/>). An
/// STRtree over prepared polygons would pay off only with hundreds of sites, and would trade exactness for it.
/// </summary>
public sealed class ZoneIndex
{
    private const int RingVertices = 128;
    private readonly ProtectedSite[] _sites;
    private readonly double[] _latHalfDeg;
    private readonly double[] _lonHalfDeg;

    public ZoneIndex(IEnumerable<ProtectedSite> sites)
    {
        _sites = [.. sites];
        _latHalfDeg = new double[_sites.Length];
        _lonHalfDeg = new double[_sites.Length];
        for (int i = 0; i < _sites.Length; i++)
        {
            var s = _sites[i];
            if (!s.Center.IsValid) throw new ArgumentException($"site {s.Id}: centre is not a valid WGS84 position: {s.Center}");
            if (!(s.InnerRadiusM > 0 && s.OuterRadiusM >= s.InnerRadiusM && s.OuterRadiusM < 1_000_000))
                throw new ArgumentException($"site {s.Id}: need 0 < inner ≤ outer < 1000 km, got {s.InnerRadiusM} m, {s.OuterRadiusM} m");
            // Conservative box: the smallest radius of curvature is the meridional one at the equator, 6 335 439 m;
            // longitude is widened for the highest latitude the circle reaches. 1 % margin covers the rest.
            double latHalf = Wgs84.RadToDeg(s.OuterRadiusM / 6_335_439.0) * 1.01;
            double maxAbsLat = Math.Min(89.9, Math.Abs(s.Center.LatDeg) + latHalf);
            _latHalfDeg[i] = latHalf;
            _lonHalfDeg[i] = Math.Min(180, latHalf / Math.Cos(Wgs84.DegToRad(maxAbsLat)));
        }
    }

    public IReadOnlyList<ProtectedSite> Sites => _sites;

    /// <summary>Appends one hit per site whose outer ring holds <paramref name="p"/>. Allocates nothing itself.</summary>
    public void Query(GeoPoint p, List<ZoneHit> results)
    {
        for (int i = 0; i < _sites.Length; i++)
        {
            var s = _sites[i];
            if (Math.Abs(p.LatDeg - s.Center.LatDeg) > _latHalfDeg[i]) continue;
            if (Math.Abs(Geodesic.NormalizeRad(Wgs84.DegToRad(p.LonDeg - s.Center.LonDeg))) > Wgs84.DegToRad(_lonHalfDeg[i])) continue;
            double d = Geodesic.Inverse(s.Center, p).DistanceM;
            if (d <= s.OuterRadiusM) results.Add(new ZoneHit(s, d <= s.InnerRadiusM ? ZoneRing.Inner : ZoneRing.Outer, d));
        }
    }

    /// <summary>
    /// When a track moving in a straight line at constant ground velocity enters the circle of
    /// <paramref name="radiusM"/> round <paramref name="site"/>, or null if it never does (moving away, passing
    /// wide, or standing still outside). The geometry is solved in the azimuthal-equidistant plane centred on the
    /// track's position (<see cref="Zones.CircleCrossing"/>).
    /// </summary>
    public static ZoneEntryPrediction? PredictEntry(
        GeoPoint position, double velocityEastMps, double velocityNorthMps, ProtectedSite site, double radiusM)
    {
        if (!(radiusM > 0)) throw new ArgumentException($"radius must be positive, was {radiusM}", nameof(radiusM));
        if (!double.IsFinite(velocityEastMps) || !double.IsFinite(velocityNorthMps))
            throw new ArgumentException($"velocity must be finite, was ({velocityEastMps}, {velocityNorthMps}) m/s");

        var x = Zones.CircleCrossing.Solve(position, velocityEastMps, velocityNorthMps, site.Center, radiusM);
        if (x.DistanceNowM <= radiusM) return new ZoneEntryPrediction(0, x.ClosestM, x.ClosestS);
        return x.Crosses && x.EnterS >= 0 ? new ZoneEntryPrediction(x.EnterS, x.ClosestM, x.ClosestS) : null;
    }

    /// <summary>GeoJSON FeatureCollection of every site's outer and inner rings as polygons (properties id, name,
    /// ring "inner"/"outer", radiusM), outer first so a map draws the inner ring on top.</summary>
    public string ToGeoJson()
    {
        var sb = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        bool first = true;
        foreach (var s in _sites)
        {
            foreach (var (ring, r) in new[] { ("outer", s.OuterRadiusM), ("inner", s.InnerRadiusM) })
            {
                if (!first) sb.Append(',');
                first = false;
                sb.Append("{\"type\":\"Feature\",\"properties\":{\"id\":");
                AppendJsonString(sb, s.Id);
                sb.Append(",\"name\":");
                AppendJsonString(sb, s.Name);
                sb.Append(CultureInfo.InvariantCulture, $",\"ring\":\"{ring}\",\"radiusM\":{r}}},\"geometry\":{{\"type\":\"Polygon\",\"coordinates\":[[");
                // RFC 7946 wants exterior rings counter-clockwise: walk the azimuth downwards.
                for (int k = 0; k <= RingVertices; k++)
                {
                    var p = Geodesic.Direct(s.Center, -360.0 * (k % RingVertices) / RingVertices, r);
                    if (k > 0) sb.Append(',');
                    sb.Append(CultureInfo.InvariantCulture, $"[{Math.Round(p.LonDeg, 6)},{Math.Round(p.LatDeg, 6)}]");
                }

                sb.Append("]]}}");
            }
        }

        return sb.Append("]}").ToString();
    }

    private static void AppendJsonString(StringBuilder sb, string s) =>
        sb.Append(System.Text.Json.JsonSerializer.Serialize(s, ZoneJsonContext.Default.String));
}

[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class ZoneJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
