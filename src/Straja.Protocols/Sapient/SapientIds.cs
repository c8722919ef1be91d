namespace Straja.Protocols.Sapient;

/// <summary>
/// The identifier forms BSI Flex 335 v2.0 uses: node ids are UUIDs (8-4-4-4-12 hex), report, object,
/// task, region and alert ids are ULIDs (26 Crockford base32 characters, the first at most '7' so the
/// 128-bit value fits).
/// </summary>
public static class SapientIds
{
    public static bool IsUlid(ReadOnlySpan<char> s)
    {
        if (s.Length != 26 || s[0] > '7')
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!IsCrockford(c))
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsUuid(ReadOnlySpan<char> s)
    {
        if (s.Length != 36)
        {
            return false;
        }

        for (int i = 0; i < s.Length; i++)
        {
            bool dash = i is 8 or 13 or 18 or 23;
            if (dash ? s[i] != '-' : !char.IsAsciiHexDigit(s[i]))
            {
                return false;
            }
        }

        return true;
    }

    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>
    /// A new ULID: 48 bits of Unix milliseconds from <paramref name="time"/>, then 80 bits drawn from
    /// <paramref name="entropy"/>. Time and randomness come in as data, so a seeded caller gets the same ids.
    /// </summary>
    public static string NewUlid(DateTimeOffset time, Random entropy)
    {
        ArgumentNullException.ThrowIfNull(entropy);
        Span<byte> bytes = stackalloc byte[16];
        long ms = Math.Clamp(time.ToUnixTimeMilliseconds(), 0, (1L << 48) - 1);
        for (int i = 5; i >= 0; i--, ms >>= 8)
            bytes[i] = (byte)ms;
        entropy.NextBytes(bytes[6..]);
        UInt128 value = System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes);
        Span<char> text = stackalloc char[26];
        for (int i = 25; i >= 0; i--, value >>= 5)
            text[i] = Crockford[(int)(value & 31)];
        return new string(text);
    }

    // Crockford's alphabet leaves out I, L, O and U; decoders accept either case.
    private static bool IsCrockford(char c)
    {
        char u = char.ToUpperInvariant(c);
        return char.IsAsciiDigit(u) || (u is >= 'A' and <= 'Z' && u is not ('I' or 'L' or 'O' or 'U'));
    }
}
