namespace Straja.Geo.Zones;

/// <summary>The zones a new installation starts with; after that the operator's store is the truth.</summary>
public static class ZoneCatalog
{
    /// <summary>
    /// Each protected site (<see cref="ProtectedSites.Defaults"/>) as two circles: the inner one critical under the
    /// site's id, the outer one a warning under "id-outer". Plus the air-to-air refuelling area round the tanker
    /// racetrack the demo flies (<see cref="RefuellingArea"/>).
    /// </summary>
    public static IReadOnlyList<Zone> Defaults(double innerRadiusM = 5000, double outerRadiusM = 15000)
    {
        var zones = new List<Zone>();
        foreach (var s in ProtectedSites.Defaults(innerRadiusM, outerRadiusM))
        {
            zones.Add(new Zone(s.Id, s.Name, ZoneKind.ProtectedSite, ZoneSeverity.Critical, [new ZoneVolume(new CircleShape(s.Center, s.InnerRadiusM))], []));
            zones.Add(new Zone($"{s.Id}-outer", $"{s.Name} (outer)", ZoneKind.ProtectedSite, ZoneSeverity.Warning,
                [new ZoneVolume(new CircleShape(s.Center, s.OuterRadiusM))], []));
        }

        zones.Add(RefuellingArea());
        return zones;
    }

    /// <summary>
    /// A 90 × 35 km box on the 60 × 15 km racetrack that the eastern-border scenario's tanker flies (centre 44.6 N
    /// 27.9 E, legs on 110°), from 1500 m to 10 000 m: high enough that farm drones under it do not count, low enough
    /// to catch anything climbing towards the tankers' levels.
    /// </summary>
    public static Zone RefuellingArea()
    {
        var centre = new GeoPoint(44.6000, 27.9000);
        const double HalfLengthM = 45_000, HalfWidthM = 17_500, HeadingDeg = 110;
        GeoPoint Corner(double along, double across) =>
            Geodesic.Direct(Geodesic.Direct(centre, HeadingDeg, along), HeadingDeg + 90, across);
        // Counter-clockwise seen from above: the right-hand corners first going forward, then back along the left.
        GeoPoint[] ring =
        [
            Corner(-HalfLengthM, HalfWidthM), Corner(HalfLengthM, HalfWidthM), Corner(HalfLengthM, -HalfWidthM), Corner(-HalfLengthM, -HalfWidthM),
        ];
        if (ZoneGeoJson.SignedArea(ring) < 0) Array.Reverse(ring);
        return new Zone("aar-east", "Air refuelling area EAST", ZoneKind.AirRefuelling, ZoneSeverity.Warning,
            [new ZoneVolume(new PolygonShape([.. ring.Select(p => new GeoPoint(Math.Round(p.LatDeg, 6), Math.Round(p.LonDeg, 6)))]),
                new AltitudeLimit(1500, VerticalReference.Amsl), new AltitudeLimit(10_000, VerticalReference.Amsl))], [])
        {
            Description = "Tanker racetrack: friendly tankers expected; any unknown track inside is raised to critical.",
        };
    }
}
