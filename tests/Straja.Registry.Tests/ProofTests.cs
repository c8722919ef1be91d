using CsCheck;

namespace Straja.Registry.Tests;

public sealed class ProofTests : IDisposable
{
    // A real F3411 Location/Vector message (opendroneid test frame: airborne, 51.4791 N, 0.0013 W).
    private static readonly byte[] Location = Convert.FromHexString("1226b500005816af1e38cdffff9808ac0870084a63150e0100");
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly RegistryFixture _f = new();
    private readonly UnitPrivateKey _key;
    private readonly string _rid = RegistryFixture.RemoteId(1);

    public ProofTests() => _key = _f.Advance(1, UnitState.InService)!;

    public void Dispose() => _f.Dispose();

    private RegisteredIdentity Identity => _f.Service.FindIdentity(_rid)!;

    private ProofResult Check(ProofVerifier v, IEnumerable<byte[]> pages, byte[]? location = null, DateTimeOffset? at = null) =>
        v.Verify(Identity, _rid, pages, location ?? Location, at ?? Now);

    [Fact]
    public void A_signed_location_verifies_as_valid()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now);

        var result = Check(new ProofVerifier(), pages);

        Assert.Equal(ProofStatus.Valid, result.Status);
        Assert.Equal(RemoteIdAuthentication.ToAuthTimestamp(Now), result.AuthTimestamp);
    }

    [Fact]
    public void The_proof_is_four_F3411_authentication_pages_with_the_page_0_header()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now);

        Assert.Equal(4, pages.Count);
        Assert.All(pages, p => Assert.Equal(25, p.Length));
        Assert.All(pages, p => Assert.Equal(0x22, p[0]));
        Assert.Equal([0x50, 0x51, 0x52, 0x53], pages.Select(p => p[1]));
        Assert.Equal(3, pages[0][2]);   // last page index
        Assert.Equal(65, pages[0][3]);  // auth data length: method byte + 64-byte signature
        Assert.Equal(RemoteIdAuthentication.ToAuthTimestamp(Now), BitConverter.ToUInt32(pages[0], 4));
        Assert.Equal(RemoteIdAuthentication.StrajaProofMethod, pages[0][8]);
    }

    [Fact]
    public void Auth_timestamps_count_seconds_since_2019()
    {
        Assert.Equal(28000000u, RemoteIdAuthentication.ToAuthTimestamp(new DateTimeOffset(2019, 11, 21, 1, 46, 40, TimeSpan.Zero)));
    }

    [Fact]
    public void Pages_reassemble_in_any_order()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now).Reverse();

        Assert.Equal(ProofStatus.Valid, Check(new ProofVerifier(), pages).Status);
    }

    [Fact]
    public void Replaying_the_same_pages_is_refused()
    {
        var verifier = new ProofVerifier();
        var pages = new DroneSigner(_key).Sign(Location, Now);
        Assert.Equal(ProofStatus.Valid, Check(verifier, pages).Status);

        var replay = Check(verifier, pages, at: Now.AddSeconds(2));

        Assert.Equal(ProofStatus.Replay, replay.Status);
    }

    [Fact]
    public void A_newer_proof_after_a_valid_one_is_accepted()
    {
        var verifier = new ProofVerifier();
        var signer = new DroneSigner(_key);
        Check(verifier, signer.Sign(Location, Now));

        Assert.Equal(ProofStatus.Valid, Check(verifier, signer.Sign(Location, Now.AddSeconds(1)), at: Now.AddSeconds(1)).Status);
    }

    [Fact]
    public void A_stale_timestamp_is_refused()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now.AddSeconds(-11));

        Assert.Equal(ProofStatus.Stale, Check(new ProofVerifier(TimeSpan.FromSeconds(10)), pages).Status);
        Assert.Equal(ProofStatus.Valid, Check(new ProofVerifier(TimeSpan.FromSeconds(30)), pages).Status);
    }

    [Fact]
    public void A_timestamp_from_the_future_is_refused_as_stale()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now.AddMinutes(5));

        Assert.Equal(ProofStatus.Stale, Check(new ProofVerifier(), pages).Status);
    }

    [Fact]
    public void A_location_altered_by_one_byte_is_refused()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now);
        var moved = Location.ToArray();
        moved[6] ^= 0x01; // latitude, least significant byte

        Assert.Equal(ProofStatus.InvalidSignature, Check(new ProofVerifier(), pages, moved).Status);
    }

    [Fact]
    public void A_changed_timestamp_in_page_0_is_refused()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now).Select(p => p.ToArray()).ToList();
        pages[0][4] ^= 0x01;

        Assert.Equal(ProofStatus.InvalidSignature, Check(new ProofVerifier(), pages).Status);
    }

    [Fact]
    public void A_spoofer_signing_with_another_key_is_refused()
    {
        var spoofKey = new UnitPrivateKey("X", _rid, Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        var pages = new DroneSigner(spoofKey).Sign(Location, Now);

        Assert.Equal(ProofStatus.InvalidSignature, Check(new ProofVerifier(), pages).Status);
    }

    [Fact]
    public void A_proof_for_another_serial_does_not_transfer()
    {
        var other = _f.Advance(2, UnitState.InService)!;
        var pages = new DroneSigner(other).Sign(Location, Now);

        Assert.Equal(ProofStatus.InvalidSignature, Check(new ProofVerifier(), pages).Status);
    }

    [Fact]
    public void An_unregistered_serial_is_unknown()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now);

        var result = new ProofVerifier().Verify(_f.Service.FindIdentity("STRJ899999999"), "STRJ899999999", pages, Location, Now);

        Assert.Equal(ProofStatus.UnknownSerial, result.Status);
    }

    [Fact]
    public void A_genuine_proof_from_a_lost_unit_is_reported_not_in_service()
    {
        var lostKey = _f.Advance(2, UnitState.Lost)!;
        var pages = new DroneSigner(lostKey).Sign(Location, Now);

        var result = new ProofVerifier().Verify(_f.Service.FindIdentity(lostKey.RemoteIdSerial), lostKey.RemoteIdSerial, pages, Location, Now);

        Assert.Equal(ProofStatus.UnitNotInService, result.Status);
        Assert.Contains("lost", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_or_foreign_pages_are_malformed_not_a_crash()
    {
        var pages = new DroneSigner(_key).Sign(Location, Now);

        Assert.Equal(ProofStatus.Malformed, Check(new ProofVerifier(), pages.Take(3)).Status);
        Assert.Equal(ProofStatus.Malformed, Check(new ProofVerifier(), pages.Append(pages[1])).Status);
        Assert.Equal(ProofStatus.Malformed, Check(new ProofVerifier(), pages, Location[..24]).Status);
        Assert.Equal(ProofStatus.Malformed, Check(new ProofVerifier(), [Convert.FromHexString("2210023f003fab013132333435363738393031323334353637")]).Status);
    }

    [Fact]
    public void Any_location_message_signed_at_any_time_verifies()
    {
        var signer = new DroneSigner(_key);
        var identity = Identity;
        var gen = Gen.Byte.Array[24].Select(Gen.Int[0, 600_000_000], (body, offsetS) => (body, offsetS));

        gen.Sample(t =>
        {
            byte[] location = [0x12, .. t.body];
            var at = RemoteIdAuthentication.Epoch.AddSeconds(t.offsetS);
            var pages = signer.Sign(location, at);
            return new ProofVerifier().Verify(identity, _rid, pages, location, at.AddSeconds(0.5)).Status == ProofStatus.Valid;
        }, iter: 200);
    }

    [Fact]
    public void Any_single_flipped_bit_after_the_message_header_is_never_valid()
    {
        // Byte 0 of each page (message type and protocol version) is outside the proof; every other bit,
        // padding included, is covered by the signature or by the page checks.
        var pages = new DroneSigner(_key).Sign(Location, Now);
        var identity = Identity;

        Gen.Select(Gen.Int[0, 3], Gen.Int[1, 24], Gen.Int[0, 7]).Sample((page, index, bit) =>
        {
            var copy = pages.Select(p => p.ToArray()).ToList();
            copy[page][index] ^= (byte)(1 << bit);
            return new ProofVerifier().Verify(identity, _rid, copy, Location, Now).Status != ProofStatus.Valid;
        }, iter: 300);
    }
}
