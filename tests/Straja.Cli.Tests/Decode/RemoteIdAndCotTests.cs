using System.Text;
using System.Text.Json;
using Straja.Protocols.RemoteId;

namespace Straja.Cli.Tests.Decode;

/// <summary>`straja decode remoteid` and `straja decode|encode cot`, driven by the shared vectors.</summary>
public class RemoteIdAndCotTests
{
    private static JsonElement RemoteId => VectorFiles.Load("remoteid_opendroneid.json");
    private static JsonElement Cot => VectorFiles.Load("cot_tak.json");

    private static readonly Dictionary<string, int> MessageTypes = new()
    {
        ["BasicID"] = 0, ["Location/Vector"] = 1, ["Authentication"] = 2, ["SelfID"] = 3, ["System"] = 4, ["OperatorID"] = 5,
    };

    [Fact]
    public void Every_vector_message_decodes_as_hex_with_its_type_and_version()
    {
        var vectors = RemoteId.GetProperty("messages").EnumerateArray().ToList();
        var r = CliRun.Decode(string.Join('\n', vectors.Select(v => v.GetProperty("message_hex").GetString())), "remoteid", "-");

        Assert.Equal(0, r.ExitCode);
        Assert.Equal(vectors.Count, r.Messages.Count);
        for (int i = 0; i < vectors.Count; i++)
        {
            var expected = vectors[i].GetProperty("decoded_by_opendroneid_core_c");
            var m = r.Messages[i];
            Assert.Equal(MessageTypes[vectors[i].GetProperty("type").GetString()!], m.GetProperty("message_type").GetInt32());
            Assert.Equal(expected.GetProperty("proto_version").GetInt32(), m.GetProperty("protocol_version").GetInt32());
            Assert.Equal(i + 1, m.GetProperty("line").GetInt32());
            if (expected.TryGetProperty("UASID", out var uas) && m.TryGetProperty("uas_id", out var got))
                Assert.Equal(uas.GetString(), got.GetString());
        }
    }

    [Fact]
    public void Every_vector_carrier_frame_decodes_to_its_messages()
    {
        foreach (var frame in RemoteId.GetProperty("frames").EnumerateArray())
        {
            // Whole carrier frames where the vector keeps them (HCI, 802.11), else the ODID payload the capture held.
            bool whole = frame.GetProperty("source").TryGetProperty("frame_hex", out var raw);
            string hex = whole ? raw.GetString()! : frame.GetProperty("odid_payload_hex").GetString()!;
            var r = CliRun.Decode(hex, "remoteid", "-");
            var expected = frame.GetProperty("messages").EnumerateArray().Select(m => m.GetString()!).ToList();
            Assert.True(r.ExitCode == 0, $"frame {frame.GetProperty("frame")}: {r.Stdout}");
            var m = Assert.Single(r.Messages);
            int count = m.TryGetProperty("messages", out var inner) ? inner.GetArrayLength() : 1;
            Assert.Equal(expected.Count, count);
            if (whole)
                Assert.Equal(frame.GetProperty("odid_counter").GetInt32(), m.GetProperty("message_counter").GetInt32());
        }
    }

    private static byte[] FeedRecord(string receiver, sbyte rssi, DateTimeOffset at, ulong address, byte[] messageHex)
    {
        var frame = RemoteIdFrame.Single(CarrierKind.BluetoothLegacy, 7, RemoteIdMessage.TryDecode(messageHex, out var msg, out _) == System.Buffers.OperationStatus.Done ? msg : throw new InvalidOperationException());
        var payload = new byte[RemoteIdCarrier.MaxWrittenLength];
        Assert.True(RemoteIdCarrier.TryWrite(frame, payload, out int n));
        var record = new RemoteIdFeedRecord
        {
            Kind = CarrierKind.BluetoothLegacy,
            ReceiverId = Encoding.ASCII.GetBytes(receiver),
            RssiDbm = rssi,
            ReceivedUnixUs = RemoteIdFeed.ToUnixUs(at),
            TransmitterAddress = address,
            Payload = payload.AsSpan(0, n),
        };
        var bytes = new byte[RemoteIdFeed.MaxRecordBytes];
        Assert.True(RemoteIdFeed.TryWrite(record, bytes, out int written));
        return bytes[..written];
    }

