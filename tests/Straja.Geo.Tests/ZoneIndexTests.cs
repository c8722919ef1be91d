using System.Text.Json;
using CsCheck;

namespace Straja.Geo.Tests;

public sealed class ZoneIndexTests
{
    private static readonly IReadOnlyList<ProtectedSite> Sites = ProtectedSites.Defaults();
    private static readonly ProtectedSite Mk = Sites.Single(s => s.Id == "mk");

    [Fact]
    public void Defaults_hold_the_three_named_bases()
    {
        Assert.Equal(["mk", "deveselu", "campia-turzii"], Sites.Select(s => s.Id));
        Assert.All(Sites, s => Assert.Equal((5000.0, 15000.0), (s.InnerRadiusM, s.OuterRadiusM)));
        Assert.True(BorderMap.Embedded.IsInRomania(Mk.Center.LatDeg, Mk.Center.LonDeg));
    }

    [Theory]
    [InlineData(4_000, ZoneRing.Inner)]
    [InlineData(5_000 - 0.01, ZoneRing.Inner)]
    [InlineData(5_000 + 0.01, ZoneRing.Outer)]
    [InlineData(14_999, ZoneRing.Outer)]
    public void A_point_gets_the_innermost_ring_it_is_in(double distanceM, ZoneRing ring)
    {
        var index = new ZoneIndex(Sites);
        var hits = new List<ZoneHit>();
        index.Query(Geodesic.Direct(Mk.Center, 37, distanceM), hits);

        var hit = Assert.Single(hits);
        Assert.Equal(("mk", ring), (hit.Site.Id, hit.Ring));
        Assert.Equal(distanceM, hit.DistanceM, 1e-6);
    }

    [Fact]
    public void A_point_just_outside_the_outer_ring_hits_nothing()
    {
        var hits = new List<ZoneHit>();
        new ZoneIndex(Sites).Query(Geodesic.Direct(Mk.Center, 200, 15_000.01), hits);
        Assert.Empty(hits);
    }

    /// <summary>The box prefilter must never hide a hit: compare with plain geodesic distance to every site.</summary>
    [Fact]
    public void Query_agrees_with_distance_to_every_site()
    {
        var index = new ZoneIndex(Sites);
        Gen.Int[0, 2].Select(Gen.Double[0, 360], Gen.Double[0, 20_000]).Sample((site, az, d) =>
        {
            var p = Geodesic.Direct(Sites[site].Center, az, d);
            var hits = new List<ZoneHit>();
            index.Query(p, hits);
            var expected = Sites.Where(s => Geodesic.Inverse(s.Center, p).DistanceM <= s.OuterRadiusM).Select(s => s.Id);
            return expected.SequenceEqual(hits.Select(h => h.Site.Id));
        });
    }

    [Fact]
    public void Query_allocates_nothing_once_the_list_has_room()
    {
        var index = new ZoneIndex(Sites);
        var hits = new List<ZoneHit>(8);
        var p = Geodesic.Direct(Mk.Center, 10, 3000);
        index.Query(p, hits);
        hits.Clear();

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            hits.Clear();
            index.Query(p, hits);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Track_heading_straight_at_the_centre_enters_after_gap_over_speed()
    {
        // 30 km due south of the base, flying north at 50 m/s: the 15 km ring is 15 km away, 300 s.
        var start = Geodesic.Direct(Mk.Center, 180, 30_000);
        var p = ZoneIndex.PredictEntry(start, 0, 50, Mk, 15_000);

        Assert.NotNull(p);
        Assert.Equal(300, p.Value.TimeToEntryS, 0.05);
        Assert.Equal(0, p.Value.ClosestApproachM, 1);
        Assert.Equal(600, p.Value.TimeToClosestApproachS, 0.05);
    }

    [Fact]
    public void Track_passing_abeam_enters_where_Pythagoras_says()
    {
        // 9 km east and 20 km south of the centre, flying north at 40 m/s: closest approach 9 km, abeam after 500 s;
        // the 15 km circle is met 12 km short of abeam (9-12-15 triangle), so after (20 − 12) km / 40 m/s = 200 s.
        var frame = new LocalFrame(Mk.Center);
        var start = frame.ToGeo(new Enu(9_000, -20_000, 0));
        var p = ZoneIndex.PredictEntry(start with { AltM = 0 }, 0, 40, Mk, 15_000);

        Assert.NotNull(p);
        Assert.Equal(200, p.Value.TimeToEntryS, 1.0);
        // "North" at the start is turned from north at the base by meridian convergence γ = Δλ sin φ (1.4 mrad
        // here), which moves the abeam point by 20 km × γ ≈ 28 m towards the centre.
        double gamma = Wgs84.DegToRad(start.LonDeg - Mk.Center.LonDeg) * Math.Sin(Wgs84.DegToRad(Mk.Center.LatDeg));
        Assert.Equal(9_000 - 20_000 * gamma, p.Value.ClosestApproachM, 2.0);
        Assert.Equal(500, p.Value.TimeToClosestApproachS, 1.0);
    }

    [Fact]
    public void Track_that_passes_wide_or_moves_away_never_enters()
    {
        var frame = new LocalFrame(Mk.Center);
        var wide = frame.ToGeo(new Enu(16_000, -20_000, 0)) with { AltM = 0 };
        Assert.Null(ZoneIndex.PredictEntry(wide, 0, 40, Mk, 15_000));

        var south = Geodesic.Direct(Mk.Center, 180, 30_000);
        Assert.Null(ZoneIndex.PredictEntry(south, 0, -50, Mk, 15_000));
        Assert.Null(ZoneIndex.PredictEntry(south, 0, 0, Mk, 15_000));
    }

    [Fact]
    public void Track_already_inside_is_entering_now()
    {
        var inside = Geodesic.Direct(Mk.Center, 90, 4_000);
        var p = ZoneIndex.PredictEntry(inside, 10, 0, Mk, 5_000);
        Assert.Equal(0, p?.TimeToEntryS);
    }

    [Fact]
    public void GeoJson_has_an_inner_and_outer_closed_ring_per_site_at_the_right_radius()
    {
        using var doc = JsonDocument.Parse(new ZoneIndex(Sites).ToGeoJson());
        var features = doc.RootElement.GetProperty("features").EnumerateArray().ToList();

        Assert.Equal(6, features.Count);
        foreach (var f in features)
        {
            var props = f.GetProperty("properties");
            var site = Sites.Single(s => s.Id == props.GetProperty("id").GetString());
            double r = props.GetProperty("radiusM").GetDouble();
            Assert.Equal(props.GetProperty("ring").GetString() == "inner" ? site.InnerRadiusM : site.OuterRadiusM, r);
            Assert.Equal(site.Name, props.GetProperty("name").GetString());
            var ring = f.GetProperty("geometry").GetProperty("coordinates")[0].EnumerateArray()
                .Select(c => new GeoPoint(c[1].GetDouble(), c[0].GetDouble())).ToList();
            Assert.Equal(ring[0], ring[^1]);
            Assert.All(ring, p => Assert.Equal(r, Geodesic.Inverse(site.Center, p).DistanceM, 0.2));
        }
    }

    [Fact]
    public void Bad_radii_are_rejected_naming_the_site()
    {
        var bad = new ProtectedSite("x", "X", new GeoPoint(45, 25), 5000, 1000);
        var ex = Assert.Throws<ArgumentException>(() => new ZoneIndex([bad]));
        Assert.Contains("site x", ex.Message, StringComparison.Ordinal);
    }
}
