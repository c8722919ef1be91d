using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Straja.Engine.Investigation;
using Straja.Engine.Picture;
using Straja.Engine.Runtime;

namespace Straja.Engine.Tests;

public sealed class IncidentTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    private static Incident Opened() =>
        Incidents.Open("INC-1", IncidentKind.AirspaceIncursion, "Unknown multirotor over Isaccea", T0, "op.ion", alertIds: ["A7", "A7", "A9"]);

    [Fact]
    public void Opening_from_alerts_links_them_once_and_starts_the_timeline()
    {
        var i = Opened();
        Assert.Equal(IncidentState.Open, i.State);
        Assert.Equal(["A7", "A9"], i.AlertIds.ToArray());
        Assert.Single(i.Timeline);
        Assert.Contains("from alerts A7, A9", i.Timeline[0].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(IncidentState.Open, IncidentState.Investigating, true)]
    [InlineData(IncidentState.Open, IncidentState.Closed, true)]
    [InlineData(IncidentState.Investigating, IncidentState.Closed, true)]
    [InlineData(IncidentState.Closed, IncidentState.Investigating, true)]
    [InlineData(IncidentState.Investigating, IncidentState.Open, false)]
    [InlineData(IncidentState.Closed, IncidentState.Open, false)]
    [InlineData(IncidentState.Open, IncidentState.Open, false)]
    [InlineData(IncidentState.Closed, IncidentState.Closed, false)]
    public void Only_the_states_the_workflow_allows_follow_each_other(IncidentState from, IncidentState to, bool legal)
    {
        var i = Opened() with { State = from };
        var act = () => Incidents.Transition(i, to, T0.AddMinutes(1), "inv.maria", "resolved: a bird");
        if (legal)
        {
            Assert.Equal(to, act().State);
        }
        else
        {
            var e = Assert.Throws<IncidentException>(act);
            Assert.StartsWith("state:", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Closing_needs_a_resolution_and_reopening_clears_it()
    {
        var i = Incidents.Transition(Opened(), IncidentState.Investigating, T0.AddMinutes(1), "inv.maria");
        Assert.Equal("resolution: required", Assert.Throws<IncidentException>(() => Incidents.Transition(i, IncidentState.Closed, T0.AddMinutes(2), "inv.maria")).Message);
        var closed = Incidents.Transition(i, IncidentState.Closed, T0.AddMinutes(2), "inv.maria", "drone recovered near Isaccea");
        Assert.Equal("drone recovered near Isaccea", closed.Resolution);
        Assert.Throws<IncidentException>(() => Incidents.Assign(closed, "inv.dan", T0.AddMinutes(3), "admin"));
        var reopened = Incidents.Transition(closed, IncidentState.Investigating, T0.AddMinutes(3), "inv.maria");
        Assert.Null(reopened.Resolution);
        Assert.Equal(["opened", "investigating", "closed", "reopened"], reopened.Timeline.Select(t => t.Action).ToArray());
    }

    [Fact]
    public void A_photo_is_kept_with_its_sha256_and_the_timeline_says_so()
    {
        var i = Incidents.Attach(Opened(), "field.png", "image/png", Png, T0.AddMinutes(5), "inv.maria");
        var a = Assert.Single(i.Attachments);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), a.Sha256Hex);
        Assert.Equal(Png.Length, a.SizeBytes);
        Assert.Contains(a.Sha256Hex, i.Timeline[^1].Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tool.exe", "application/x-msdownload", "contentType:")]
    [InlineData("fake.png", "image/png", "content: the bytes are not")]
    [InlineData("../etc/passwd", "application/pdf", "name:")]
    public void Files_other_than_images_and_PDFs_are_refused_naming_why(string name, string type, string reason)
    {
        byte[] bytes = name == "fake.png" ? "%PDF-1.7"u8.ToArray() : "%PDF-1.7 MZ"u8.ToArray();
        var e = Assert.Throws<IncidentException>(() => Incidents.Attach(Opened(), name, type, bytes, T0.AddMinutes(1), "inv.maria"));
        Assert.StartsWith(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attachment_over_the_size_limit_is_refused()
    {
        var big = new byte[Incidents.MaxAttachmentBytes + 1];
        "%PDF-"u8.CopyTo(big);
        Assert.Contains("over the limit", Assert.Throws<IncidentException>(() => Incidents.Attach(Opened(), "big.pdf", "application/pdf", big, T0.AddMinutes(1), "x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_timeline_refuses_an_entry_dated_before_the_last()
    {
        var e = Assert.Throws<IncidentException>(() => Incidents.Comment(Opened(), "late note", T0.AddMinutes(-1), "op.ion"));
        Assert.StartsWith("time:", e.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<TrackPath> Tracks()
    {
        TrackPoint P(string id, int s, double lat, double lon) =>
            new(id, T0.AddSeconds(s), new GeoPoint(lat, lon, 150), 20, 180, TargetClass.Multirotor, Identity.Unknown);
        return
        [
            new TrackPath("T12", [P("T12", 0, 45.30, 28.47), P("T12", 10, 45.29, 28.47), P("T12", 20, 45.28, 28.47)], ["radar-isaccea"]),
            new TrackPath("T3", [P("T3", 0, 45.25, 28.60), P("T3", 10, 45.24, 28.61)], ["radar-tulcea", "radar-isaccea"]),
        ];
    }

    [Fact]
    public void The_same_incident_exports_the_same_bytes_whatever_order_its_tracks_come_in()
    {
        var i = Incidents.Attach(Incidents.Comment(Opened(), "seen by border police <patrol 4>", T0.AddMinutes(1), "op.ion"), "a.png", "image/png", Png, T0.AddMinutes(2), "op.ion");
        var tracks = Tracks();
        var reversed = tracks.Reverse().ToList();
        Assert.Equal(IncidentExport.Html(i, tracks), IncidentExport.Html(i, reversed));
        Assert.Equal(IncidentExport.GeoJson(tracks), IncidentExport.GeoJson(reversed));
        Assert.Equal(IncidentExport.Kml("INC-1", tracks), IncidentExport.Kml("INC-1", reversed));

        string html = Encoding.UTF8.GetString(IncidentExport.Html(i, tracks));
        Assert.Contains(i.Attachments[0].Sha256Hex, html, StringComparison.Ordinal);
        Assert.Contains("&lt;patrol 4&gt;", html, StringComparison.Ordinal); // escaped, never markup
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }

    [Fact]
    public void GeoJSON_and_KML_exports_are_well_formed_and_hold_every_point()
    {
        var tracks = Tracks();
        using var geo = JsonDocument.Parse(IncidentExport.GeoJson(tracks));
        var features = geo.RootElement.GetProperty("features");
        Assert.Equal(2, features.GetArrayLength());
        Assert.Equal("T12", features[0].GetProperty("properties").GetProperty("track").GetString());
        Assert.Equal(3, features[0].GetProperty("geometry").GetProperty("coordinates").GetArrayLength());
        Assert.Equal(28.47, features[0].GetProperty("geometry").GetProperty("coordinates")[0][0].GetDouble(), 6);

        var kml = XDocument.Parse(Encoding.UTF8.GetString(IncidentExport.Kml("INC-1", tracks)));
        XNamespace gx = "http://www.google.com/kml/ext/2.2";
        Assert.Equal(5, kml.Descendants(gx + "coord").Count());
    }
}
