using System.Buffers;
using System.Text.Json;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>I062/500 Estimated Accuracies: hand-built bytes, the jASTERIX golden record, hostile bytes, JSON view.</summary>
public sealed class Cat062AccuracyTests
{
    // One CAT062 record with I062/010 and every I062/500 subfield, values picked so each field's LSB shows:
    //   FSPEC 81 01 01 04   FRN 1 (I010) and, in the fourth octet, FRN 27 (I500) = bit 3 → 0x04
    //   I010  19 64         SAC 25, SIC 100
    //   I500  FF 80         primary subfield: APC COV APW AGA ABA ATV AA, FX; then ARC in the second octet
    //         0003 0190     APC x = 3 × 0.5 = 1.5 m, y = 400 × 0.5 = 200 m
    //         FFF6          COV = −10 × 0.5 = −5 m (two's complement)
    //         0069 005F     APW lat = 105 × 180/2^25 ≈ 5.6326e-4°, lon = 95 × 180/2^25 ≈ 5.0962e-4°
    //         10            AGA = 16 × 6.25 = 100 ft
    //         06            ABA = 6 × 0.25 = 1.5 FL
    //         0B 13         ATV x = 11 × 0.25 = 2.75 m/s, y = 19 × 0.25 = 4.75 m/s
    //         02 03         AA (framed, not typed)
    //         10            ARC (framed, not typed)
    private const string AllSubfields = "81010104" + "1964" + "FF80" + "00030190" + "FFF6" + "0069005F" + "10" + "06" + "0B13" + "0203" + "10";

    [Fact]
    public void Every_typed_I062_500_subfield_decodes_to_its_specified_value_and_AA_ARC_are_skipped()
    {
        byte[] rec = Convert.FromHexString(AllSubfields);
        Assert.Equal(OperationStatus.Done, Cat062.TryDecode(rec, out var r, out int used, out var error));
        Assert.False(error.IsError);
        Assert.Equal(rec.Length, used);
        var a = r.Accuracy!.Value;
        Assert.Equal(new CartesianPosition(1.5, 200), a.Position);
        Assert.Equal(-5.0, a.CovarianceXyM);
        Assert.Equal(105 * 180.0 / (1 << 25), a.Wgs84!.Value.LatDeg, 15);
        Assert.Equal(95 * 180.0 / (1 << 25), a.Wgs84.Value.LonDeg, 15);
        Assert.Equal(100.0, a.GeometricAltitudeFt);
        Assert.Equal(1.5, a.BarometricAltitudeFl);
        Assert.Equal(new CartesianVelocity(2.75, 4.75), a.Velocity);
        Assert.Equal(new DataSource(25, 100), r.Source);
    }

    [Fact]
    public void Encoding_APC_and_ATV_writes_the_specified_bytes()
    {
        var buffer = new byte[64];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(62);
        var record = new Cat062Record
        {
            Source = new DataSource(25, 100),
            Accuracy = new Cat062Accuracy(Position: new CartesianPosition(1.5, 200), Velocity: new CartesianVelocity(2.75, 4.75)),
        };
        Assert.True(Cat062.Write(ref w, record));
        int n = w.EndBlock();

        // Primary subfield 0x84: APC (bit 8) and ATV (bit 3), no extension.
        Assert.Equal("3E0010" + "81010104" + "1964" + "84" + "00030190" + "0B13", Convert.ToHexString(buffer, 0, n));
    }

    [Fact]
    public void Accuracies_beyond_the_field_saturate_at_its_maximum()
    {
        // "Maximum value means maximum value or above": 100 m/s of velocity accuracy is sent as 255 × 0.25.
        var buffer = new byte[64];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(62);
        Assert.True(Cat062.Write(ref w, new Cat062Record { Source = new DataSource(1, 2), Accuracy = new Cat062Accuracy(Velocity: new CartesianVelocity(100, 1)) }));
        int n = w.EndBlock();
        Assert.Equal(OperationStatus.Done, Cat062.TryDecode(buffer.AsSpan(3, n - 3), out var r, out _, out _));
        Assert.Equal(new CartesianVelocity(63.75, 1), r.Accuracy!.Value.Velocity);
    }

