namespace Straja.Protocols.Asterix;

/// <summary>
/// Builds data blocks into a caller's buffer without allocating: <see cref="BeginBlock"/>, then per record
/// <see cref="BeginRecord"/>, items in FRN order via <see cref="TryItem"/>, <see cref="EndRecord"/> (which
/// writes the FSPEC from the items set), then <see cref="EndBlock"/> (which writes LEN). Nothing throws: when
/// the buffer is too small, a call comes out of order or a record has no item, <see cref="Failed"/> becomes
/// true and later calls do nothing.
/// </summary>
public ref struct AsterixWriter
{
    private readonly Span<byte> dest;
    private AsterixUap? uap;
    private int position;
    private int blockStart;
    private int recordStart;
    private int reservedFspec;
    private ulong frnMask;
    private int lastFrn;

    public AsterixWriter(Span<byte> destination)
    {
        dest = destination;
        blockStart = -1;
        recordStart = -1;
    }

    /// <summary>True once anything did not fit, a call came out of order or a record had no item; the output is then unusable.</summary>
    public bool Failed { get; private set; }

    /// <summary>Bytes written so far.</summary>
    public readonly int Written => position;

    public void BeginBlock(byte category)
    {
        if (Failed || blockStart >= 0 || !Reserve(3))
        {
            Failed = true;
            return;
        }

        blockStart = position;
        dest[position] = category;
        position += 3;
    }

    /// <summary>Starts a record of the block's category (or a bare record when no block is open).</summary>
    public void BeginRecord(AsterixUap uap)
    {
        ArgumentNullException.ThrowIfNull(uap);
        if (Failed || recordStart >= 0 || (blockStart >= 0 && dest[blockStart] != uap.Category))
        {
            Failed = true;
            return;
        }

        this.uap = uap;
        reservedFspec = (uap.FrnCount + 6) / 7;
        if (!Reserve(reservedFspec))
        {
            Failed = true;
            return;
        }

        recordStart = position;
        position += reservedFspec;
        frnMask = 0;
        lastFrn = 0;
    }

    /// <summary>Reserves <paramref name="length"/> bytes for item <paramref name="itemId"/>; items must come in FRN order.</summary>
    public bool TryItem(int itemId, int length, out Span<byte> item)
    {
        item = default;
        int frn = uap?.FrnOf(itemId) ?? -1;
        if (Failed || recordStart < 0 || frn <= lastFrn || !Reserve(length))
        {
            Failed = true;
            return false;
        }

        frnMask |= 1UL << (frn - 1);
        lastFrn = frn;
        item = dest.Slice(position, length);
        item.Clear();
        position += length;
        return true;
    }

    /// <summary>Writes the FSPEC for the items set and closes the record up against it.</summary>
    public void EndRecord()
    {
        // A record with an empty FSPEC is not valid ASTERIX (every UAP makes I010 mandatory).
        if (Failed || recordStart < 0 || lastFrn == 0)
        {
            Failed = true;
            return;
        }

        int octets = Math.Max(1, (lastFrn + 6) / 7);
        Span<byte> fspec = stackalloc byte[8];
        for (int i = 0; i < octets; i++)
        {
            int b = 0;
            for (int bit = 0; bit < 7; bit++)
            {
                if ((frnMask & (1UL << ((i * 7) + bit))) != 0)
                {
                    b |= 0x80 >> bit;
                }
            }

            fspec[i] = (byte)(b | (i < octets - 1 ? 1 : 0));
        }

        int itemsStart = recordStart + reservedFspec;
        int itemsLength = position - itemsStart;
        dest.Slice(itemsStart, itemsLength).CopyTo(dest[(recordStart + octets)..]);
        fspec[..octets].CopyTo(dest[recordStart..]);
        position = recordStart + octets + itemsLength;
        recordStart = -1;
        uap = null;
    }

    /// <summary>Writes LEN into the open block; returns the bytes written so far, or -1 once <see cref="Failed"/>.</summary>
    public int EndBlock()
    {
        if (Failed || blockStart < 0 || recordStart >= 0 || position - blockStart > ushort.MaxValue)
        {
            Failed = true;
            return -1;
        }

        int len = position - blockStart;
        dest[blockStart + 1] = (byte)(len >> 8);
        dest[blockStart + 2] = (byte)len;
        blockStart = -1;
        return position;
    }

    private readonly bool Reserve(int n) => n >= 0 && dest.Length - position >= n;
}
