using System.Buffers;
using System.Text.Json;
using Straja.Protocols.Asterix;

namespace Straja.Fuzz;

/// <summary>
/// ASTERIX: the input is one UDP datagram. Blocks are framed by CAT/LEN; every record of a category Straja
/// interprets goes through its typed decoder, and every block of a known UAP through the JSON printer
/// (the generic FSPEC walk). Records must be consumed inside their block and always make progress.
/// </summary>
internal static class AsterixTarget
{
    private delegate OperationStatus RecordDecode(ReadOnlySpan<byte> data, out int consumed, out AsterixDecodeError error);

    private static readonly DateTimeOffset Reference = new(2026, 11, 27, 23, 59, 0, TimeSpan.Zero);

    public static void Fuzz(ReadOnlySpan<byte> input)
    {
        var reader = new AsterixBlockReader(input);
        int end = 0;
        while (reader.TryReadBlock(out var block, out var error))
        {
            Invariant.Check(block.Offset == end, $"block at {block.Offset}, previous ended at {end}");
            Invariant.InRange(block.Bytes.Length, 3, input.Length - block.Offset, "block length");
            end = block.Offset + block.Bytes.Length;
            Records(block.Category, block.Records);
            Json(block.Category, block.Records);
        }

        Invariant.InRange(reader.Remaining, 0, input.Length, "remaining");
    }

    private static void Records(byte category, ReadOnlySpan<byte> records)
    {
        RecordDecode? decode = category switch
        {
            48 => (ReadOnlySpan<byte> d, out int n, out AsterixDecodeError e) =>
            {
                var s = Cat048.TryDecode(d, out var r, out n, out e);
                if (r.TimeOfDay128 is { } tod)
                {
                    _ = AsterixTime.Resolve(tod, Reference);
                }

                return s;
            },
            34 => (ReadOnlySpan<byte> d, out int n, out AsterixDecodeError e) => Cat034.TryDecode(d, out _, out n, out e),
            62 => (ReadOnlySpan<byte> d, out int n, out AsterixDecodeError e) => Cat062.TryDecode(d, out _, out n, out e),
            21 => (ReadOnlySpan<byte> d, out int n, out AsterixDecodeError e) => Cat021.TryDecode(d, out _, out n, out e),
            15 => (ReadOnlySpan<byte> d, out int n, out AsterixDecodeError e) => Cat015.TryDecode(d, out _, out n, out e),
            _ => null,
        };
        if (decode is null)
        {
            return;
        }

        Walk(records, decode, $"CAT{category:D3}");
    }

    private static void Json(byte category, ReadOnlySpan<byte> records)
    {
        if (AsterixUaps.For(category) is null)
        {
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        using var w = new Utf8JsonWriter(buffer);
        Walk(records, (ReadOnlySpan<byte> d, out int n, out AsterixDecodeError e) =>
        {
            var s = AsterixJson.WriteRecord(w, category, d, out n, out e);
            if (s != OperationStatus.Done)
            {
                AsterixJson.WriteError(w, e);
            }

            w.Flush();
            w.Reset();
            return s;
        }, $"JSON CAT{category:D3}");
    }

    // The loop a listener runs over one block: a record that cannot be framed ends the block.
    private static void Walk(ReadOnlySpan<byte> records, RecordDecode decode, string what)
    {
        while (!records.IsEmpty)
        {
            var status = decode(records, out int consumed, out var error);
            if (status != OperationStatus.Done)
            {
                Invariant.Check(status == OperationStatus.InvalidData, $"{what}: unexpected status {status}");
                Invariant.Check(error.IsError, $"{what}: InvalidData without a reason");
                Invariant.InRange(error.Offset, 0, records.Length, $"{what}: error offset");
                return;
            }

            Invariant.InRange(consumed, 1, records.Length, $"{what}: consumed");
            records = records[consumed..];
        }
    }
}
