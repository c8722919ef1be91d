using System.Buffers;
using System.Text.Json;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

public sealed class GoldenVectorTests
{
    public static TheoryData<int> Messages => RemoteIdVectors.MessageIndices();

    public static TheoryData<int> Frames => RemoteIdVectors.FrameIndices();

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_vector_message_decodes_to_the_reference_fields(int index)
    {
        var v = RemoteIdVectors.Message(index);
        byte[] bytes = Convert.FromHexString(v.GetProperty("message_hex").GetString()!);
        var e = v.GetProperty("decoded_by_opendroneid_core_c");

        Assert.Equal(OperationStatus.Done, RemoteIdMessage.TryDecode(bytes, out var m, out var error));
        Assert.False(error.IsError);
        Assert.Equal(e.GetProperty("msg_type").GetInt32(), (int)m.Type);
        Assert.Equal(e.GetProperty("proto_version").GetInt32(), m.ProtocolVersion);
        switch (m.Type)
        {
            case MessageType.BasicId:
                Assert.True(m.TryGet(out BasicId b));
                Assert.Equal(e.GetProperty("IDType").GetInt32(), (int)b.IdType);
                Assert.Equal(e.GetProperty("UAType").GetInt32(), (int)b.UaType);
                Assert.Equal(e.GetProperty("UASID").GetString(), b.UasId.ToString());
                break;
            case MessageType.Location:
                Assert.True(m.TryGet(out LocationVector l));
                AssertLocation(e, l);
                break;
            case MessageType.Authentication:
                Assert.True(m.TryGet(out AuthenticationPage a));
                Assert.Equal(e.GetProperty("DataPage").GetInt32(), a.PageNumber);
                Assert.Equal(e.GetProperty("AuthType").GetInt32(), (int)a.AuthType);
                Assert.Equal(e.GetProperty("LastPageIndex").GetInt32(), a.LastPageIndex);
                Assert.Equal(e.GetProperty("Length").GetInt32(), a.Length);
                Assert.Equal(e.GetProperty("Timestamp_since_2019").GetUInt32(), a.Timestamp);
                Assert.Equal(e.GetProperty("AuthData_hex").GetString(), a.Data.ToHex(), ignoreCase: true);
                break;
            case MessageType.SelfId:
                Assert.True(m.TryGet(out SelfId s));
                Assert.Equal(e.GetProperty("DescType").GetInt32(), (int)s.DescriptionType);
                Assert.Equal(e.GetProperty("Desc").GetString(), s.Description.ToString());
                break;
            case MessageType.System:
                Assert.True(m.TryGet(out SystemInfo sys));
                AssertSystem(e, sys);
                break;
            case MessageType.OperatorId:
                Assert.True(m.TryGet(out OperatorId o));
                Assert.Equal(e.GetProperty("OperatorIdType").GetInt32(), (int)o.OperatorIdType);
                Assert.Equal(e.GetProperty("OperatorId").GetString(), o.Id.ToString());
                break;
            default:
                Assert.Fail($"vector {index} has message type {m.Type}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Every_vector_message_re_encodes_from_its_fields_to_the_same_bytes_apart_from_reserved_bits(int index)
    {
        byte[] bytes = Convert.FromHexString(RemoteIdVectors.Message(index).GetProperty("message_hex").GetString()!);
        Assert.Equal(OperationStatus.Done, RemoteIdMessage.TryDecode(bytes, out var m, out _));
        RemoteIdMessage again = m.Type switch
        {
            MessageType.BasicId when m.TryGet(out BasicId x) => RemoteIdMessage.From(x, m.ProtocolVersion),
            MessageType.Location when m.TryGet(out LocationVector x) => RemoteIdMessage.From(x, m.ProtocolVersion),
            MessageType.Authentication when m.TryGet(out AuthenticationPage x) => RemoteIdMessage.From(x, m.ProtocolVersion),
            MessageType.SelfId when m.TryGet(out SelfId x) => RemoteIdMessage.From(x, m.ProtocolVersion),
            MessageType.System when m.TryGet(out SystemInfo x) => RemoteIdMessage.From(x, m.ProtocolVersion),
            MessageType.OperatorId when m.TryGet(out OperatorId x) => RemoteIdMessage.From(x, m.ProtocolVersion),
            _ => throw new InvalidDataException(),
        };

        // Several captured transmitters leave junk in bytes F3411 reserves; the fields cannot carry it.
        Assert.Equal(Convert.ToHexString(ReservedCleared(bytes)), again.ToHex());
        Assert.Equal(bytes, m.ToArray());
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_vector_pack_decodes_to_its_listed_messages(int index)
    {
        var f = RemoteIdVectors.Frame(index);
        byte[] payload = Convert.FromHexString(f.GetProperty("odid_payload_hex").GetString()!);

        Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecode(payload, CarrierKind.None, out var frame, out var error));
        Assert.False(error.IsError);
        AssertMessages(f, frame);
        if (f.GetProperty("message_pack").ValueKind == JsonValueKind.Object)
        {
            Assert.True(frame.Packed);
            Assert.Equal(Convert.ToInt32(f.GetProperty("message_pack").GetProperty("pack_header").GetString(), 16) & 0xF, frame.Pack.ProtocolVersion);
            Assert.Equal(f.GetProperty("message_pack").GetProperty("msg_count").GetInt32(), frame.Count);
        }

        var buffer = new byte[RemoteIdCarrier.MaxWrittenLength];
        Assert.True(RemoteIdCarrier.TryWrite(frame, buffer, out int written));
        Assert.Equal(payload[..written], buffer[..written]);
        Assert.All(payload[written..], b => Assert.Equal(0, b)); // Bluetooth 5 captures pad the advertisement
    }

    [Theory]
    [MemberData(nameof(Frames))]
    public void Every_vector_frame_decodes_through_its_carrier_with_its_counter(int index)
    {
        var f = RemoteIdVectors.Frame(index);
        var kind = RemoteIdVectors.KindOf(f);
        byte counter = (byte)f.GetProperty("odid_counter").GetInt32();
        byte[] carrierPayload;
        if (f.GetProperty("source").TryGetProperty("frame_hex", out var raw))
        {
            carrierPayload = Convert.FromHexString(raw.GetString()!); // a whole HCI packet or 802.11 frame
        }
        else
        {
            // pcap-derived vectors keep only counter + pack: put them in the carrier structure.
            Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecode(Convert.FromHexString(f.GetProperty("odid_payload_hex").GetString()!), CarrierKind.None, out var bare, out _));
            var buffer = new byte[RemoteIdCarrier.MaxWrittenLength];
            Assert.True(RemoteIdCarrier.TryWrite(bare with { Kind = kind, Counter = counter }, buffer, out int written));
            carrierPayload = buffer[..written];
        }

        Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecode(carrierPayload, kind, out var frame, out var error));
        Assert.False(error.IsError, error.ToString());
        Assert.Equal(kind, frame.Kind);
        Assert.Equal(counter, frame.Counter);
        AssertMessages(f, frame);
        Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecodeAny(carrierPayload, out var any, out _));
        Assert.Equal(frame.Pack, any.Pack);
    }

