using System.Buffers.Binary;

namespace Straja.Protocols.ModeS;

/// <summary>
/// Decodes one Mode S downlink frame (7 or 14 bytes) into a <see cref="ModeSMessage"/>.
/// Bytes in, value out: no allocation, no exceptions for bad input. A frame with a failed parity
/// check still decodes (its <see cref="ModeSMessage.Parity"/> says so) because some receivers
/// deliberately forward such frames; deciding what to trust is the caller's job.
/// </summary>
public static class ModeSDecoder
{
    /// <summary>Decodes <paramref name="frame"/>; on failure <paramref name="error"/> names the offset and reason.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out ModeSMessage msg, out DecodeError error)
    {
        msg = default;
        error = default;
        if (frame.Length is not (7 or 14))
        {
            error = new DecodeError(Math.Min(frame.Length, 14), DecodeErrorReason.BadLength);
            return false;
        }

        uint header = BinaryPrimitives.ReadUInt32BigEndian(frame);
        int df = (int)(header >> 27);
        if (df >= 24)
        {
            df = 24;
        }

        // DF0–15 are 56-bit formats, DF16 and above 112-bit.
        int expectedLength = df < 16 ? 7 : 14;
        if (frame.Length != expectedLength)
        {
            error = new DecodeError(0, DecodeErrorReason.BadLength);
            return false;
        }

        uint remainder = ModeSCrc.Remainder(frame);
        ulong payload = frame.Length == 14 ? Read56(frame[4..]) : 0;
        int top5 = (int)((header >> 24) & 7);

        switch (df)
        {
            case 0:
            case 16:
                {
                    int vs = (int)((header >> 26) & 1);
                    msg = AddressParity(df, frame.Length, remainder) with
                    {
                        OnGround = vs == 1,
                        AltitudeFt = AltitudeCodes.Ac13ToFeet((int)(header & 0x1FFF)),
                        Payload = payload,
                    };
                    return true;
                }

            case 4:
            case 5:
            case 20:
            case 21:
                {
                    int ac = (int)(header & 0x1FFF);
                    bool altitudeReply = df is 4 or 20;
                    msg = AddressParity(df, frame.Length, remainder) with
                    {
                        Capability = top5,
                        DownlinkRequest = (int)((header >> 19) & 0x1F),
                        UtilityMessage = (int)((header >> 13) & 0x3F),
                        OnGround = top5 switch { 1 or 3 => true, 0 or 2 => false, _ => null },
                        AltitudeFt = altitudeReply ? AltitudeCodes.Ac13ToFeet(ac) : null,
                        Squawk = altitudeReply ? null : AltitudeCodes.IdentityToSquawk(ac),
                        Payload = payload,
                    };
                    return true;
                }

            case 11:
                {
                    // The 7-bit interrogator code is left in the low bits: 3-bit code label, 4-bit code.
                    bool clean = (remainder & 0xFFFF80) == 0;
                    int cl = (int)((remainder >> 4) & 7);
                    int ic = (int)(remainder & 0xF);
                    msg = new ModeSMessage
                    {
                        Df = 11,
                        Length = 7,
                        Icao = header & 0xFFFFFF,
                        Parity = clean ? ParityStatus.Valid : ParityStatus.Invalid,
                        CrcRemainder = remainder,
                        Capability = top5,
                        OnGround = top5 switch { 4 => true, 5 => false, _ => null },
                        InterrogatorIsSurveillance = cl != 0,
                        InterrogatorCode = cl == 0 ? ic : ((cl - 1) * 16) + ic,
                    };
                    return true;
                }

            case 17:
            case 18:
                {
                    var (tc, content, altitude, squawk) = ExtendedSquitter.Classify(payload);
                    msg = new ModeSMessage
                    {
                        Df = df,
                        Length = 14,
                        Icao = header & 0xFFFFFF,
                        Parity = remainder == 0 ? ParityStatus.Valid : ParityStatus.Invalid,
                        CrcRemainder = remainder,
                        Capability = top5,
                        OnGround = df == 17 ? top5 switch { 4 => true, 5 => false, _ => null } : null,
                        Payload = payload,
                        TypeCode = tc,
                        Content = content,
                        AltitudeFt = altitude,
                        Squawk = squawk,
                    };
                    return true;
                }

            case 24:
                msg = AddressParity(24, 14, remainder) with { Payload = payload };
                return true;

            default:
                error = new DecodeError(0, DecodeErrorReason.UnsupportedDownlinkFormat);
                return false;
        }
    }

    private static ModeSMessage AddressParity(int df, int length, uint remainder) => new()
    {
        Df = df,
        Length = length,
        Icao = remainder,
        Parity = ParityStatus.AddressParity,
        CrcRemainder = remainder,
    };

    /// <summary>Reads 7 bytes big-endian into the low 56 bits.</summary>
    internal static ulong Read56(ReadOnlySpan<byte> s)
    {
        ulong v = 0;
        for (int i = 0; i < 7; i++)
        {
            v = (v << 8) | s[i];
        }

        return v;
    }

    /// <summary>Bits [start, start+len) of a 56-bit field, numbered from 1 at the most significant bit as the standard does.</summary>
    internal static int Bits(ulong field56, int start, int len) =>
        (int)((field56 >> (57 - start - len)) & ((1UL << len) - 1));
}
