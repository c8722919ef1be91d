using Straja.Protocols.ModeS;

namespace Straja.Protocols.Asterix;

/// <summary>I0xx/010: the System Area Code and System Identification Code of the sender.</summary>
public readonly record struct DataSource(byte Sac, byte Sic);

/// <summary>A Mode-3/A code (12 bits, four octal digits) with its validity bits.</summary>
/// <param name="Code">The 12-bit code as sent: octal digits A, B, C, D of 3 bits each (7700 is 0xFC0).</param>
/// <param name="NotValidated">V bit.</param>
/// <param name="Garbled">G bit.</param>
/// <param name="Smoothed">L bit (048) / CH bit, changed (062).</param>
public readonly record struct Mode3A(ushort Code, bool NotValidated = false, bool Garbled = false, bool Smoothed = false)
{
    /// <summary>The code as a number whose decimal digits are the octal digits (7700 → 7700).</summary>
    public int Octal => (((Code >> 9) & 7) * 1000) + (((Code >> 6) & 7) * 100) + (((Code >> 3) & 7) * 10) + (Code & 7);

    /// <summary>Builds the 12-bit code from its four octal digits written as a decimal number (e.g. 7700).</summary>
    public static ushort FromOctal(int octalDigits) =>
        (ushort)(((octalDigits / 1000 % 8) << 9) | ((octalDigits / 100 % 10 % 8) << 6) | ((octalDigits / 10 % 10 % 8) << 3) | (octalDigits % 10 % 8));
}

/// <summary>A flight level with its validity bits (I048/090): FL in units of 100 ft, 1/4 FL resolution.</summary>
public readonly record struct FlightLevel(double Fl, bool NotValidated = false, bool Garbled = false);

/// <summary>Slant polar position relative to the radar (I048/040).</summary>
public readonly record struct PolarPosition(double RhoNm, double ThetaDeg);

/// <summary>Cartesian position relative to the radar (I048/042), in nautical miles.</summary>
public readonly record struct CartesianPositionNm(double XNm, double YNm);

/// <summary>Cartesian position relative to the system reference point (I062/100), in metres.</summary>
public readonly record struct CartesianPosition(double XM, double YM);

/// <summary>A WGS-84 position in degrees.</summary>
public readonly record struct Wgs84Position(double LatDeg, double LonDeg);

/// <summary>Ground speed and heading (I048/200, I021/160).</summary>
public readonly record struct PolarVelocity(double GroundSpeedKt, double HeadingDeg);

/// <summary>Cartesian velocity in m/s (I062/185, I015/602).</summary>
public readonly record struct CartesianVelocity(double VxMps, double VyMps);

/// <summary>
/// An FX-extended item held packed (up to 8 octets, first octet in the high byte), so every bit the standard
/// names can be read with <see cref="Bit"/> / <see cref="Field"/> without a type per edition.
/// </summary>
public readonly record struct ExtendedBits(ulong Packed, int Octets)
{
    /// <summary>Bit <paramref name="bit"/> (8 = MSB … 1 = FX, the standard's numbering) of octet <paramref name="octet"/> (0-based); false when absent.</summary>
    public bool Bit(int octet, int bit) => Field(octet, bit, 1) != 0;

    /// <summary>A field of <paramref name="width"/> bits whose most significant bit is <paramref name="highBit"/> (8..1) of <paramref name="octet"/>.</summary>
    public int Field(int octet, int highBit, int width)
    {
        if (octet >= Octets)
        {
            return 0;
        }

        int shift = ((Octets - 1 - octet) * 8) + highBit - width;
        return (int)((Packed >> shift) & ((1UL << width) - 1));
    }

    internal static ExtendedBits Read(ReadOnlySpan<byte> d)
    {
        int n = Math.Min(d.Length, 8);
        return new ExtendedBits(Bits.U(d, n), n);
    }

    /// <summary>Builds the item from octets given without FX bits; FX bits are set to chain them.</summary>
    public static ExtendedBits FromOctets(ReadOnlySpan<byte> octets)
    {
        ulong packed = 0;
        for (int i = 0; i < octets.Length; i++)
        {
            int fx = i < octets.Length - 1 ? 1 : 0;
            packed = (packed << 8) | (uint)((octets[i] & 0xFE) | fx);
        }

        return new ExtendedBits(packed, octets.Length);
    }

    internal void Write(Span<byte> dest) => Bits.Put(dest[..Octets], Packed);
}

/// <summary>Decoding helpers shared by the category codecs.</summary>
internal static class Common
{
    public static DataSource Source(ReadOnlySpan<byte> d) => new(d[0], d[1]);

    public static void Put(Span<byte> d, DataSource s)
    {
        d[0] = s.Sac;
        d[1] = s.Sic;
    }

    public static Callsign Callsign(ReadOnlySpan<byte> d) => new(Bits.U(d, 6));

    public static uint U24(ReadOnlySpan<byte> d) => (uint)Bits.U(d, 3);

    /// <summary>The outcome of a typed decode once its record walk has ended.</summary>
    public static System.Buffers.OperationStatus Finish(ref AsterixRecordReader r, out int consumed, out AsterixDecodeError error)
    {
        error = r.Error;
        consumed = r.Consumed;
        return error.IsError ? System.Buffers.OperationStatus.InvalidData : System.Buffers.OperationStatus.Done;
    }
}
