using Straja.Engine.Evaluation;
using Straja.Engine.Picture;
using Straja.Geo;
using Straja.Geo.Zones;

namespace Straja.Engine.Tests;

public sealed class ZoneEvaluatorTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero); // a Friday
    private static readonly GeoPoint Mk = ProtectedSites.Defaults().Single(s => s.Id == "mk").Center;
    private static readonly GeoPoint Centre = new(45.0, 28.5);

    private static AirTrack Track(string id, GeoPoint p, double vNorth = 0, double vEast = 0, Identity identity = Identity.Unknown, bool confirmed = true) =>
        new(id, confirmed, T, p, vEast, vNorth, 0, 30, TargetClass.Multirotor, 0.8, identity, null, null, ["radar-1"]);

    private static List<AlertProposal> Feed(ZoneEvaluator e, DateTimeOffset time, params AirTrack[] snapshots)
    {
        var all = new List<AlertProposal>();
        foreach (var t in snapshots)
            e.Evaluate(new PictureSnapshot(time, [t]), all);
        return all;
    }

    private static List<AlertProposal> Feed(ZoneEvaluator e, params AirTrack[] snapshots) => Feed(e, T, snapshots);

    private static Zone Circle(string id, GeoPoint centre, double radiusM, ZoneKind kind = ZoneKind.Restricted, ZoneSeverity severity = ZoneSeverity.Warning,
        AltitudeLimit? lower = null, AltitudeLimit? upper = null, params ActiveWindow[] schedule) =>
        new(id, id, kind, severity, [new ZoneVolume(new CircleShape(centre, radiusM), lower, upper)], schedule);

    private static Zone Square(string id, GeoPoint centre, double halfM, ZoneKind kind = ZoneKind.Restricted, AltitudeLimit? lower = null, AltitudeLimit? upper = null)
    {
        GeoPoint At(double e, double n) => Geodesic.Direct(Geodesic.Direct(centre, 90, e), 0, n);
        return new Zone(id, id, kind, ZoneSeverity.Warning,
            [new ZoneVolume(new PolygonShape([At(-halfM, -halfM), At(halfM, -halfM), At(halfM, halfM), At(-halfM, halfM)]), lower, upper)], []);
    }

    [Fact]
    public void Approaching_then_entering_the_inner_zone_of_Mihail_Kogalniceanu_warns_first_and_is_critical_inside()
    {
        var e = new ZoneEvaluator(new ZoneSet(ZoneCatalog.Defaults()), approachHorizonS: 300);
        // 20 km north of the base flying south at 25 m/s: the outer ring (15 km) is 200 s away.
        var p = Feed(e, Track("T9", Geodesic.Direct(Mk, 0, 20_000), vNorth: -25), Track("T9", Geodesic.Direct(Mk, 0, 3_000), vNorth: -25));

        Assert.Contains(p, a => a.Kind == AlertKind.ZoneApproach && a.Zone == "mk-outer");
        Assert.Equal(AlertSeverity.Critical, Assert.Single(p, a => a.Kind == AlertKind.ZoneEntry && a.Zone == "mk").Severity);
        Assert.Equal(AlertSeverity.Warning, Assert.Single(p, a => a.Kind == AlertKind.ZoneEntry && a.Zone == "mk-outer").Severity);
    }

    [Fact]
    public void A_track_flying_away_from_a_site_is_not_warned() =>
        Assert.Empty(Feed(new ZoneEvaluator(new ZoneSet(ZoneCatalog.Defaults())), Track("T9", Geodesic.Direct(Mk, 0, 20_000), vNorth: 25)));

    [Fact]
    public void A_polygon_zone_raises_an_approach_then_an_entry()
    {
        var e = new ZoneEvaluator(new ZoneSet([Square("box", Centre, 5_000)]), approachHorizonS: 300);
        var p = Feed(e, Track("T1", Geodesic.Direct(Centre, 90, 15_000), vEast: -50), Track("T1", Centre, vEast: -50));

        var approach = Assert.Single(p, a => a.Kind == AlertKind.ZoneApproach);
        Assert.Equal("box", approach.Zone);
        Assert.Contains("3.3 min", approach.Message, StringComparison.Ordinal); // 10 km at 50 m/s
        Assert.Single(p, a => a.Kind == AlertKind.ZoneEntry && a.Zone == "box");
    }

    [Fact]
    public void A_circle_zone_raises_an_approach_then_an_entry()
    {
        var e = new ZoneEvaluator(new ZoneSet([Circle("disc", Centre, 4_000)]), approachHorizonS: 300);
        var p = Feed(e, Track("T1", Geodesic.Direct(Centre, 0, 10_000), vNorth: -40), Track("T1", Geodesic.Direct(Centre, 0, 1_000), vNorth: -40));
        Assert.Contains("2.5 min", Assert.Single(p, a => a.Kind == AlertKind.ZoneApproach).Message, StringComparison.Ordinal);
        Assert.Single(p, a => a.Kind == AlertKind.ZoneEntry && a.Zone == "disc");
    }

    [Fact]
    public void An_altitude_band_excludes_an_aircraft_flying_over_it()
    {
        var band = new ZoneEvaluator(new ZoneSet([Circle("low", Centre, 4_000, upper: new AltitudeLimit(1_000, VerticalReference.Amsl))]));
        Assert.Empty(Feed(band, Track("T1", Centre with { AltM = 9_000 }, vNorth: -40)));
        Assert.Single(Feed(band, Track("T2", Centre with { AltM = 300 }, vNorth: -40)), a => a.Kind == AlertKind.ZoneEntry);
    }

    [Fact]
    public void A_zone_whose_window_is_not_active_raises_nothing()
    {
        var weekend = new ActiveWindow(null, null, [new DailyWindow([DayOfWeek.Saturday, DayOfWeek.Sunday], new TimeOnly(0, 0), new TimeOnly(0, 0))]);
        var e = new ZoneEvaluator(new ZoneSet([Circle("weekend", Centre, 4_000, schedule: weekend)]));
        Assert.Empty(Feed(e, T, Track("T1", Centre, vNorth: -40), Track("T1", Geodesic.Direct(Centre, 0, 8_000), vNorth: -40)));
        // The same track on a Saturday: the picture's time, not a clock, decides.
        Assert.Single(Feed(e, T.AddDays(1), Track("T1", Centre, vNorth: -40)), a => a.Kind == AlertKind.ZoneEntry);
    }

    [Fact]
    public void A_friendly_tanker_inside_the_refuelling_area_is_expected()
    {
        var e = new ZoneEvaluator(new ZoneSet(ZoneCatalog.Defaults()));
        Assert.Empty(Feed(e, Track("T5", new GeoPoint(44.6, 27.9, 7_500), vEast: 200, identity: Identity.Friendly)));
    }

    [Fact]
    public void An_unknown_track_inside_the_refuelling_area_is_raised_to_critical()
    {
        var e = new ZoneEvaluator(new ZoneSet(ZoneCatalog.Defaults()));
        var a = Assert.Single(Feed(e, Track("T6", new GeoPoint(44.6, 27.9, 4_000), vEast: 60)));
        Assert.Equal((AlertKind.ZoneEntry, AlertSeverity.Critical, "aar-east"), (a.Kind, a.Severity, a.Zone));
        Assert.Contains("only friendly tankers are expected", a.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuelling_raises_severity_one_step_and_never_past_critical()
    {
        Assert.Equal(AlertSeverity.Warning, ZoneEvaluator.SeverityOf(Circle("a", Centre, 1, ZoneKind.AirRefuelling, ZoneSeverity.Info)));
        Assert.Equal(AlertSeverity.Critical, ZoneEvaluator.SeverityOf(Circle("b", Centre, 1, ZoneKind.AirRefuelling, ZoneSeverity.Critical)));
        Assert.Equal(AlertSeverity.Info, ZoneEvaluator.SeverityOf(Circle("c", Centre, 1, ZoneKind.Restricted, ZoneSeverity.Info)));
    }

    [Fact]
    public void A_replaced_zone_set_is_used_from_the_next_picture()
    {
        var e = new ZoneEvaluator(ZoneSet.Empty);
        Assert.Empty(Feed(e, Track("T1", Centre)));
        e.Zones = new ZoneSet([Circle("new", Centre, 2_000)]);
        Assert.Single(Feed(e, Track("T1", Centre)));
    }

    [Fact]
    public void A_border_zone_alerts_on_entry_but_not_on_approach()
    {
        var e = new ZoneEvaluator(new ZoneSet([Circle("strip", Centre, 2_000, ZoneKind.Border)]));
        Assert.Empty(Feed(e, Track("T1", Geodesic.Direct(Centre, 0, 5_000), vNorth: -30)));
        Assert.Single(Feed(e, Track("T1", Centre, vNorth: -30)));
    }
}
