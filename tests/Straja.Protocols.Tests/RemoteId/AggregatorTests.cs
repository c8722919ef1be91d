using System.Buffers;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

public sealed class AggregatorTests
{
    private const ulong Address = 0x60601F123456;

    [Fact]
    public void Nine_message_pack_builds_one_drone_with_ids_position_operator_and_reassembled_authentication()
    {
        var frame = VectorFrame(0);
        var agg = new RemoteIdAggregator();

        var drone = agg.Update(Address, frame, timeS: 100, rssiDbm: -71)!;

        Assert.Equal(1, agg.Count);
        Assert.Equal(-71, drone.RssiDbm);
        Assert.Equal([IdType.SerialNumber, IdType.CaaRegistration], drone.BasicIds.Select(b => b.IdType));
        Assert.Equal("112624150A90E3AE1EC0", drone.PrimaryId!.Value.UasId.ToString());
        Assert.Equal(51.4791, drone.Location!.Value.LatitudeDeg!.Value, 1e-7);
        Assert.Equal(0.001, drone.System!.Value.OperatorLatitudeDeg!.Value, 1e-9);
        Assert.Equal("FIN87astrdge12k8", drone.OperatorId!.Value.Id.ToString());
        Assert.Equal("Drone ID test flight---", drone.SelfId!.Value.Description.ToString());
        var auth = drone.Authentication!;
        Assert.Equal(AuthType.UasIdSignature, auth.AuthType);
        Assert.Equal(28_000_000u, auth.Timestamp);
        Assert.Equal("12345678901234567" + "12345678901234567890123" + "12345678901234567890123", System.Text.Encoding.ASCII.GetString(auth.Data));
        Assert.Equal([frame[3].ToArray(), frame[4].ToArray(), frame[5].ToArray()], auth.Pages);
        Assert.Equal(new DateTimeOffset(2019, 11, 21, 1, 46, 40, TimeSpan.Zero), auth.TimestampUtc);
    }

    [Fact]
    public void Straja_proof_pages_in_any_order_after_page_0_reassemble_to_the_signed_data_with_the_location_it_covers()
    {
        // Straja.Registry's unit proof: auth type 5, method byte 0xF0 + a 64-byte signature = 65 bytes, 4 pages.
        var data = Enumerable.Range(0, 65).Select(i => (byte)(i == 0 ? 0xF0 : i * 7)).ToArray();
        var pages = ProofPages(AuthType.SpecificAuthenticationMethod, 0x0B00_0000, data);
        var location = RemoteIdMessage.From(new LocationVector { LatitudeDeg = 47.9, LongitudeDeg = 26.1, GeodeticAltitudeM = 300 });
        var agg = new RemoteIdAggregator();
        var key = TransmitterKey.FromAddress(Address);

        agg.Update(key, location, 1);
        foreach (int i in new[] { 0, 3, 1 })
        {
            agg.Update(key, pages[i], 2);
        }

        Assert.Null(agg.Update(key, location, 2.5).Authentication); // page 2 still missing
        var auth = agg.Update(key, pages[2], 3).Authentication!;

        Assert.Equal(data, auth.Data);
        Assert.Equal(pages.Select(p => p.ToArray()), auth.Pages);
        Assert.Equal([location.ToArray()], auth.LocationMessages);
        Assert.Equal(0x0B00_0000u, auth.Timestamp);
    }

    [Fact]
    public void A_new_page_0_starts_over_so_pages_heard_before_it_are_not_mixed_in()
    {
        var older = ProofPages(AuthType.SpecificAuthenticationMethod, 1000, Enumerable.Repeat((byte)1, 40).ToArray());
        var newer = ProofPages(AuthType.SpecificAuthenticationMethod, 2000, Enumerable.Repeat((byte)2, 40).ToArray());
        var agg = new RemoteIdAggregator();
        var key = TransmitterKey.FromAddress(Address);

        agg.Update(key, older[0], 1);
        agg.Update(key, older[1], 2);
        Assert.Equal(1000u, agg.Update(key, newer[0], 3).Authentication!.Timestamp); // the last complete one stays

        var drone = agg.Update(key, newer[1], 4);
        Assert.Equal(2000u, drone.Authentication!.Timestamp);
        Assert.All(drone.Authentication.Data, b => Assert.Equal(2, b));

        var late = new RemoteIdAggregator();
        late.Update(key, older[1], 1);
        Assert.Null(late.Update(key, newer[0], 2).Authentication); // older page 1 was dropped, not combined
    }