    [Fact]
    public void The_jASTERIX_edition_1_12_record_gives_its_published_accuracies()
    {
        var v = AsterixVectors.Root.GetProperty("vectors").EnumerateArray().First(x => x.GetProperty("id").GetString() == "jasterix-cat062_1.12");
        byte[] block = Convert.FromHexString(v.GetProperty("block_hex").GetString()!);
        var expected = v.GetProperty("expected_json_from_test_comment").GetProperty("data_blocks")[0]
            .GetProperty("content").GetProperty("records")[0].GetProperty("500");
        Assert.Equal(OperationStatus.Done, Cat062.TryDecode(block.AsSpan(3), out var r, out int used, out _));
        Assert.Equal(block.Length - 3, used);
        var a = r.Accuracy!.Value;
        Assert.Equal(expected.GetProperty("APC").GetProperty("APC (X-Component)").GetDouble(), a.Position!.Value.XM);
        Assert.Equal(expected.GetProperty("APC").GetProperty("APC (Y-Component)").GetDouble(), a.Position.Value.YM);
        // jASTERIX prints APW with a shortened LSB constant (5.36441e-6 for 180/2^25), ~1e-9° off over 105 LSBs.
        Assert.Equal(expected.GetProperty("APW").GetProperty("APW (Latitude Component)").GetDouble(), a.Wgs84!.Value.LatDeg, 1e-8);
        Assert.Equal(expected.GetProperty("APW").GetProperty("APW (Longitude Component)").GetDouble(), a.Wgs84.Value.LonDeg, 1e-8);
        Assert.Equal(expected.GetProperty("AGA").GetProperty("AGA").GetDouble(), a.GeometricAltitudeFt);
        Assert.Equal(expected.GetProperty("ABA").GetProperty("ABA").GetDouble(), a.BarometricAltitudeFl);
        Assert.Equal(expected.GetProperty("ATV").GetProperty("ATV (X-Component)").GetDouble(), a.Velocity!.Value.VxMps);
        Assert.Equal(expected.GetProperty("ATV").GetProperty("ATV (Y-Component)").GetDouble(), a.Velocity.Value.VyMps);
    }

    [Theory]
    [InlineData("81010104" + "1964" + "80" + "0003")] // APC announced, two of its four octets present
    [InlineData("81010104" + "1964" + "01" + "40" + "00")] // a subfield (index 8) the specification does not define
    [InlineData("81010104" + "1964" + "FF")] // primary subfield says FX but the item ends
    public void A_broken_I062_500_is_a_decode_failure_not_an_exception(string hex)
    {
        byte[] rec = Convert.FromHexString(hex);
        var status = Cat062.TryDecode(rec, out _, out _, out var error);
        Assert.NotEqual(OperationStatus.Done, status);
        Assert.True(error.IsError);
    }

    [Fact]
    public void The_JSON_view_shows_I062_500_subfields_by_name()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            Assert.Equal(OperationStatus.Done, AsterixJson.WriteRecord(w, 62, Convert.FromHexString(AllSubfields), out _, out _));
        }

        using var doc = JsonDocument.Parse(buffer.WrittenMemory);
        var item = doc.RootElement.GetProperty("I062/500");
        Assert.Equal(200, item.GetProperty("APC").GetProperty("Y").GetDouble());
        Assert.Equal(-5, item.GetProperty("COV").GetDouble());
        Assert.Equal(100, item.GetProperty("AGA").GetDouble());
        Assert.Equal(1.5, item.GetProperty("ABA").GetDouble());
        Assert.Equal(4.75, item.GetProperty("ATV").GetProperty("Y").GetDouble());
        Assert.Equal(Math.Round(105 * 180.0 / (1 << 25), 9), item.GetProperty("APW").GetProperty("LAT").GetDouble());
    }
}
