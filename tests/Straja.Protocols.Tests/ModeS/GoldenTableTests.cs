using System.Buffers;
using System.Text;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

/// <summary>The raw CPR, Gray-code, code-field and framing tables of the vector file.</summary>
public sealed class GoldenTableTests
{
    private const double Tol = 1e-6; // the dump1090 values are rounded to 1e-6 degrees

    public static TheoryData<int> GlobalAirborne => Vectors.Indices("cpr_raw_vectors_dump1090", "global_airborne");
    public static TheoryData<int> GlobalSurface => Vectors.Indices("cpr_raw_vectors_dump1090", "global_surface");
    public static TheoryData<int> RelativeLocal => Vectors.Indices("cpr_raw_vectors_dump1090", "relative_local");
    public static TheoryData<int> Gray => Vectors.Indices("gray_code_altitude_vectors", "cases");
    public static TheoryData<int> BeastFrames => Vectors.Indices("beast_binary_examples", "frames");
    public static TheoryData<int> AvrLines => Vectors.Indices("avr_raw_examples", "lines");

    [Theory]
    [MemberData(nameof(GlobalAirborne))]
    public void Airborne_global_pair_decodes_to_dump1090_position_for_either_newer_frame(int i) =>
        CheckGlobalPair(Vectors.At(i, "cpr_raw_vectors_dump1090", "global_airborne"), surface: false);

    [Theory]
    [MemberData(nameof(GlobalSurface))]
    public void Surface_global_pair_picks_the_quadrant_nearest_the_reference(int i) =>
        CheckGlobalPair(Vectors.At(i, "cpr_raw_vectors_dump1090", "global_surface"), surface: true);

    private static void CheckGlobalPair(JsonElement v, bool surface)
    {
        int Get(string name) => v.GetProperty(name).GetInt32();
        foreach (var (prefix, oddNewer) in new[] { ("even", false), ("odd", true) })
        {
            double lat, lon;
            var st = surface
                ? Cpr.DecodeSurfaceGlobal(Get("even_cprlat"), Get("even_cprlon"), Get("odd_cprlat"), Get("odd_cprlon"), oddNewer,
                    v.GetProperty("reflat").GetDouble(), v.GetProperty("reflon").GetDouble(), out lat, out lon)
                : Cpr.DecodeAirborneGlobal(Get("even_cprlat"), Get("even_cprlon"), Get("odd_cprlat"), Get("odd_cprlon"), oddNewer, out lat, out lon);
            Assert.Equal(Get(prefix + "_result") == 0, st == CprStatus.Ok);
            Assert.Equal(v.GetProperty(prefix + "_rlat").GetDouble(), lat, Tol);
            Assert.Equal(v.GetProperty(prefix + "_rlon").GetDouble(), lon, Tol);
        }
    }

    [Theory]
    [MemberData(nameof(RelativeLocal))]
    public void Local_decode_against_a_reference_matches_dump1090(int i)
    {
        JsonElement v = Vectors.At(i, "cpr_raw_vectors_dump1090", "relative_local");
        var st = Cpr.DecodeLocal(
            v.GetProperty("cprlat").GetInt32(), v.GetProperty("cprlon").GetInt32(), v.GetProperty("fflag").GetInt32() == 1,
            v.GetProperty("surface").GetInt32() == 1, v.GetProperty("reflat").GetDouble(), v.GetProperty("reflon").GetDouble(),
            out double lat, out double lon);
        Assert.Equal(v.GetProperty("result").GetInt32() == 0, st == CprStatus.Ok);
        Assert.Equal(v.GetProperty("rlat").GetDouble(), lat, Tol);
        Assert.Equal(v.GetProperty("rlon").GetDouble(), lon, Tol);
    }

    [Theory]
    [MemberData(nameof(Gray))]
    public void Gillham_gray_code_converts_to_feet(int i)
    {
        JsonElement v = Vectors.At(i, "gray_code_altitude_vectors", "cases");
        int bits = Convert.ToInt32(v.GetProperty("gray_bits").GetString(), 2);
        Assert.Equal(v.GetProperty("altitude_ft").GetInt32(), AltitudeCodes.GillhamToFeet(bits));
    }