    [Fact]
    public void Page_0_whose_length_cannot_fit_its_pages_never_completes()
    {
        var page0 = RemoteIdMessage.From(new AuthenticationPage { AuthType = AuthType.UasIdSignature, LastPageIndex = 1, Length = 10, Data = new RemoteIdBytes(new byte[17]) });
        var page1 = RemoteIdMessage.From(new AuthenticationPage { AuthType = AuthType.UasIdSignature, PageNumber = 1, Data = new RemoteIdBytes(new byte[23]) });
        var agg = new RemoteIdAggregator();
        var key = TransmitterKey.FromAddress(Address);

        agg.Update(key, page0, 1);

        Assert.Null(agg.Update(key, page1, 2).Authentication);
    }

    [Fact]
    public void Frame_without_a_transmitter_address_is_keyed_by_its_basic_id_and_one_with_neither_is_dropped()
    {
        var agg = new RemoteIdAggregator();

        var drone = agg.Update(0, VectorFrame(0), 1)!;
        var orphan = agg.Update(0, RemoteIdFrame.Single(CarrierKind.BluetoothLegacy, 1, VectorFrame(0)[2]), 1);

        Assert.Equal(TransmitterKey.FromUasId("112624150A90E3AE1EC0"), drone.Key);
        Assert.Null(orphan);
        Assert.Equal(1, agg.Count);
    }

    [Fact]
    public void Transmitters_silent_longer_than_the_stale_time_are_pruned_and_heard_ones_kept()
    {
        var agg = new RemoteIdAggregator(new RemoteIdAggregatorOptions { StaleAfterS = 30 });
        agg.Update(1, VectorFrame(0), 0);
        agg.Update(2, VectorFrame(0), 20);

        Assert.Equal(1, agg.Prune(nowS: 40));
        Assert.False(agg.TryGet(TransmitterKey.FromAddress(1), out _));
        Assert.True(agg.TryGet(TransmitterKey.FromAddress(2), out _));
    }

    [Fact]
    public void A_full_aggregator_forgets_the_least_recently_heard_transmitter()
    {
        var agg = new RemoteIdAggregator(new RemoteIdAggregatorOptions { MaxTransmitters = 2 });
        agg.Update(1, VectorFrame(0), 5);
        agg.Update(2, VectorFrame(0), 1);
        agg.Update(3, VectorFrame(0), 6);

        Assert.Equal([1UL, 3UL], agg.Drones.Select(d => d.Key.Address).Order());
    }

    internal static RemoteIdFrame VectorFrame(int index)
    {
        var f = RemoteIdVectors.Frame(index);
        Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecode(Convert.FromHexString(f.GetProperty("odid_payload_hex").GetString()!), CarrierKind.None, out var frame, out _));
        return frame;
    }

    /// <summary>Pages laid out as F3411 (and Straja.Registry's RemoteIdAuthentication.ToPages) lay them out.</summary>
    private static RemoteIdMessage[] ProofPages(AuthType type, uint timestamp, byte[] data)
    {
        int last = data.Length <= 17 ? 0 : (data.Length - 17 + 22) / 23;
        var pages = new RemoteIdMessage[last + 1];
        var padded = new byte[17 + last * 23];
        data.CopyTo(padded, 0);
        pages[0] = RemoteIdMessage.From(new AuthenticationPage
        {
            AuthType = type, LastPageIndex = last, Length = data.Length, Timestamp = timestamp, Data = new RemoteIdBytes(padded.AsSpan(0, 17)),
        });
        for (int i = 1; i <= last; i++)
        {
            pages[i] = RemoteIdMessage.From(new AuthenticationPage { AuthType = type, PageNumber = i, Data = new RemoteIdBytes(padded.AsSpan(17 + (i - 1) * 23, 23)) });
        }

        return pages;
    }
}
