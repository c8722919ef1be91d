using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Straja.Cli.Tests.Decode;

/// <summary>
/// Every shared vector (the copies in tests/Straja.Protocols.Tests/Vectors) through <c>straja decode</c>: the printed
/// fields match a sample of the expected values per protocol, and bad messages print error objects. The codecs'
/// own golden tests check every field; these check that the command carries them through unchanged.
/// </summary>
public sealed class GoldenVectorTests
{
    // DFs the decoder interprets; the vectors also hold others, which must come out as error objects.
    private static readonly int[] DecodedDownlinkFormats = [0, 4, 5, 11, 16, 17, 18, 20, 21, 24];

    [Fact]
    public void Every_mode_s_vector_prints_its_expected_identity_and_values()
    {
        var messages = VectorFiles.Load("modes_adsb_1090es.json").GetProperty("messages").EnumerateArray().ToList();
        var result = CliRun.Decode(string.Join('\n', messages.Select(m => m.GetProperty("hex").GetString())), "modes", "-");
        var byLine = result.Objects.ToDictionary(o => o.GetProperty("line").GetInt32());

        Assert.Equal(messages.Count, byLine.Count);
        int compared = 0;
        for (int i = 0; i < messages.Count; i++)
        {
            var vector = messages[i];
            var printed = byLine[i + 1];
            int df = Math.Min(Convert.FromHexString(vector.GetProperty("hex").GetString()!)[0] >> 3, 24); // DF24 is "11" and any 3 bits
            if (!DecodedDownlinkFormats.Contains(df))
            {
                Assert.Equal("downlink format not supported", printed.GetProperty("error").GetString());
                continue;
            }

            // The upstream assertion where there is one, else pyModeS's own decode of the frame (DERIVED).
            var expected = vector.GetProperty("expected");
            var derived = vector.TryGetProperty("pymodes_v3_decode", out var d0) ? d0 : default;
            foreach (var (name, derivedName) in new[] { ("df", "df"), ("icao", "icao"), ("typecode", "typecode"), ("callsign", "callsign"), ("altitude_ft", "altitude"), ("squawk", "squawk") })
            {
                var source = expected.TryGetProperty(name, out var e) ? e
                    : derived.ValueKind == JsonValueKind.Object && derived.TryGetProperty(derivedName, out var d) ? d : default;
                if (source.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
                {
                    continue;
                }

                Assert.True(printed.TryGetProperty(name, out var actual), $"line {i + 1}: '{name}' missing from {printed}");
                // Comm-D is DF24 by its first two bits alone; pyModeS prints all five (25 here), as the codec's own tests note.
                string want = name == "df" && df == 24 ? "24" : Text(source);
                Assert.True(want == Text(actual), $"line {i + 1} '{name}': expected {want}, printed {Text(actual)}");
                compared++;
            }
        }

        Assert.True(compared > 150, $"only {compared} fields compared");
    }

    [Fact]
    public void An_even_odd_pair_prints_the_expected_global_position_on_the_newer_frame()
    {
        int pairs = 0;
        foreach (var vector in VectorFiles.Load("modes_adsb_1090es.json").GetProperty("messages").EnumerateArray())
        {
            var e = vector.GetProperty("expected");
            if (!e.TryGetProperty("pair_with", out var other) || !e.TryGetProperty("odd_is_newer", out var oddNewer))
            {
                continue;
            }

            string hex = vector.GetProperty("hex").GetString()!;
            bool odd = (Convert.FromHexString(hex)[6] & 0x04) != 0;
            var newer = odd ? oddNewer : e.TryGetProperty("even_is_newer", out var evenNewer) ? evenNewer : default;
            var printed = CliRun.Decode($"{other.GetString()}\n{hex}\n", "modes", "-").Objects;

            Assert.False(printed[0].TryGetProperty("lat", out _));
            if (newer.ValueKind != JsonValueKind.Object)
            {
                Assert.False(printed[1].TryGetProperty("lat", out _), "a pair the vector rejects must print no position");
            }
            else
            {
                Assert.Equal(newer.GetProperty("lat").GetDouble(), printed[1].GetProperty("lat").GetDouble(), 1e-3);
                Assert.Equal(newer.GetProperty("lon").GetDouble(), printed[1].GetProperty("lon").GetDouble(), 1e-3);
            }

            pairs++;
        }

        Assert.True(pairs >= 2);
    }

    [Fact]
    public void Beast_and_avr_vectors_print_the_frame_with_its_timestamp_and_signal()
    {
        var root = VectorFiles.Load("modes_adsb_1090es.json");
        var beast = root.GetProperty("beast_binary_examples").GetProperty("frames").EnumerateArray().ToList();
        var avr = root.GetProperty("avr_raw_examples").GetProperty("lines").EnumerateArray().ToList();

        var beastHex = CliRun.Decode(string.Join('\n', beast.Select(f => f.GetProperty("frame_hex").GetString())), "beast", "-");
        var beastRaw = CliRun.Decode(beast.SelectMany(f => Convert.FromHexString(f.GetProperty("frame_hex").GetString()!)).ToArray(), "beast", "-", "--format", "raw");
        var avrRaw = CliRun.Decode(string.Join("\r\n", avr.Select(l => l.GetProperty("line").GetString())), "avr", "-");

        Assert.Equal(0, beastHex.ExitCode + beastRaw.ExitCode + avrRaw.ExitCode);
        foreach (var (vectors, printed) in new[] { (beast, beastHex.Objects), (beast, beastRaw.Objects), (avr, avrRaw.Objects) })
        {
            Assert.Equal(vectors.Count, printed.Count);
            for (int k = 0; k < vectors.Count; k++)
            {
                var bare = Assert.Single(CliRun.Decode(vectors[k].GetProperty("mode_s_hex").GetString()!, "modes", "-").Objects);
                Assert.Equal(bare.GetProperty("icao").GetString(), printed[k].GetProperty("icao").GetString());
                Assert.Equal(bare.GetProperty("df").GetInt32(), printed[k].GetProperty("df").GetInt32());
                if (vectors[k].TryGetProperty("mlat_timestamp_12MHz", out var ts))
                {
                    Assert.Equal(ts.GetInt64(), printed[k].GetProperty("timestamp_12mhz").GetInt64());
                }

                if (vectors[k].TryGetProperty("signal_byte", out var signal))
                {
                    Assert.Equal(signal.GetInt32(), printed[k].GetProperty("signal").GetInt32());
                }
            }
        }
    }

    [Fact]
    public void Every_asterix_vector_prints_its_records_with_the_expected_source_and_position()
    {
        var vectors = VectorFiles.Load("asterix.json").GetProperty("vectors").EnumerateArray()
            .Where(v => v.GetProperty("id").GetString() != "jasterix-cat021_0.26") // edition 0.26: not readable as 2.x (see docs/protocols/asterix.md)
            .ToList();
        int compared = 0;
        foreach (var vector in vectors)
        {
            string id = vector.GetProperty("id").GetString()!;
            var result = CliRun.Decode(string.Join('\n', Blocks(vector)), "asterix", "-");
            var expected = ExpectedRecords(vector);
            var categories = Blocks(vector).Select(b => Convert.FromHexString(b)[0]).ToList();
            if (categories.All(c => c is 1 or 2 or 4 or 10 or 19 or 20 or 30 or 63 or 247 or 252))
            {
                // No UAP for these here: the command must say so, not guess where records end.
                Assert.NotEmpty(result.Errors);
                Assert.All(result.Errors, e => Assert.Equal("category not supported (no UAP)", e.GetProperty("error").GetString()));
                continue;
            }

            Assert.True(result.ExitCode == 0, $"{id}: {result.Stdout}");
            if (expected.Count > 0)
            {
                Assert.Equal(expected.Count, result.Messages.Count);
            }

            for (int r = 0; r < expected.Count; r++)
            {
                var printed = result.Messages[r];
                string cat = printed.GetProperty("category").GetInt32().ToString("D3", CultureInfo.InvariantCulture);
                foreach (var (item, field) in new[] { ("010", "SAC"), ("010", "SIC"), ("040", "RHO"), ("040", "THETA") })
                {
                    if (Expected(expected[r], cat, item, field) is not { } value)
                    {
                        continue;
                    }

                    // Categories read for framing only print items as raw bytes; I010 is SAC then SIC.
                    var printedItem = printed.GetProperty($"I{cat}/{item}");
                    double actual = printedItem.TryGetProperty("raw", out var raw)
                        ? Convert.FromHexString(raw.GetString()!)[field == "SAC" ? 0 : 1]
                        : printedItem.GetProperty(field).GetDouble();
                    Assert.True(Math.Abs(value - actual) < 1e-4, $"{id} record {r} I{cat}/{item} {field}: expected {value}, printed {actual}");
                    compared++;
                }
            }
        }

        Assert.True(compared > 60, $"only {compared} fields compared");
    }

    [Fact]
    public void Valid_sapient_vectors_print_their_message_and_the_json_encodes_to_the_vector_bytes()
    {
        var valid = VectorFiles.Load("sapient_bsi_flex_335_v2.json").GetProperty("valid_messages").EnumerateArray().ToList();
        var hex = CliRun.Decode(string.Join('\n', valid.Select(v => v.GetProperty("protobuf_hex").GetString())), "sapient", "-");
        var raw = CliRun.Decode(valid.SelectMany(v => Convert.FromHexString(v.GetProperty("tcp_frame_hex").GetString()!)).ToArray(), "sapient", "-", "--format", "raw");
        var encoded = CliRun.Encode(string.Join('\n', valid.Select(v => JsonSerializer.Serialize(v.GetProperty("message_json")))), "sapient", "-");

        Assert.Equal(0, hex.ExitCode + raw.ExitCode + encoded.ExitCode);
        Assert.Equal(valid.Count, hex.Messages.Count);
        Assert.Equal(valid.Count, raw.Messages.Count);
        for (int k = 0; k < valid.Count; k++)
        {
            var json = valid[k].GetProperty("message_json");
            Assert.Equal(json.GetProperty("nodeId").GetString(), hex.Messages[k].GetProperty("nodeId").GetString());
            Assert.Equal(json.GetProperty("timestamp").GetString(), hex.Messages[k].GetProperty("timestamp").GetString());
            Assert.True(hex.Messages[k].TryGetProperty(CamelCase(valid[k].GetProperty("content").GetString()!), out _));
            Assert.Equal(hex.Lines[k], raw.Lines[k][..raw.Lines[k].LastIndexOf(",\"offset\"", StringComparison.Ordinal)] + ",\"offset\":0,\"line\":" + (k + 1) + "}");
            Assert.Equal(valid[k].GetProperty("protobuf_hex").GetString()!.ToUpperInvariant(), encoded.Lines[k]);
        }
    }

    [Fact]
    public void Invalid_sapient_vectors_print_error_objects_naming_the_broken_rule()
    {
        var invalid = VectorFiles.Load("sapient_bsi_flex_335_v2.json").GetProperty("invalid_messages").EnumerateArray().ToList();
        var carried = invalid.Where(v => v.GetProperty("protobuf_hex").ValueKind == JsonValueKind.String).ToList();
        var uncodable = invalid.Where(v => v.GetProperty("protobuf_hex").ValueKind != JsonValueKind.String).ToList();

        var decoded = CliRun.Decode(string.Join('\n', carried.Select(v => v.GetProperty("protobuf_hex").GetString())), "sapient", "-");
        var encoded = CliRun.Encode(string.Join('\n', uncodable.Select(v => JsonSerializer.Serialize(v.GetProperty("message_json")))), "sapient", "-");

        Assert.Equal(1, decoded.ExitCode);
        Assert.Empty(decoded.Messages);
        Assert.Equal(carried.Count, decoded.Errors.Count);
        Assert.All(decoded.Errors, e =>
        {
            Assert.StartsWith("message breaks BSI Flex 335 v2.0: ", e.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.NotEmpty(e.GetProperty("problems").EnumerateArray());
            Assert.Equal(JsonValueKind.Object, e.GetProperty("message").ValueKind);
        });

        // The JSON of the others cannot even be encoded (type errors): encode refuses every line by number.
        Assert.Equal(1, encoded.ExitCode);
        Assert.Empty(encoded.Stdout);
        var reported = encoded.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("straja encode: stdin:", StringComparison.Ordinal)).ToList();
        Assert.Equal(Math.Min(uncodable.Count, 20), reported.Count);
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.String ? e.GetString()!.Trim() : e.GetRawText();

    private static string CamelCase(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    /// <summary>Each data block of a vector as hex: given whole, or built around each bare record.</summary>
    private static List<string> Blocks(JsonElement vector)
    {
        if (vector.TryGetProperty("block_hex", out var block))
        {
            return [block.GetString()!];
        }

        byte category = (byte)vector.GetProperty("category").GetInt32();
        return [.. vector.GetProperty("record_hex").EnumerateArray().Select(r =>
        {
            byte[] record = Convert.FromHexString(r.GetString()!);
            return Convert.ToHexString([category, (byte)((record.Length + 3) >> 8), (byte)(record.Length + 3), .. record]);
        })];
    }

    /// <summary>The expected records of a vector in whichever of its upstream shapes it has.</summary>
    private static List<JsonElement> ExpectedRecords(JsonElement vector)
    {
        if (vector.TryGetProperty("expected_records", out var records))
        {
            return [.. records.EnumerateArray()];
        }

        if (vector.TryGetProperty("expected_items_text", out var text))
        {
            return [text];
        }

        if (vector.TryGetProperty("expected_assertions", out var assertions))
        {
            // jASTERIX: the test's REQUIRE checks ("record/010/SAC" equals 0) are authoritative; its pasted JSON is not.
            var byIndex = new SortedDictionary<int, JsonObject>();
            foreach (var a in assertions.EnumerateArray())
            {
                string[] path = a.GetProperty("path").GetString()!.Split('/');
                var value = a.TryGetProperty("equals", out var eq) ? eq : a.TryGetProperty("approx", out var ap) ? ap : default;
                if (path.Length != 3 || value.ValueKind != JsonValueKind.Number)
                {
                    continue;
                }

                int index = path[0] == "record" ? 0 : int.Parse(path[0]["record".Length..], CultureInfo.InvariantCulture) - 1;
                var record = byIndex.TryGetValue(index, out var r) ? r : byIndex[index] = [];
                var item = record[path[1]] as JsonObject ?? (JsonObject)(record[path[1]] = new JsonObject());
                item[path[2]] = value.GetDouble();
            }

            return [.. byIndex.Values.Select(r => JsonDocument.Parse(r.ToJsonString()).RootElement)];
        }

        return [];
    }

    /// <summary>One expected number: CroatiaControl JSON (<c>I010.SAC.val</c> or <c>CAT048.I010.SAC</c>), its text output (<c>"25"</c>, <c>"49875 (194.8 NM)"</c>), or jASTERIX (<c>010.SAC</c>).</summary>
    private static double? Expected(JsonElement record, string category, string item, string field)
    {
        if (record.TryGetProperty("CAT" + category, out var nested))
        {
            record = nested;
        }

        JsonElement value;
        if (record.TryGetProperty("I" + item, out var i) && i.TryGetProperty("fields", out var fields))
        {
            string? name = fields.EnumerateObject().Select(p => p.Name).FirstOrDefault(n => n == field || n == (field == "SAC" ? "System Area Code" : field == "SIC" ? "System Identification Code" : field));
            if (name is null)
            {
                return null;
            }

            string s = fields.GetProperty(name).GetString()!;
            int open = s.IndexOf('(', StringComparison.Ordinal);
            string number = open < 0 ? s : s[(open + 1)..].Split(' ')[0];
            return double.Parse(number, CultureInfo.InvariantCulture);
        }

        if (!(record.TryGetProperty("I" + item, out i) || record.TryGetProperty(item, out i)) || !i.TryGetProperty(field, out value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Object)
        {
            value = value.GetProperty("val");
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
    }
}
