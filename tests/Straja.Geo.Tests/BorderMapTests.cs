using NetTopologySuite.Geometries;

namespace Straja.Geo.Tests;

public sealed class BorderMapTests
{
    private static readonly BorderMap Map = BorderMap.Embedded;

    [Theory]
    [InlineData("Galați", 45.4353, 28.0080)]
    [InlineData("Tulcea", 45.1716, 28.7914)]
    [InlineData("Mihail Kogălniceanu", 44.362, 28.488)]
    [InlineData("Bucharest", 44.4268, 26.1025)]
    [InlineData("Sighetu Marmației", 47.9286, 23.8927)]
    public void Romanian_places_are_in_Romania(string place, double lat, double lon)
    {
        Assert.True(Map.IsInRomania(lat, lon), place);
        Assert.Equal("RO", Map.CountryAt(lat, lon));
    }

    [Theory]
    [InlineData("Izmail", 45.3500, 28.8370, "UA")]
    [InlineData("Reni", 45.457, 28.283, "UA")]
    [InlineData("Odesa", 46.4825, 30.7233, "UA")]
    [InlineData("Kyiv", 50.4501, 30.5234, "UA")]
    [InlineData("Chernivtsi", 48.2921, 25.9358, "UA")]
    [InlineData("Chișinău", 47.0105, 28.8638, "MD")]
    [InlineData("Sofia", 42.6977, 23.3219, "BG")]
    [InlineData("Belgrade", 44.8125, 20.4612, "RS")]
    [InlineData("Budapest", 47.4979, 19.0402, "HU")]
    public void Neighbouring_places_are_in_their_countries(string place, double lat, double lon, string iso)
    {
        Assert.Equal(iso, Map.CountryAt(lat, lon));
        Assert.False(Map.IsInRomania(lat, lon), place);
    }

    [Theory]
    [InlineData(43.5, 31.5)]
    [InlineData(44.5, 29.5)]
    [InlineData(35.0, 18.0)]
    public void Sea_and_places_outside_the_data_have_no_country(double lat, double lon) =>
        Assert.Null(Map.CountryAt(lat, lon));

    [Fact]
    public void Border_passes_within_2_km_of_Isaccea() =>
        Assert.InRange(Map.DistanceToRoUaBorderM(45.27, 28.46), 0, 2000);

    [Fact]
    public void Border_has_a_northern_part_and_a_Danube_part()
    {
        var parts = Enumerable.Range(0, Map.RoUaBorder.NumGeometries).Select(i => Map.RoUaBorder.GetGeometryN(i)).ToList();

        Assert.Equal(2, parts.Count);
        var north = parts.Single(p => p.EnvelopeInternal.MinY > 47.5);
        var danube = parts.Single(p => p.EnvelopeInternal.MaxY < 45.6);
        Assert.InRange(north.EnvelopeInternal.MinX, 22.5, 23.2); // from the Tisza near the Hungarian tripoint
        Assert.InRange(north.EnvelopeInternal.MaxX, 26.3, 26.8); // to the Moldovan tripoint near Herța
        Assert.InRange(danube.EnvelopeInternal.MaxX, 29.5, 29.8); // down the Chilia arm to the Black Sea
    }

    /// <summary>
    /// The official length, about 650 km, follows every meander of the Tisa, Prut-side streams and the Danube's
    /// Chilia arm and includes the maritime segment; the 1:10m generalisation straightens meanders and stops at the
    /// coast. Measured on this data: 516.6 km (north part plus Danube part).
    /// </summary>
    [Fact]
    public void Border_length_is_plausible()
    {
        double total = 0;
        foreach (var line in Map.RoUaBorder.Geometries.Cast<LineString>())
        {
            for (int i = 1; i < line.NumPoints; i++)
            {
                var a = line.GetCoordinateN(i - 1);
                var b = line.GetCoordinateN(i);
                total += Geodesic.Inverse(new GeoPoint(a.Y, a.X), new GeoPoint(b.Y, b.X)).DistanceM;
            }
        }

        Console.WriteLine($"RO-UA border length {total / 1000:F1} km");
        Assert.InRange(total, 480e3, 700e3);
    }

