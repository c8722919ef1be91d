using System.Buffers;

namespace Straja.Protocols.ModeS;

/// <summary>
/// Reads the Beast binary feed (Mode-S Beast, dump1090/readsb port 30005): 0x1A, a type byte
/// ('1' Mode A/C, '2' short, '3' long), a 6-byte big-endian 12 MHz timestamp, a signal byte, then the
/// frame; every 0x1A after the leading one is sent twice.
/// </summary>
public static class BeastReader
{
    internal const byte Escape = 0x1A;

    /// <summary>
    /// Reads the first frame of <paramref name="buffer"/>. <paramref name="consumed"/> bytes may always be
    /// dropped: on <see cref="OperationStatus.Done"/> they are the frame, on <see cref="OperationStatus.InvalidData"/>
    /// garbage or a cut-short frame, on <see cref="OperationStatus.NeedMoreData"/> nothing (keep the partial frame and append).
    /// </summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed) =>
        TryRead(buffer, out frame, out consumed, out _);

    /// <inheritdoc cref="TryRead(ReadOnlySpan{byte}, out FeedFrame, out int)"/>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed, out DecodeError error)
    {
        frame = default;
        consumed = 0;
        error = default;
        if (buffer.IsEmpty)
        {
            return OperationStatus.NeedMoreData;
        }

        if (buffer[0] != Escape)
        {
            return Garbage(buffer, 0, 0, out consumed, out error);
        }

        if (buffer.Length < 2)
        {
            return OperationStatus.NeedMoreData;
        }

        int length = FeedFrame.TypeToLength((FeedFrameType)buffer[1]);
        if (length == 0)
        {
            // 0x1A 0x1A here is an escaped data byte seen mid-frame after a resync: skip both.
            return Garbage(buffer, buffer[1] == Escape ? 2 : 1, 1, out consumed, out error);
        }

        Span<byte> body = stackalloc byte[7 + 14];
        int need = 7 + length;
        int pos = 2;
        for (int k = 0; k < need; k++)
        {
            if (pos >= buffer.Length)
            {
                return OperationStatus.NeedMoreData;
            }

            byte b = buffer[pos];
            if (b == Escape)
            {
                if (pos + 1 >= buffer.Length)
                {
                    return OperationStatus.NeedMoreData;
                }

                if (buffer[pos + 1] != Escape)
                {
                    // An undoubled 0x1A starts a new frame: this one was cut short by the sender.
                    consumed = pos;
                    error = new DecodeError(pos, DecodeErrorReason.BadFraming);
                    return OperationStatus.InvalidData;
                }

                pos++;
            }

            body[k] = b;
            pos++;
        }

        ulong ts = 0;
        for (int k = 0; k < 6; k++)
        {
            ts = (ts << 8) | body[k];
        }

        frame = new FeedFrame(body.Slice(7, length), ts, body[6]);
        consumed = pos;
        return OperationStatus.Done;
    }

    // Drops everything up to the next 0x1A at or after 'from'.
    private static OperationStatus Garbage(ReadOnlySpan<byte> buffer, int from, int offset, out int consumed, out DecodeError error)
    {
        int next = buffer[from..].IndexOf(Escape);
        consumed = next < 0 ? buffer.Length : from + next;
        error = new DecodeError(offset, DecodeErrorReason.BadFraming);
        return OperationStatus.InvalidData;
    }
}

/// <summary>Writes Beast binary frames (for the simulator and for relaying).</summary>
public static class BeastWriter
{
    /// <summary>The longest encoded frame: every byte after the leading 0x1A doubled.</summary>
    public const int MaxFrameLength = 2 + (2 * (7 + 14));

    /// <summary>Encodes <paramref name="frame"/>; false (and nothing written) if <paramref name="destination"/> is too small.</summary>
    public static bool TryWrite(in FeedFrame frame, Span<byte> destination, out int written)
    {
        written = 0;
        Span<byte> body = stackalloc byte[7 + 14];
        for (int k = 0; k < 6; k++)
        {
            body[k] = (byte)(frame.Timestamp12MHz >> (40 - (8 * k)));
        }

        body[6] = frame.Signal;
        frame.Data.CopyTo(body[7..]);
        body = body[..(7 + frame.Length)];

        int size = 2 + body.Length + body.Count(BeastReader.Escape);
        if (destination.Length < size)
        {
            return false;
        }

        destination[0] = BeastReader.Escape;
        destination[1] = (byte)frame.Type;
        int pos = 2;
        foreach (byte b in body)
        {
            destination[pos++] = b;
            if (b == BeastReader.Escape)
            {
                destination[pos++] = b;
            }
        }

        written = pos;
        return true;
    }
}