    [Fact]
    public void Wifi_beacon_vendor_element_matches_the_reference_library_byte_for_byte()
    {
        var v = RemoteIdVectors.Root.GetProperty("core_c_unit_test_beacon");
        var basic = RemoteIdMessage.From(BasicId.Ascii(IdType.SerialNumber, UaType.HybridLift, "USS-Enterprise"));
        var location = RemoteIdMessage.From(new LocationVector { Status = OperationalStatus.Airborne, TrackDeg = 0.25, SpeedMps = 62, VerticalSpeedMps = 62 });
        var system = RemoteIdMessage.From(new SystemInfo { Timestamp = 0x12345678 });
        var frame = new RemoteIdFrame(CarrierKind.WifiBeacon, 0x55, new MessagePack([basic, location, system]), Packed: true);
        var buffer = new byte[RemoteIdCarrier.MaxWrittenLength];

        Assert.True(RemoteIdCarrier.TryWrite(frame, buffer, out int written));

        string prefix = v.GetProperty("expected_prefix_hex").GetString()!.ToUpperInvariant();
        string element = prefix[prefix.IndexOf("DD53FA0BBC", StringComparison.Ordinal)..];
        Assert.StartsWith(element, Convert.ToHexString(buffer, 0, written));
        Assert.Equal(2 + 0x53, written);
        // the whole 802.11 frame the library builds is the 36-byte beacon header, the SSID and rates elements, and ours
        Assert.Equal(v.GetProperty("expected_total_length").GetInt32(), prefix.Length / 2 - element.Length / 2 + written);
    }

