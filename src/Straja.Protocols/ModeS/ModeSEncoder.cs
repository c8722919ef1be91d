namespace Straja.Protocols.ModeS;

/// <summary>
/// Builds DF17 extended squitters the way a transponder would, parity included — for the simulator
/// and for round-trip tests. Each method writes 14 bytes and returns false (writing nothing) if
/// <c>destination</c> is shorter or a value cannot be encoded.
/// </summary>
public static class ModeSEncoder
{
    public const int LongFrameLength = 14;

    /// <summary>TC1–4 identification. <paramref name="typeCode"/> 4 with <paramref name="category"/> 0–7 is the usual aircraft set.</summary>
    public static bool TryIdentification(Span<byte> destination, uint icao, Callsign callsign, int typeCode = 4, int category = 0)
    {
        if (typeCode is < 1 or > 4 || category is < 0 or > 7)
        {
            return false;
        }

        ulong me = ((ulong)(uint)typeCode << 51) | ((ulong)(uint)category << 48) | (callsign.Packed & 0xFFFF_FFFF_FFFF);
        return TrySquitter(destination, icao, me);
    }

    /// <summary>Airborne position with barometric altitude (25 ft encoding) and the chosen CPR format.</summary>
    public static bool TryAirbornePosition(Span<byte> destination, uint icao, double latDeg, double lonDeg, int altitudeFt, bool odd, int typeCode = 11)
    {
        if (typeCode is < 9 or > 18 || AltitudeCodes.FeetToAc12(altitudeFt) is not { } ac12 || !ValidLatLon(latDeg, lonDeg))
        {
            return false;
        }

        var (yz, xz) = Cpr.Encode(latDeg, lonDeg, odd, surface: false);
        ulong me = ((ulong)(uint)typeCode << 51) | ((ulong)(uint)ac12 << 36) | ((odd ? 1UL : 0UL) << 34) | ((ulong)(uint)yz << 17) | (uint)xz;
        return TrySquitter(destination, icao, me);
    }

    /// <summary>Surface position (TC8 unless a better accuracy type code is given) with movement and track.</summary>
    public static bool TrySurfacePosition(Span<byte> destination, uint icao, double latDeg, double lonDeg, bool odd, double groundSpeedKt, double? trackDeg, int typeCode = 8)
    {
        if (typeCode is < 5 or > 8 || !ValidLatLon(latDeg, lonDeg) || !(groundSpeedKt >= 0))
        {
            return false;
        }

        var (yz, xz) = Cpr.Encode(latDeg, lonDeg, odd, surface: true);
        int movement = KnotsToMovement(groundSpeedKt);
        int trk = trackDeg is { } t ? (int)Math.Round(((t % 360.0) + 360.0) % 360.0 * 128.0 / 360.0) & 0x7F : 0;
        ulong me = ((ulong)(uint)typeCode << 51) | ((ulong)(uint)movement << 44) | ((trackDeg.HasValue ? 1UL : 0UL) << 43) | ((ulong)(uint)trk << 36)
            | ((odd ? 1UL : 0UL) << 34) | ((ulong)(uint)yz << 17) | (uint)xz;
        return TrySquitter(destination, icao, me);
    }

    /// <summary>TC19 subtype 1: ground velocity east/north in knots and vertical rate in ft/min.</summary>
    public static bool TryAirborneVelocity(Span<byte> destination, uint icao, double eastKt, double northKt, int verticalRateFpm, VerticalRateSource source = VerticalRateSource.Baro)
    {
        if (!(Math.Abs(eastKt) <= 1021) || !(Math.Abs(northKt) <= 1021) || Math.Abs(verticalRateFpm) > 32576)
        {
            return false;
        }

        static ulong Signed(double v, int bits, double unit)
        {
            ulong raw = (ulong)Math.Round(Math.Abs(v) / unit) + 1;
            return ((v < 0 ? 1UL : 0UL) << bits) | raw;
        }

        ulong me = (19UL << 51) | (1UL << 48)
            | (Signed(eastKt, 10, 1.0) << 32)
            | (Signed(northKt, 10, 1.0) << 21)
            | ((ulong)source << 20)
            | (Signed(verticalRateFpm, 9, 64.0) << 10);
        return TrySquitter(destination, icao, me);
    }

    private static bool ValidLatLon(double lat, double lon) => lat is >= -90 and <= 90 && lon is >= -180 and <= 180;

    // Inverse of the movement table: the largest code whose speed does not exceed the given one.
    private static int KnotsToMovement(double kt)
    {
        for (int m = 124; m >= 1; m--)
        {
            if (ExtendedSquitter.MovementToKnots(m) is { } s && s <= kt + 1e-9)
            {
                return m;
            }
        }

        return 1;
    }

    private static bool TrySquitter(Span<byte> destination, uint icao, ulong me)
    {
        if (destination.Length < LongFrameLength || icao > 0xFFFFFF)
        {
            return false;
        }

        Span<byte> f = destination[..LongFrameLength];
        f[0] = (17 << 3) | 5; // DF17, CA5: level 2+ transponder, airborne
        f[1] = (byte)(icao >> 16);
        f[2] = (byte)(icao >> 8);
        f[3] = (byte)icao;
        for (int i = 0; i < 7; i++)
        {
            f[4 + i] = (byte)(me >> (48 - (8 * i)));
        }

        ModeSCrc.Seal(f);
        return true;
    }
}