    [Fact]
    public void Thirteen_bit_altitude_codes_convert_to_feet_or_nothing()
    {
        foreach (JsonElement v in Vectors.Root.GetProperty("code_field_vectors").GetProperty("altcode_13bit_to_ft").EnumerateArray())
        {
            int code = Convert.ToInt32(v.GetProperty("altcode").GetString(), 16);
            int? want = v.GetProperty("ft").ValueKind == JsonValueKind.Null ? null : v.GetProperty("ft").GetInt32();
            Assert.Equal(want, AltitudeCodes.Ac13ToFeet(code));
        }
    }

    [Fact]
    public void Thirteen_bit_identity_codes_convert_to_squawks()
    {
        foreach (JsonElement v in Vectors.Root.GetProperty("code_field_vectors").GetProperty("idcode_13bit_to_squawk").EnumerateArray())
        {
            int code = Convert.ToInt32(v.GetProperty("idcode").GetString(), 16);
            Assert.Equal(v.GetProperty("squawk").GetString(), AltitudeCodes.IdentityToSquawk(code).ToString());
        }
    }

    [Theory]
    [MemberData(nameof(BeastFrames))]
    public void Beast_example_reads_and_writes_back_byte_for_byte(int i)
    {
        JsonElement v = Vectors.At(i, "beast_binary_examples", "frames");
        byte[] wire = Vectors.Bytes(v.GetProperty("frame_hex").GetString()!);
        Assert.Equal(OperationStatus.Done, BeastReader.TryRead(wire, out var frame, out int consumed));
        Assert.Equal(wire.Length, consumed);
        Assert.Equal(v.GetProperty("mlat_timestamp_12MHz").GetUInt64(), frame.Timestamp12MHz);
        Assert.Equal(v.GetProperty("signal_byte").GetInt32(), frame.Signal);
        Assert.Equal(v.GetProperty("signal_level_linear_power").GetDouble(), frame.SignalPower, 1e-12);
        Assert.Equal(v.GetProperty("mode_s_hex").GetString(), Convert.ToHexString(frame.Data));
        Assert.Equal(v.GetProperty("mlat_timestamp_seconds").GetDouble(), frame.Timestamp12MHz / 12e6, 1e-9);

        var buf = new byte[BeastWriter.MaxFrameLength];
        Assert.True(BeastWriter.TryWrite(frame, buf, out int written));
        Assert.Equal(wire, buf[..written]);
    }

    [Fact]
    public void Beast_escaped_timestamp_example_from_pymodes_reads()
    {
        JsonElement v = Vectors.Root.GetProperty("beast_binary_examples").GetProperty("pymodes_test_frames").GetProperty("escaped_timestamp_example");
        byte[] wire = Vectors.Bytes(v.GetProperty("frame_hex").GetString()!);
        Assert.Equal(OperationStatus.Done, BeastReader.TryRead(wire, out var frame, out int consumed));
        Assert.Equal(wire.Length, consumed);
        Assert.Equal(v.GetProperty("expected_mlat").GetUInt64(), frame.Timestamp12MHz);
    }

    [Theory]
    [MemberData(nameof(AvrLines))]
    public void Avr_example_reads_with_and_without_line_end_and_writes_back(int i)
    {
        JsonElement v = Vectors.At(i, "avr_raw_examples", "lines");
        string line = v.GetProperty("line").GetString()!;
        foreach (string ending in new[] { "", "\n", "\r\n" })
        {
            byte[] bytes = Encoding.ASCII.GetBytes(line + ending);
            Assert.Equal(OperationStatus.Done, AvrReader.TryRead(bytes, out var frame, out int consumed));
            Assert.Equal(line.Length, consumed);
            Assert.Equal(v.GetProperty("mode_s_hex").GetString(), Convert.ToHexString(frame.Data));
            if (v.TryGetProperty("mlat_timestamp_12MHz", out var ts))
            {
                Assert.Equal(ts.GetUInt64(), frame.Timestamp12MHz);
            }

            if (v.TryGetProperty("signal_byte", out var sig))
            {
                Assert.Equal(sig.GetInt32(), frame.Signal);
            }

            var format = line[0] switch { '@' => AvrFormat.Timestamp, '<' => AvrFormat.TimestampAndSignal, _ => AvrFormat.Plain };
            var buf = new byte[AvrWriter.MaxLineLength];
            Assert.True(AvrWriter.TryWrite(frame, format, buf, out int written));
            Assert.Equal(line + "\n", Encoding.ASCII.GetString(buf, 0, written));
        }
    }
}
