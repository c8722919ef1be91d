using System.Buffers;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

public sealed class FramingTests
{
    // CAT034 north marker: FSPEC E0 (010, 000, 030), SAC/SIC 25/13, type 1, ToD 0x356DFA.
    private static readonly byte[] NorthMarker = Convert.FromHexString("22000AE0190D01356DFA");

    [Fact]
    public void Several_blocks_in_one_datagram_are_read_in_order()
    {
        byte[] cat048 = Convert.FromHexString(AsterixVectors.Vector(0).GetProperty("block_hex").GetString()!);
        byte[] datagram = [.. NorthMarker, .. cat048, .. NorthMarker];
        var reader = new AsterixBlockReader(datagram);
        var seen = new List<(byte, int)>();
        while (reader.TryReadBlock(out var block, out var error))
        {
            Assert.False(error.IsError);
            seen.Add((block.Category, block.Offset));
        }

        Assert.Equal([(34, 0), (48, NorthMarker.Length), (34, NorthMarker.Length + cat048.Length)], seen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Block_length_below_three_is_an_error_at_the_length_field(int len)
    {
        byte[] datagram = [.. NorthMarker, 48, 0, (byte)len, 0x80];
        var reader = new AsterixBlockReader(datagram);
        Assert.True(reader.TryReadBlock(out _, out _));
        Assert.False(reader.TryReadBlock(out _, out var error));
        Assert.Equal(new AsterixDecodeError(NorthMarker.Length + 1, AsterixErrorReason.BlockLengthTooShort), error);
        Assert.False(reader.TryReadBlock(out _, out error));
        Assert.False(error.IsError);
    }

    [Fact]
    public void Block_length_past_the_end_of_the_datagram_is_an_error()
    {
        byte[] datagram = [48, 0xFF, 0xFF, 0x80, 1, 2];
        var reader = new AsterixBlockReader(datagram);
        Assert.False(reader.TryReadBlock(out _, out var error));
        Assert.Equal(AsterixErrorReason.BlockLengthPastEnd, error.Reason);
        Assert.Equal(1, error.Offset);
    }

    [Fact]
    public void Fewer_than_three_bytes_left_is_a_truncated_header()
    {
        var reader = new AsterixBlockReader([48, 0]);
        Assert.False(reader.TryReadBlock(out _, out var error));
        Assert.Equal(new AsterixDecodeError(0, AsterixErrorReason.TruncatedBlockHeader), error);
    }

    [Fact]
    public void A_bad_record_ends_its_block_and_the_next_block_is_still_read()
    {
        // CAT048 block whose record claims I048/040 (4 bytes) but carries only 2, then a good CAT034 block.
        byte[] bad = [48, 0, 8, 0x90, 0x19, 0x0D, 0x12, 0x34];
        byte[] datagram = [.. bad, .. NorthMarker];
        var reader = new AsterixBlockReader(datagram);
        Assert.True(reader.TryReadBlock(out var block, out _));
        Assert.Equal(OperationStatus.InvalidData, Cat048.TryDecode(block.Records, out _, out _, out var error));
        Assert.Equal(AsterixErrorReason.TruncatedItem, error.Reason);
        Assert.Equal(40, error.ItemId);
        Assert.Equal(6, error.Shift(block.RecordsOffset).Offset);
        Assert.True(reader.TryReadBlock(out block, out _));
        Assert.Equal(OperationStatus.Done, Cat034.TryDecode(block.Records, out var north, out _, out _));
        Assert.Equal(Cat034MessageType.NorthMarker, north.MessageType);
    }

    [Fact]
    public void A_set_bit_for_a_spare_frn_is_an_undefined_item_not_a_guess()
    {
        // CAT062 FRN 2 is spare in edition 1.21: its length is unknown, so the record cannot be framed.
        byte[] record = [0xC0, 0x19, 0x0D, 0xAA];
        Assert.Equal(OperationStatus.InvalidData, Cat062.TryDecode(record, out _, out _, out var error));
        Assert.Equal(new AsterixDecodeError(3, AsterixErrorReason.UndefinedItem), error);
    }

    [Fact]
    public void Items_without_typed_decoding_are_skipped_by_their_length()
    {
        // I048/010, then FRN 10 I048/250 (REP 2 × 8 bytes), FRN 21 I048/230 and FRN 27 SP (explicit, 4 bytes);
        // a second record follows and must start right after.
        byte[] first = Convert.FromHexString("8121030419C902" + new string('A', 32) + "20F504DEADBE");
        byte[] second = Convert.FromHexString("80190D");
        byte[] both = [.. first, .. second];
        Assert.Equal(OperationStatus.Done, Cat048.TryDecode(both, out var r1, out int used, out _));
        Assert.Equal(first.Length, used);
        Assert.Equal(new DataSource(25, 201), r1.Source);
        Assert.Equal(OperationStatus.Done, Cat048.TryDecode(both.AsSpan(used), out var r2, out _, out _));
        Assert.Equal(new DataSource(25, 13), r2.Source);
    }

    [Fact]
    public void An_explicit_item_with_length_zero_is_rejected()
    {
        byte[] record = [0x01, 0x01, 0x01, 0x04, 0x00]; // FSPEC → FRN 27 (SP) present, LEN 0
        Assert.Equal(OperationStatus.InvalidData, Cat048.TryDecode(record, out _, out _, out var error));
        Assert.Equal(AsterixErrorReason.BadExplicitLength, error.Reason);
    }

    [Fact]
    public void A_category_without_a_uap_has_no_record_reader()
    {
        Assert.Null(AsterixUaps.For(1));
        Assert.Equal("1.32", AsterixUaps.Cat048.Edition);
        Assert.Equal(11, AsterixUaps.Cat048.FrnOf(161));
    }
}
