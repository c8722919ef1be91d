namespace Straja.Protocols.Asterix;

/// <summary>One data block: CAT, LEN and the records that follow the 3-byte header.</summary>
public readonly ref struct AsterixBlock
{
    internal AsterixBlock(byte category, int offset, ReadOnlySpan<byte> whole)
    {
        Category = category;
        Offset = offset;
        Bytes = whole;
    }

    public byte Category { get; }

    /// <summary>Where the block starts in the datagram.</summary>
    public int Offset { get; }

    /// <summary>The whole block, header included (its length is LEN).</summary>
    public ReadOnlySpan<byte> Bytes { get; }

    /// <summary>The record bytes after the header.</summary>
    public ReadOnlySpan<byte> Records => Bytes[3..];

    /// <summary>Where <see cref="Records"/> starts in the datagram (for error offsets).</summary>
    public int RecordsOffset => Offset + 3;
}

/// <summary>
/// Walks the data blocks of one datagram (several blocks may share it). Framing needs only CAT and LEN,
/// so blocks of any category are returned; a bad LEN ends the walk because the next block's start is lost.
/// </summary>
public ref struct AsterixBlockReader
{
    private readonly ReadOnlySpan<byte> data;
    private int position;

    public AsterixBlockReader(ReadOnlySpan<byte> datagram)
    {
        data = datagram;
        position = 0;
    }

    /// <summary>Bytes not yet read.</summary>
    public readonly int Remaining => data.Length - position;

    /// <summary>
    /// Reads the next block. Returns false at the end (<paramref name="error"/> has no reason) or on a bad
    /// header (<paramref name="error"/> says where and why; the reader then stops).
    /// </summary>
    public bool TryReadBlock(out AsterixBlock block, out AsterixDecodeError error)
    {
        block = default;
        error = default;
        int left = data.Length - position;
        if (left == 0)
        {
            return false;
        }

        if (left < 3)
        {
            error = new AsterixDecodeError(position, AsterixErrorReason.TruncatedBlockHeader);
            position = data.Length;
            return false;
        }

        int len = (data[position + 1] << 8) | data[position + 2];
        if (len < 3 || len > left)
        {
            error = new AsterixDecodeError(position + 1, len < 3 ? AsterixErrorReason.BlockLengthTooShort : AsterixErrorReason.BlockLengthPastEnd);
            position = data.Length;
            return false;
        }

        block = new AsterixBlock(data[position], position, data.Slice(position, len));
        position += len;
        return true;
    }
}
