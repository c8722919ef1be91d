using System.Runtime.CompilerServices;

namespace Straja.Protocols.Asterix;

/// <summary>Collects the subfields of a compound item (in presence-bit order) and writes it with its primary subfield.</summary>
internal struct CompoundBuilder
{
    // Inline storage (no span field) so the builder can be passed alongside a writer without ref-safety limits.
    private Storage buffer;
    private ulong present;
    private int highest;
    private int length;

    public CompoundBuilder()
    {
        highest = -1;
    }

    [InlineArray(32)]
    private struct Storage
    {
        private byte first;
    }

    /// <summary>Adds subfield <paramref name="index"/> (0-based presence bit) as <paramref name="size"/> big-endian bytes of <paramref name="value"/>.</summary>
    public void Add(int index, int size, ulong value)
    {
        if (length + size > 32)
        {
            return;
        }

        present |= 1UL << index;
        highest = index;
        Bits.Put(((Span<byte>)buffer).Slice(length, size), value);
        length += size;
    }

    public readonly bool IsEmpty => highest < 0;

    /// <summary>Writes item <paramref name="itemId"/> if any subfield was added.</summary>
    public void WriteTo(ref AsterixWriter w, int itemId)
    {
        if (highest < 0)
        {
            return;
        }

        int octets = (highest / 7) + 1;
        if (!w.TryItem(itemId, octets + length, out var d))
        {
            return;
        }

        for (int i = 0; i < octets; i++)
        {
            int b = i < octets - 1 ? 1 : 0;
            for (int bit = 0; bit < 7; bit++)
            {
                if ((present & (1UL << ((i * 7) + bit))) != 0)
                {
                    b |= 0x80 >> bit;
                }
            }

            d[i] = (byte)b;
        }

        ((ReadOnlySpan<byte>)buffer)[..length].CopyTo(d[octets..]);
    }
}
