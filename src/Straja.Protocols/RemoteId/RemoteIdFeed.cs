using System.Buffers;
using System.Buffers.Binary;

namespace Straja.Protocols.RemoteId;

/// <summary>
/// One record of the Straja Remote ID receiver feed: what a receiver heard, from whom, when and how strongly.
/// The spans point into the buffer it was read from. Layout (big-endian) in docs/protocols/remoteid.md.
/// </summary>
public readonly ref struct RemoteIdFeedRecord
{
    public CarrierKind Kind { get; init; }
    /// <summary>The receiver's name, 1..64 printable ASCII bytes.</summary>
    public ReadOnlySpan<byte> ReceiverId { get; init; }
    /// <summary>Received signal strength, dBm; <see cref="RemoteIdFeed.UnknownRssi"/> when the radio gives none.</summary>
    public sbyte RssiDbm { get; init; }
    /// <summary>Receive time, microseconds since 1970-01-01T00:00:00Z (the receiver's clock).</summary>
    public long ReceivedUnixUs { get; init; }
    /// <summary>The transmitter's 48-bit Bluetooth or Wi-Fi address, first-printed byte most significant; 0 if unknown.</summary>
    public ulong TransmitterAddress { get; init; }
    /// <summary>The carrier payload as <see cref="RemoteIdCarrier.TryDecode"/> takes it for <see cref="Kind"/>.</summary>
    public ReadOnlySpan<byte> Payload { get; init; }

    /// <summary><see cref="ReceivedUnixUs"/> as a time; null when a (hostile or broken) sender put it outside years 1970..9999.</summary>
    public DateTimeOffset? ReceivedAt =>
        ReceivedUnixUs >= 0 && ReceivedUnixUs <= (DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond
            ? DateTimeOffset.UnixEpoch.AddTicks(ReceivedUnixUs * TimeSpan.TicksPerMicrosecond)
            : null;
}

/// <summary>Reads and writes <see cref="RemoteIdFeedRecord"/>s: one or more per UDP datagram.</summary>
public static class RemoteIdFeed
{
    public const byte Version = 1;
    public const int MaxReceiverIdBytes = 64;
    /// <summary>Longest payload accepted: larger than any Bluetooth advertisement or 802.11 management frame carrying ODID.</summary>
    public const int MaxPayloadBytes = 2048;
    public const sbyte UnknownRssi = sbyte.MinValue;
    /// <summary>Header bytes besides the receiver id: magic, version, kind, id length, RSSI, time, address, payload length.</summary>
    public const int FixedHeaderBytes = 4 + 1 + 1 + 1 + 1 + 8 + 6 + 2;
    public const int MaxRecordBytes = FixedHeaderBytes + MaxReceiverIdBytes + MaxPayloadBytes;

    private static ReadOnlySpan<byte> Magic => "SRID"u8;

    /// <summary>
    /// Reads the record at the start of <paramref name="buffer"/>. On <see cref="OperationStatus.Done"/>,
    /// <paramref name="consumed"/> is its length (another record may follow); on <see cref="OperationStatus.NeedMoreData"/>
    /// the buffer ends inside the record (for a datagram: it was cut short); on <see cref="OperationStatus.InvalidData"/>
    /// the error names the offending byte and nothing is consumed.
    /// </summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, out RemoteIdFeedRecord record, out int consumed, out RemoteIdDecodeError error)
    {
        record = default;
        consumed = 0;
        int fixedBefore = 7;
        if (buffer.Length < fixedBefore)
        {
            return CheckedPrefix(buffer, out error);
        }

        if (CheckedPrefix(buffer, out error) != OperationStatus.Done)
        {
            return OperationStatus.InvalidData;
        }

        int idLength = buffer[6];
        if (idLength is 0 or > MaxReceiverIdBytes)
        {
            return RemoteIdDecodeError.Fail(6, RemoteIdErrorReason.BadReceiverId, OperationStatus.InvalidData, out error);
        }

        int header = FixedHeaderBytes + idLength;
        if (buffer.Length < header)
        {
            return RemoteIdDecodeError.Fail(buffer.Length, RemoteIdErrorReason.Truncated, OperationStatus.NeedMoreData, out error);
        }

        var id = buffer.Slice(fixedBefore, idLength);
        int bad = id.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E);
        if (bad >= 0)
        {
            return RemoteIdDecodeError.Fail(fixedBefore + bad, RemoteIdErrorReason.BadReceiverId, OperationStatus.InvalidData, out error);
        }

        var rest = buffer[(fixedBefore + idLength)..];
        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(rest[15..]);
        if (payloadLength > MaxPayloadBytes)
        {
            return RemoteIdDecodeError.Fail(fixedBefore + idLength + 15, RemoteIdErrorReason.BadStructureLength, OperationStatus.InvalidData, out error);
        }

        if (buffer.Length < header + payloadLength)
        {
            return RemoteIdDecodeError.Fail(buffer.Length, RemoteIdErrorReason.Truncated, OperationStatus.NeedMoreData, out error);
        }

        record = new RemoteIdFeedRecord
        {
            Kind = (CarrierKind)buffer[5],
            ReceiverId = id,
            RssiDbm = (sbyte)rest[0],
            ReceivedUnixUs = BinaryPrimitives.ReadInt64BigEndian(rest[1..]),
            TransmitterAddress = ReadAddress(rest[9..]),
            Payload = buffer.Slice(header, payloadLength),
        };
        consumed = header + payloadLength;
        error = default;
        return OperationStatus.Done;
    }

    /// <summary>Writes <paramref name="record"/>; false when it does not fit or breaks the limits above.</summary>
    public static bool TryWrite(in RemoteIdFeedRecord record, Span<byte> destination, out int written)
    {
        written = 0;
        var id = record.ReceiverId;
        int length = FixedHeaderBytes + id.Length + record.Payload.Length;
        if (id.Length is 0 or > MaxReceiverIdBytes || id.IndexOfAnyExceptInRange((byte)0x21, (byte)0x7E) >= 0
            || record.Payload.Length > MaxPayloadBytes || record.Kind > CarrierKind.WifiNan
            || record.TransmitterAddress > 0xFFFF_FFFF_FFFFUL || destination.Length < length)
        {
            return false;
        }

        Magic.CopyTo(destination);
        destination[4] = Version;
        destination[5] = (byte)record.Kind;
        destination[6] = (byte)id.Length;
        id.CopyTo(destination[7..]);
        var rest = destination[(7 + id.Length)..];
        rest[0] = (byte)record.RssiDbm;
        BinaryPrimitives.WriteInt64BigEndian(rest[1..], record.ReceivedUnixUs);
        for (int i = 0; i < 6; i++)
        {
            rest[9 + i] = (byte)(record.TransmitterAddress >> (40 - 8 * i));
        }

        BinaryPrimitives.WriteUInt16BigEndian(rest[15..], (ushort)record.Payload.Length);
        record.Payload.CopyTo(rest[17..]);
        written = length;
        return true;
    }

    /// <summary>Unix microseconds of <paramref name="time"/>, as the feed carries it.</summary>
    public static long ToUnixUs(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    private static ulong ReadAddress(ReadOnlySpan<byte> b)
    {
        ulong a = 0;
        for (int i = 0; i < 6; i++)
        {
            a = (a << 8) | b[i];
        }

        return a;
    }

    /// <summary>Magic, version and kind, as far as <paramref name="buffer"/> goes.</summary>
    private static OperationStatus CheckedPrefix(ReadOnlySpan<byte> buffer, out RemoteIdDecodeError error)
    {
        int n = Math.Min(buffer.Length, Magic.Length);
        if (!buffer[..n].SequenceEqual(Magic[..n]))
        {
            return RemoteIdDecodeError.Fail(buffer[..n].CommonPrefixLength(Magic), RemoteIdErrorReason.BadMagic, OperationStatus.InvalidData, out error);
        }

        if (buffer.Length > 4 && buffer[4] != Version)
        {
            return RemoteIdDecodeError.Fail(4, RemoteIdErrorReason.UnsupportedVersion, OperationStatus.InvalidData, out error);
        }

        if (buffer.Length > 5 && buffer[5] > (byte)CarrierKind.WifiNan)
        {
            return RemoteIdDecodeError.Fail(5, RemoteIdErrorReason.UnknownCarrier, OperationStatus.InvalidData, out error);
        }

        return buffer.Length < 7
            ? RemoteIdDecodeError.Fail(buffer.Length, RemoteIdErrorReason.Truncated, OperationStatus.NeedMoreData, out error)
            : RemoteIdDecodeError.Fail(0, RemoteIdErrorReason.None, OperationStatus.Done, out error);
    }
}
