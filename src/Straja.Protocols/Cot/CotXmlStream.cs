using System.Buffers;

namespace Straja.Protocols.Cot;

/// <summary>
/// The legacy XML stream TAK servers accept on their plain TCP port: events one after another, nothing between
/// them but optional whitespace and XML declarations. An event ends at the first <c>&lt;/event&gt;</c>, which
/// cannot occur earlier in an event this library writes (text escapes every <c>&lt;</c>).
/// </summary>
public static class CotXmlStream
{
    private static ReadOnlySpan<byte> EndTag => "</event>"u8;

    /// <summary>
    /// Finds the first complete event in <paramref name="buffer"/>. <see cref="OperationStatus.Done"/>: <paramref name="xmlEvent"/>
    /// is its bytes (for <see cref="CotXml.TryDecode(ReadOnlySpan{byte}, out CotEvent?, out CotDecodeError)"/>) and <paramref name="consumed"/>
    /// includes the whitespace before it. <see cref="OperationStatus.NeedMoreData"/>: nothing consumed. <see cref="OperationStatus.InvalidData"/>:
    /// more than <paramref name="maxEventBytes"/> without an end tag; the buffer is consumed so the reader can go on.
    /// </summary>
    public static OperationStatus TryRead(ReadOnlySpan<byte> buffer, int maxEventBytes, out ReadOnlySpan<byte> xmlEvent, out int consumed, out CotDecodeError error)
    {
        xmlEvent = default;
        consumed = 0;
        error = default;
        int start = buffer.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            return OperationStatus.NeedMoreData;
        }

        int end = buffer[start..].IndexOf(EndTag);
        if (end < 0 || end + EndTag.Length > maxEventBytes)
        {
            if (buffer.Length - start <= maxEventBytes)
            {
                return OperationStatus.NeedMoreData;
            }

            consumed = end < 0 ? buffer.Length : start + end + EndTag.Length;
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.TooLarge, start, $"no </event> within {maxEventBytes} bytes");
            return OperationStatus.InvalidData;
        }

        xmlEvent = buffer.Slice(start, end + EndTag.Length);
        consumed = start + end + EndTag.Length;
        return OperationStatus.Done;
    }
}
