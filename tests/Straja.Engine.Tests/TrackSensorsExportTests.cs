using System.Text;
using Straja.Engine.Investigation;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Engine.Tests;

/// <summary>The sensors that saw a track, as back-tracking and the incident report show them.</summary>
public sealed class TrackSensorsExportTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 3, 12, 5, TimeSpan.Zero);

    private static TrackPoint P(string id, int s, double lat, double lon) =>
        new(id, T0.AddSeconds(s), new GeoPoint(lat, lon, 150), 20, 180, TargetClass.Multirotor, Identity.Unknown);

    private static readonly TrackSensorSeen[] Seen =
    [
        new("T3", "rf-tulcea", T0, T0.AddSeconds(8)),
        new("T12", "radar-isaccea", T0, T0.AddSeconds(20)),
        new("T3", "radar-galati", T0.AddSeconds(2), T0.AddSeconds(395)),
        new("T99", "radar-galati", T0, T0.AddSeconds(1)),
    ];

    private static List<TrackPath> Paths(IEnumerable<TrackSensorSeen> seen) =>
    [
        TrackPath.Recorded("T12", [P("T12", 0, 45.30, 28.47), P("T12", 10, 45.29, 28.47), P("T12", 20, 45.28, 28.47)], seen),
        TrackPath.Recorded("T3", [P("T3", 0, 45.25, 28.60), P("T3", 10, 45.24, 28.61)], seen),
    ];

    [Fact]
    public void A_recorded_path_keeps_only_its_own_sensors_in_sensor_order()
    {
        var t3 = Paths(Seen)[1];
        Assert.Equal(["radar-galati", "rf-tulcea"], t3.Sensors);
        Assert.Equal(["radar-galati", "rf-tulcea"], t3.SeenBy.Select(s => s.SensorId));
        Assert.All(t3.SeenBy, s => Assert.Equal("T3", s.TrackId));
    }

    [Fact]
    public void Back_track_candidates_carry_the_sensors_and_when_each_saw_the_track()
    {
        var find = new GroundFind(new GeoPoint(45.28, 28.47), T0, T0.AddMinutes(10), RadiusM: 5_000);
        var t12 = Assert.Single(BackTracker.Rank(find, Paths(Seen)), c => c.TrackId == "T12");
        Assert.Equal(["radar-isaccea"], t12.Sensors);
        Assert.Equal([new TrackSensorSeen("T12", "radar-isaccea", T0, T0.AddSeconds(20))], t12.SeenBy);
    }

    [Fact]
    public void The_report_lists_each_tracks_sensors_with_their_spans_the_same_bytes_whatever_order_they_come_in()
    {
        var incident = Incidents.Open("INC-4", IncidentKind.GroundFind, "Debris near Isaccea", T0.AddMinutes(30), "inv.ana",
            find: new GroundFind(new GeoPoint(45.27, 28.53), T0, T0.AddMinutes(10), RadiusM: 20_000));
        var paths = Paths(Seen);
        var shuffled = Paths(Seen.AsEnumerable().Reverse()).AsEnumerable().Reverse().ToList();
        var backTrack = BackTracker.Rank(incident.Find!, paths);

        byte[] html = IncidentExport.Html(incident, paths, backTrack);
        Assert.Equal(html, IncidentExport.Html(incident, shuffled, BackTracker.Rank(incident.Find!, shuffled)));

        string text = Encoding.UTF8.GetString(html);
        Assert.Contains("<tr><td>T12</td><td>radar-isaccea</td><td>2026-11-27T03:12:05.000Z</td><td>2026-11-27T03:12:25.000Z</td></tr>", text, StringComparison.Ordinal);
        int galati = text.IndexOf("<tr><td>T3</td><td>radar-galati</td><td>2026-11-27T03:12:07.000Z</td><td>2026-11-27T03:18:40.000Z</td></tr>", StringComparison.Ordinal);
        int tulcea = text.IndexOf("<tr><td>T3</td><td>rf-tulcea</td>", StringComparison.Ordinal);
        Assert.True(galati > 0 && tulcea > galati, "T3's sensors listed, in sensor order");
        Assert.DoesNotContain("T99", text, StringComparison.Ordinal);
        Assert.Contains("radar-galati 03:12:07–03:18:40Z, rf-tulcea 03:12:05–03:12:13Z", text, StringComparison.Ordinal); // the back-track table
    }

    [Fact]
    public void A_report_of_tracks_without_recorded_sensors_has_no_sensor_table()
    {
        var incident = Incidents.Open("INC-5", IncidentKind.Other, "Lights", T0, "inv.ana");
        string text = Encoding.UTF8.GetString(IncidentExport.Html(incident, Paths([])));
        Assert.DoesNotContain("Sensors that saw the tracks", text, StringComparison.Ordinal);
    }
}
