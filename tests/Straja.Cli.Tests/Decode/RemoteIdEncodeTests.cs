using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Straja.Cli.Decode;
using Straja.Protocols.RemoteId;
using OdidPack = Straja.Protocols.RemoteId.MessagePack;

namespace Straja.Cli.Tests.Decode;

/// <summary><c>straja encode remoteid</c>: what <c>decode remoteid</c> prints encodes back, and bad input is named by line and field.</summary>
public sealed class RemoteIdEncodeTests
{
    private static JsonElement Vectors => VectorFiles.Load("remoteid_opendroneid.json");

    /// <summary>decode's JSON without the position fields it adds (encode ignores them).</summary>
    private static string Canonical(JsonElement decoded)
    {
        var node = JsonNode.Parse(decoded.GetRawText())!.AsObject();
        node.Remove("line");
        node.Remove("offset");
        return node.ToJsonString();
    }

    /// <summary>
    /// The message with the reserved tail of a Basic ID or Operator ID (bytes 22..24, after the 20-byte id) zeroed:
    /// F3411 reserves them, decode does not print them, and real transmitters fill them with whatever they like.
    /// </summary>
    private static string WithoutReservedTail(string hex) =>
        Convert.FromHexString(hex) is var b && (b[0] >> 4) is 0 or 5 ? Convert.ToHexString([.. b[..22], 0, 0, 0]) : hex;

    [Fact]
    public void Every_vector_message_survives_decode_then_encode_byte_for_byte_but_for_reserved_bytes()
    {
        var hex = Vectors.GetProperty("messages").EnumerateArray().Select(v => v.GetProperty("message_hex").GetString()!.ToUpperInvariant()).ToList();

        var again = CliRun.DecodeThenEncode("remoteid", string.Join('\n', hex));

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(hex.Select(WithoutReservedTail), again.Lines);
        Assert.Equal(
            CliRun.Decode(string.Join('\n', hex), "remoteid", "-").Messages.Select(Canonical),
            CliRun.Decode(again.Stdout, "remoteid", "-").Messages.Select(Canonical));
    }

    [Fact]
    public void Every_vector_frame_decodes_to_the_same_messages_after_encode()
    {
        foreach (var frame in Vectors.GetProperty("frames").EnumerateArray())
        {
            bool whole = frame.GetProperty("source").TryGetProperty("frame_hex", out var raw);
            string hex = whole ? raw.GetString()! : frame.GetProperty("odid_payload_hex").GetString()!;
            var decoded = Assert.Single(CliRun.Decode(hex, "remoteid", "-").Messages);

            var encoded = CliRun.Encode(decoded.GetRawText(), "remoteid", "-");
            Assert.True(encoded.ExitCode == 0, $"frame {frame.GetProperty("frame")}: {encoded.Stderr}");
            var back = Assert.Single(CliRun.Decode(encoded.Stdout, "remoteid", "-").Messages);

            // The capture's wrapping (HCI, 802.11 header) is not the message's: what comes back is the ODID structure alone.
            Assert.Equal(Canonical(decoded), Canonical(back));
        }
    }

    private static readonly Gen<string> Ascii = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -"].Array[1, 20].Select(c => new string(c));

    private static Gen<(double? Lat, double? Lon)> LatLon =>
        Gen.Select(Gen.Int[1, 900_000_000], Gen.Int[1, 1_800_000_000], Gen.Bool, Gen.Bool)
            .Select((la, lo, s1, s2) => ((double?)((s1 ? -la : la) / 1e7), (double?)((s2 ? -lo : lo) / 1e7)));

    // On the wire's own grids, so each message has one encoding: 0.5 m altitudes, 0.25/0.75 m/s speeds, 0.1 s times.
    private static Gen<double?> Altitude => Gen.Int[1, 65_535].Select(raw => (double?)((raw * 0.5) - 1000));

    private static readonly Gen<RemoteIdMessage> BasicIds =
        Gen.Select(Gen.Int[0, 4], Gen.Int[0, 15], Ascii, Gen.Byte.Array[20]).Select((idType, ua, text, binary) =>
            RemoteIdMessage.From(idType is 3 or 4
                ? new BasicId((IdType)idType, (UaType)ua, new RemoteIdBytes(binary))
                : BasicId.Ascii((IdType)idType, (UaType)ua, text)));