    /// <summary>Fast path (STRtree + prepared geometry) against the slow path (plain Geometry.Contains).</summary>
    [Fact]
    public void CountryAt_agrees_with_plain_Contains_on_random_points()
    {
        var rng = new Random(20260417);
        var factory = new GeometryFactory();
        var countries = Map.Countries;
        for (int i = 0; i < 4000; i++)
        {
            double lat = 42 + rng.NextDouble() * 9, lon = 19 + rng.NextDouble() * 13;
            var p = factory.CreatePoint(new Coordinate(lon, lat));
            string? expected = countries.FirstOrDefault(c => c.Geometry.Contains(p)).Iso;
            Assert.True(expected == Map.CountryAt(lat, lon), $"({lat}, {lon}): expected {expected ?? "null"}");
        }
    }

    /// <summary>
    /// The indexed conformal-plane search against brute force: geodesic distance to every border edge sampled every
    /// ~20 m, edges read as straight in lon/lat as GeoJSON defines them. Agreement to a few metres shows the plane
    /// picks the right facet and the distance is geodesic.
    /// </summary>
    [Fact]
    public void Distance_to_border_agrees_with_brute_force_geodesic_search()
    {
        var rng = new Random(7);
        var samples = DenseSamples(Map.RoUaBorder).ToArray();
        for (int i = 0; i < 16; i++)
        {
            double lat = 45.0 + rng.NextDouble() * 3.4, lon = 22.5 + rng.NextDouble() * 7.5;
            var here = new GeoPoint(lat, lon);
            double brute = samples.Min(s => Geodesic.Inverse(here, s).DistanceM);
            double fast = Map.DistanceToRoUaBorderM(lat, lon);
            Assert.True(Math.Abs(fast - brute) < 2, $"({lat}, {lon}): fast {fast}, brute force {brute}");
        }
    }

    [Fact]
    public void Distance_to_Romanias_boundary_is_small_on_the_coast_and_large_inland()
    {
        Assert.InRange(Map.DistanceToRomaniaBoundaryM(44.1733, 28.6383), 0, 3000); // Constanța harbour
        Assert.InRange(Map.DistanceToRomaniaBoundaryM(46.77, 23.59), 100e3, 160e3); // Cluj-Napoca, ~130 km from Hungary
        Assert.InRange(Map.DistanceToRomaniaBoundaryM(45.95, 24.97), 150e3, 260e3); // Romania's middle
    }

    [Fact]
    public void GeoJson_texts_are_feature_collections()
    {
        Assert.Contains("\"FeatureCollection\"", Map.CountriesGeoJson, StringComparison.Ordinal);
        Assert.Contains("\"MultiLineString\"", Map.RoUaBorderGeoJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_country_data_names_the_field_that_is_wrong()
    {
        const string bad = """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"X"},"geometry":null}]}""";
        var ex = Assert.Throws<GeoDataException>(() => new BorderMap(bad, "{}", "bad.geojson", "border.geojson"));
        Assert.Contains("bad.geojson: $.features[0].properties.iso", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Open_ring_is_reported_with_its_path()
    {
        const string bad = """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"iso":"RO","name":"R"},
             "geometry":{"type":"Polygon","coordinates":[[[20,44],[21,44],[21,45],[20,46]]]}}]}
            """;
        var ex = Assert.Throws<GeoDataException>(() => new BorderMap(bad, "{}", "c.geojson", "b.geojson"));
        Assert.Contains("c.geojson: $.features[0].geometry.coordinates[0]: ring is not closed", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_reports_where()
    {
        var ex = Assert.Throws<GeoDataException>(() => new BorderMap("{\"type\": ", "{}", "c.geojson", "b.geojson"));
        Assert.StartsWith("c.geojson: not JSON (line 1", ex.Message, StringComparison.Ordinal);
    }

    private static IEnumerable<GeoPoint> DenseSamples(MultiLineString lines)
    {
        foreach (var line in lines.Geometries.Cast<LineString>())
        {
            for (int i = 1; i < line.NumPoints; i++)
            {
                var a = new GeoPoint(line.GetCoordinateN(i - 1).Y, line.GetCoordinateN(i - 1).X);
                var b = new GeoPoint(line.GetCoordinateN(i).Y, line.GetCoordinateN(i).X);
                int n = Math.Max(1, (int)(Geodesic.Inverse(a, b).DistanceM / 20));
                for (int k = 0; k <= n; k++)
                {
                    double t = (double)k / n;
                    yield return new GeoPoint(a.LatDeg + t * (b.LatDeg - a.LatDeg), a.LonDeg + t * (b.LonDeg - a.LonDeg));
                }
            }
        }
    }
}
