namespace Straja.Protocols.ModeS;

/// <summary>
/// The Mode S 24-bit cyclic redundancy check (generator 0x1FFF409, ICAO Annex 10 Vol IV 3.1.2.3.3).
/// Frames carry the parity in their last 3 bytes; for DF11/17/18 it is the plain CRC, for the
/// address/parity formats (DF0/4/5/16/20/21/24) it is the CRC XOR the aircraft address.
/// </summary>
public static class ModeSCrc
{
    private const uint Generator = 0xFFF409;

    // Byte-at-a-time table: the CRC register is 24 bits wide, so each entry is the register
    // after shifting one byte through it starting from zero.
    private static readonly uint[] Table = BuildTable();

    // The CRC is linear in the message with a zero start, so the parity of a fixed-length message is
    // the XOR of each byte's own contribution at its position. Tabulating that contribution for the
    // two Mode S data lengths (4 bytes of a short frame, 11 of a long one) turns the byte-after-byte
    // dependency chain into independent lookups the CPU can overlap.
    private static readonly uint[] Short = BuildPositional(4);
    private static readonly uint[] Long = BuildPositional(11);

    private static uint[] BuildPositional(int length)
    {
        var table = new uint[length * 256];
        Span<byte> message = stackalloc byte[length];
        for (int position = 0; position < length; position++)
        {
            for (int b = 0; b < 256; b++)
            {
                message.Clear();
                message[position] = (byte)b;
                table[(position * 256) + b] = Sequential(message);
            }
        }

        return table;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint b = 0; b < 256; b++)
        {
            uint reg = b << 16;
            for (int i = 0; i < 8; i++)
            {
                reg = (reg & 0x800000) != 0 ? (reg << 1) ^ Generator : reg << 1;
            }

            table[b] = reg & 0xFFFFFF;
        }

        return table;
    }

    /// <summary>The 24-bit parity the transmitter computes over <paramref name="data"/> (the frame without its parity bytes).</summary>
    public static uint Parity(ReadOnlySpan<byte> data) => data.Length switch
    {
        11 => Positional(data, Long),
        4 => Positional(data, Short),
        _ => Sequential(data),
    };

    private static uint Positional(ReadOnlySpan<byte> data, uint[] table)
    {
        uint a = 0, b = 0;
        int i = 0;
        for (; i + 1 < data.Length; i += 2)
        {
            a ^= table[(i * 256) + data[i]];
            b ^= table[((i + 1) * 256) + data[i + 1]];
        }

        if (i < data.Length)
        {
            a ^= table[(i * 256) + data[i]];
        }

        return a ^ b;
    }

    private static uint Sequential(ReadOnlySpan<byte> data)
    {
        uint reg = 0;
        foreach (byte b in data)
        {
            reg = ((reg << 8) & 0xFFFFFF) ^ Table[(int)(((reg >> 16) ^ b) & 0xFF)];
        }

        return reg;
    }

    /// <summary>
    /// Parity of the data bytes XOR the transmitted parity: 0 for a clean DF17/18, the aircraft
    /// address for a clean address/parity reply, anything else for a corrupted frame.
    /// Frames shorter than 4 bytes have no parity field and give 0xFFFFFFFF.
    /// </summary>
    public static uint Remainder(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 4)
        {
            return uint.MaxValue;
        }

        int n = frame.Length - 3;
        uint transmitted = ((uint)frame[n] << 16) | ((uint)frame[n + 1] << 8) | frame[n + 2];
        return Parity(frame[..n]) ^ transmitted;
    }

    /// <summary>Overwrite the last 3 bytes of <paramref name="frame"/> with the parity of the rest XOR <paramref name="address"/> (0 for DF11/17/18).</summary>
    public static void Seal(Span<byte> frame, uint address = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frame.Length, 4);
        int n = frame.Length - 3;
        uint p = Parity(frame[..n]) ^ (address & 0xFFFFFF);
        frame[n] = (byte)(p >> 16);
        frame[n + 1] = (byte)(p >> 8);
        frame[n + 2] = (byte)p;
    }
}