    private static readonly Gen<RemoteIdMessage> Locations =
        Gen.Select(Gen.Select(Gen.Int[0, 15], Gen.Int[0, 1], Gen.Int[0, 359], Gen.Int[0, 255 + 254]), Gen.Int[-124, 124], LatLon,
                Gen.Select(Altitude, Altitude, Altitude), Gen.Int[0, 15].Array[4], Gen.Int[0, 36_000], Gen.Int[1, 15])
            .Select((head, vs, pos, alts, acc, ts, tsa) => RemoteIdMessage.From(new LocationVector
            {
                Status = (OperationalStatus)head.Item1,
                HeightType = (HeightType)head.Item2,
                TrackDeg = head.Item3,
                SpeedMps = head.Item4 <= 255 ? head.Item4 * 0.25 : 63.75 + ((head.Item4 - 255) * 0.75),
                VerticalSpeedMps = vs * 0.5,
                LatitudeDeg = pos.Lat,
                LongitudeDeg = pos.Lon,
                PressureAltitudeM = alts.Item1,
                GeodeticAltitudeM = alts.Item2,
                HeightM = alts.Item3,
                HorizontalAccuracy = (HorizontalAccuracy)acc[0],
                VerticalAccuracy = (VerticalAccuracy)acc[1],
                BaroAccuracy = (VerticalAccuracy)acc[2],
                SpeedAccuracy = (SpeedAccuracy)acc[3],
                TimestampS = ts / 10.0,
                TimestampAccuracyS = tsa / 10.0,
            }));

    private static readonly Gen<RemoteIdMessage> AuthenticationPages =
        Gen.Select(Gen.Int[0, 15], Gen.Int[0, 15], Gen.Int[0, 255], Gen.UInt, Gen.Byte.Array[23])
            .Select((type, page, length, ts, data) => RemoteIdMessage.From(page == 0
                ? new AuthenticationPage { AuthType = (AuthType)type, LastPageIndex = length % 16, Length = length, Timestamp = ts, Data = new RemoteIdBytes(data.AsSpan(0, AuthenticationPage.Page0DataBytes)) }
                : new AuthenticationPage { AuthType = (AuthType)type, PageNumber = page, Data = new RemoteIdBytes(data) }));

    private static readonly Gen<RemoteIdMessage> SelfIds =
        Gen.Select(Gen.Int[0, 255], Ascii).Select((type, text) => RemoteIdMessage.From(SelfId.Ascii((DescriptionType)type, text)));

    private static readonly Gen<RemoteIdMessage> Systems =
        Gen.Select(Gen.Select(Gen.Int[0, 3], Gen.Int[0, 7], LatLon), Gen.Int[0, 65_535], Gen.Int[0, 255], Gen.Select(Altitude, Altitude, Altitude), Gen.Int[0, 15], Gen.Int[0, 15], Gen.UInt)
            .Select((head, count, radius, alts, category, uaClass, ts) => RemoteIdMessage.From(new SystemInfo
            {
                OperatorLocationType = (OperatorLocationType)head.Item1,
                ClassificationType = (ClassificationType)head.Item2,
                OperatorLatitudeDeg = head.Item3.Lat,
                OperatorLongitudeDeg = head.Item3.Lon,
                AreaCount = count,
                AreaRadiusM = radius * 10,
                AreaCeilingM = alts.Item1,
                AreaFloorM = alts.Item2,
                OperatorAltitudeM = alts.Item3,
                UaCategory = (UaCategory)category,
                UaClass = (UaClass)uaClass,
                Timestamp = ts,
            }));

    private static readonly Gen<RemoteIdMessage> OperatorIds =
        Gen.Select(Gen.Int[0, 255], Ascii).Select((type, id) => RemoteIdMessage.From(new OperatorId((OperatorIdType)type, RemoteIdBytes.FromAscii(id, OperatorId.IdBytes))));

    private static readonly Gen<RemoteIdMessage> Messages = Gen.OneOf(BasicIds, Locations, AuthenticationPages, SelfIds, Systems, OperatorIds);

