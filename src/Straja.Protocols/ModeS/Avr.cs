using System.Buffers;

namespace Straja.Protocols.ModeS;

/// <summary>The AVR text line forms a receiver may send.</summary>
public enum AvrFormat
{
    /// <summary><c>*8D4840D6202CC371C32CE0576098;</c></summary>
    Plain,
    /// <summary><c>@</c> + 12 hex digit timestamp + frame + <c>;</c> (dump1090 --mlat).</summary>
    Timestamp,
    /// <summary><c>&lt;</c> + 12 hex digit timestamp + 2 hex digit signal + frame + <c>;</c> (Beast-AVR).</summary>
    TimestampAndSignal,
}

/// <summary>
/// Reads AVR text (dump1090/readsb port 30002): one frame per line as hex between a start character
/// and <c>;</c>. Accepts <c>*</c> and <c>:</c> (plain), <c>@</c> and <c>%</c> (with timestamp), <c>&lt;</c>
/// (timestamp and signal); line ends LF, CRLF or none.
/// </summary>
public static class AvrReader
{
    // '<' + 12 + 2 + 28 + ';'
    private const int MaxLine = 44;

    /// <summary>
    /// Reads the first line of <paramref name="buffer"/>; same contract as <see cref="BeastReader.TryRead(ReadOnlySpan{byte}, out FeedFrame, out int)"/>:
    /// <paramref name="consumed"/> bytes may always be dropped.
    /// </summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed) =>
        TryRead(buffer, out frame, out consumed, out _);

    /// <inheritdoc cref="TryRead(ReadOnlySpan{byte}, out FeedFrame, out int)"/>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed, out DecodeError error)
    {
        frame = default;
        error = default;
        int start = 0;
        while (start < buffer.Length && buffer[start] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t')
        {
            start++;
        }

        consumed = start;
        if (start == buffer.Length)
        {
            return OperationStatus.NeedMoreData;
        }

        byte lead = buffer[start];
        int prefixDigits = lead switch
        {
            (byte)'*' or (byte)':' => 0,
            (byte)'@' or (byte)'%' => 12,
            (byte)'<' => 14,
            _ => -1,
        };
        if (prefixDigits < 0)
        {
            int next = buffer[(start + 1)..].IndexOfAny("*:@%<"u8);
            consumed = next < 0 ? buffer.Length : start + 1 + next;
            error = new DecodeError(start, DecodeErrorReason.BadFraming);
            return OperationStatus.InvalidData;
        }

        ReadOnlySpan<byte> rest = buffer[(start + 1)..];
        int semi = rest[..Math.Min(rest.Length, MaxLine)].IndexOf((byte)';');
        if (semi < 0)
        {
            if (rest.Length < MaxLine)
            {
                return OperationStatus.NeedMoreData;
            }

            consumed = start + 1;
            error = new DecodeError(start, DecodeErrorReason.FrameTooLong);
            return OperationStatus.InvalidData;
        }

        consumed = start + 1 + semi + 1;
        ReadOnlySpan<byte> hex = rest[..semi];
        int payloadDigits = hex.Length - prefixDigits;
        if (payloadDigits is not (4 or 14 or 28))
        {
            error = new DecodeError(start + 1 + semi, DecodeErrorReason.BadLength);
            return OperationStatus.InvalidData;
        }

        Span<byte> bytes = stackalloc byte[7 + 14];
        int bad = Hex.Decode(hex, bytes);
        if (bad >= 0)
        {
            error = new DecodeError(start + 1 + bad, DecodeErrorReason.BadHexDigit);
            return OperationStatus.InvalidData;
        }

        ulong ts = 0;
        for (int k = 0; k < prefixDigits / 2 && k < 6; k++)
        {
            ts = (ts << 8) | bytes[k];
        }

        byte signal = prefixDigits == 14 ? bytes[6] : (byte)0;
        frame = new FeedFrame(bytes.Slice(prefixDigits / 2, payloadDigits / 2), ts, signal, hasTimestamp: prefixDigits > 0, hasSignal: prefixDigits == 14);
        return OperationStatus.Done;
    }
}

/// <summary>Writes AVR text lines, each ending in <c>;</c> and LF.</summary>
public static class AvrWriter
{
    /// <summary>The longest line, newline included.</summary>
    public const int MaxLineLength = 45;

    public static bool TryWrite(in FeedFrame frame, AvrFormat format, Span<byte> destination, out int written)
    {
        written = 0;
        int prefix = format switch { AvrFormat.Timestamp => 12, AvrFormat.TimestampAndSignal => 14, _ => 0 };
        int size = 1 + prefix + (2 * frame.Length) + 2;
        if (destination.Length < size)
        {
            return false;
        }

        destination[0] = format switch { AvrFormat.Timestamp => (byte)'@', AvrFormat.TimestampAndSignal => (byte)'<', _ => (byte)'*' };
        int pos = 1;
        if (prefix > 0)
        {
            for (int k = 0; k < 6; k++)
            {
                pos = Hex.WriteByte((byte)(frame.Timestamp12MHz >> (40 - (8 * k))), destination, pos);
            }
        }

        if (prefix == 14)
        {
            pos = Hex.WriteByte(frame.Signal, destination, pos);
        }

        foreach (byte b in frame.Data)
        {
            pos = Hex.WriteByte(b, destination, pos);
        }

        destination[pos++] = (byte)';';
        destination[pos++] = (byte)'\n';
        written = pos;
        return true;
    }
}

internal static class Hex
{
    /// <summary>Decodes an even number of hex digits; returns -1 on success or the offset of the first bad digit.</summary>
    public static int Decode(ReadOnlySpan<byte> hex, Span<byte> destination)
    {
        for (int i = 0; i + 1 < hex.Length; i += 2)
        {
            int hi = Nibble(hex[i]);
            int lo = Nibble(hex[i + 1]);
            if (hi < 0)
            {
                return i;
            }

            if (lo < 0)
            {
                return i + 1;
            }

            destination[i / 2] = (byte)((hi << 4) | lo);
        }

        return (hex.Length & 1) != 0 ? hex.Length - 1 : -1;
    }

    private static int Nibble(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        _ => -1,
    };

    public static int WriteByte(byte b, Span<byte> destination, int pos)
    {
        destination[pos] = "0123456789ABCDEF"u8[b >> 4];
        destination[pos + 1] = "0123456789ABCDEF"u8[b & 0xF];
        return pos + 2;
    }
}
