using System.Buffers;
using CsCheck;
using Straja.Protocols.Sapient;

namespace Straja.Protocols.Tests.Sapient;

public sealed class FramingTests
{
    public static TheoryData<string> Framing => SapientVectors.Names("framing_vectors");

    [Theory]
    [MemberData(nameof(Framing))]
    public void Framing_vector_header_and_payload_read_back(string name)
    {
        var v = SapientVectors.Get("framing_vectors", name);
        byte[] frame;
        byte[] payload;
        if (v.TryGetProperty("payload_length", out var len))
        {
            // The 10 MB upstream case gives only the header: build the zero payload it describes.
            payload = new byte[len.GetInt32()];
            frame = [.. SapientVectors.Hex(v, "header_hex")!, .. payload];
        }
        else
        {
            payload = SapientVectors.Hex(v, "payload_hex")!;
            frame = SapientVectors.Hex(v, "framed_hex")!;
        }

        Assert.Equal(OperationStatus.Done, SapientFraming.TryRead(frame, 16 << 20, out ReadOnlySpan<byte> read, out int consumed, out _));
        Assert.Equal(frame.Length, consumed);
        Assert.True(read.SequenceEqual(payload));
    }

    [Fact]
    public void Every_cut_of_a_frame_needs_more_data_and_consumes_nothing()
    {
        byte[] frame = Convert.FromHexString("0a0000000102030405060708090a");
        for (int cut = 0; cut < frame.Length; cut++)
        {
            Assert.Equal(OperationStatus.NeedMoreData, SapientFraming.TryRead(frame.AsSpan(0, cut), 1024, out _, out int consumed, out _));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Two_gigabyte_length_prefix_is_rejected_from_the_header_alone()
    {
        byte[] header = [0xFF, 0xFF, 0xFF, 0x7F];

        var status = SapientFraming.TryRead(header, SapientFraming.DefaultMaxMessageBytes, out _, out int consumed, out SapientDecodeError error);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(SapientDecodeErrorReason.FrameTooLong, error.Reason);
        Assert.Equal(0, error.Offset);
        Assert.Equal(4, consumed);
        Assert.Contains("2147483647", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Length_above_int_max_is_rejected_not_wrapped()
    {
        byte[] header = [0xFF, 0xFF, 0xFF, 0xFF];
        Assert.Equal(OperationStatus.InvalidData, SapientFraming.TryRead(header, int.MaxValue, out _, out _, out _));
    }

    [Fact]
    public void Frames_back_to_back_are_read_one_at_a_time()
    {
        byte[] stream = Convert.FromHexString("0200000001020100000003");
        Assert.Equal(OperationStatus.Done, SapientFraming.TryRead(stream, 64, out var first, out int used, out _));
        Assert.Equal([1, 2], first.ToArray());
        Assert.Equal(OperationStatus.Done, SapientFraming.TryRead(stream.AsSpan(used), 64, out var second, out _, out _));
        Assert.Equal([3], second.ToArray());
    }

    [Fact]
    public void Reader_and_decoder_never_throw_on_random_bytes()
    {
        Gen.Byte.Array[0, 300].Sample(bytes =>
        {
            ReadOnlySpan<byte> rest = bytes;
            while (true)
            {
                var status = SapientFraming.TryRead(rest, 256, out ReadOnlySpan<byte> payload, out int consumed, out _);
                Assert.InRange(consumed, 0, rest.Length);
                if (status == OperationStatus.Done)
                {
                    SapientCodec.TryDecode(payload, out var m, out _);
                    if (m is not null)
                    {
                        SapientValidator.Validate(m);
                    }
                }

                if (consumed == 0)
                {
                    break;
                }

                rest = rest[consumed..];
            }
        }, iter: 2000);
    }

    [Fact]
    public void Decoder_and_validator_never_throw_on_mutated_valid_messages()
    {
        byte[][] valid = [.. SapientVectors.AllNames("valid_messages").Select(n => SapientVectors.Hex(SapientVectors.Get("valid_messages", n), "protobuf_hex")!)];
        Gen.Select(Gen.Int[0, valid.Length - 1], Gen.Int[0, 4000], Gen.Byte, Gen.Int[0, 3]).Sample((which, pos, value, how) =>
        {
            byte[] b = valid[which];
            int at = pos % Math.Max(1, b.Length);
            byte[] mutated = how switch
            {
                0 => [.. b[..at], value, .. b[(at + 1)..]],
                1 => b[..at],
                2 => [.. b[..at], value, .. b[at..]],
                _ => [.. b[..at], .. b[Math.Min(b.Length, at + 1)..]],
            };
            if (SapientCodec.TryDecode(mutated, out var m, out var error) == OperationStatus.Done)
            {
                SapientValidator.Validate(m!);
            }
            else
            {
                Assert.Equal(SapientDecodeErrorReason.MalformedProtobuf, error.Reason);
            }
        }, iter: 3000);
    }
}
