using System.Numerics;

namespace Straja.Protocols.Asterix;

/// <summary>One item of a record: its FRN, its number (140 for I048/140) and its bytes.</summary>
public readonly ref struct AsterixItem
{
    internal AsterixItem(int frn, int id, int offset, ReadOnlySpan<byte> data)
    {
        Frn = frn;
        Id = id;
        Offset = offset;
        Data = data;
    }

    public int Frn { get; }

    /// <summary>The item number (10, 140, ...), or <see cref="AsterixItemId.SP"/> / <see cref="AsterixItemId.RE"/>.</summary>
    public int Id { get; }

    /// <summary>Where the item starts in the span the reader was given.</summary>
    public int Offset { get; }

    /// <summary>The item's bytes (for explicit items, the LEN byte included).</summary>
    public ReadOnlySpan<byte> Data { get; }
}

/// <summary>
/// Walks the FSPEC and the items of one record using the category's UAP, allocation-free. Every item,
/// interpreted or not, is delimited by its format, so unknown items are skipped by their length; a set FSPEC
/// bit whose item the UAP does not define stops the walk with <see cref="AsterixErrorReason.UndefinedItem"/>,
/// because the rest of the block can then not be framed.
/// </summary>
public ref struct AsterixRecordReader
{
    private readonly AsterixUap uap;
    private readonly ReadOnlySpan<byte> data;
    private readonly int fspecLength;
    private int position;
    private int frn;

    /// <summary>Starts at the record that begins <paramref name="data"/> (the rest of a block may follow it).</summary>
    public AsterixRecordReader(AsterixUap uap, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(uap);
        this.uap = uap;
        this.data = data;
        Current = default;
        Error = default;
        frn = 0;
        fspecLength = 0;
        bool any = false;
        while (true)
        {
            if (fspecLength >= data.Length)
            {
                Error = new AsterixDecodeError(fspecLength, AsterixErrorReason.BadFspec);
                break;
            }

            byte b = data[fspecLength++];
            any |= (b & 0xFE) != 0;
            if ((b & 1) == 0)
            {
                break;
            }
        }

        if (!Error.IsError && (fspecLength - 1) * 7 >= uap.FrnCount)
        {
            // An FSPEC octet that can hold no FRN of this UAP: the record is not of this category/edition.
            Error = new AsterixDecodeError(fspecLength - 1, AsterixErrorReason.BadFspec);
        }
        else if (!Error.IsError && !any)
        {
            Error = new AsterixDecodeError(0, AsterixErrorReason.EmptyRecord);
        }

        position = fspecLength;
    }

    /// <summary>The item <see cref="MoveNext"/> last returned.</summary>
    public AsterixItem Current { get; private set; }

    /// <summary>Set when the walk stopped on bad bytes.</summary>
    public AsterixDecodeError Error { get; private set; }

    /// <summary>Bytes of the record read so far; after the walk ends without error, the record's length.</summary>
    public readonly int Consumed => position;

    /// <summary>The FSPEC bytes of the record.</summary>
    public readonly ReadOnlySpan<byte> Fspec => data[..Math.Min(fspecLength, data.Length)];

    /// <summary>Advances to the next present item; false at the end of the record or on an error.</summary>
    public bool MoveNext()
    {
        if (Error.IsError)
        {
            return false;
        }

        int maxFrn = fspecLength * 7;
        while (frn < maxFrn)
        {
            // Skip to the next set presence bit of this FSPEC octet; a record sets few of its FRNs.
            int octet = frn / 7;
            int within = frn - (octet * 7);
            int rest = ((data[octet] & 0xFE) << within) & 0xFF;
            if (rest == 0)
            {
                frn = (octet + 1) * 7;
                continue;
            }

            int index = frn + (BitOperations.LeadingZeroCount((uint)rest) - 24);
            frn = index + 1;
            int f = index + 1;
            int id = uap.ItemIdAt(f);
            int n = uap.FixedSizeAt(f);
            if (n != 0)
            {
                if (data.Length - position < n)
                {
                    Error = new AsterixDecodeError(position, AsterixErrorReason.TruncatedItem) { ItemId = id };
                    return false;
                }
            }
            else
            {
                var format = uap.FormatAt(f);
                if (format is null)
                {
                    Error = new AsterixDecodeError(position, AsterixErrorReason.UndefinedItem) { ItemId = -1 };
                    return false;
                }

                n = format.Measure(data[position..]);
                if (n < 0)
                {
                    var reason = n switch
                    {
                        -2 => AsterixErrorReason.BadExplicitLength,
                        -3 => AsterixErrorReason.UndefinedItem,
                        _ => AsterixErrorReason.TruncatedItem,
                    };
                    Error = new AsterixDecodeError(position, reason) { ItemId = id };
                    return false;
                }
            }

            Current = new AsterixItem(f, id, position, data.Slice(position, n));
            position += n;
            return true;
        }

        return false;
    }
}
