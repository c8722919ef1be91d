using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Straja.Protocols.Asterix;
using Xunit.Abstractions;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>
/// Every vector of Vectors/asterix.json: its blocks frame, its records of a known category decode to their
/// exact length, every expected value of a typed item matches, and every other expected item is present
/// (with identical bytes where the vector gives them). Categories without a UAP here are checked for framing.
/// </summary>
public sealed partial class GoldenVectorTests(ITestOutputHelper output)
{
    public static TheoryData<int> Vectors => AsterixVectors.All();

    /// <summary>One expectation: record index, item, field (empty for presence only), expected value.</summary>
    private sealed record Expectation(int Record, int Item, string Field, JsonElement? Value, string? Text, double? Tol, string? BytesHex);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_decodes_and_its_expected_values_match(int index)
    {
        var v = AsterixVectors.Vector(index);
        string id = v.GetProperty("id").GetString()!;
        var unsupported = new List<(byte Category, int Length)>();
        var records = new List<DecodedRecord>();
        if (v.TryGetProperty("block_hex", out var bh))
        {
            byte[] block = Convert.FromHexString(bh.GetString()!);
            records.AddRange(RecordDecoding.DecodeDatagram(block, unsupported));
        }
        else
        {
            int cat = v.GetProperty("category").GetInt32();
            foreach (var rh in v.GetProperty("record_hex").EnumerateArray())
            {
                byte[] rec = Convert.FromHexString(rh.GetString()!);
                if (AsterixUaps.For((byte)cat) is null)
                {
                    unsupported.Add(((byte)cat, rec.Length));
                    continue;
                }

                var d = RecordDecoding.Decode((byte)cat, rec);
                Assert.Equal(rec.Length, d.Length);
                records.Add(d);
            }
        }

        if (records.Count == 0)
        {
            // No UAP for this category: only framing can be checked, and the reader must refuse rather than guess.
            Assert.NotEmpty(unsupported);
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using var json = new Utf8JsonWriter(buffer);
            Assert.Equal(System.Buffers.OperationStatus.InvalidData, AsterixJson.WriteRecord(json, unsupported[0].Category, [0x80, 0, 0], out _, out var err));
            Assert.Equal(AsterixErrorReason.UnsupportedCategory, err.Reason);
            output.WriteLine($"{id}: CAT{unsupported[0].Category:D3} has no UAP here; framed {unsupported.Count} block(s)/record(s) only");
            return;
        }

        if (id == "jasterix-cat021_0.26")
        {
            AssertEdition026IsNotReadAs2x(records);
            return;
        }

        int valueChecks = 0, presenceChecks = 0, byteChecks = 0;
        foreach (var e in Expectations(v))
        {
            var rec = records[e.Record];
            Assert.True(rec.Items.ContainsKey(e.Item), $"{id}: record {e.Record} lacks I{rec.Category:D3}/{e.Item:D3}");
            if (e.BytesHex is { } hex)
            {
                Assert.Equal(hex, Convert.ToHexString(rec.Items[e.Item]));
                byteChecks++;
                continue;
            }

            if (e.Item == -2)
            {
                continue;
            }

            object? actual = e.Field.Length == 0 ? null : ExpectedValues.Lookup(rec, e.Item, e.Field);
            if (actual is null)
            {
                presenceChecks++;
                continue;
            }

            AssertMatches(id, e, actual);
            valueChecks++;
        }

        // Categories known for framing only (065 here) have no typed values; all others must compare values.
        bool typedCategory = records.Exists(r => r.Typed is not null);
        Assert.True(typedCategory ? valueChecks > 0 : presenceChecks + byteChecks > 0, $"{id}: nothing could be compared");
        output.WriteLine($"{id}: {records.Count} record(s); {valueChecks} values, {byteChecks} item byte strings, {presenceChecks} fields of framed-only items");
    }

    private static void AssertEdition026IsNotReadAs2x(List<DecodedRecord> records)
    {
        // CAT021 edition 0.26 has another UAP (FRN 3 is I030, FRN 4 I130, ...) and nothing in the block says
        // which edition it is. This library reads 2.x, so the 0.26 vector's values must NOT come out as if they
        // were right: the target address 0x496C2E (4811822) sits at another FRN and is not found as I021/080.
        var r = (Cat021Record)records[0].Typed!;
        Assert.NotEqual(4811822u, r.TargetAddress);
    }

