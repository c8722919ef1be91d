using Straja.Geo;

namespace Straja.Engine.Evaluation.Rules;

/// <summary>What the rules need to know of zones, whatever defines them.</summary>
public interface IRuleZones
{
    /// <summary>The ids of the zones containing <paramref name="position"/>, at <paramref name="time"/>.</summary>
    IEnumerable<string> ZonesAt(GeoPoint position, DateTimeOffset time);

    /// <summary>Seconds until a track at <paramref name="position"/> with this ground velocity enters the zone, or null if it will not.</summary>
    double? TimeToEntryS(string zone, GeoPoint position, double velocityEastMps, double velocityNorthMps);

    /// <summary>Distance to the zone's edge (0 inside), m; null for an unknown zone.</summary>
    double? DistanceM(string zone, GeoPoint position);

    IEnumerable<string> ZoneIds { get; }
}

/// <summary>The protected sites' outer rings as rule zones (id = site id).</summary>
public sealed class ProtectedSiteZones(IReadOnlyList<ProtectedSite> sites) : IRuleZones
{
    private readonly Dictionary<string, ProtectedSite> _byId = sites.ToDictionary(s => s.Id, StringComparer.Ordinal);

    public IEnumerable<string> ZoneIds => _byId.Keys;

    public IEnumerable<string> ZonesAt(GeoPoint position, DateTimeOffset time)
    {
        foreach (var s in sites)
        {
            if (Geodesic.Inverse(s.Center, position).DistanceM <= s.OuterRadiusM)
                yield return s.Id;
        }
    }

    public double? TimeToEntryS(string zone, GeoPoint position, double velocityEastMps, double velocityNorthMps) =>
        _byId.TryGetValue(zone, out var s) && ZoneIndex.PredictEntry(position, velocityEastMps, velocityNorthMps, s, s.OuterRadiusM) is { } e
            ? e.TimeToEntryS
            : null;

    public double? DistanceM(string zone, GeoPoint position) =>
        _byId.TryGetValue(zone, out var s) ? Math.Max(0, Geodesic.Inverse(s.Center, position).DistanceM - s.OuterRadiusM) : null;
}