    internal static byte[] ReservedCleared(byte[] message)
    {
        var b = (byte[])message.Clone();
        switch ((MessageType)(b[0] >> 4))
        {
            case MessageType.BasicId or MessageType.OperatorId:
                b.AsSpan(22).Clear();
                break;
            case MessageType.Location:
                b[1] &= 0xF7;
                b[23] &= 0x0F;
                b[24] = 0;
                break;
            case MessageType.System:
                b[1] &= 0x1F;
                b[24] = 0;
                break;
        }

        return b;
    }

    private static void AssertMessages(JsonElement f, RemoteIdFrame frame)
    {
        string[] expected = f.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToArray();
        Assert.Equal(expected, Enumerable.Range(0, frame.Count).Select(i => frame[i].ToHex()).ToArray());
    }

    private static void AssertLocation(JsonElement e, in LocationVector l)
    {
        Assert.Equal(e.GetProperty("Status").GetInt32(), (int)l.Status);
        Assert.Equal(e.GetProperty("HeightType").GetInt32(), (int)l.HeightType);
        AssertValue(e, "Direction_deg", 361, l.TrackDeg);
        AssertValue(e, "SpeedHorizontal_mps", 255, l.SpeedMps);
        AssertValue(e, "SpeedVertical_mps", 63, l.VerticalSpeedMps);
        AssertValue(e, "AltitudeBaro_m", -1000, l.PressureAltitudeM);
        AssertValue(e, "AltitudeGeo_m", -1000, l.GeodeticAltitudeM);
        AssertValue(e, "Height_m", -1000, l.HeightM);
        AssertLatLon(e, "Latitude", "Longitude", l.LatitudeDeg, l.LongitudeDeg);
        Assert.Equal(e.GetProperty("HorizAccuracy").GetInt32(), (int)l.HorizontalAccuracy);
        Assert.Equal(e.GetProperty("VertAccuracy").GetInt32(), (int)l.VerticalAccuracy);
        Assert.Equal(e.GetProperty("BaroAccuracy").GetInt32(), (int)l.BaroAccuracy);
        Assert.Equal(e.GetProperty("SpeedAccuracy").GetInt32(), (int)l.SpeedAccuracy);
        Assert.Equal(e.GetProperty("TSAccuracy").GetInt32(), (int)Math.Round((l.TimestampAccuracyS ?? 0) * 10));
        AssertValue(e, "TimeStamp_s_after_hour", 6553.5, l.TimestampS);
    }

    private static void AssertSystem(JsonElement e, in SystemInfo s)
    {
        Assert.Equal(e.GetProperty("OperatorLocationType").GetInt32(), (int)s.OperatorLocationType);
        Assert.Equal(e.GetProperty("ClassificationType").GetInt32(), (int)s.ClassificationType);
        AssertLatLon(e, "OperatorLatitude", "OperatorLongitude", s.OperatorLatitudeDeg, s.OperatorLongitudeDeg);
        Assert.Equal(e.GetProperty("AreaCount").GetInt32(), s.AreaCount);
        Assert.Equal(e.GetProperty("AreaRadius_m").GetInt32(), s.AreaRadiusM);
        AssertValue(e, "AreaCeiling_m", -1000, s.AreaCeilingM);
        AssertValue(e, "AreaFloor_m", -1000, s.AreaFloorM);
        Assert.Equal(e.GetProperty("CategoryEU").GetInt32(), (int)s.UaCategory);
        Assert.Equal(e.GetProperty("ClassEU").GetInt32(), (int)s.UaClass);
        AssertValue(e, "OperatorAltitudeGeo_m", -1000, s.OperatorAltitudeM);
        Assert.Equal(e.GetProperty("Timestamp_since_2019").GetUInt32(), s.Timestamp);
    }

    /// <summary>The reference library reports "unknown" as a sentinel number; Straja reports null.</summary>
    private static void AssertValue(JsonElement e, string name, double unknownSentinel, double? actual)
    {
        double expected = e.GetProperty(name).GetDouble();
        if (expected == unknownSentinel)
        {
            Assert.Null(actual);
        }
        else
        {
            Assert.NotNull(actual);
            Assert.Equal(expected, actual.Value, 1e-4);
        }
    }

    private static void AssertLatLon(JsonElement e, string lat, string lon, double? actualLat, double? actualLon)
    {
        double la = e.GetProperty(lat).GetDouble(), lo = e.GetProperty(lon).GetDouble();
        if (la == 0 && lo == 0)
        {
            Assert.Null(actualLat);
            Assert.Null(actualLon);
        }
        else
        {
            Assert.Equal(la, actualLat!.Value, 1e-7);
            Assert.Equal(lo, actualLon!.Value, 1e-7);
        }
    }
}
