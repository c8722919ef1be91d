using CsCheck;
using Straja.Geo.Zones;

namespace Straja.Geo.Tests.Zones;

public sealed class ZoneGeometryTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero); // a Friday
    private static readonly GeoPoint Centre = new(45.0, 28.5);

    private static Zone Circle(string id, GeoPoint centre, double radiusM, AltitudeLimit? lower = null, AltitudeLimit? upper = null, params ActiveWindow[] schedule) =>
        new(id, id, ZoneKind.Restricted, ZoneSeverity.Warning, [new ZoneVolume(new CircleShape(centre, radiusM), lower, upper)], schedule);

    /// <summary>A square of side 2·<paramref name="halfM"/> round <paramref name="centre"/>, sides north-south and east-west.</summary>
    internal static PolygonShape Square(GeoPoint centre, double halfM, IReadOnlyList<IReadOnlyList<GeoPoint>>? holes = null)
    {
        GeoPoint At(double e, double n) => Geodesic.Direct(Geodesic.Direct(centre, 90, e), 0, n);
        return new PolygonShape([At(-halfM, -halfM), At(halfM, -halfM), At(halfM, halfM), At(-halfM, halfM)], holes ?? []);
    }

    private static Zone Polygon(string id, PolygonShape shape, AltitudeLimit? lower = null, AltitudeLimit? upper = null) =>
        new(id, id, ZoneKind.Restricted, ZoneSeverity.Warning, [new ZoneVolume(shape, lower, upper)], []);

    private static List<ZoneContainment> Query(ZoneSet set, GeoPoint p, DateTimeOffset? t = null)
    {
        var hits = new List<ZoneContainment>();
        set.Query(p, t ?? T, hits);
        return hits;
    }

    [Theory]
    [InlineData(9_999.9, true)]
    [InlineData(10_000.1, false)]
    public void A_circle_holds_exactly_the_points_within_its_geodesic_radius(double distanceM, bool inside)
    {
        var set = new ZoneSet([Circle("c", Centre, 10_000)]);
        Assert.Equal(inside, Query(set, Geodesic.Direct(Centre, 123, distanceM)).Count == 1);
    }

    [Fact]
    public void A_polygon_hole_is_outside_the_zone()
    {
        var hole = Square(Centre, 2_000).Exterior;
        var set = new ZoneSet([Polygon("p", Square(Centre, 10_000, [hole]))]);
        Assert.Empty(Query(set, Centre));
        Assert.Single(Query(set, Geodesic.Direct(Centre, 0, 5_000)));
        Assert.Empty(Query(set, Geodesic.Direct(Centre, 0, 10_100)));
    }

    [Fact]
    public void An_altitude_band_excludes_a_track_above_and_below_it()
    {
        var set = new ZoneSet([Circle("c", Centre, 10_000, new AltitudeLimit(100, VerticalReference.Amsl), new AltitudeLimit(3000, VerticalReference.Amsl))]);
        Assert.Single(Query(set, Centre with { AltM = 500 }));
        Assert.Empty(Query(set, Centre with { AltM = 8_000 }));
        Assert.Empty(Query(set, Centre with { AltM = 50 }));
    }

    [Fact]
    public void A_zone_outside_its_active_window_holds_nothing()
    {
        var weekdayDays = new DailyWindow([DayOfWeek.Monday, DayOfWeek.Tuesday], new TimeOnly(6, 0), new TimeOnly(18, 0));
        var set = new ZoneSet([Circle("c", Centre, 10_000, schedule: new ActiveWindow(null, null, [weekdayDays]))]);
        Assert.Empty(Query(set, Centre, T)); // Friday
        Assert.Single(Query(set, Centre, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero))); // Monday
    }

    [Theory]
    [InlineData("2026-11-27T21:00:00Z", true)] // Friday evening, the window's own day
    [InlineData("2026-11-28T03:59:00Z", true)] // Saturday early morning: Friday's night
    [InlineData("2026-11-28T21:00:00Z", false)] // Saturday evening
    [InlineData("2026-11-27T03:00:00Z", false)] // Friday early morning: Thursday's night
    public void A_daily_window_past_midnight_belongs_to_the_day_it_starts(string at, bool active)
    {
        var w = new DailyWindow([DayOfWeek.Friday], new TimeOnly(20, 0), new TimeOnly(4, 0));
        Assert.Equal(active, w.Contains(DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_absolute_period_includes_its_start_and_excludes_its_end()
    {
        var w = new ActiveWindow(T, T.AddHours(1), []);
        Assert.True(w.Contains(T));
        Assert.True(w.Contains(T.AddMinutes(59)));
        Assert.False(w.Contains(T.AddHours(1)));
        Assert.False(w.Contains(T.AddSeconds(-1)));
    }

    [Fact]
    public void A_track_heading_for_a_circle_is_forecast_to_enter_when_it_reaches_the_radius()
    {
        var set = new ZoneSet([Circle("c", Centre, 10_000)]);
        var start = Geodesic.Direct(Centre, 0, 20_000);
        var forecasts = new List<ZoneEntryForecast>();
        set.PredictEntries(start, 0, -50, 0, T, 600, forecasts);
        var f = Assert.Single(forecasts);
        Assert.Equal(200, f.TimeToEntryS, 0.5);
    }

    [Fact]
    public void A_track_heading_for_a_polygon_is_forecast_to_enter_at_its_edge()
    {
        var set = new ZoneSet([Polygon("p", Square(Centre, 5_000))]);
        var start = Geodesic.Direct(Centre, 90, 20_000);
        var forecasts = new List<ZoneEntryForecast>();
        set.PredictEntries(start, -60, 0, 0, T, 600, forecasts);
        Assert.Equal(15_000 / 60.0, Assert.Single(forecasts).TimeToEntryS, 1.0);

        forecasts.Clear();
        set.PredictEntries(start, 60, 0, 0, T, 600, forecasts); // flying away
        Assert.Empty(forecasts);
    }

    [Fact]
    public void A_climbing_track_is_forecast_to_enter_a_band_from_below_when_it_reaches_the_lower_limit()
    {
        var set = new ZoneSet([Polygon("p", Square(Centre, 5_000), new AltitudeLimit(1000, VerticalReference.Amsl), null)]);
        var forecasts = new List<ZoneEntryForecast>();
        set.PredictEntries(Centre with { AltM = 400 }, 0, 0, 5, T, 600, forecasts);
        Assert.Equal(120, Assert.Single(forecasts).TimeToEntryS, 1e-6);
    }

    [Fact]
    public void An_entry_forecast_to_fall_outside_the_zone_schedule_is_not_reported()
    {
        // Active only from 12:10; the track arrives at 12:03:20.
        var set = new ZoneSet([Circle("c", Centre, 10_000, schedule: new ActiveWindow(T.AddMinutes(10), null, []))]);
        var forecasts = new List<ZoneEntryForecast>();
        set.PredictEntries(Geodesic.Direct(Centre, 0, 20_000), 0, -50, 0, T, 600, forecasts);
        Assert.Empty(forecasts);
    }

    [Fact]
    public void The_forecast_agrees_with_flying_the_track_step_by_step()
    {
        // Oracle: move the track along its course in 0.25 s steps and ask the containment test.
        var shape = new PolygonShape([
            Geodesic.Direct(Centre, 10, 6_000), Geodesic.Direct(Centre, 100, 9_000), Geodesic.Direct(Centre, 160, 4_000),
            Geodesic.Direct(Centre, 230, 8_000), Geodesic.Direct(Centre, 300, 3_000),
        ]);
        var set = new ZoneSet([Polygon("p", shape)]);
        Gen.Select(Gen.Double[0, 360], Gen.Double[10_000, 20_000], Gen.Double[0, 360], Gen.Double[20, 120]).Sample((bearing, dist, courseDeg, speed) =>
        {
            var start = Geodesic.Direct(Centre, bearing, dist);
            double ve = speed * Math.Sin(courseDeg * Math.PI / 180), vn = speed * Math.Cos(courseDeg * Math.PI / 180);
            var forecasts = new List<ZoneEntryForecast>();
            set.PredictEntries(start, ve, vn, 0, T, 400, forecasts);
            double? oracle = null;
            var hits = new List<ZoneContainment>();
            for (double t = 0; t <= 400 && oracle is null; t += 0.25)
            {
                hits.Clear();
                set.Query(Geodesic.Direct(start, courseDeg, speed * t), T, hits);
                if (hits.Count > 0) oracle = t;
            }

            // A path that only grazes a corner may be inside for less than a step; both sides may miss it.
            if (forecasts.Count == 0) return oracle is null || !InsideAt(set, start, courseDeg, speed, oracle.Value + 1.0);
            if (oracle is null) return !InsideAt(set, start, courseDeg, speed, forecasts[0].TimeToEntryS + 1.0);
            return Math.Abs(forecasts[0].TimeToEntryS - oracle.Value) <= 0.5;
        }, iter: 300);
    }

    private static bool InsideAt(ZoneSet set, GeoPoint start, double courseDeg, double speed, double t)
    {
        var hits = new List<ZoneContainment>();
        set.Query(Geodesic.Direct(start, courseDeg, speed * t), T, hits);
        return hits.Count > 0;
    }

    [Fact]
    public void An_invalid_zone_is_refused_naming_the_zone_and_field()
    {
        var bad = Circle("bad", Centre, -5);
        var e = Assert.Throws<ArgumentException>(() => new ZoneSet([bad]));
        Assert.Contains("zone bad: volumes[0].radiusM", e.Message, StringComparison.Ordinal);
        var dup = Assert.Throws<ArgumentException>(() => new ZoneSet([Circle("a", Centre, 5), Circle("a", Centre, 6)]));
        Assert.Contains("zone a: id used twice", dup.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_catalogue_holds_two_rings_per_site_and_the_refuelling_area()
    {
        var zones = ZoneCatalog.Defaults();
        Assert.Equal(7, zones.Count);
        var set = new ZoneSet(zones);
        var mk = ProtectedSites.Defaults().Single(s => s.Id == "mk").Center;
        Assert.Equal(["mk", "mk-outer"], Query(set, mk).Select(h => h.Zone.Id));
        // The demo tanker's racetrack centre at its cruising altitude.
        var hit = Assert.Single(Query(set, new GeoPoint(44.6, 27.9, 7_500)));
        Assert.Equal(ZoneKind.AirRefuelling, hit.Zone.Kind);
        Assert.Empty(Query(set, new GeoPoint(44.6, 27.9, 100)));
    }
}
