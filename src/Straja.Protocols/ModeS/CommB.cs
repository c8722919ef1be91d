namespace Straja.Protocols.ModeS;

/// <summary>Comm-B registers (BDS codes) a 56-bit MB field may hold; flags because inference can leave several.</summary>
[Flags]
public enum CommBRegister
{
    None = 0,
    Bds10 = 1 << 0,
    Bds17 = 1 << 1,
    Bds20 = 1 << 2,
    Bds40 = 1 << 3,
    Bds50 = 1 << 4,
    Bds60 = 1 << 5,
}

/// <summary>BDS 1,0 data link capability report (bit numbers of ICAO Doc 9871 in the comments).</summary>
public readonly record struct DataLinkCapability
{
    /// <summary>Bit 9: continuation flag, set when the rest of the report follows in BDS 1,1.</summary>
    public bool Continuation { get; init; }
    /// <summary>Bit 15.</summary>
    public bool OverlayCommandCapability { get; init; }
    /// <summary>Bit 16.</summary>
    public bool AcasOperational { get; init; }
    /// <summary>Bits 17–23.</summary>
    public int SubnetworkVersion { get; init; }
    /// <summary>Bit 24: level 5 transponder (enhanced protocol).</summary>
    public bool Level5 { get; init; }
    /// <summary>Bit 25.</summary>
    public bool SpecificServices { get; init; }
    /// <summary>Bits 26–28 and 29–32.</summary>
    public int UplinkElmThroughput { get; init; }
    public int DownlinkElmThroughput { get; init; }
    /// <summary>Bit 33.</summary>
    public bool AircraftIdentification { get; init; }
    /// <summary>Bit 34.</summary>
    public bool SquitterCapability { get; init; }
    /// <summary>Bit 35: surveillance identifier code capability.</summary>
    public bool SurveillanceIdentifierCode { get; init; }
    /// <summary>Bit 36: common-usage GICB capability report (BDS 1,7) is maintained.</summary>
    public bool CommonUsageGicb { get; init; }
    /// <summary>Bits 37, 38, 39–40.</summary>
    public bool AcasHybridSurveillance { get; init; }
    public bool AcasResolutionAdvisory { get; init; }
    public int AcasRtcaVersion { get; init; }
    /// <summary>Bits 41–56: data terminal equipment status.</summary>
    public int DteStatus { get; init; }
}

/// <summary>BDS 4,0 selected vertical intention.</summary>
public readonly record struct SelectedVerticalIntention(int? McpAltitudeFt, int? FmsAltitudeFt, double? BaroSettingHpa);

/// <summary>BDS 5,0 track and turn report.</summary>
public readonly record struct TrackAndTurn(double? RollDeg, double? TrueTrackDeg, int? GroundSpeedKt, double? TrackRateDegS, int? TrueAirspeedKt);

/// <summary>BDS 6,0 heading and speed report.</summary>
public readonly record struct HeadingAndSpeed(
    double? MagneticHeadingDeg, int? IndicatedAirspeedKt, double? Mach, int? BaroVerticalRateFpm, int? InertialVerticalRateFpm);

/// <summary>
/// Decoders for the Comm-B registers that DF20/21 replies carry in MB (ICAO Doc 9871). The reply does
/// not say which register it holds (the ground station asked for it), so <see cref="Infer"/> tells
/// which registers the bits are consistent with: every unavailable field must be all zero, reserved
/// bits zero, and values physically plausible.
/// </summary>
public static class CommB
{
    private static int B(ulong mb, int start, int len) => ModeSDecoder.Bits(mb, start, len);

    // A status bit followed by a value: if the status says "not available" the value bits must be 0.
    private static bool Consistent(ulong mb, int status, int len) => B(mb, status, 1) == 1 || B(mb, status + 1, len) == 0;

    private static int Signed(int raw, int bits) => raw >= 1 << (bits - 1) ? raw - (1 << bits) : raw;

    /// <summary>BDS 2,0: the callsign, when the register header is 0x20 and every character is defined.</summary>
    public static bool TryDecodeIdentification(ulong mb, out Callsign callsign)
    {
        callsign = new Callsign(mb & 0xFFFF_FFFF_FFFF);
        return B(mb, 1, 8) == 0x20 && callsign.IsValid && B(mb, 9, 6) != 32;
    }

