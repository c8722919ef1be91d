using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text;

namespace Straja.Protocols.RemoteId;

[InlineArray(RemoteIdBytes.Capacity)]
internal struct Inline23
{
    private byte _first;
}

/// <summary>
/// Up to 23 bytes held by value: an ID, a text field or a page of authentication data. Kept as bytes (not a
/// string) so decoding allocates nothing; <see cref="ToString"/> gives the text with its NUL padding removed.
/// </summary>
public readonly struct RemoteIdBytes : IEquatable<RemoteIdBytes>
{
    /// <summary>The longest field a 25-byte message holds (Self-ID text, authentication page 1..N data).</summary>
    public const int Capacity = 23;

    private readonly Inline23 _bytes;
    private readonly byte _length;

    public RemoteIdBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > Capacity)
        {
            throw new ArgumentOutOfRangeException(nameof(bytes), bytes.Length, $"at most {Capacity} bytes fit a Remote ID field");
        }

        bytes.CopyTo(_bytes);
        _length = (byte)bytes.Length;
    }

    /// <summary>
    /// <paramref name="text"/> as ASCII, NUL-padded to <paramref name="fieldLength"/> bytes as the wire field is.
    /// Characters outside ASCII become '?'.
    /// </summary>
    public static RemoteIdBytes FromAscii(string text, int fieldLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (fieldLength is < 0 or > Capacity || text.Length > fieldLength)
        {
            throw new ArgumentOutOfRangeException(nameof(text), text, $"longer than the {fieldLength}-byte field");
        }

        Span<byte> b = stackalloc byte[fieldLength];
        b.Clear();
        for (int i = 0; i < text.Length; i++)
        {
            b[i] = text[i] < 0x80 ? (byte)text[i] : (byte)'?';
        }

        return new RemoteIdBytes(b);
    }

    /// <summary>Number of bytes held, padding included.</summary>
    public int Length => _length;

    /// <summary>The bytes, padding included.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Span => ((ReadOnlySpan<byte>)_bytes)[.._length];

    /// <summary>The bytes up to the first NUL: the text without its padding.</summary>
    [UnscopedRef]
    public ReadOnlySpan<byte> Text
    {
        get
        {
            var s = Span;
            int end = s.IndexOf((byte)0);
            return end < 0 ? s : s[..end];
        }
    }

    /// <summary>The text as Latin-1 characters, so any byte maps to one character and nothing is lost.</summary>
    public override string ToString() => Encoding.Latin1.GetString(Text);

    public string ToHex() => Convert.ToHexString(Span);

    public bool Equals(RemoteIdBytes other) => Span.SequenceEqual(other.Span);

    public override bool Equals(object? obj) => obj is RemoteIdBytes other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(Span);
        return h.ToHashCode();
    }

    public static bool operator ==(RemoteIdBytes left, RemoteIdBytes right) => left.Equals(right);

    public static bool operator !=(RemoteIdBytes left, RemoteIdBytes right) => !left.Equals(right);
}
