using System.Buffers;
using CsCheck;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

public sealed class PropertyTests
{
    [Fact]
    public void Basic_id_encode_then_decode_is_the_identity() => RoundTrip(RemoteIdGens.BasicId, (in BasicId v, int p) => RemoteIdMessage.From(v, p), (in RemoteIdMessage m, out BasicId v) => m.TryGet(out v));

    [Fact]
    public void Location_encode_then_decode_is_the_identity() => RoundTrip(RemoteIdGens.Location, (in LocationVector v, int p) => RemoteIdMessage.From(v, p), (in RemoteIdMessage m, out LocationVector v) => m.TryGet(out v));

    [Fact]
    public void Authentication_page_encode_then_decode_is_the_identity() => RoundTrip(RemoteIdGens.Authentication, (in AuthenticationPage v, int p) => RemoteIdMessage.From(v, p), (in RemoteIdMessage m, out AuthenticationPage v) => m.TryGet(out v));

    [Fact]
    public void Self_id_encode_then_decode_is_the_identity() => RoundTrip(RemoteIdGens.SelfId, (in SelfId v, int p) => RemoteIdMessage.From(v, p), (in RemoteIdMessage m, out SelfId v) => m.TryGet(out v));

    [Fact]
    public void System_encode_then_decode_is_the_identity() => RoundTrip(RemoteIdGens.System, (in SystemInfo v, int p) => RemoteIdMessage.From(v, p), (in RemoteIdMessage m, out SystemInfo v) => m.TryGet(out v));

    [Fact]
    public void Operator_id_encode_then_decode_is_the_identity() => RoundTrip(RemoteIdGens.OperatorId, (in OperatorId v, int p) => RemoteIdMessage.From(v, p), (in RemoteIdMessage m, out OperatorId v) => m.TryGet(out v));

    [Fact]
    public void Message_pack_write_then_decode_is_the_identity() =>
        RemoteIdGens.Pack.Sample(pack =>
        {
            var buffer = new byte[MessagePack.MaxBytes];
            Assert.True(pack.TryWrite(buffer, out int written));
            Assert.Equal(OperationStatus.Done, MessagePack.TryDecode(buffer.AsSpan(0, written), out var back, out int consumed, out _));
            Assert.Equal(written, consumed);
            Assert.Equal(pack, back);
        }, iter: 5_000);

    [Fact]
    public void Every_carrier_write_then_decode_is_the_identity() =>
        RemoteIdGens.Frame.Sample(frame =>
        {
            var buffer = new byte[RemoteIdCarrier.MaxWrittenLength];
            Assert.True(RemoteIdCarrier.TryWrite(frame, buffer, out int written));
            var status = RemoteIdCarrier.TryDecode(buffer.AsSpan(0, written), frame.Kind, out var back, out var error);
            Assert.True(status == OperationStatus.Done, error.ToString());
            Assert.Equal(frame, back);
        }, iter: 5_000);

    [Fact]
    public void Feed_write_then_read_is_the_identity() =>
        Gen.Select(
            Gen.Int[0, 4], Gen.Int[0x21, 0x7E].Select(c => (byte)c).Array[1, RemoteIdFeed.MaxReceiverIdBytes], Gen.SByte,
            Gen.Long, Gen.ULong[0, 0xFFFF_FFFF_FFFFUL], Gen.Byte.Array[0, 300])
        .Sample(t =>
        {
            var (kind, id, rssi, time, address, payload) = t;
            var record = new RemoteIdFeedRecord
            {
                Kind = (CarrierKind)kind, ReceiverId = id, RssiDbm = rssi, ReceivedUnixUs = time, TransmitterAddress = address, Payload = payload,
            };
            var buffer = new byte[RemoteIdFeed.MaxRecordBytes + 8];
            Assert.True(RemoteIdFeed.TryWrite(record, buffer, out int written));
            buffer[written] = (byte)'S'; // a following record's first byte must not be taken for part of this one
            Assert.Equal(OperationStatus.Done, RemoteIdFeed.TryRead(buffer.AsSpan(0, written + 1), out var back, out int consumed, out _));
            Assert.Equal(written, consumed);
            Assert.Equal(record.Kind, back.Kind);
            Assert.Equal(id, back.ReceiverId.ToArray());
            Assert.Equal(rssi, back.RssiDbm);
            Assert.Equal(time, back.ReceivedUnixUs);
            Assert.Equal(address, back.TransmitterAddress);
            Assert.Equal(payload, back.Payload.ToArray());
        }, iter: 5_000);

    private delegate RemoteIdMessage Encoder<T>(in T value, int protocolVersion);

    private delegate bool Decoder<T>(in RemoteIdMessage message, out T value);

    private static void RoundTrip<T>(Gen<T> gen, Encoder<T> encode, Decoder<T> decode)
        where T : struct =>
        Gen.Select(gen, RemoteIdGens.Version).Sample(t =>
        {
            var (value, version) = t;
            var message = encode(value, version);
            Assert.Equal(OperationStatus.Done, RemoteIdMessage.TryDecode(message.Bytes, out var decoded, out _));
            Assert.Equal(version, decoded.ProtocolVersion);
            Assert.True(decode(decoded, out T back));
            Assert.Equal(value, back);
        }, iter: 5_000);
}