    private static void AssertMatches(string id, Expectation e, object actual)
    {
        string where = $"{id}: record {e.Record} item {e.Item:D3} field '{e.Field}'";
        if (actual is string s)
        {
            string expected = e.Value is { ValueKind: JsonValueKind.String } j ? j.GetString()! : e.Text!;
            Assert.True(expected.TrimEnd() == s, $"{where}: expected '{expected}', got '{s}'");
            return;
        }

        double a = Convert.ToDouble(actual, CultureInfo.InvariantCulture);
        double x;
        if (e.Value is { } v)
        {
            x = v.ValueKind switch
            {
                JsonValueKind.Number => v.GetDouble(),
                JsonValueKind.String when actual is uint => Convert.ToUInt32(v.GetString(), 16),
                _ => double.Parse(v.GetString()!, CultureInfo.InvariantCulture),
            };
        }
        else
        {
            x = actual is uint ? Convert.ToUInt32(e.Text, 16) : ParseText(e.Text!);
        }

        double tol = e.Tol ?? 1e-5;
        Assert.True(Math.Abs(a - x) <= tol, $"{where}: expected {x}, got {a}");
    }

    /// <summary>CroatiaControl text values: "raw (scaled unit)" → scaled; "raw (meaning)" or "raw" → raw.</summary>
    private static double ParseText(string text)
    {
        var m = TextValue().Match(text);
        Assert.True(m.Success, $"unparsable value '{text}'");
        return double.Parse(m.Groups[2].Success ? m.Groups[2].Value : m.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static IEnumerable<Expectation> Expectations(JsonElement v)
    {
        if (v.TryGetProperty("expected_items_text", out var text))
        {
            foreach (var item in text.EnumerateObject())
            {
                int n = ItemNumber(item.Name);
                yield return new Expectation(0, n, string.Empty, null, null, null, item.Value.GetProperty("bytes").GetString());
                foreach (var f in item.Value.GetProperty("fields").EnumerateObject())
                {
                    yield return new Expectation(0, n, f.Name, null, f.Value.GetString(), null, null);
                }
            }
        }

        if (v.TryGetProperty("expected_records", out var recs))
        {
            int ri = 0;
            foreach (var r in recs.EnumerateArray())
            {
                int cat = r.TryGetProperty("category", out var c) ? c.GetInt32() : r.GetProperty("cat").GetInt32();
                var body = r.TryGetProperty($"CAT{cat:D3}", out var b) ? b : r;
                foreach (var item in body.EnumerateObject())
                {
                    var m = ItemKey().Match(item.Name);
                    if (!m.Success)
                    {
                        continue;
                    }

                    int n = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
                    if (m.Groups[2].Success)
                    {
                        // "I220.ACAddr.val" repeats a field flat; "I290.MDS" / "I250.0" are nested: presence only.
                        bool flat = m.Groups[3].Success && m.Groups[3].Value == "val";
                        yield return new Expectation(ri, n, flat ? m.Groups[2].Value : string.Empty, flat ? item.Value : null, null, null, null);
                        continue;
                    }

                    if (item.Value.ValueKind != JsonValueKind.Object)
                    {
                        yield return new Expectation(ri, n, string.Empty, null, null, null, null);
                        continue;
                    }

                    foreach (var f in item.Value.EnumerateObject())
                    {
                        JsonElement? value = f.Value.ValueKind == JsonValueKind.Object
                            ? (f.Value.TryGetProperty("val", out var val) ? val : null)
                            : f.Value.ValueKind is JsonValueKind.Number or JsonValueKind.String ? f.Value : null;
                        yield return new Expectation(ri, n, value is null ? string.Empty : f.Name, value, null, null, null);
                    }
                }

                ri++;
            }
        }

        if (v.TryGetProperty("expected_assertions", out var asserts))
        {
            foreach (var a in asserts.EnumerateArray())
            {
                string[] path = a.GetProperty("path").GetString()!.Split('/');
                int ri = path[0] == "record" ? 0 : int.Parse(path[0]["record".Length..], CultureInfo.InvariantCulture);
                string field = string.Join('/', path[2..]);
                if (path[1] == "FSPEC")
                {
                    continue;
                }

                int n = int.Parse(path[1], CultureInfo.InvariantCulture);
                JsonElement? value = a.TryGetProperty("equals", out var eq) ? eq : a.TryGetProperty("approx", out var ap) ? ap : null;
                double? tol = a.TryGetProperty("tol", out var t) ? Math.Max(t.GetDouble(), 1e-9) : null;
                yield return new Expectation(ri, n, value is null ? string.Empty : field, value, null, tol, null);
            }
        }
    }

    private static int ItemNumber(string key) => int.Parse(key.TrimStart('I'), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^I(\d{3})(?:\.(\w+))?(?:\.(\w+))?$")]
    private static partial Regex ItemKey();

    [GeneratedRegex(@"^(-?\d+(?:\.\d+)?)(?:\s*\((-?\d+(?:\.\d+)?)[^)]*\))?")]
    private static partial Regex TextValue();
}
