using System.Buffers;
using System.Text;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

public sealed class FramingAndErrorTests
{
    private static readonly byte[] Long = Convert.FromHexString("1a3300001a1a2b3c4d808d406b902015a678d4d220aa4bda");

    [Fact]
    public void Beast_reader_skips_leading_garbage_then_reads_the_frame()
    {
        byte[] buf = [0x00, 0xFF, 0x33, .. Long];
        Assert.Equal(OperationStatus.InvalidData, BeastReader.TryRead(buf, out _, out int skipped, out var e));
        Assert.Equal(3, skipped);
        Assert.Equal(new DecodeError(0, DecodeErrorReason.BadFraming), e);
        Assert.Equal(OperationStatus.Done, BeastReader.TryRead(buf.AsSpan(skipped), out var f, out _));
        Assert.Equal("8D406B902015A678D4D220AA4BDA", Convert.ToHexString(f.Data));
    }

    [Fact]
    public void Beast_reader_asks_for_more_data_on_every_prefix_of_a_frame_and_consumes_nothing()
    {
        for (int n = 0; n < Long.Length; n++)
        {
            Assert.Equal(OperationStatus.NeedMoreData, BeastReader.TryRead(Long.AsSpan(0, n), out _, out int consumed));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Beast_frame_cut_short_by_a_new_frame_is_dropped_up_to_the_new_frame()
    {
        byte[] buf = [.. Long[..10], .. Long];
        Assert.Equal(OperationStatus.InvalidData, BeastReader.TryRead(buf, out _, out int consumed, out var e));
        Assert.Equal(10, consumed);
        Assert.Equal(10, e.Offset);
        Assert.Equal(OperationStatus.Done, BeastReader.TryRead(buf.AsSpan(consumed), out _, out _));
    }

    [Fact]
    public void Beast_unknown_type_byte_is_skipped()
    {
        byte[] buf = [0x1a, 0x39, 0x01, .. Long];
        Assert.Equal(OperationStatus.InvalidData, BeastReader.TryRead(buf, out _, out int consumed));
        Assert.Equal(3, consumed);
    }

    [Fact]
    public void Beast_mode_ac_frame_reads()
    {
        byte[] buf = Convert.FromHexString("1a31000000000001802010");
        Assert.Equal(OperationStatus.Done, BeastReader.TryRead(buf, out var f, out _));
        Assert.Equal(FeedFrameType.ModeAC, f.Type);
        Assert.Equal([0x20, 0x10], f.Data.ToArray());
    }

    [Theory]
    [InlineData("%00001A2B3C4D8D406B902015A678D4D220AA4BDA;")]
    [InlineData(":8D406B902015A678D4D220AA4BDA;")]
    [InlineData("*8d406b902015a678d4d220aa4bda;")]
    public void Avr_reader_accepts_the_other_start_characters_and_lower_case(string line)
    {
        Assert.Equal(OperationStatus.Done, AvrReader.TryRead(Encoding.ASCII.GetBytes(line), out var f, out _));
        Assert.Equal("8D406B902015A678D4D220AA4BDA", Convert.ToHexString(f.Data));
    }

    [Fact]
    public void Avr_bad_hex_digit_is_reported_at_its_offset_and_the_line_dropped()
    {
        byte[] line = Encoding.ASCII.GetBytes("*8D406B90201XA678D4D220AA4BDA;\n*20001718029FCD;");
        Assert.Equal(OperationStatus.InvalidData, AvrReader.TryRead(line, out _, out int consumed, out var e));
        Assert.Equal(new DecodeError(12, DecodeErrorReason.BadHexDigit), e);
        Assert.Equal(30, consumed);
        Assert.Equal(OperationStatus.Done, AvrReader.TryRead(line.AsSpan(consumed), out var f, out _));
        Assert.Equal("20001718029FCD", Convert.ToHexString(f.Data));
    }

    [Fact]
    public void Avr_wrong_payload_length_and_runaway_lines_are_rejected()
    {
        Assert.Equal(OperationStatus.InvalidData, AvrReader.TryRead("*8D406B;"u8, out _, out _, out var e));
        Assert.Equal(DecodeErrorReason.BadLength, e.Reason);

        byte[] runaway = Encoding.ASCII.GetBytes("*" + new string('0', 60));
        Assert.Equal(OperationStatus.InvalidData, AvrReader.TryRead(runaway, out _, out _, out e));
        Assert.Equal(DecodeErrorReason.FrameTooLong, e.Reason);

        Assert.Equal(OperationStatus.NeedMoreData, AvrReader.TryRead("*8D406B902015"u8, out _, out int consumed));
        Assert.Equal(0, consumed);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("8D406B902015A678D4D220AA4B", 13)]
    [InlineData("8D406B902015A678D4D220AA4BDA00", 14)]
    public void Decoder_rejects_lengths_other_than_7_and_14(string hex, int offset)
    {
        Assert.False(ModeSDecoder.TryDecode(Convert.FromHexString(hex), out _, out var e));
        Assert.Equal(new DecodeError(offset, DecodeErrorReason.BadLength), e);
    }

    [Fact]
    public void Decoder_rejects_a_long_format_sent_as_a_short_frame_and_unsupported_formats()
    {
        Assert.False(ModeSDecoder.TryDecode(Convert.FromHexString("8D406B902015A6"), out _, out var e));
        Assert.Equal(DecodeErrorReason.BadLength, e.Reason);
        Assert.False(ModeSDecoder.TryDecode(Convert.FromHexString("B0001718C65632B0A82040715B65"), out _, out e));
        Assert.Equal(DecodeErrorReason.UnsupportedDownlinkFormat, e.Reason);
    }

    [Fact]
    public void NL_changes_exactly_at_the_published_band_edges()
    {
        // DO-260B Table A-21 (rounded to 8 decimals): NL 59 below 10.47047130, 58 below 14.82817437, 3 below 86.53536998, 2 below 87.
        (double Edge, int Below)[] edges = [(10.47047130, 59), (14.82817437, 58), (18.18626357, 57), (86.53536998, 3), (87.0, 2)];
        foreach (var (edge, below) in edges)
        {
            Assert.Equal(below, Cpr.NL(edge - 1e-8));
            Assert.Equal(below - 1, Cpr.NL(edge + 1e-8));
            Assert.Equal(below, Cpr.NL(-(edge - 1e-8)));
        }

        Assert.Equal(59, Cpr.NL(0));
        Assert.Equal(1, Cpr.NL(87.0));
        Assert.Equal(1, Cpr.NL(90.0));
    }

    [Theory]
    [InlineData(-5.8e-6, -3.0)]
    [InlineData(-1e-9, 120.0)]
    [InlineData(5e-6, -179.9999)]
    public void Pairs_straddling_the_equator_by_a_hair_decode_airborne_and_surface(double lat, double lon)
    {
        // Found by the property test: one format rounds to the top of its zone, the other to zero.
        foreach (bool surface in (bool[])[false, true])
        {
            var (yz0, xz0) = Cpr.Encode(lat, lon, odd: false, surface);
            var (yz1, xz1) = Cpr.Encode(lat, lon, odd: true, surface);
            double dLat, dLon;
            var st = surface
                ? Cpr.DecodeSurfaceGlobal(yz0, xz0, yz1, xz1, true, lat + 0.3, lon, out dLat, out dLon)
                : Cpr.DecodeAirborneGlobal(yz0, xz0, yz1, xz1, true, out dLat, out dLon);
            Assert.Equal(CprStatus.Ok, st);
            Assert.InRange(AircraftTracker.GreatCircleM(lat, lon, dLat, dLon), 0, 5.0);
        }
    }

    [Fact]
    public void Callsign_packs_and_unpacks_and_refuses_characters_outside_the_charset()
    {
        Assert.True(Callsign.TryCreate("ROT 61", out var cs));
        Assert.Equal("ROT 61", cs.ToString());
        Assert.True(cs.IsValid);
        Assert.False(Callsign.TryCreate("ROT-61", out _));
        Assert.False(Callsign.TryCreate("ABCDEFGHI", out _));
    }

    [Fact]
    public void Crc_seal_makes_a_clean_squitter_and_an_address_parity_reply()
    {
        byte[] f = Convert.FromHexString("8D406B902015A678D4D220000000");
        ModeSCrc.Seal(f);
        Assert.Equal("AA4BDA", Convert.ToHexString(f.AsSpan(11)));
        Assert.Equal(0u, ModeSCrc.Remainder(f));

        byte[] df4 = Convert.FromHexString("20001718000000");
        ModeSCrc.Seal(df4, 0x4891A6);
        Assert.True(ModeSDecoder.TryDecode(df4, out var m, out _));
        Assert.Equal(0x4891A6u, m.Icao);
        Assert.Equal(36000, m.AltitudeFt);
    }
}
