namespace Straja.Geo.Zones;

/// <summary>A zone that holds a point: which zone and which of its volumes.</summary>
public readonly record struct ZoneContainment(Zone Zone, int Volume);

/// <summary>A zone a straight-flying track will enter, and in how many seconds.</summary>
public readonly record struct ZoneEntryForecast(Zone Zone, double TimeToEntryS);

/// <summary>
/// An immutable, prepared set of zones: prepared once when the operator's zones change, then queried for every
/// track of every picture from any thread. Each volume is rejected by its latitude/longitude box before any exact
/// test; with the tens of zones a border sector has, a spatial tree would not pay for itself.
/// </summary>
public sealed class ZoneSet
{
    private readonly (Zone Zone, PreparedVolume[] Volumes)[] _zones;

    /// <exception cref="ArgumentException">A zone is invalid or two share an id; the message names them.</exception>
    public ZoneSet(IEnumerable<Zone> zones)
    {
        var list = zones.ToList();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var z in list)
        {
            if (!seen.Add(z.Id)) errors.Add($"zone {z.Id}: id used twice");
            errors.AddRange(z.Validate().Select(e => $"zone {z.Id}: {e}"));
        }

        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        _zones = [.. list.Select(z => (z, z.Volumes.Select(v => new PreparedVolume(v)).ToArray()))];
        Zones = list;
    }

    public static ZoneSet Empty { get; } = new([]);

    public IReadOnlyList<Zone> Zones { get; }

    /// <summary>Appends the zones active at <paramref name="time"/> with a volume holding <paramref name="p"/> (altitude included).</summary>
    public void Query(GeoPoint p, DateTimeOffset time, List<ZoneContainment> results)
    {
        foreach (var (zone, volumes) in _zones)
        {
            if (!zone.IsActiveAt(time)) continue;
            for (int i = 0; i < volumes.Length; i++)
            {
                if (volumes[i].Contains(p))
                {
                    results.Add(new ZoneContainment(zone, i));
                    break;
                }
            }
        }
    }

    /// <summary>
    /// Appends the zones a track flying straight at constant velocity will enter within <paramref name="horizonS"/>
    /// seconds of <paramref name="time"/>, not counting zones it is already in, and only if the zone is active at the
    /// moment of entry. Velocity is east/north/up in metres per second at <paramref name="p"/>.
    /// </summary>
    public void PredictEntries(
        GeoPoint p, double velocityEastMps, double velocityNorthMps, double velocityUpMps, DateTimeOffset time, double horizonS,
        List<ZoneEntryForecast> results)
    {
        if (!(horizonS > 0) || !double.IsFinite(velocityEastMps) || !double.IsFinite(velocityNorthMps)) return;
        var velocityEcef = new LocalFrame(p).RotateToEcef(new Enu(velocityEastMps, velocityNorthMps, 0));
        foreach (var (zone, volumes) in _zones)
        {
            double? best = null;
            bool insideNow = false;
            foreach (var v in volumes)
            {
                if (v.Contains(p))
                {
                    insideNow = true;
                    break;
                }

                if (v.TimeToEntryS(p, velocityEastMps, velocityNorthMps, velocityUpMps, velocityEcef, horizonS) is { } t && (best is null || t < best))
                    best = t;
            }

            if (!insideNow && best is { } entry && zone.IsActiveAt(time.AddSeconds(entry)))
                results.Add(new ZoneEntryForecast(zone, entry));
        }
    }
}
