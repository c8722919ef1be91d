using System.Buffers;
using Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>One record decoded both ways: its item bytes by number (generic walk) and its typed record.</summary>
internal sealed record DecodedRecord(byte Category, int Length, int FspecLength, Dictionary<int, byte[]> Items, object? Typed);

internal static class RecordDecoding
{
    /// <summary>Decodes one record at the start of <paramref name="data"/>, asserting the walk and the typed decoder agree on its length.</summary>
    public static DecodedRecord Decode(byte category, ReadOnlySpan<byte> data)
    {
        var uap = AsterixUaps.For(category) ?? throw new InvalidOperationException($"no UAP for CAT{category:D3}");
        var items = new Dictionary<int, byte[]>();
        var r = new AsterixRecordReader(uap, data);
        while (r.MoveNext())
        {
            items[r.Current.Id] = r.Current.Data.ToArray();
        }

        Assert.False(r.Error.IsError, $"CAT{category:D3} walk: {r.Error}");
        int length = r.Consumed;
        int fspecLength = r.Fspec.Length;
        object? typed = null;
        int consumed = length;
        AsterixDecodeError error = default;
        OperationStatus status = category switch
        {
            48 => Keep(Cat048.TryDecode(data, out var a, out consumed, out error), a, out typed),
            34 => Keep(Cat034.TryDecode(data, out var b, out consumed, out error), b, out typed),
            62 => Keep(Cat062.TryDecode(data, out var c, out consumed, out error), c, out typed),
            21 => Keep(Cat021.TryDecode(data, out var d, out consumed, out error), d, out typed),
            15 => Keep(Cat015.TryDecode(data, out var e, out consumed, out error), e, out typed),
            _ => OperationStatus.Done,
        };
        Assert.Equal(OperationStatus.Done, status);
        Assert.False(error.IsError);
        Assert.Equal(length, consumed);
        return new DecodedRecord(category, length, fspecLength, items, typed);
    }

    /// <summary>Every record of every block in a datagram, in order.</summary>
    public static List<DecodedRecord> DecodeDatagram(byte[] datagram, List<(byte Category, int Length)> unsupported)
    {
        var result = new List<DecodedRecord>();
        var blocks = new AsterixBlockReader(datagram);
        AsterixDecodeError error;
        while (blocks.TryReadBlock(out var block, out error))
        {
            if (AsterixUaps.For(block.Category) is null)
            {
                unsupported.Add((block.Category, block.Bytes.Length));
                continue;
            }

            var recs = block.Records.ToArray();
            int pos = 0;
            while (pos < recs.Length)
            {
                var rec = Decode(block.Category, recs.AsSpan(pos));
                result.Add(rec);
                pos += rec.Length;
            }
        }

        Assert.False(error.IsError, error.ToString());
        Assert.Equal(0, blocks.Remaining);
        return result;
    }

    private static OperationStatus Keep<T>(OperationStatus s, T value, out object? typed)
    {
        typed = value;
        return s;
    }
}
