namespace Straja.Protocols.Asterix;

/// <summary>How an item's length is found on the wire.</summary>
internal enum ItemKind : byte
{
    /// <summary>Fixed length.</summary>
    Fixed,
    /// <summary>Octet groups chained by the FX bit (bit 1 of the group's last octet).</summary>
    Extended,
    /// <summary>A 1-byte REP count, then REP elements of fixed length.</summary>
    Repetitive,
    /// <summary>Fixed-length elements, each ending with an FX bit saying another follows.</summary>
    RepetitiveFx,
    /// <summary>A primary subfield (FX-chained presence bits), then the present subfields in order.</summary>
    Compound,
    /// <summary>A LEN byte that counts itself, then data (also SP and RE).</summary>
    Explicit,
}

/// <summary>The wire shape of one item or compound subfield. Immutable; tables are built once.</summary>
internal sealed class ItemFormat
{
    private ItemFormat(ItemKind kind, int size, byte[]? parts, ItemFormat?[]? subfields)
    {
        Kind = kind;
        Size = size;
        Parts = parts;
        Subfields = subfields;
    }

    public ItemKind Kind { get; }

    /// <summary>Fixed: the length; Repetitive/RepetitiveFx: one element's length; Extended: the first part's length.</summary>
    public int Size { get; }

    /// <summary>Extended: the length of each FX-chained part (the last repeats if a sender extends further).</summary>
    public byte[]? Parts { get; }

    /// <summary>Compound: the format of each subfield by presence bit; null where the standard leaves a spare bit.</summary>
    public ItemFormat?[]? Subfields { get; }

    public static ItemFormat Fixed(int size) => new(ItemKind.Fixed, size, null, null);

    public static ItemFormat Extended(params byte[] parts) => new(ItemKind.Extended, parts[0], parts, null);

    public static ItemFormat Repetitive(int elementSize) => new(ItemKind.Repetitive, elementSize, null, null);

    public static ItemFormat RepetitiveFx(int elementSize) => new(ItemKind.RepetitiveFx, elementSize, null, null);

    public static ItemFormat Compound(params ItemFormat?[] subfields) => new(ItemKind.Compound, 0, null, subfields);

    public static readonly ItemFormat Explicit = new(ItemKind.Explicit, 0, null, null);

    /// <summary>
    /// The length of this item at the start of <paramref name="data"/>, or -1 when it runs past the end
    /// (-2 for an explicit LEN of 0, -3 for a compound subfield the table does not define).
    /// </summary>
    public int Measure(ReadOnlySpan<byte> data)
    {
        switch (Kind)
        {
            case ItemKind.Fixed:
                return data.Length >= Size ? Size : -1;
            case ItemKind.Repetitive:
                {
                    if (data.IsEmpty)
                    {
                        return -1;
                    }

                    int len = 1 + (data[0] * Size);
                    return data.Length >= len ? len : -1;
                }

            case ItemKind.RepetitiveFx:
                {
                    int pos = 0;
                    while (true)
                    {
                        pos += Size;
                        if (pos > data.Length)
                        {
                            return -1;
                        }

                        if ((data[pos - 1] & 1) == 0)
                        {
                            return pos;
                        }
                    }
                }

            case ItemKind.Extended:
                {
                    int pos = 0;
                    for (int part = 0; ; part++)
                    {
                        pos += Parts![Math.Min(part, Parts.Length - 1)];
                        if (pos > data.Length)
                        {
                            return -1;
                        }

                        if ((data[pos - 1] & 1) == 0)
                        {
                            return pos;
                        }
                    }
                }

            case ItemKind.Explicit:
                if (data.IsEmpty)
                {
                    return -1;
                }

                if (data[0] == 0)
                {
                    return -2;
                }

                return data.Length >= data[0] ? data[0] : -1;
            default:
                return MeasureCompound(data);
        }
    }

    private int MeasureCompound(ReadOnlySpan<byte> data)
    {
        var subs = Subfields!;
        int fspecLen = 0;
        do
        {
            if (fspecLen >= data.Length)
            {
                return -1;
            }

            fspecLen++;
        }
        while ((data[fspecLen - 1] & 1) != 0);

        int pos = fspecLen;
        for (int i = 0; i < fspecLen; i++)
        {
            byte b = data[i];
            for (int bit = 0; bit < 7; bit++)
            {
                if ((b & (0x80 >> bit)) == 0)
                {
                    continue;
                }

                int index = (i * 7) + bit;
                var sub = index < subs.Length ? subs[index] : null;
                if (sub is null)
                {
                    return -3;
                }

                int n = sub.Measure(data[pos..]);
                if (n < 0)
                {
                    return n;
                }

                pos += n;
            }
        }

        return pos;
    }
}

/// <summary>Item identifiers that are not numbers.</summary>
public static class AsterixItemId
{
    /// <summary>Reserved Expansion Field.</summary>
    public const int RE = 1000;

    /// <summary>Special Purpose field.</summary>
    public const int SP = 1001;
}

/// <summary>
/// One category's User Application Profile: which item each FRN (field reference number) is and how
/// long it is on the wire. This is what lets a reader find record boundaries and skip items it does not
/// interpret. The tables in <see cref="AsterixUaps"/> follow the EUROCONTROL category specifications.
/// </summary>
public sealed class AsterixUap
{
    private readonly int[] ids;
    private readonly ItemFormat?[] formats;

    // Most items are fixed-length: the reader's hot loop takes their size from here and never calls
    // Measure. 0 for every other kind and for spare FRNs.
    private readonly byte[] fixedSizes;

    internal AsterixUap(byte category, string edition, (int Id, ItemFormat? Format)[] frns)
    {
        Category = category;
        Edition = edition;
        ids = new int[frns.Length];
        formats = new ItemFormat?[frns.Length];
        fixedSizes = new byte[frns.Length];
        for (int i = 0; i < frns.Length; i++)
        {
            ids[i] = frns[i].Id;
            formats[i] = frns[i].Format;
            if (frns[i].Format is { Kind: ItemKind.Fixed, Size: > 0 and <= byte.MaxValue } f)
            {
                fixedSizes[i] = (byte)f.Size;
            }
        }
    }

    public byte Category { get; }

    /// <summary>The specification edition the table follows (e.g. "1.32").</summary>
    public string Edition { get; }

    /// <summary>The highest FRN the UAP defines.</summary>
    public int FrnCount => ids.Length;

    /// <summary>The item number at <paramref name="frn"/> (1-based), or -1 for a spare FRN.</summary>
    public int ItemIdAt(int frn) => frn >= 1 && frn <= ids.Length ? ids[frn - 1] : -1;

    /// <summary>The FRN (1-based) of item <paramref name="itemId"/>, or -1.</summary>
    public int FrnOf(int itemId) => itemId < 0 ? -1 : Array.IndexOf(ids, itemId) + 1 is var f && f > 0 ? f : -1;

    internal ItemFormat? FormatAt(int frn) => frn >= 1 && frn <= formats.Length ? formats[frn - 1] : null;

    /// <summary>The length of a fixed item at FRN <paramref name="frn"/> (1-based); 0 when it is not fixed or not defined.</summary>
    internal int FixedSizeAt(int frn) => (uint)(frn - 1) < (uint)fixedSizes.Length ? fixedSizes[frn - 1] : 0;
}
