using Straja.Engine.Picture;
using Straja.Ingest.Outputs;
using Straja.Protocols.Cot;

namespace Straja.Ingest.Tests.Cot;

public sealed class CotPictureAdapterTests
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static AirTrack Track(bool confirmed = true, Identity identity = Identity.Hostile) =>
        new("T42", confirmed, Noon, new GeoPoint(45.27, 28.46, 310), VelocityEastMps: -10, VelocityNorthMps: 0, VelocityUpMps: 0,
            PositionSigmaM: 35, TargetClass.FixedWing, 0.9, identity, CooperativeId: null, Callsign: null, Sensors: ["radar-1", "rf-2"]);

    [Fact]
    public void Confirmed_hostile_fixed_wing_becomes_a_hostile_uav_heading_west()
    {
        CotEvent ev = CotMapping.ToEvent(CotPictureAdapter.ToCotTrack(Track(), TimeSpan.FromSeconds(10))!);

        Assert.Equal("STRAJA-T42", ev.Uid);
        Assert.Equal("a-h-A-M-F-Q", ev.Type);
        Assert.Equal(CotHow.Fused, ev.How);
        Assert.Equal(new CotPoint(45.27, 28.46, 310, 35, 35), ev.Point);
        Assert.Equal(new CotMotion(270, 10), ev.Detail.Track);
        Assert.Equal(Noon.AddSeconds(10), ev.Stale);
        Assert.Equal("hostile fixed-wing T42", ev.Detail.Contact?.Callsign);
        Assert.Equal("fixed-wing (p=0.90); sensors: radar-1, rf-2", ev.Detail.Remarks);
    }

    [Fact]
    public void Tentative_track_is_not_published()
    {
        Assert.Null(CotPictureAdapter.ToCotTrack(Track(confirmed: false), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void Acknowledged_alert_is_sent_cleared_and_linked_to_its_track()
    {
        var alert = new Alert("A1", "T42|border", Noon, AlertKind.BorderCrossing, AlertSeverity.Critical, "T42", "RO-UA", "Hostile fixed-wing crossed",
            new GeoPoint(45.27, 28.46, 310), Acknowledged: true);

        CotAlert cot = CotPictureAdapter.ToCotAlert(alert, TimeSpan.FromMinutes(5))!;

        Assert.Equal("STRAJA-ALERT-A1", cot.Id);
        Assert.Equal("CRITICAL: border-crossing RO-UA", cot.Title);
        Assert.Equal("STRAJA-T42", cot.TrackUid);
        Assert.True(cot.Cleared);
    }
}
