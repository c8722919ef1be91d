using System.Buffers;
using System.Text;
using System.Text.Json;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

public sealed class FeedAndJsonTests
{
    // The example datagram of docs/protocols/remoteid.md: receiver "rx-siret-01", Bluetooth legacy, -67 dBm,
    // 2026-11-27T10:15:30.25Z, transmitter 60:60:1F:12:34:56, the legacy advertisement of the vector file.
    private const string DocumentedDatagram =
        "5352494401010B72782D73697265742D3031BD0006613F56F8E51060601F123456001F" +
        "1E16FAFF0D0002123131323632343135304139304533414531454330000000";

    [Fact]
    public void Documented_example_datagram_reads_to_its_documented_fields_and_carries_a_basic_id()
    {
        byte[] datagram = Convert.FromHexString(DocumentedDatagram);

        Assert.Equal(OperationStatus.Done, RemoteIdFeed.TryRead(datagram, out var r, out int consumed, out _));
        Assert.Equal(datagram.Length, consumed);
        Assert.Equal(CarrierKind.BluetoothLegacy, r.Kind);
        Assert.Equal("rx-siret-01", Encoding.ASCII.GetString(r.ReceiverId));
        Assert.Equal(-67, r.RssiDbm);
        Assert.Equal(new DateTimeOffset(2026, 11, 27, 10, 15, 30, 250, TimeSpan.Zero), r.ReceivedAt);
        Assert.Equal(0x60601F123456UL, r.TransmitterAddress);
        Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecode(r.Payload, r.Kind, out var frame, out _));
        Assert.True(frame[0].TryGet(out BasicId id));
        Assert.Equal("112624150A90E3AE1EC0", id.UasId.ToString());
    }

    [Theory]
    [InlineData("5352494502", 3, RemoteIdErrorReason.BadMagic)]
    [InlineData("5352494402", 4, RemoteIdErrorReason.UnsupportedVersion)]
    [InlineData("535249440109", 5, RemoteIdErrorReason.UnknownCarrier)]
    [InlineData("53524944010100", 6, RemoteIdErrorReason.BadReceiverId)]
    [InlineData("5352494401010241" + "0A", 8, RemoteIdErrorReason.BadReceiverId)]
    public void Bad_feed_header_is_rejected_naming_the_byte(string hex, int offset, RemoteIdErrorReason reason)
    {
        byte[] bytes = [.. Convert.FromHexString(hex), .. new byte[40]];
        Assert.Equal(OperationStatus.InvalidData, RemoteIdFeed.TryRead(bytes, out _, out int consumed, out var error));
        Assert.Equal(0, consumed);
        Assert.Equal(new RemoteIdDecodeError(offset, reason), error);
    }

    [Fact]
    public void Feed_record_claiming_a_huge_payload_is_rejected_not_waited_for()
    {
        byte[] datagram = Convert.FromHexString(DocumentedDatagram);
        datagram[33] = 0xFF; // payload length high byte: 65 311 bytes
        Assert.Equal(OperationStatus.InvalidData, RemoteIdFeed.TryRead(datagram, out _, out _, out var error));
        Assert.Equal(new RemoteIdDecodeError(33, RemoteIdErrorReason.BadStructureLength), error);
    }

    [Theory]
    [InlineData(long.MinValue)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public void Receive_time_outside_the_calendar_reads_as_null_not_an_exception(long unixUs)
    {
        var buffer = new byte[RemoteIdFeed.MaxRecordBytes];
        var record = new RemoteIdFeedRecord { Kind = CarrierKind.None, ReceiverId = "rx"u8, ReceivedUnixUs = unixUs };
        Assert.True(RemoteIdFeed.TryWrite(record, buffer, out int written));

        Assert.Equal(OperationStatus.Done, RemoteIdFeed.TryRead(buffer.AsSpan(0, written), out var back, out _, out _));
        Assert.Null(back.ReceivedAt);
    }

    [Fact]
    public void Cut_short_feed_record_asks_for_more_data()
    {
        byte[] datagram = Convert.FromHexString(DocumentedDatagram);
        Assert.Equal(OperationStatus.NeedMoreData, RemoteIdFeed.TryRead(datagram.AsSpan(0, datagram.Length - 1), out _, out _, out var error));
        Assert.Equal(RemoteIdErrorReason.Truncated, error.Reason);
    }

    [Fact]
    public void Location_json_has_the_f3411_fields_with_unknowns_as_null()
    {
        var m = Message("1023b5ff7e000000000000000062070000cf07005000000100");

        var json = Json(w => RemoteIdJson.Write(w, m)).RootElement;

        Assert.Equal(1, json.GetProperty("message_type").GetInt32());
        Assert.Equal("location", json.GetProperty("message_name").GetString());
        Assert.Equal(2, json.GetProperty("status").GetInt32());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("track_direction_deg").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("latitude").ValueKind);
        Assert.Equal(-55.0, json.GetProperty("pressure_altitude_m").GetDouble());
        Assert.Equal(-0.5, json.GetProperty("height_m").GetDouble());
        Assert.Equal(5, json.GetProperty("baro_altitude_accuracy").GetInt32());
    }

    [Fact]
    public void Carrier_json_lists_the_pack_messages_with_the_counter()
    {
        var f = RemoteIdVectors.Frame(0);
        Assert.Equal(OperationStatus.Done, RemoteIdCarrier.TryDecode(Convert.FromHexString(f.GetProperty("source").GetProperty("frame_hex").GetString()!), CarrierKind.BluetoothLongRange, out var frame, out _));

        var json = Json(w => RemoteIdJson.Write(w, frame)).RootElement;

        Assert.Equal("bluetooth_long_range", json.GetProperty("carrier").GetString());
        Assert.Equal(0, json.GetProperty("message_counter").GetInt32());
        Assert.Equal(9, json.GetProperty("no_of_messages").GetInt32());
        var messages = json.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal("112624150A90E3AE1EC0", messages[0].GetProperty("uas_id").GetString());
        Assert.Equal(63, messages[3].GetProperty("length").GetInt32());
        Assert.Equal("FIN87astrdge12k8", messages[8].GetProperty("operator_id").GetString());
    }

    [Fact]
    public void Error_json_names_the_reason_and_offset()
    {
        var json = Json(w => RemoteIdJson.WriteError(w, new RemoteIdDecodeError(2, RemoteIdErrorReason.TooManyMessages))).RootElement;
        Assert.Equal("message pack holds more than 9 messages", json.GetProperty("error").GetString());
        Assert.Equal(2, json.GetProperty("offset").GetInt32());
    }

    private static RemoteIdMessage Message(string hex)
    {
        Assert.Equal(OperationStatus.Done, RemoteIdMessage.TryDecode(Convert.FromHexString(hex), out var m, out _));
        return m;
    }

    private static JsonDocument Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            write(w);
        }

        return JsonDocument.Parse(stream.ToArray());
    }
}
