using NetTopologySuite.Densify;
using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;
using NetTopologySuite.Index;
using NetTopologySuite.Index.Strtree;
using NetTopologySuite.Operation.Distance;

namespace Straja.Geo;

/// <summary>
/// Country polygons around Romania and the Romania–Ukraine border, from Natural Earth 1:10m (docs/geo.md).
/// Immutable after construction and safe to query from any number of threads.
/// </summary>
public sealed class BorderMap
{
    internal const string CountriesResource = "Straja.Geo.Data.countries.geojson";
    internal const string RoUaBorderResource = "Straja.Geo.Data.ro-ua-border.geojson";

    private static readonly Lazy<BorderMap> LazyEmbedded = new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Country[] _countries;
    private readonly STRtree<Country> _index = new();
    private readonly GeometryFactory _factory;
    private readonly IndexedFacetDistance _romaniaBoundary;
    private readonly IndexedFacetDistance _roUaBorder;

    internal BorderMap(string countriesGeoJson, string roUaBorderGeoJson, string countriesSource, string borderSource)
    {
        // SRID 4326: X = longitude, Y = latitude, degrees.
        _factory = new GeometryFactory(new PrecisionModel(), 4326);
        var features = GeoJsonShapes.ReadCountries(countriesGeoJson, countriesSource, _factory);
        var prepared = new PreparedGeometryFactory();
        _countries = [.. features.Select(f => new Country(f.Iso, f.Name, f.Geometry, prepared.Create(f.Geometry)))];
        foreach (var c in _countries) _index.Insert(c.Geometry.EnvelopeInternal, c);
        _index.Build();

        var romania = _countries.FirstOrDefault(c => c.Iso == "RO")
            ?? throw new GeoDataException($"{countriesSource}: no feature with properties.iso \"RO\"");
        var border = GeoJsonShapes.ReadLines(roUaBorderGeoJson, borderSource, _factory);
        RoUaBorder = border;
        _romaniaBoundary = WarmedUp(new IndexedFacetDistance(ToDistancePlane(romania.Geometry.Boundary)));
        _roUaBorder = WarmedUp(new IndexedFacetDistance(ToDistancePlane(border)));
        CountriesGeoJson = countriesGeoJson;
        RoUaBorderGeoJson = roUaBorderGeoJson;
    }

    /// <summary>The data shipped inside this assembly, parsed once on first use.</summary>
    public static BorderMap Embedded => LazyEmbedded.Value;

    /// <summary>GeoJSON FeatureCollection of the country polygons, each with properties iso and name.</summary>
    public string CountriesGeoJson { get; }

    /// <summary>GeoJSON FeatureCollection holding the Romania–Ukraine border as one MultiLineString (north part, Danube part).</summary>
    public string RoUaBorderGeoJson { get; }

    /// <summary>The Romania–Ukraine border, X = longitude, Y = latitude.</summary>
    internal MultiLineString RoUaBorder { get; }

    internal IReadOnlyList<(string Iso, Geometry Geometry)> Countries => [.. _countries.Select(c => (c.Iso, c.Geometry))];

    /// <summary>ISO 3166-1 alpha-2 code of the country containing the point ("RO", "UA", "MD", …), or null for sea
    /// and countries not in the data. A point exactly on a shared boundary belongs to one of its countries.</summary>
    public string? CountryAt(double latDeg, double lonDeg)
    {
        var query = new CountryQuery(new Coordinate(lonDeg, latDeg), _factory);
        _index.Query(new Envelope(query.Point.Coordinate), query);
        return query.Found?.Iso;
    }

    public bool IsInRomania(double latDeg, double lonDeg) => CountryAt(latDeg, lonDeg) == "RO";

    /// <summary>Geodesic distance in metres to Romania's boundary (land borders and Black Sea coast), inside or out.</summary>
    public double DistanceToRomaniaBoundaryM(double latDeg, double lonDeg) => DistanceTo(_romaniaBoundary, latDeg, lonDeg);

    /// <summary>Geodesic distance in metres to the nearest point of the Romania–Ukraine border.</summary>
    public double DistanceToRoUaBorderM(double latDeg, double lonDeg) => DistanceTo(_roUaBorder, latDeg, lonDeg);

    private double DistanceTo(IndexedFacetDistance lines, double latDeg, double lonDeg)
    {
        var here = new GeoPoint(latDeg, lonDeg);
        if (!here.IsValid) throw new ArgumentException($"not a valid WGS84 position: {here}");
        var nearest = lines.NearestPoints(_factory.CreatePoint(ConformalPlane.Project(latDeg, lonDeg)))[0];
        return Geodesic.Inverse(here, ConformalPlane.Unproject(nearest)).DistanceM;
    }

    /// <summary>
    /// GeoJSON edges are straight in longitude/latitude (RFC 7946 §3.1.1), which is neither a geodesic nor straight
    /// in the conformal plane: over the data's longest edge (37 km) the three differ by ~30 m. Densifying to
    /// 0.01° first makes the edges follow the lon/lat reading to a few centimetres whatever the plane.
    /// </summary>
    private static Geometry ToDistancePlane(Geometry lonLat) =>
        ConformalPlane.Project(Densifier.Densify(lonLat, MaxEdgeDeg));

    internal const double MaxEdgeDeg = 0.01;

    /// <summary>IndexedFacetDistance builds its tree on first query; doing it here keeps later queries read-only.</summary>
    private IndexedFacetDistance WarmedUp(IndexedFacetDistance d)
    {
        d.NearestPoints(_factory.CreatePoint(new Coordinate(0, 0)));
        return d;
    }

    private static BorderMap LoadEmbedded() =>
        new(ReadResource(CountriesResource), ReadResource(RoUaBorderResource), CountriesResource, RoUaBorderResource);

    private static string ReadResource(string name)
    {
        using var stream = typeof(BorderMap).Assembly.GetManifestResourceStream(name)
            ?? throw new GeoDataException($"embedded resource {name} is missing from {typeof(BorderMap).Assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private sealed record Country(string Iso, string Name, Geometry Geometry, IPreparedGeometry Prepared);

    /// <summary>STRtree visitor: tests the point against each candidate whose envelope holds it, stops at the first hit.</summary>
    private sealed class CountryQuery(Coordinate at, GeometryFactory factory) : IItemVisitor<Country>
    {
        public Point Point { get; } = factory.CreatePoint(at);
        public Country? Found { get; private set; }

        public void VisitItem(Country item)
        {
            if (Found is null && item.Prepared.Intersects(Point)) Found = item;
        }
    }
}
