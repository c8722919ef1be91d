using Straja.Engine.Fusion;
using Straja.Engine.Picture;
using static Straja.Engine.Tests.Identification.Units;

namespace Straja.Engine.Tests.Identification;

public class IdentityAlertTests
{
    private static readonly SensorDescriptor Coop = new("coop", "coop", SensorKind.Cooperative, new GeoPoint(45.0, 28.5, 10), 200_000, 1);

    private static FusionEngine NewEngine() =>
        new(Coop.Position, [Coop], T0, FusionOptions.Default with { Registry = TestRegistry(), ReorderWindow = TimeSpan.Zero });

    /// <summary>Flies <paramref name="serial"/> north at 20 m/s for 8 s, one report a second; returns all alerts raised.</summary>
    private static List<Alert> Fly(FusionEngine engine, string serial, double lon, Registry.DroneSigner? signer)
    {
        var alerts = new List<Alert>();
        for (int s = 1; s <= 8; s++)
        {
            var p = new GeoPoint(45.1 + (s * 20 / 111_195.0), lon, 120);
            alerts.AddRange(engine.Process([Report(serial, s, p, signer)], T0.AddSeconds(s)).NewAlerts);
        }

        return alerts;
    }

    [Fact]
    public void A_signed_friend_raises_no_identity_alert_and_its_track_is_friend()
    {
        var engine = NewEngine();
        var alerts = Fly(engine, FriendSerial, 28.5, Signer(FriendSerial, FriendSeed));

        Assert.Empty(alerts);
        var track = Assert.Single(engine.Picture.Tracks);
        Assert.Equal(Picture.Identity.Friendly, track.Identity);
        Assert.Equal("RU-0007", track.IdentityDetail!.UnitSerial);
    }

    [Fact]
    public void A_copy_of_a_friends_serial_far_from_it_raises_one_spoofing_alert_on_its_own_track()
    {
        var engine = NewEngine();
        var alerts = new List<Alert>();
        var signer = Signer(FriendSerial, FriendSeed);
        for (int s = 1; s <= 8; s++)
        {
            var friend = Report(FriendSerial, s, new GeoPoint(45.1 + (s * 20 / 111_195.0), 28.5, 120), signer);
            var spoofer = Report(FriendSerial, s, new GeoPoint(45.1, 28.6 + (s * 20 / 78_000.0), 120)) with { SensorId = "coop" };
            alerts.AddRange(engine.Process([friend, spoofer], T0.AddSeconds(s)).NewAlerts);
        }

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKind.IdentitySpoofing, alert.Kind);
        Assert.Contains("registered identity broadcast without proof — possible spoofing", alert.Message, StringComparison.Ordinal);
        var spooferTrack = engine.Picture.Tracks.Single(t => t.Id == alert.TrackId);
        Assert.Equal(Picture.Identity.Suspect, spooferTrack.Identity);
        Assert.Equal(28.6, spooferTrack.Position.LonDeg, 1);
        Assert.Contains(engine.Picture.Tracks, t => t.Identity == Picture.Identity.Friendly);
    }

    [Fact]
    public void A_lost_unit_that_flies_raises_a_not_in_service_alert()
    {
        var alerts = Fly(NewEngine(), LostSerial, 28.5, Signer(LostSerial, LostSeed));

        var alert = Assert.Single(alerts);
        Assert.Equal(AlertKind.UnitNotInService, alert.Kind);
        Assert.Contains("lost", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_refresh_that_marks_a_flying_friend_lost_turns_it_suspect_and_alerts()
    {
        var engine = NewEngine();
        var signer = Signer(FriendSerial, FriendSeed);
        Assert.Empty(Fly(engine, FriendSerial, 28.5, signer));

        engine.UseRegistry(new Straja.Engine.Identification.RegistryView(TestRegistry().Units.Select(u =>
            u.RemoteIdSerial == FriendSerial ? u with { State = Straja.Registry.UnitState.Lost } : u)));
        var step = engine.Process([Report(FriendSerial, 9, new GeoPoint(45.1 + (9 * 20 / 111_195.0), 28.5, 120), signer)], T0.AddSeconds(9));

        Assert.Equal(AlertKind.UnitNotInService, Assert.Single(step.NewAlerts).Kind);
    }
}
