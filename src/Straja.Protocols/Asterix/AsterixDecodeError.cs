namespace Straja.Protocols.Asterix;

/// <summary>Why ASTERIX bytes were not accepted.</summary>
public enum AsterixErrorReason
{
    None = 0,
    /// <summary>Fewer than 3 bytes left for a data block header.</summary>
    TruncatedBlockHeader,
    /// <summary>A block LEN below 3 (it counts the header itself).</summary>
    BlockLengthTooShort,
    /// <summary>A block LEN that runs past the end of the datagram.</summary>
    BlockLengthPastEnd,
    /// <summary>No UAP for this category, so record boundaries cannot be found.</summary>
    UnsupportedCategory,
    /// <summary>The FSPEC runs past the end of the data, or past the last FRN of the UAP.</summary>
    BadFspec,
    /// <summary>The FSPEC sets an FRN (or compound subfield) that the UAP leaves undefined: its length is unknown.</summary>
    UndefinedItem,
    /// <summary>An item runs past the end of the record data.</summary>
    TruncatedItem,
    /// <summary>An explicit-length item whose LEN byte is 0 (it must count itself).</summary>
    BadExplicitLength,
    /// <summary>A record with an empty FSPEC (no item present).</summary>
    EmptyRecord,
}

/// <summary>A decode failure: the byte offset (into the span given to the reader) and the reason.</summary>
public readonly record struct AsterixDecodeError(int Offset, AsterixErrorReason Reason)
{
    /// <summary>The item (e.g. 140 for I048/140) being read when the error occurred, or -1.</summary>
    public int ItemId { get; init; } = -1;

    public bool IsError => Reason != AsterixErrorReason.None;

    /// <summary>The same error with its offset moved by <paramref name="delta"/> (record offset → datagram offset).</summary>
    public AsterixDecodeError Shift(int delta) => this with { Offset = Offset + delta };

    /// <summary>A fixed English description of <see cref="Reason"/>.</summary>
    public string Description => Reason switch
    {
        AsterixErrorReason.None => "no error",
        AsterixErrorReason.TruncatedBlockHeader => "fewer than 3 bytes for a data block header",
        AsterixErrorReason.BlockLengthTooShort => "data block LEN below 3",
        AsterixErrorReason.BlockLengthPastEnd => "data block LEN past the end of the datagram",
        AsterixErrorReason.UnsupportedCategory => "category not supported (no UAP)",
        AsterixErrorReason.BadFspec => "FSPEC truncated or longer than the UAP",
        AsterixErrorReason.UndefinedItem => "FSPEC sets an item the UAP does not define",
        AsterixErrorReason.TruncatedItem => "item runs past the end of the record",
        AsterixErrorReason.BadExplicitLength => "explicit item length is 0",
        AsterixErrorReason.EmptyRecord => "record FSPEC has no item",
        _ => "unknown error",
    };

    public override string ToString() => ItemId >= 0 ? $"offset {Offset} (item {ItemId:D3}): {Description}" : $"offset {Offset}: {Description}";
}