    [Fact]
    public void A_raw_feed_decodes_each_record_with_its_receiver_and_skips_a_broken_one()
    {
        byte[] basic = Convert.FromHexString(RemoteId.GetProperty("messages")[0].GetProperty("message_hex").GetString()!);
        var at = new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero).AddTicks(1234560);
        var good = FeedRecord("pi-isaccea-1", -67, at, 0xA1B2C3D4E5F6, basic);
        var broken = good.ToArray();
        broken[6] = 0; // a receiver id of no length
        var r = CliRun.Decode([.. good, .. broken, .. good], "remoteid", "-", "--format", "raw");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(2, r.Messages.Count);
        var m = r.Messages[0];
        Assert.Equal("pi-isaccea-1", m.GetProperty("receiver_id").GetString());
        Assert.Equal(-67, m.GetProperty("rssi_dbm").GetInt32());
        Assert.Equal("2026-05-01T12:00:00.123456Z", m.GetProperty("received_at").GetString());
        Assert.Equal("A1:B2:C3:D4:E5:F6", m.GetProperty("transmitter_address").GetString());
        Assert.Equal(0, m.GetProperty("messages")[0].GetProperty("message_type").GetInt32());
        Assert.Equal(2 * good.Length, r.Messages[1].GetProperty("offset").GetInt32());
        var e = Assert.Single(r.Errors);
        Assert.Equal(good.Length + 6, e.GetProperty("offset").GetInt32());
    }

    [Fact]
    public void A_remoteid_line_of_the_wrong_length_is_an_error_and_decoding_goes_on()
    {
        string ok = RemoteId.GetProperty("messages")[0].GetProperty("message_hex").GetString()!;
        var r = CliRun.Decode($"{ok[..20]}\n{ok}\n", "remoteid", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Single(r.Errors);
        Assert.Equal(1, r.Errors[0].GetProperty("line").GetInt32());
        Assert.Single(r.Messages);
    }

    private static void AssertUpstreamEvent(JsonElement m)
    {
        var expected = Cot.GetProperty("upstream_vector").GetProperty("expected");
        Assert.Equal(expected.GetProperty("uid").GetString(), m.GetProperty("uid").GetString());
        Assert.Equal(expected.GetProperty("type").GetString(), m.GetProperty("type").GetString());
        Assert.Equal(expected.GetProperty("how").GetString(), m.GetProperty("how").GetString());
        Assert.Equal(expected.GetProperty("lat").GetDouble(), m.GetProperty("point").GetProperty("lat").GetDouble(), 7);
        Assert.Equal(expected.GetProperty("lon").GetDouble(), m.GetProperty("point").GetProperty("lon").GetDouble(), 7);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(expected.GetProperty("sendTime_ms").GetInt64()),
            DateTimeOffset.Parse(m.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("Eliopoli HQ", m.GetProperty("detail").GetProperty("contact").GetProperty("callsign").GetString());
    }

    [Fact]
    public void The_upstream_event_reads_the_same_as_xml_tak_mesh_and_tak_stream()
    {
        var v = Cot.GetProperty("upstream_vector");
        var xml = CliRun.Decode(v.GetProperty("cot_xml").GetString()!, "cot", "-");
        var mesh = CliRun.Decode(v.GetProperty("tak_v1_mesh_hex").GetString()!, "cot", "-", "--format", "hex");
        var stream = CliRun.Decode(Convert.FromHexString(v.GetProperty("tak_v1_stream_hex").GetString()!), "cot", "-", "--format", "raw");

        foreach (var (r, encoding) in new[] { (xml, "xml"), (mesh, "tak-mesh"), (stream, "tak-stream") })
        {
            Assert.True(r.ExitCode == 0, r.Stdout);
            var m = Assert.Single(r.Messages);
            AssertUpstreamEvent(m);
            Assert.Equal(encoding, m.GetProperty("encoding").GetString());
        }
    }

    [Fact]
    public void Xml_events_one_per_line_decode_in_order_and_a_broken_one_is_reported_with_its_offset()
    {
        var events = Cot.GetProperty("authored_uav_examples").GetProperty("events").EnumerateArray().ToList();
        string Line(JsonElement e) => e.GetProperty("cot_xml").GetString()!.Replace("\n", "", StringComparison.Ordinal);
        string first = Line(events[0]);
        string broken = "<event version='2.0' uid='x'><point lat='1'/></event>";
        string input = string.Join('\n', [first, broken, .. events.Skip(1).Select(Line)]) + "\n";
        var r = CliRun.Decode(input, "cot", "-");

        Assert.Equal(1, r.ExitCode);
        Assert.Equal(events.Select(e => e.GetProperty("expected").GetProperty("uid").GetString()), r.Messages.Select(m => m.GetProperty("uid").GetString()));
        var error = Assert.Single(r.Errors);
        Assert.Equal(Encoding.UTF8.GetByteCount(first) + 1, error.GetProperty("offset").GetInt32());
        Assert.Equal(events[0].GetProperty("expected").GetProperty("track_speed_mps").GetDouble(),
            r.Messages[0].GetProperty("detail").GetProperty("track").GetProperty("speed").GetDouble());
    }

    [Fact]
    public void Encode_writes_each_event_as_one_xml_line_that_decodes_to_the_same_event()
    {
        var events = Cot.GetProperty("authored_uav_examples").GetProperty("events").EnumerateArray()
            .Select(e => e.GetProperty("cot_xml").GetString()!).Append(Cot.GetProperty("upstream_vector").GetProperty("cot_xml").GetString()!);
        var decoded = CliRun.Decode(string.Join('\n', events), "cot", "-");
        Assert.Equal(0, decoded.ExitCode);

        var encoded = CliRun.Encode(decoded.Stdout, "cot", "-");
        Assert.True(encoded.ExitCode == 0, encoded.Stderr);
        Assert.Equal(decoded.Messages.Count, encoded.Lines.Length);
        Assert.All(encoded.Lines, l => Assert.StartsWith("<event ", l, StringComparison.Ordinal));

        var again = CliRun.Decode(string.Join('\n', encoded.Lines), "cot", "-");
        Assert.Equal(
            decoded.Messages.Select(m => Strip(m)),
            again.Messages.Select(m => Strip(m)));
    }

    // Where a message was found differs between the two runs; what it says must not.
    private static string Strip(JsonElement m) =>
        JsonSerializer.Serialize(m.EnumerateObject().Where(p => p.Name is not ("offset" or "line")).ToDictionary(p => p.Name, p => p.Value));

    [Theory]
    [InlineData("""{"uid":"u","type":"a-h-A","how":"m-f","time":"2026-05-01T12:00:00Z","start":"2026-05-01T12:00:00Z","stale":"2026-05-01T12:01:00Z","point":{"lat":95,"lon":28,"hae":0,"ce":1,"le":1}}""", "point.lat")]
    [InlineData("""{"uid":"u","type":"a-h-A","how":"m-f","time":"yesterday","start":"2026-05-01T12:00:00Z","stale":"2026-05-01T12:01:00Z","point":{"lat":45,"lon":28,"hae":0,"ce":1,"le":1}}""", "time")]
    [InlineData("""{"type":"a-h-A","how":"m-f","time":"2026-05-01T12:00:00Z","start":"2026-05-01T12:00:00Z","stale":"2026-05-01T12:01:00Z","point":{"lat":45,"lon":28,"hae":0,"ce":1,"le":1}}""", "uid")]
    [InlineData("""{"uid":"u","type":"a-h-A","how":"m-f","time":"2026-05-01T12:00:00Z","start":"2026-05-01T12:00:00Z","stale":"2026-05-01T12:01:00Z","point":{"lat":45,"lon":28,"hae":0,"ce":1,"le":1},"detail":{"xml":"<open>"}}""", "detail.xml")]
    public void Encode_names_the_field_that_is_wrong(string json, string field)
    {
        var r = CliRun.Encode(json, "cot", "-");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(field, r.Stderr, StringComparison.Ordinal);
        Assert.Empty(r.Lines);
    }
}
