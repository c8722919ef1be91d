using System.Buffers;
using Straja.Protocols.ModeS;

namespace Straja.Fuzz;

internal delegate OperationStatus FeedRead(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed);

internal delegate bool FeedWrite(in FeedFrame frame, Span<byte> destination, out int written);

/// <summary>
/// A receiver feed (Beast binary or AVR text): the input is the byte stream a receiver sent. It is read
/// the way a listener reads it (drop what was consumed, stop on NeedMoreData) and each contract is
/// checked: consumed within the buffer, progress on every Done/InvalidData, and a frame read back from
/// its own encoding is the same frame.
/// </summary>
internal static class FeedTarget
{
    public static void Beast(ReadOnlySpan<byte> input) =>
        Run(input, BeastReader.TryRead, BeastWriter.TryWrite, needMoreConsumesNothing: true);

    public static void Avr(ReadOnlySpan<byte> input) =>
        Run(input, AvrReader.TryRead, (in FeedFrame f, Span<byte> d, out int n) => AvrWriter.TryWrite(f, FormatOf(f), d, out n),
            needMoreConsumesNothing: false);

    private static AvrFormat FormatOf(in FeedFrame f) =>
        f.HasSignal ? AvrFormat.TimestampAndSignal : f.HasTimestamp ? AvrFormat.Timestamp : AvrFormat.Plain;

    private static void Run(ReadOnlySpan<byte> input, FeedRead read, FeedWrite write, bool needMoreConsumesNothing)
    {
        Span<byte> encoded = stackalloc byte[64];
        while (true)
        {
            var status = read(input, out var frame, out int consumed);
            Invariant.InRange(consumed, 0, input.Length, $"consumed ({status})");
            if (status == OperationStatus.NeedMoreData)
            {
                Invariant.Check(!needMoreConsumesNothing || consumed == 0, $"NeedMoreData consumed {consumed} bytes");
                return;
            }

            Invariant.Check(status is OperationStatus.Done or OperationStatus.InvalidData, $"unexpected status {status}");
            Invariant.Check(consumed > 0, $"{status} without progress");
            if (status == OperationStatus.Done)
            {
                Invariant.Check(frame.Length is 2 or 7 or 14, $"frame of {frame.Length} bytes");
                Invariant.Check(write(frame, encoded, out int written), "the frame read does not re-encode");
                Invariant.Check(read(encoded[..written], out var again, out int used) == OperationStatus.Done && used <= written && again == frame,
                    $"re-encoded frame reads back differently: {frame} -> {again}");
                if (frame.Length != 2)
                {
                    // Only what a listener does per frame; the modes target reads the contents.
                    _ = ModeSTarget.TryDecode(frame.Data, out _);
                }
            }

            input = input[consumed..];
        }
    }
}
