namespace Straja.Protocols.ModeS;

/// <summary>
/// An 8-character aircraft identification packed as eight 6-bit ICAO (IA-5 subset) codes in the
/// low 48 bits, exactly as it travels in DF17 TC1–4 and Comm-B BDS 2,0. Held packed so that decoding
/// allocates nothing; <see cref="ToString"/> allocates only when called.
/// </summary>
public readonly record struct Callsign(ulong Packed)
{
    // Index = 6-bit code. '#' marks codes the standard leaves undefined.
    private const string Charset = "#ABCDEFGHIJKLMNOPQRSTUVWXYZ##### ###############0123456789######";

    /// <summary>True when every character is a letter, digit or space (undefined codes make a frame suspect).</summary>
    public bool IsValid
    {
        get
        {
            for (int i = 0; i < 8; i++)
            {
                if (Charset[Code(i)] == '#')
                {
                    return false;
                }
            }

            return true;
        }
    }

    private int Code(int index) => (int)((Packed >> (42 - (6 * index))) & 0x3F);

    /// <summary>Writes the callsign without trailing spaces; returns false if <paramref name="destination"/> is shorter than needed.</summary>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        int len = 8;
        while (len > 0 && Code(len - 1) == 32)
        {
            len--;
        }

        charsWritten = 0;
        if (destination.Length < len)
        {
            return false;
        }

        for (int i = 0; i < len; i++)
        {
            destination[i] = Charset[Code(i)];
        }

        charsWritten = len;
        return true;
    }

    public override string ToString()
    {
        Span<char> buf = stackalloc char[8];
        TryFormat(buf, out int n);
        return new string(buf[..n]);
    }

    /// <summary>
    /// Packs up to 8 characters (A–Z, 0–9, space; lower case is folded), padding with spaces.
    /// Returns false for any other character or a longer text.
    /// </summary>
    public static bool TryCreate(ReadOnlySpan<char> text, out Callsign callsign)
    {
        callsign = default;
        if (text.Length > 8)
        {
            return false;
        }

        ulong packed = 0;
        for (int i = 0; i < 8; i++)
        {
            int code;
            char c = i < text.Length ? char.ToUpperInvariant(text[i]) : ' ';
            if (c is >= 'A' and <= 'Z')
            {
                code = c - 'A' + 1;
            }
            else if (c is >= '0' and <= '9')
            {
                code = c - '0' + 48;
            }
            else if (c == ' ')
            {
                code = 32;
            }
            else
            {
                return false;
            }

            packed = (packed << 6) | (uint)code;
        }

        callsign = new Callsign(packed);
        return true;
    }
}

/// <summary>
/// A Mode A identity ("squawk"): four octal digits held as a 12-bit value (A&lt;&lt;9 | B&lt;&lt;6 | C&lt;&lt;3 | D),
/// so 7500 is 0xF40 and <see cref="ToString"/> prints "7500".
/// </summary>
public readonly record struct Squawk(ushort Code)
{
    public int A => (Code >> 9) & 7;
    public int B => (Code >> 6) & 7;
    public int C => (Code >> 3) & 7;
    public int D => Code & 7;

    /// <summary>Writes the four digits; needs 4 chars.</summary>
    public bool TryFormat(Span<char> destination)
    {
        if (destination.Length < 4)
        {
            return false;
        }

        destination[0] = (char)('0' + A);
        destination[1] = (char)('0' + B);
        destination[2] = (char)('0' + C);
        destination[3] = (char)('0' + D);
        return true;
    }

    public override string ToString()
    {
        Span<char> buf = stackalloc char[4];
        TryFormat(buf);
        return new string(buf);
    }
}