    public static DataLinkCapability DecodeDataLinkCapability(ulong mb) => new()
    {
        Continuation = B(mb, 9, 1) == 1,
        OverlayCommandCapability = B(mb, 15, 1) == 1,
        AcasOperational = B(mb, 16, 1) == 1,
        SubnetworkVersion = B(mb, 17, 7),
        Level5 = B(mb, 24, 1) == 1,
        SpecificServices = B(mb, 25, 1) == 1,
        UplinkElmThroughput = B(mb, 26, 3),
        DownlinkElmThroughput = B(mb, 29, 4),
        AircraftIdentification = B(mb, 33, 1) == 1,
        SquitterCapability = B(mb, 34, 1) == 1,
        SurveillanceIdentifierCode = B(mb, 35, 1) == 1,
        CommonUsageGicb = B(mb, 36, 1) == 1,
        AcasHybridSurveillance = B(mb, 37, 1) == 1,
        AcasResolutionAdvisory = B(mb, 38, 1) == 1,
        AcasRtcaVersion = B(mb, 39, 2),
        DteStatus = B(mb, 41, 16),
    };

    public static SelectedVerticalIntention DecodeSelectedVerticalIntention(ulong mb) => new(
        B(mb, 1, 1) == 1 ? B(mb, 2, 12) * 16 : null,
        B(mb, 14, 1) == 1 ? B(mb, 15, 12) * 16 : null,
        B(mb, 27, 1) == 1 ? 800.0 + (B(mb, 28, 12) * 0.1) : null);

    // A status bit then an 11-bit two's-complement angle in units of 90/512 degrees, reported in [0, 360).
    private static double? Direction(ulong mb, int status)
    {
        if (B(mb, status, 1) == 0)
        {
            return null;
        }

        double a = Signed(B(mb, status + 1, 11), 11) * 90.0 / 512.0;
        return a < 0 ? a + 360.0 : a;
    }

    public static TrackAndTurn DecodeTrackAndTurn(ulong mb) =>
        new(
            B(mb, 1, 1) == 1 ? Signed(B(mb, 2, 10), 10) * 45.0 / 256.0 : null,
            Direction(mb, 12),
            B(mb, 24, 1) == 1 ? B(mb, 25, 10) * 2 : null,
            B(mb, 35, 1) == 1 ? Signed(B(mb, 36, 10), 10) * 8.0 / 256.0 : null,
            B(mb, 46, 1) == 1 ? B(mb, 47, 10) * 2 : null);

    public static HeadingAndSpeed DecodeHeadingAndSpeed(ulong mb) =>
        new(
            Direction(mb, 1),
            B(mb, 13, 1) == 1 ? B(mb, 14, 10) : null,
            B(mb, 24, 1) == 1 ? B(mb, 25, 10) * 2.048 / 512.0 : null,
            B(mb, 35, 1) == 1 ? Signed(B(mb, 36, 10), 10) * 32 : null,
            B(mb, 46, 1) == 1 ? Signed(B(mb, 47, 10), 10) * 32 : null);

    // Bit n (1-based) of a BDS 1,7 report says register GicbRegisters[n-1] is serviced.
    private static readonly string[] GicbRegisters =
    [
        "0,5", "0,6", "0,7", "0,8", "0,9", "0,A", "2,0", "2,1", "4,0", "4,1", "4,2", "4,3",
        "4,4", "4,5", "4,8", "5,0", "5,1", "5,2", "5,3", "5,4", "5,5", "5,6", "5,F", "6,0",
    ];

    /// <summary>BDS 1,7 common-usage GICB capability report: the registers the transponder services, in bit order.</summary>
    public static IReadOnlyList<string> DecodeGicbCapability(ulong mb)
    {
        var list = new List<string>();
        for (int bit = 1; bit <= 24; bit++)
        {
            if (B(mb, bit, 1) == 1)
            {
                list.Add(GicbRegisters[bit - 1]);
            }
        }

        return list;
    }

    /// <summary>The registers <paramref name="mb"/> is consistent with (may be several or none).</summary>
    public static CommBRegister Infer(ulong mb)
    {
        if (mb == 0)
        {
            return CommBRegister.None;
        }

        var found = CommBRegister.None;
        if (B(mb, 1, 8) == 0x10 && B(mb, 10, 5) == 0)
        {
            found |= CommBRegister.Bds10;
        }

        // GICB capability report: 24 capability bits, the rest reserved; BDS 2,0 support is mandatory for anyone sending it.
        if (B(mb, 25, 32) == 0 && B(mb, 7, 1) == 1)
        {
            found |= CommBRegister.Bds17;
        }

        if (TryDecodeIdentification(mb, out _))
        {
            found |= CommBRegister.Bds20;
        }

        if (IsBds40(mb))
        {
            found |= CommBRegister.Bds40;
        }

        if (IsBds50(mb))
        {
            found |= CommBRegister.Bds50;
        }

        if (IsBds60(mb))
        {
            found |= CommBRegister.Bds60;
        }

        return found;
    }

