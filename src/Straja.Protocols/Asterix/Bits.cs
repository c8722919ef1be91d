using System.Runtime.CompilerServices;

namespace Straja.Protocols.Asterix;

/// <summary>Big-endian field access for item decoders and encoders (ASTERIX is big-endian, MSB first).</summary>
internal static class Bits
{
    /// <summary>The first <paramref name="n"/> bytes (n ≤ 8) as an unsigned big-endian number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong U(ReadOnlySpan<byte> d, int n)
    {
        ulong v = 0;
        for (int i = 0; i < n; i++)
        {
            v = (v << 8) | d[i];
        }

        return v;
    }

    /// <summary>The low <paramref name="bits"/> of <paramref name="raw"/> as a two's complement number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Signed(ulong raw, int bits) => (long)(raw << (64 - bits)) >> (64 - bits);

    /// <summary>Writes the low <c>dest.Length</c> bytes of <paramref name="value"/> big-endian.</summary>
    public static void Put(Span<byte> dest, ulong value)
    {
        for (int i = dest.Length - 1; i >= 0; i--)
        {
            dest[i] = (byte)value;
            value >>= 8;
        }
    }

    /// <summary>Rounds a physical value to its LSB count, clamped to a field of <paramref name="bits"/> (two's complement when signed).</summary>
    public static ulong Quantize(double value, double lsb, int bits, bool signed)
    {
        double q = Math.Round(value / lsb, MidpointRounding.AwayFromZero);
        double max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        double min = signed ? -(1L << (bits - 1)) : 0;
        long n = (long)Math.Clamp(double.IsFinite(q) ? q : 0, min, max);
        return (ulong)n & ((1UL << bits) - 1);
    }

    /// <summary>The length of the FX-chained octets at the start of a compound item's primary subfield.</summary>
    public static int FxLength(ReadOnlySpan<byte> d)
    {
        int n = 0;
        while (n < d.Length && (d[n++] & 1) != 0)
        {
        }

        return n;
    }

    /// <summary>
    /// Calls back for each present subfield of a compound item whose subfields are all known to
    /// <paramref name="format"/>: index (0-based presence bit) and bytes. The item was already measured, so
    /// every subfield lies inside <paramref name="item"/>.
    /// </summary>
    public static CompoundEnumerator Subfields(ReadOnlySpan<byte> item, ItemFormat format) => new(item, format);

    internal ref struct CompoundEnumerator
    {
        private readonly ReadOnlySpan<byte> item;
        private readonly ItemFormat format;
        private readonly int fspecLength;
        private int index;
        private int position;

        public CompoundEnumerator(ReadOnlySpan<byte> item, ItemFormat format)
        {
            this.item = item;
            this.format = format;
            fspecLength = FxLength(item);
            position = fspecLength;
            index = -1;
            Index = -1;
            Current = default;
        }

        public int Index { get; private set; }

        public ReadOnlySpan<byte> Current { get; private set; }

        public readonly CompoundEnumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            while (++index < fspecLength * 7)
            {
                if ((item[index / 7] & (0x80 >> (index % 7))) == 0)
                {
                    continue;
                }

                var sub = format.Subfields![index];
                int n = sub!.Measure(item[position..]);
                Index = index;
                Current = item.Slice(position, n);
                position += n;
                return true;
            }

            return false;
        }
    }
}
