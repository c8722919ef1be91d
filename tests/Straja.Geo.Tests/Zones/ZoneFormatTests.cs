using CsCheck;
using Straja.Geo.Zones;

namespace Straja.Geo.Tests.Zones;

public sealed class ZoneFormatTests
{
    private static string Sample(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Zones", "Samples", name));

    private static ZoneFormatException Fails(Func<IReadOnlyList<Zone>> read) => Assert.Throws<ZoneFormatException>(() => read());

    [Fact]
    public void The_GeoJSON_sample_reads_as_its_three_zones()
    {
        var zones = ZoneGeoJson.Read(Sample("geojson-sample.geojson"));

        Assert.Equal(["tulcea-port", "isaccea-pair", "deveselu"], zones.Select(z => z.Id));
        var port = zones[0];
        Assert.Equal((ZoneKind.Restricted, ZoneSeverity.Warning), (port.Kind, port.Severity));
        var v = Assert.Single(port.Volumes);
        Assert.Equal(new AltitudeLimit(500, VerticalReference.Amsl), v.Upper);
        Assert.Equal(4, Assert.IsType<PolygonShape>(v.Shape).Exterior.Count);

        var pair = zones[1];
        Assert.Equal("Isaccea ferry landings", pair.Name);
        Assert.Equal(ZoneKind.Border, pair.Kind);
        Assert.Equal(2, pair.Volumes.Count);
        Assert.Single(Assert.IsType<PolygonShape>(pair.Volumes[1].Shape).Holes);

        var site = zones[2];
        Assert.Equal(ZoneSeverity.Critical, site.Severity); // a protected site's default
        Assert.Equal(6000, Assert.IsType<CircleShape>(Assert.Single(site.Volumes).Shape).RadiusM);
        var window = Assert.Single(site.Schedule);
        Assert.Equal([DayOfWeek.Saturday, DayOfWeek.Sunday], Assert.Single(window.Daily).Days);
        Assert.True(site.IsActiveAt(new DateTimeOffset(2026, 12, 5, 23, 59, 0, TimeSpan.Zero))); // a Saturday, 24:00 end
        Assert.False(site.IsActiveAt(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero))); // a Friday
        Assert.False(site.IsActiveAt(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero))); // a Saturday before "from"
    }

    [Fact]
    public void The_ED269_sample_converts_to_the_golden_GeoJSON()
    {
        var zones = Ed269.Read(Sample("ed269-sample.json"));
        Assert.Equal(Sample("ed269-sample.expected.geojson").TrimEnd(), Indented(ZoneGeoJson.Write(zones)));
    }

    [Fact]
    public void ED269_units_references_restriction_and_schedule_map_onto_the_model()
    {
        var zones = Ed269.Read(Sample("ed269-sample.json"));
        var mk = zones[0];
        Assert.Equal((ZoneKind.ProtectedSite, ZoneSeverity.Critical), (mk.Kind, mk.Severity));
        Assert.Empty(mk.Schedule);
        Assert.Equal(new AltitudeLimit(120, VerticalReference.Agl), mk.Volumes[0].Upper);

        var delta = zones[1];
        Assert.Equal((ZoneKind.Restricted, ZoneSeverity.Warning), (delta.Kind, delta.Severity));
        Assert.Equal(1000 * 0.3048, delta.Volumes[0].Upper!.Value.ValueM, 1e-9);
        Assert.Equal(3000 * 0.3048, Assert.IsType<CircleShape>(delta.Volumes[1].Shape).RadiusM, 1e-9);
        Assert.True(delta.IsActiveAt(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero)));
        Assert.False(delta.IsActiveAt(new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero))); // Saturday
        Assert.False(delta.IsActiveAt(new DateTimeOffset(2027, 3, 2, 10, 0, 0, TimeSpan.Zero))); // after endDateTime

        var strip = zones[2];
        Assert.Equal((ZoneKind.Border, ZoneSeverity.Warning), (strip.Kind, strip.Severity));
        Assert.True(strip.IsActiveAt(new DateTimeOffset(2026, 11, 28, 2, 0, 0, TimeSpan.Zero)));
        Assert.False(strip.IsActiveAt(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[28,45],[28.1,45],[28.1,45.1],[28,45.1],[28,45]]]}},{"type":"Feature","properties":{"id":"c"},"geometry":{"type":"Point","coordinates":[28,45]}}]}""",
        "features[1].properties.radiusM")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[[[28,45],[28.1,45],[28.1,45.1],[28,45.1]]]}}]}""",
        "features[0].geometry.coordinates[0]")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"kind":"airport"},"geometry":{"type":"Point","coordinates":[28,45]}}]}""",
        "features[0].properties.kind")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"radiusM":100,"lowerM":"low"},"geometry":{"type":"Point","coordinates":[28,45]}}]}""",
        "features[0].properties.lowerM")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"radiusM":100},"geometry":{"type":"Point","coordinates":[200,45]}}]}""",
        "features[0].geometry.coordinates")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"radiusM":100},"geometry":{"type":"LineString","coordinates":[[28,45],[29,45]]}}]}""",
        "features[0].geometry.type")]
    [InlineData("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"radiusM":100,"schedule":[{"daily":[{"days":["MON"],"start":"25:00","end":"04:00"}]}]},"geometry":{"type":"Point","coordinates":[28,45]}}]}""",
        "features[0].properties.schedule[0].daily[0].start")]
    [InlineData("""{"type":"Topology"}""", "type")]
    [InlineData("""{"type":"FeatureCollection","features":[}""", "$")]
    public void Bad_GeoJSON_is_refused_naming_the_feature_and_field(string json, string path) =>
        Assert.Equal(path, Fails(() => ZoneGeoJson.Read(json)).Path);

    [Theory]
    [InlineData("\"uomDimensions\": \"FT\"", "\"FT\"", "\"KM\"", "features[1].geometry[0].uomDimensions")]
    [InlineData("\"lowerLimit\": 1000", "\"AMSL\"", "\"SFC\"", "features[1].geometry[1].lowerVerticalReference")]
    [InlineData("\"restriction\"", "\"REQ_AUTHORISATION\"", "\"MAYBE\"", "features[1].restriction")]
    [InlineData("\"day\"", "\"FRI\"", "\"FRIDAY\"", "features[1].applicability[0].schedule[0].day[4]")]
    [InlineData("\"radius\"", "8000", "-1", "features[0].geometry[0].horizontalProjection.radius")]
    [InlineData("\"endDateTime\"", "2027-03-01", "2026-10-01", "features[1].applicability[0].endDateTime")]
    public void Bad_ED269_is_refused_naming_the_feature_and_field(string anchor, string good, string bad, string path)
    {
        // Damage the valid sample in one place: the first `good` after the first `anchor`.
        string text = Sample("ed269-sample.json");
        int g = text.IndexOf(good, text.IndexOf(anchor, StringComparison.Ordinal), StringComparison.Ordinal);
        text = string.Concat(text.AsSpan(0, g), bad, text.AsSpan(g + good.Length));

        Assert.Equal(path, Fails(() => Ed269.Read(text)).Path);
    }

    [Fact]
    public void A_missing_horizontal_projection_names_the_volume() =>
        Assert.Equal("features[0].geometry[0].horizontalProjection",
            Fails(() => Ed269.Read("""{"features":[{"identifier":"X1","geometry":[{"uomDimensions":"M"}]}]}""")).Path);

    private static readonly Gen<GeoPoint> Centres = Gen.Select(Gen.Double[43.5, 48.5], Gen.Double[20.0, 30.0], (lat, lon) => new GeoPoint(lat, lon));

    private static readonly Gen<ZoneShape> Shapes = Gen.OneOf(
        Gen.Select(Centres, Gen.Double[10, 50_000], (c, r) => (ZoneShape)new CircleShape(c, r)),
        // A star-shaped ring by increasing bearing from a centre is simple and counter-clockwise, as RFC 7946 writes it.
        Gen.Select(Centres, Gen.Double[200, 20_000].Array[3, 12], (c, radii) =>
            (ZoneShape)new PolygonShape([.. radii.Select((r, i) => Geodesic.Direct(c, -360.0 * i / radii.Length, r))])));

    private static readonly Gen<AltitudeLimit?> Limits = Gen.OneOf(
        Gen.Const((AltitudeLimit?)null),
        Gen.Select(Gen.Int[0, 3000], Gen.Enum<VerticalReference>(), (v, r) => (AltitudeLimit?)new AltitudeLimit(v, r)));

    private static readonly Gen<ActiveWindow> Windows = Gen.Select(
        Gen.Int[0, 1000].Select(d => (DateTimeOffset?)new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(d)),
        Gen.Enum<DayOfWeek>().Array[0, 3].Select(a => a.Distinct().ToArray()),
        Gen.Int[0, 1439], Gen.Int[0, 1439],
        (from, days, s, e) => new ActiveWindow(from, from!.Value.AddDays(30), [new DailyWindow(days, TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(s)), TimeOnly.FromTimeSpan(TimeSpan.FromMinutes(e)))]));

    private static readonly Gen<Zone> Zones = Gen.Select(
        Gen.Char["abcdefghij0123456789-"].Array[1, 12].Select(c => new string(c)),
        Gen.Enum<ZoneKind>(), Gen.Enum<ZoneSeverity>(),
        Gen.Select(Shapes, Limits, Gen.Int[1, 2000], (s, lo, h) => new ZoneVolume(s, lo, lo is { } l ? new AltitudeLimit(l.ValueM + h, l.Reference) : null)).Array[1, 3],
        Windows.Array[0, 2],
        (id, kind, sev, volumes, windows) => new Zone("z" + id, $"Zone {id} — ţară", kind, sev, volumes, windows));

    [Fact]
    public void GeoJSON_export_then_import_gives_back_the_same_zones()
    {
        Zones.Array[1, 4].Select(a => a.DistinctBy(z => z.Id).ToArray()).Sample(zones =>
        {
            string text = ZoneGeoJson.Write(zones);
            var back = ZoneGeoJson.Read(text);
            Assert.Equal(zones.Length, back.Count);
            for (int i = 0; i < zones.Length; i++)
            {
                Assert.Equal((zones[i].Id, zones[i].Name, zones[i].Kind, zones[i].Severity), (back[i].Id, back[i].Name, back[i].Kind, back[i].Severity));
                Assert.Equal(zones[i].Volumes.Count, back[i].Volumes.Count);
                for (int v = 0; v < zones[i].Volumes.Count; v++)
                {
                    var (a, b) = (zones[i].Volumes[v], back[i].Volumes[v]);
                    Assert.Equal((a.Lower, a.Upper), (b.Lower, b.Upper));
                    Assert.Equal(Vertices(a.Shape), Vertices(b.Shape));
                }

                Assert.Equal(zones[i].Schedule.Select(Describe), back[i].Schedule.Select(Describe));
            }

            Assert.Equal(text, ZoneGeoJson.Write(back));
        }, iter: 200);
    }

    private static IEnumerable<(double, double, double)> Vertices(ZoneShape s) => s switch
    {
        CircleShape c => [(c.Centre.LatDeg, c.Centre.LonDeg, c.RadiusM)],
        PolygonShape p => p.Exterior.Select(v => (v.LatDeg, v.LonDeg, 0.0)),
        _ => [],
    };

    private static string Describe(ActiveWindow w) =>
        $"{w.From:O}/{w.Until:O}/" + string.Join(";", w.Daily.Select(d => $"{string.Join(",", d.Days)} {d.Start:HH:mm}-{d.End:HH:mm}"));

    internal static string Indented(string json)
    {
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        return System.Text.Json.JsonSerializer.Serialize(doc.RootElement, new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
    }
}
