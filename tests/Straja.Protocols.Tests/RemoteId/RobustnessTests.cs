using System.Buffers;
using System.Text.Json;
using CsCheck;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

/// <summary>Hostile bytes: no decoder may throw, read past its span, or report success with an error set.</summary>
public sealed class RobustnessTests
{
    private static readonly byte[][] Seeds = BuildSeeds();

    // Structure bytes that steer the decoders (lengths, type nibbles, AD/IE/attribute ids) are over-represented.
    private static readonly Gen<byte> HostileByte = Gen.Frequency(
        (4, Gen.Byte),
        (1, Gen.Const((byte)0x00)),
        (1, Gen.Const((byte)0xFF)),
        (1, Gen.Const((byte)0x19)),
        (1, Gen.Const((byte)0xF2)),
        (1, Gen.Const((byte)0x16)),
        (1, Gen.Const((byte)0xDD)),
        (1, Gen.Int[0, 10].Select(i => (byte)i)));

    private static readonly Gen<byte[]> RandomBytes = HostileByte.Array[0, 300];

    private static readonly Gen<byte[]> Mutated =
        from seed in Gen.Int[0, Seeds.Length - 1].Select(i => Seeds[i])
        from edits in Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1000], HostileByte).Array[1, 6]
        select Mutate(seed, edits);

    [Fact]
    public void Decoders_survive_random_bytes() => RandomBytes.Sample(DecodeEverything, iter: 20_000);

    [Fact]
    public void Decoders_survive_mutated_real_frames_packs_and_feed_records() => Mutated.Sample(DecodeEverything, iter: 30_000);

    [Fact]
    public void Single_message_of_the_wrong_length_is_rejected_with_where_it_ended()
    {
        Assert.Equal(OperationStatus.NeedMoreData, RemoteIdMessage.TryDecode(new byte[24], out _, out var shortError));
        Assert.Equal(new RemoteIdDecodeError(24, RemoteIdErrorReason.Truncated), shortError);
        Assert.Equal(OperationStatus.InvalidData, RemoteIdMessage.TryDecode(new byte[26], out _, out var longError));
        Assert.Equal(RemoteIdErrorReason.BadLength, longError.Reason);
    }

    [Fact]
    public void Pack_inside_a_pack_is_rejected_at_the_inner_message()
    {
        byte[] pack = [0xF2, 0x19, 0x02, .. new byte[25], 0xF2, .. new byte[24]];
        Assert.Equal(OperationStatus.InvalidData, MessagePack.TryDecode(pack, out _, out _, out var error));
        Assert.Equal(new RemoteIdDecodeError(3 + 25, RemoteIdErrorReason.NestedPack), error);
    }

    [Theory]
    [InlineData("F21A01", 1, RemoteIdErrorReason.BadMessageSize)]
    [InlineData("F2190A", 2, RemoteIdErrorReason.TooManyMessages)]
    [InlineData("02190A", 0, RemoteIdErrorReason.NotAPack)]
    [InlineData("F21902" + "00000000000000000000000000000000000000000000000000", 28, RemoteIdErrorReason.Truncated)]
    public void Malformed_pack_header_is_rejected_naming_the_byte(string hex, int offset, RemoteIdErrorReason reason)
    {
        Assert.NotEqual(OperationStatus.Done, MessagePack.TryDecode(Convert.FromHexString(hex), out _, out _, out var error));
        Assert.Equal(new RemoteIdDecodeError(offset, reason), error);
    }

    [Fact]
    public void Bluetooth_advertisement_without_remote_id_says_so()
    {
        byte[] ad = [0x02, 0x01, 0x06, 0x03, 0x03, 0xAA, 0xFE];
        Assert.Equal(OperationStatus.InvalidData, RemoteIdCarrier.TryDecode(ad, CarrierKind.BluetoothLegacy, out _, out var error));
        Assert.Equal(RemoteIdErrorReason.NoRemoteIdContent, error.Reason);
    }

    [Fact]
    public void Beacon_element_running_past_the_frame_is_rejected_at_the_element()
    {
        byte[] elements = [0x00, 0x02, 0x41, 0x42, 0xDD, 0x40, 0xFA, 0x0B, 0xBC, 0x0D];
        Assert.Equal(OperationStatus.InvalidData, RemoteIdCarrier.TryDecode(elements, CarrierKind.WifiBeacon, out _, out var error));
        Assert.Equal(new RemoteIdDecodeError(4, RemoteIdErrorReason.BadStructureLength), error);
    }

    private static void DecodeEverything(byte[] bytes)
    {
        var span = bytes.AsSpan();
        Check(RemoteIdMessage.TryDecode(span, out var m, out var e), e, span.Length);
        Check(MessagePack.TryDecode(span, out _, out int consumed, out e), e, span.Length);
        Assert.InRange(consumed, 0, span.Length);
        foreach (var kind in (ReadOnlySpan<CarrierKind>)[CarrierKind.None, CarrierKind.BluetoothLegacy, CarrierKind.BluetoothLongRange, CarrierKind.WifiBeacon, CarrierKind.WifiNan, (CarrierKind)9])
        {
            if (Check(RemoteIdCarrier.TryDecode(span, kind, out var frame, out e), e, span.Length))
            {
                WriteJson(frame);
            }
        }

        Check(RemoteIdCarrier.TryDecodeAny(span, out _, out e), e, span.Length);
        if (Check(RemoteIdFeed.TryRead(span, out var record, out consumed, out e), e, span.Length))
        {
            Assert.InRange(consumed, RemoteIdFeed.FixedHeaderBytes + 1, span.Length);
            RemoteIdCarrier.TryDecode(record.Payload, record.Kind, out _, out _);
            _ = record.ReceivedAt; // any 8 bytes of time must be representable or null, never an exception
        }

        if (m.Type != MessageType.MessagePack)
        {
            WriteJson(RemoteIdFrame.Single(CarrierKind.None, 0, m));
        }
    }

    private static bool Check(OperationStatus status, RemoteIdDecodeError error, int length)
    {
        Assert.Equal(status == OperationStatus.Done, !error.IsError);
        Assert.InRange(error.Offset, 0, length);
        return status == OperationStatus.Done;
    }

    private static void WriteJson(in RemoteIdFrame frame)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            RemoteIdJson.Write(w, frame);
        }

        using var _ = JsonDocument.Parse(stream.ToArray()); // valid JSON whatever the text fields held
    }

    private static byte[] Mutate(byte[] seed, (int Op, int At, byte Value)[] edits)
    {
        var b = new List<byte>(seed);
        foreach (var (op, at, value) in edits)
        {
            int i = b.Count == 0 ? 0 : at % b.Count;
            switch (op)
            {
                case 0 when b.Count > 0: b[i] = value; break;
                case 1: b.Insert(i, value); break;
                case 2 when b.Count > 0: b.RemoveAt(i); break;
                case 3: b.RemoveRange(i, b.Count - i); break;
            }
        }

        return b.ToArray();
    }

    private static byte[][] BuildSeeds()
    {
        var seeds = new List<byte[]>();
        foreach (var f in RemoteIdVectors.Root.GetProperty("frames").EnumerateArray())
        {
            seeds.Add(Convert.FromHexString(f.GetProperty("odid_payload_hex").GetString()!));
            if (f.GetProperty("source").TryGetProperty("frame_hex", out var raw))
            {
                seeds.Add(Convert.FromHexString(raw.GetString()!));
            }
        }

        seeds.AddRange(RemoteIdVectors.AllMessageBytes());
        var buffer = new byte[RemoteIdFeed.MaxRecordBytes];
        RemoteIdGens.Frame.Sample(frame =>
        {
            var carrier = new byte[RemoteIdCarrier.MaxWrittenLength];
            RemoteIdCarrier.TryWrite(frame, carrier, out int n);
            seeds.Add(carrier[..n]);
            var record = new RemoteIdFeedRecord { Kind = frame.Kind, ReceiverId = "pi-7"u8, RssiDbm = -70, ReceivedUnixUs = 1, TransmitterAddress = 0xA1B2C3D4E5F6, Payload = carrier.AsSpan(0, n) };
            RemoteIdFeed.TryWrite(record, buffer, out int w);
            seeds.Add(buffer[..w]);
        }, iter: 40, seed: "0000000000001");
        return seeds.ToArray();
    }
}
