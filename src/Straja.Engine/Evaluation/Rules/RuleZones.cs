using Straja.Geo.Zones;

namespace Straja.Engine.Evaluation.Rules;

/// <summary>What the rules need to know of zones, whatever defines them.</summary>
public interface IRuleZones
{
    /// <summary>The ids of the zones active at <paramref name="time"/> that contain <paramref name="position"/>.</summary>
    IEnumerable<string> ZonesAt(GeoPoint position, DateTimeOffset time);

    /// <summary>Seconds until a track at <paramref name="position"/> with this velocity enters the zone (null: it will not, within an hour).</summary>
    double? TimeToEntryS(string zone, GeoPoint position, double velocityEastMps, double velocityNorthMps, double velocityUpMps, DateTimeOffset time);

    /// <summary>The point a closing speed is measured against: a circle's centre, a polygon's vertex mean; null for an unknown zone.</summary>
    GeoPoint? Reference(string zone);

    IEnumerable<string> ZoneIds { get; }
}

/// <summary>The engine's current zone set (docs/zones.md) as rule zones; follows <see cref="Fusion.FusionEngine.ReplaceZones"/>.</summary>
public sealed class ZoneSetRuleZones(Func<ZoneSet> current) : IRuleZones
{
    private const double HorizonS = 3600;
    private readonly List<ZoneContainment> _inside = [];
    private readonly List<ZoneEntryForecast> _entries = [];

    public IEnumerable<string> ZoneIds => current().Zones.Select(z => z.Id);

    public IEnumerable<string> ZonesAt(GeoPoint position, DateTimeOffset time)
    {
        _inside.Clear();
        current().Query(position, time, _inside);
        return _inside.Select(c => c.Zone.Id).ToList();
    }

    public double? TimeToEntryS(string zone, GeoPoint position, double velocityEastMps, double velocityNorthMps, double velocityUpMps, DateTimeOffset time)
    {
        _entries.Clear();
        current().PredictEntries(position, velocityEastMps, velocityNorthMps, velocityUpMps, time, HorizonS, _entries);
        foreach (var e in _entries)
        {
            if (e.Zone.Id == zone)
                return e.TimeToEntryS;
        }

        return null;
    }

    public GeoPoint? Reference(string zone)
    {
        var z = current().Zones.FirstOrDefault(x => x.Id == zone);
        if (z is null || z.Volumes.Count == 0)
            return null;
        return z.Volumes[0].Shape switch
        {
            CircleShape c => c.Centre,
            PolygonShape p when p.Exterior.Count > 0 => new GeoPoint(p.Exterior.Average(v => v.LatDeg), p.Exterior.Average(v => v.LonDeg)),
            _ => null,
        };
    }
}
