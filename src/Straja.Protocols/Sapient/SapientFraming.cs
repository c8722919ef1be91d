using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Sapient;

/// <summary>
/// SAPIENT over TCP: each message is a 4-byte little-endian unsigned length, then that many bytes of
/// protobuf <see cref="SapientMessage"/>. There is no sync marker, so a bad length loses the stream:
/// the listener must close the connection after <see cref="OperationStatus.InvalidData"/>.
/// </summary>
public static class SapientFraming
{
    public const int HeaderBytes = 4;

    /// <summary>A generous default cap: the largest registrations seen are tens of kilobytes.</summary>
    public const int DefaultMaxMessageBytes = 1 << 20;

    /// <summary>
    /// Reads the first frame of <paramref name="buffer"/>. On <see cref="OperationStatus.Done"/>,
    /// <paramref name="payload"/> is the protobuf bytes and <paramref name="consumed"/> the frame length;
    /// on <see cref="OperationStatus.NeedMoreData"/> nothing is consumed (append and call again). The length is
    /// checked against <paramref name="maxMessageBytes"/> before the payload is awaited, so a hostile 2 GB claim
    /// costs nothing: it is <see cref="OperationStatus.InvalidData"/> at offset 0 with the header consumed.
    /// </summary>
    public static OperationStatus TryRead(
        ReadOnlySpan<byte> buffer,
        int maxMessageBytes,
        out ReadOnlySpan<byte> payload,
        out int consumed,
        out SapientDecodeError error)
    {
        payload = default;
        consumed = 0;
        error = default;
        if (buffer.Length < HeaderBytes)
        {
            return OperationStatus.NeedMoreData;
        }

        uint length = BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        if (length > (uint)Math.Max(0, maxMessageBytes))
        {
            consumed = HeaderBytes;
            error = new SapientDecodeError(0, SapientDecodeErrorReason.FrameTooLong, $"{length} > {maxMessageBytes} bytes");
            return OperationStatus.InvalidData;
        }

        if ((uint)(buffer.Length - HeaderBytes) < length)
        {
            return OperationStatus.NeedMoreData;
        }

        payload = buffer.Slice(HeaderBytes, (int)length);
        consumed = HeaderBytes + (int)length;
        return OperationStatus.Done;
    }

    /// <summary>Writes <paramref name="message"/> with its length prefix.</summary>
    public static void Write(IBufferWriter<byte> writer, SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(message);
        int size = message.CalculateSize();
        Span<byte> header = writer.GetSpan(HeaderBytes);
        BinaryPrimitives.WriteUInt32LittleEndian(header, (uint)size);
        writer.Advance(HeaderBytes);
        message.WriteTo(writer.GetSpan(size)[..size]);
        writer.Advance(size);
    }
}
