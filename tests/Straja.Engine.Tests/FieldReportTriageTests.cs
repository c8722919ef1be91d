using Straja.Engine.FieldReports;
using Straja.Engine.Picture;
using Straja.Geo;
using Straja.Geo.Sky;

namespace Straja.Engine.Tests;

public sealed class FieldReportTriageTests
{
    // A resident of Galați on the evening of 2026-06-15, 22:00 local (19:00 UTC): Venus, the evening
    // star of that summer, hangs low in the west-northwest after sunset.
    private static readonly GeoPoint Galati = new(45.435, 28.008, 60);
    private static readonly DateTimeOffset Evening = new(2026, 6, 15, 19, 0, 0, TimeSpan.Zero);

    private static HorizontalDirection Venus(DateTimeOffset time) =>
        SkyCalculator.Objects(Galati, time).Single(o => o.Name == "Venus").Direction;

    [Fact]
    public void A_light_reported_towards_Venus_after_sunset_is_triaged_as_Venus()
    {
        var venus = Venus(Evening);
        Assert.InRange(venus.AltitudeDeg, 2, 30); // the premise: low in the sky
        Assert.True(SkyCalculator.SunAltitudeDeg(Galati, Evening) < -3);

        var report = new FieldReport("R1", Evening, Galati, ReportSense.Seen, BearingDeg: venus.AzimuthDeg + 8, Description: "bright light, not moving");
        var result = FieldReportTriage.Triage(report, []);

        Assert.Equal(TriageMatchKind.Planet, result.Best!.Kind);
        Assert.Equal("Venus", result.Best.Name);
        Assert.StartsWith("probably Venus", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_direction_at_midday_is_not_Venus()
    {
        var noon = new DateTimeOffset(2026, 6, 15, 10, 0, 0, TimeSpan.Zero);
        var report = new FieldReport("R2", noon, Galati, ReportSense.Seen, BearingDeg: Venus(noon).AzimuthDeg);
        var result = FieldReportTriage.Triage(report, []);
        Assert.DoesNotContain(result.Matches, m => m.Kind is TriageMatchKind.Planet or TriageMatchKind.Star);
        Assert.StartsWith("no match", result.Verdict, StringComparison.Ordinal);
    }

    [Fact]
    public void Looking_the_opposite_way_from_Venus_does_not_find_it()
    {
        var report = new FieldReport("R3", Evening, Galati, ReportSense.Seen, BearingDeg: (Venus(Evening).AzimuthDeg + 180) % 360);
        Assert.DoesNotContain(FieldReportTriage.Triage(report, []).Matches, m => m.Name == "Venus");
    }

    [Fact]
    public void A_drone_track_in_the_reported_direction_matches_the_report()
    {
        var drone = Geodesic.Direct(Galati, 90, 1_800) with { AltM = 150 };
        var sighting = new TrackSighting("T42", Evening.AddSeconds(-40), drone, Identity.Unknown, null, null, Live: true);
        var far = new TrackSighting("T43", Evening, Geodesic.Direct(Galati, 90, 9_000) with { AltM = 150 }, Identity.Unknown, null, null, Live: true);
        var report = new FieldReport("R4", Evening, Galati, ReportSense.Seen, BearingDeg: 95);

        var result = FieldReportTriage.Triage(report, [sighting, far]);

        Assert.Equal("T42", result.Best!.Name);
        Assert.Equal(TriageMatchKind.Track, result.Best.Kind);
        Assert.Equal(1_800, result.Best.DistanceM!.Value, 5);
        Assert.DoesNotContain(result.Matches, m => m.Name == "T43"); // beyond the range a small drone is seen
    }

    [Fact]
    public void An_engine_heard_with_no_direction_is_the_transponding_aircraft_overhead()
    {
        var airliner = new TrackSighting("T7", Evening, Geodesic.Direct(Galati, 200, 6_000) with { AltM = 3_000 }, Identity.Neutral, "ICAO:4A8123", "ROT712  ", Live: true);
        var report = new FieldReport("R5", Evening, Galati, ReportSense.Heard);

        var result = FieldReportTriage.Triage(report, [airliner]);

        Assert.Equal(TriageMatchKind.TranspondingAircraft, result.Best!.Kind);
        Assert.Equal("T7 (ROT712)", result.Best.Name);
    }

    [Fact]
    public void A_track_seen_long_before_the_report_explains_nothing()
    {
        var old = new TrackSighting("T9", Evening.AddMinutes(-45), Geodesic.Direct(Galati, 90, 1_000), Identity.Unknown, null, null, Live: false);
        var report = new FieldReport("R6", Evening, Galati, ReportSense.Heard);
        Assert.Empty(FieldReportTriage.Triage(report, [old]).Matches);
    }
}