    [Fact]
    public void Random_messages_and_packs_survive_decode_then_encode_byte_for_byte() =>
        Gen.Select(Messages.Array[1, OdidPack.MaxMessages], Gen.Bool).Sample((messages, asPack) =>
        {
            string hex;
            if (asPack)
            {
                var bytes = new byte[OdidPack.MaxBytes];
                Assert.True(new OdidPack(messages).TryWrite(bytes, out int n));
                hex = Convert.ToHexString(bytes, 0, n);
            }
            else
            {
                hex = messages[0].ToHex();
            }

            var again = CliRun.DecodeThenEncode("remoteid", hex);

            Assert.True(again.ExitCode == 0, again.Stderr);
            Assert.Equal(hex, Assert.Single(again.Lines));
        }, iter: 300);

    [Fact]
    public void A_message_written_by_hand_with_only_its_name_encodes()
    {
        string json = """{"message_name":"operator_id","operator_id_type":0,"operator_id":"ROU123456789abc"}""";

        var back = Assert.Single(CliRun.Decode(CliRun.Encode(json, "remoteid", "-").Stdout, "remoteid", "-").Messages);

        Assert.Equal(5, back.GetProperty("message_type").GetInt32());
        Assert.Equal("ROU123456789abc", back.GetProperty("operator_id").GetString());
    }

    [Fact]
    public void What_cannot_be_encoded_is_reported_by_line_and_field_and_the_rest_is_written()
    {
        string input = string.Join('\n',
            """{"message_type":5,"operator_id_type":0,"operator_id":"ROU123"}""",
            """{"message_type":1,"status":2,"height_type":0,"latitude":95,"longitude":28.1}""",
            """{"message_type":0,"id_type":1,"ua_type":2,"uas_id":"THIS-SERIAL-IS-FAR-TOO-LONG"}""",
            """{"carrier":"bluetooth_legacy","message_counter":3,"messages":[{"message_type":3,"description_type":0,"description":"ok"},{"message_type":9}]}""",
            """{"carrier":"wifi_beacon","message_counter":1,"message_type":15,"no_of_messages":2,"messages":[{"message_type":3,"description_type":0,"description":"ok"}]}""",
            """{"message_type":2,"auth_type":1,"page_number":3,"auth_data":"XYZ"}""",
            """{"carrier":"smoke_signal","messages":[]}""");

        var result = CliRun.Encode(input, "remoteid", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Lines);
        var problems = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(6, problems.Length);
        Assert.Equal("straja encode: stdin:2: field 'latitude': 95 is outside -90..90", problems[0]);
        Assert.Equal("straja encode: stdin:3: field 'uas_id': 27 characters do not fit the 20-byte field", problems[1]);
        Assert.Equal("straja encode: stdin:4: field 'messages[1].data': is missing", problems[2]);
        Assert.Equal("straja encode: stdin:5: field 'no_of_messages': 2 but \"messages\" holds 1", problems[3]);
        Assert.StartsWith("straja encode: stdin:6: field 'auth_data': 'XYZ' is not hexadecimal", problems[4], StringComparison.Ordinal);
        Assert.StartsWith("straja encode: stdin:7: field 'carrier': 'smoke_signal' is not one of", problems[5], StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_output_is_the_hex_lines_bytes_back_to_back()
    {
        string input = string.Join('\n',
            """{"message_type":5,"operator_id_type":0,"operator_id":"ROU123"}""",
            """{"carrier":"none","messages":[{"message_type":3,"description_type":0,"description":"survey"}]}""");
        var hex = CliRun.Encode(input, "remoteid", "-");
        using var binary = new MemoryStream();

        int code = EncodeCommand.Run(["remoteid", "-", "--format", "raw"], () => new MemoryStream(System.Text.Encoding.UTF8.GetBytes(input)),
            new StringWriter(), new StringWriter(), () => binary);

        Assert.Equal(0, code);
        Assert.Equal(hex.Lines.SelectMany(Convert.FromHexString), binary.ToArray());
    }

    [Fact]
    public void An_unknown_output_format_is_a_usage_error()
    {
        var result = CliRun.Encode("{}", "remoteid", "-", "--format", "pcap");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown output format 'pcap'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_outside_one_byte_per_character_is_refused_by_field()
    {
        var result = CliRun.Encode("""{"message_type":3,"description_type":0,"description":"Ștefan ✈"}""", "remoteid", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("field 'description': character 0", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Lines);
    }
}
