using CsCheck;
using Straja.Engine.Identification;
using Straja.Engine.Picture;
using static Straja.Engine.Tests.Identification.Units;

namespace Straja.Engine.Tests.Identification;

public class IdentityResolverTests
{
    private static readonly GeoPoint Here = new(45.20, 28.50, 120);
    private static readonly GeoPoint FiveKmNorth = new(45.245, 28.50, 120);

    private static IdentityResolver NewResolver() => new(TestRegistry(), ["ICAO:AE01CE"]);

    [Fact]
    public void A_fresh_valid_signature_of_an_in_service_Romanian_unit_is_friend_with_unit_model_and_recipient()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report(FriendSerial, 1, Here, Signer(FriendSerial, FriendSeed)));

        var (id, identity, detail) = r.Describe(key, T0.AddSeconds(1.5));

        Assert.Equal("RID:" + FriendSerial, id);
        Assert.Equal(Picture.Identity.Friendly, identity);
        Assert.Equal(IdentityBasis.RegistryProof, detail.Basis);
        Assert.Equal(("RU-0007", "Sokil-4 multirotor", "RO"), (detail.UnitSerial, detail.Model, detail.Recipient));
        Assert.False(detail.Allied);
    }

    [Fact]
    public void A_unit_allocated_to_an_ally_is_friend_marked_allied()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report(AllySerial, 1, Here, Signer(AllySerial, AllySeed)));

        var (_, identity, detail) = r.Describe(key, T0.AddSeconds(1));

        Assert.Equal(Picture.Identity.Friendly, identity);
        Assert.True(detail.Allied);
        Assert.Equal("PL", detail.Recipient);
    }

    [Fact]
    public void A_registered_serial_without_a_signature_is_suspect()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report(FriendSerial, 1, Here));

        var (id, identity, detail) = r.Describe(key, T0.AddSeconds(1));

        Assert.Equal("RID:" + FriendSerial, id);
        Assert.Equal(Picture.Identity.Suspect, identity);
        Assert.Equal(IdentityBasis.RegistryUnproven, detail.Basis);
        Assert.NotEqual("RID:" + FriendSerial, key);
    }

    [Fact]
    public void A_signature_made_with_another_units_key_is_suspect()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report(FriendSerial, 1, Here, Signer(FriendSerial, AllySeed)));

        Assert.Equal(Picture.Identity.Suspect, r.Describe(key, T0.AddSeconds(1)).Identity);
    }

    [Fact]
    public void A_stale_signature_gives_no_friend()
    {
        var r = NewResolver();
        // Genuinely signed, but 60 s before it is heard: an old recording played back.
        var key = r.TrackerKey(Report(FriendSerial, 61, Here, Signer(FriendSerial, FriendSeed), signedAtS: 1));

        Assert.Equal(Picture.Identity.Suspect, r.Describe(key, T0.AddSeconds(61)).Identity);
    }

    [Fact]
    public void A_replayed_signature_broadcast_elsewhere_gives_no_friend()
    {
        var r = NewResolver();
        var genuine = Report(FriendSerial, 1, Here, Signer(FriendSerial, FriendSeed));
        var friendKey = r.TrackerKey(genuine);
        // A spoofer heard the genuine frame and rebroadcasts its proof two seconds later, 5 km away.
        var replay = genuine with { Time = T0.AddSeconds(3), Position = FiveKmNorth };
        var spooferKey = r.TrackerKey(replay);

        Assert.Equal(Picture.Identity.Friendly, r.Describe(friendKey, T0.AddSeconds(3)).Identity);
        Assert.Equal(Picture.Identity.Suspect, r.Describe(spooferKey, T0.AddSeconds(3)).Identity);
    }

    [Fact]
    public void A_report_without_pages_near_the_proven_unit_stays_with_it_but_one_far_away_does_not()
    {
        var r = NewResolver();
        var proven = r.TrackerKey(Report(FriendSerial, 1, Here, Signer(FriendSerial, FriendSeed)));
        var near = r.TrackerKey(Report(FriendSerial, 2, new GeoPoint(45.2002, 28.50, 120)));
        var far = r.TrackerKey(Report(FriendSerial, 2, FiveKmNorth));

        Assert.Equal(proven, near);
        Assert.NotEqual(proven, far);
    }

    [Fact]
    public void A_friend_that_stops_proving_becomes_suspect_after_the_proof_window()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report(FriendSerial, 1, Here, Signer(FriendSerial, FriendSeed)));

        Assert.Equal(Picture.Identity.Friendly, r.Describe(key, T0.AddSeconds(10)).Identity);
        Assert.Equal(Picture.Identity.Suspect, r.Describe(key, T0.AddSeconds(12)).Identity);
    }

    [Fact]
    public void A_lost_unit_that_flies_is_suspect_even_with_its_own_signature()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report(LostSerial, 1, Here, Signer(LostSerial, LostSeed)));

        var (_, identity, detail) = r.Describe(key, T0.AddSeconds(1));

        Assert.Equal(Picture.Identity.Suspect, identity);
        Assert.Equal(IdentityBasis.RegistryNotInService, detail.Basis);
        Assert.Equal("lost", detail.UnitState);
    }

    [Fact]
    public void An_unregistered_remote_id_is_a_neutral_civil_operator_with_its_operator_id()
    {
        var r = NewResolver();
        var key = r.TrackerKey(Report("1596Z9Y8X7", 1, Here, operatorId: "ROU87astrdge12k8"));

        var (_, identity, detail) = r.Describe(key, T0.AddSeconds(1));

        Assert.Equal(Picture.Identity.Neutral, identity);
        Assert.Equal(IdentityBasis.CivilRemoteId, detail.Basis);
        Assert.Equal("ROU87astrdge12k8", detail.OperatorId);
    }

    [Fact]
    public void No_cooperative_identity_is_unknown() =>
        Assert.Equal(Picture.Identity.Unknown, NewResolver().Describe(null, T0).Identity);

    [Theory]
    [InlineData("ICAO:AE01CE", Picture.Identity.Friendly)]
    [InlineData("ICAO:4B1812", Picture.Identity.Neutral)]
    public void Manned_aircraft_are_friend_by_the_configured_icao_list_and_neutral_otherwise(string id, Picture.Identity expected) =>
        Assert.Equal(expected, NewResolver().Describe(id, T0).Identity);

    [Fact]
    public void A_friendly_list_never_vouches_for_a_registered_serial()
    {
        var r = new IdentityResolver(TestRegistry(), ["RID:" + FriendSerial]);
        var key = r.TrackerKey(Report(FriendSerial, 1, Here));

        Assert.Equal(Picture.Identity.Suspect, r.Describe(key, T0.AddSeconds(1)).Identity);
    }

    [Fact]
    public void Any_flipped_bit_in_a_proof_or_the_signed_message_gives_no_friend()
    {
        var signer = Signer(FriendSerial, FriendSeed);
        var genuine = Report(FriendSerial, 1, Here, signer);
        var bytes = Convert.FromHexString(genuine.CooperativeProof!);
        // Every bit but the protocol-version nibble of each Authentication page, which F3411 lets a receiver ignore
        // and the proof does not cover (the version of the signed Location message is covered).
        static bool PageVersionBit(int bit) => bit / 8 >= 25 && bit / 8 % 25 == 0 && bit % 8 < 4;
        Gen.Int[0, (bytes.Length * 8) - 1].Where(bit => !PageVersionBit(bit)).Sample(bit =>
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            var r = NewResolver();
            var key = r.TrackerKey(genuine with { CooperativeProof = Convert.ToHexString(flipped) });
            return r.Describe(key, T0.AddSeconds(1)).Identity != Picture.Identity.Friendly;
        }, iter: 200);
    }
}