    private static bool IsBds40(ulong mb)
    {
        if (!Consistent(mb, 1, 12) || !Consistent(mb, 14, 12) || !Consistent(mb, 27, 12)
            || B(mb, 40, 8) != 0 || B(mb, 52, 2) != 0 || !Consistent(mb, 48, 3) || !Consistent(mb, 54, 2))
        {
            return false;
        }

        var v = DecodeSelectedVerticalIntention(mb);
        return (v.McpAltitudeFt ?? 0) <= 50000 && (v.FmsAltitudeFt ?? 0) <= 50000
            && v.BaroSettingHpa is null or (>= 900 and <= 1100)
            && (v.McpAltitudeFt.HasValue || v.FmsAltitudeFt.HasValue || v.BaroSettingHpa.HasValue);
    }

    private static bool IsBds50(ulong mb)
    {
        if (!Consistent(mb, 1, 10) || !Consistent(mb, 12, 11) || !Consistent(mb, 24, 10)
            || !Consistent(mb, 35, 10) || !Consistent(mb, 46, 10))
        {
            return false;
        }

        var v = DecodeTrackAndTurn(mb);
        if (v.RollDeg is { } roll && Math.Abs(roll) > 50)
        {
            return false;
        }

        if (v.GroundSpeedKt > 600 || v.TrueAirspeedKt > 600 || v.TrackRateDegS is { } r && Math.Abs(r) > 10)
        {
            return false;
        }

        // Wind rarely exceeds 200 kt, so ground speed and airspeed must roughly agree.
        return v.GroundSpeedKt is not { } gs || v.TrueAirspeedKt is not { } tas || Math.Abs(gs - tas) <= 200;
    }

    private static bool IsBds60(ulong mb)
    {
        if (!Consistent(mb, 1, 11) || !Consistent(mb, 13, 10) || !Consistent(mb, 24, 10)
            || !Consistent(mb, 35, 10) || !Consistent(mb, 46, 10))
        {
            return false;
        }

        var v = DecodeHeadingAndSpeed(mb);
        if (v.IndicatedAirspeedKt is > 500 or 0 || v.Mach is > 1.0 or 0.0)
        {
            return false;
        }

        if (v.BaroVerticalRateFpm is { } vr && Math.Abs(vr) > 6000 || v.InertialVerticalRateFpm is { } ivr && Math.Abs(ivr) > 6000)
        {
            return false;
        }

        return v.IndicatedAirspeedKt.HasValue || v.Mach.HasValue;
    }

    /// <summary>
    /// Chooses between BDS 5,0 and 6,0 for an MB consistent with both, using what is already known of the
    /// aircraft (speed over ground, track, altitude): 5,0 gives ground speed and track directly, 6,0 gives
    /// Mach (→ true airspeed at the ISA temperature of that altitude) and heading.
    /// </summary>
    public static CommBRegister Disambiguate50Or60(ulong mb, double knownSpeedKt, double knownTrackDeg, double knownAltitudeFt)
    {
        var t = DecodeTrackAndTurn(mb);
        var h = DecodeHeadingAndSpeed(mb);
        double e50 = Mismatch(t.GroundSpeedKt ?? t.TrueAirspeedKt, t.TrueTrackDeg, knownSpeedKt, knownTrackDeg);
        double? tas60 = h.Mach is { } mach ? mach * SpeedOfSoundKt(knownAltitudeFt) : h.IndicatedAirspeedKt * (1.0 + (0.02 * knownAltitudeFt / 1000.0));
        double e60 = Mismatch(tas60, h.MagneticHeadingDeg, knownSpeedKt, knownTrackDeg);
        return e50 <= e60 ? CommBRegister.Bds50 : CommBRegister.Bds60;
    }

    private static double Mismatch(double? speed, double? angle, double knownSpeed, double knownAngle)
    {
        double e = speed is { } s ? Math.Abs(s - knownSpeed) / 20.0 : 10.0;
        if (angle is { } a)
        {
            double d = Math.Abs(((a - knownAngle + 540.0) % 360.0) - 180.0);
            e += d / 10.0;
        }
        else
        {
            e += 10.0;
        }

        return e;
    }

    private static double SpeedOfSoundKt(double altitudeFt)
    {
        double h = Math.Min(altitudeFt * 0.3048, 11000.0);
        double temperatureK = 288.15 - (0.0065 * h);
        return Math.Sqrt(1.4 * 287.05 * temperatureK) / 0.514444;
    }
}
