namespace Straja.Protocols.ModeS;

/// <summary>
/// The Mode S altitude and identity code fields (ICAO Annex 10 Vol IV 3.1.2.6.5.4 and 3.1.2.6.7.1).
/// Bit names follow the Mode C pulse names: the 13-bit AC field is
/// C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4 (most significant first).
/// </summary>
public static class AltitudeCodes
{
    /// <summary>
    /// The 13-bit AC field of DF0/4/16/20 in feet; null when absent (all zero), metric (M=1) or an
    /// invalid Gillham code.
    /// </summary>
    public static int? Ac13ToFeet(int ac13)
    {
        ac13 &= 0x1FFF;
        if (ac13 == 0 || (ac13 & 0x40) != 0)
        {
            // Metric altitude (M bit) is allowed by the standard but no known transponder sends it.
            return null;
        }

        if ((ac13 & 0x10) != 0)
        {
            // Q=1: 25 ft steps; drop the M (bit 6) and Q (bit 4) positions to get the 11-bit count.
            int n = ((ac13 & 0x1F80) >> 2) | ((ac13 & 0x20) >> 1) | (ac13 & 0x0F);
            return (n * 25) - 1000;
        }

        return GillhamToFeet(Ac13ToGray(ac13));
    }

    /// <summary>
    /// The 12-bit altitude of an airborne-position squitter (the AC13 code without its M bit);
    /// null when absent or invalid.
    /// </summary>
    public static int? Ac12ToFeet(int ac12)
    {
        ac12 &= 0xFFF;
        if (ac12 == 0)
        {
            return null;
        }

        // Re-insert M=0 at bit 6 to reuse the 13-bit rules.
        int ac13 = ((ac12 & 0xFC0) << 1) | (ac12 & 0x3F);
        return Ac13ToFeet(ac13);
    }

    // Reorders C1 A1 C2 A2 C4 A4 M B1 Q B2 D2 B4 D4 into the Gillham sequence D2 D4 A1 A2 A4 B1 B2 B4 C1 C2 C4.
    private static int Ac13ToGray(int ac13)
    {
        static int Bit(int v, int fromMsb) => (v >> (12 - fromMsb)) & 1;
        int c1 = Bit(ac13, 0), a1 = Bit(ac13, 1), c2 = Bit(ac13, 2), a2 = Bit(ac13, 3), c4 = Bit(ac13, 4), a4 = Bit(ac13, 5);
        int b1 = Bit(ac13, 7), b2 = Bit(ac13, 9), d2 = Bit(ac13, 10), b4 = Bit(ac13, 11), d4 = Bit(ac13, 12);
        return (d2 << 10) | (d4 << 9) | (a1 << 8) | (a2 << 7) | (a4 << 6) | (b1 << 5) | (b2 << 4) | (b4 << 3) | (c1 << 2) | (c2 << 1) | c4;
    }

    /// <summary>
    /// An 11-bit Gillham code in the order D2 D4 A1 A2 A4 B1 B2 B4 C1 C2 C4 to feet: the first eight bits
    /// are a Gray-coded count of 500 ft steps, the last three a reflected 100 ft sub-step. Null when the
    /// sub-step code is one the standard never emits.
    /// </summary>
    public static int? GillhamToFeet(int gray11)
    {
        int n500 = GrayToBinary((gray11 >> 3) & 0xFF);
        int n100 = GrayToBinary(gray11 & 0x7);
        if (n100 is 0 or 5 or 6)
        {
            return null;
        }

        if (n100 == 7)
        {
            n100 = 5;
        }

        // The 100 ft code runs backwards in odd 500 ft bands (reflected binary).
        if ((n500 & 1) != 0)
        {
            n100 = 6 - n100;
        }

        return (n500 * 500) + (n100 * 100) - 1300;
    }

    private static int GrayToBinary(int g)
    {
        int b = g;
        for (int shift = g >> 1; shift != 0; shift >>= 1)
        {
            b ^= shift;
        }

        return b;
    }

    /// <summary>The 13-bit ID field of DF5/21 (C1 A1 C2 A2 C4 A4 X B1 D1 B2 D2 B4 D4) to a squawk.</summary>
    public static Squawk IdentityToSquawk(int id13)
    {
        static int Bit(int v, int fromMsb) => (v >> (12 - fromMsb)) & 1;
        int a = (Bit(id13, 5) << 2) | (Bit(id13, 3) << 1) | Bit(id13, 1);
        int b = (Bit(id13, 11) << 2) | (Bit(id13, 9) << 1) | Bit(id13, 7);
        int c = (Bit(id13, 4) << 2) | (Bit(id13, 2) << 1) | Bit(id13, 0);
        int d = (Bit(id13, 12) << 2) | (Bit(id13, 10) << 1) | Bit(id13, 8);
        return new Squawk((ushort)((a << 9) | (b << 6) | (c << 3) | d));
    }

    /// <summary>Inverse of <see cref="Ac12ToFeet"/> for the 25 ft (Q=1) encoding; null outside -1000..50175 ft.</summary>
    public static int? FeetToAc12(int altitudeFt)
    {
        int n = (int)Math.Round((altitudeFt + 1000) / 25.0);
        if (n is < 0 or > 0x7FF)
        {
            return null;
        }

        return ((n & 0x7F0) << 1) | 0x10 | (n & 0x0F);
    }
}
