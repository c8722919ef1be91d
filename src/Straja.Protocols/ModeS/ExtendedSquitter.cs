namespace Straja.Protocols.ModeS;

/// <summary>The ME field of DF17/18 (DO-260B §2.2.3.2), bit numbers 1–56 as in the standard.</summary>
internal static class ExtendedSquitter
{
    /// <summary>
    /// What a squitter holds: its type code, content kind, and the altitude or squawk carried in the
    /// ME field itself; the parts are decoded on demand by <see cref="ModeSMessage"/>. Returned as values
    /// so the decoder builds its message once instead of copying it with a second initialiser.
    /// </summary>
    public static (int TypeCode, MessageContent Content, int? AltitudeFt, Squawk? Squawk) Classify(ulong me)
    {
        int tc = ModeSDecoder.Bits(me, 1, 5);
        var content = tc switch
        {
            >= 1 and <= 4 => MessageContent.Identification,
            >= 5 and <= 8 => MessageContent.SurfacePosition,
            (>= 9 and <= 18) or (>= 20 and <= 22) => MessageContent.AirbornePosition,
            19 => MessageContent.AirborneVelocity,
            28 when ModeSDecoder.Bits(me, 6, 3) == 1 => MessageContent.AircraftStatus,
            29 when ModeSDecoder.Bits(me, 6, 2) == 1 => MessageContent.TargetState,
            _ => MessageContent.OtherSquitter,
        };

        // TC20–22 carry GNSS height in the same 12-bit layout as the barometric field, as receivers
        // in the field (dump1090, readsb) decode it.
        int? altitude = content == MessageContent.AirbornePosition ? AltitudeCodes.Ac12ToFeet(ModeSDecoder.Bits(me, 9, 12)) : null;
        Squawk? squawk = content == MessageContent.AircraftStatus ? AltitudeCodes.IdentityToSquawk(ModeSDecoder.Bits(me, 12, 13)) : null;
        return (tc, content, altitude, squawk);
    }

    public static Identification Identification(ulong me, int tc) =>
        new(tc, ModeSDecoder.Bits(me, 6, 3), new Callsign(me & 0xFFFF_FFFF_FFFF));

    public static AircraftStatus Status(ulong me) =>
        new(ModeSDecoder.Bits(me, 6, 3), ModeSDecoder.Bits(me, 9, 3), AltitudeCodes.IdentityToSquawk(ModeSDecoder.Bits(me, 12, 13)));

    public static PositionReport Airborne(ulong me, int tc) => new()
    {
        Surface = false,
        OddFormat = ModeSDecoder.Bits(me, 22, 1) == 1,
        LatCpr = ModeSDecoder.Bits(me, 23, 17),
        LonCpr = ModeSDecoder.Bits(me, 40, 17),
        AltitudeFt = AltitudeCodes.Ac12ToFeet(ModeSDecoder.Bits(me, 9, 12)),
        AltitudeIsGnss = tc >= 20,
        SurveillanceStatus = ModeSDecoder.Bits(me, 6, 2),
        NicB = ModeSDecoder.Bits(me, 8, 1),
        NucP = tc switch { <= 18 => 18 - tc, 22 => 0, _ => 29 - tc },
    };

    public static PositionReport Surface(ulong me, int tc)
    {
        int movement = ModeSDecoder.Bits(me, 6, 7);
        bool trackValid = ModeSDecoder.Bits(me, 13, 1) == 1;
        return new PositionReport
        {
            Surface = true,
            OddFormat = ModeSDecoder.Bits(me, 22, 1) == 1,
            LatCpr = ModeSDecoder.Bits(me, 23, 17),
            LonCpr = ModeSDecoder.Bits(me, 40, 17),
            NucP = 14 - tc,
            Movement = movement,
            GroundSpeedKt = MovementToKnots(movement),
            TrackDeg = trackValid ? ModeSDecoder.Bits(me, 14, 7) * 360.0 / 128.0 : null,
        };
    }

    /// <summary>The non-linear surface movement code of DO-260B Table 2-18 (finer steps at low speed).</summary>
    internal static double? MovementToKnots(int m) => m switch
    {
        1 => 0.0,
        >= 2 and <= 8 => 0.125 * (m - 1),
        >= 9 and <= 12 => 1.0 + (0.25 * (m - 9)),
        >= 13 and <= 38 => 2.0 + (0.5 * (m - 13)),
        >= 39 and <= 93 => 15.0 + (m - 39),
        >= 94 and <= 108 => 70.0 + (2.0 * (m - 94)),
        >= 109 and <= 123 => 100.0 + (5.0 * (m - 109)),
        124 => 175.0,
        _ => null, // 0: no information; 125–127 reserved
    };

    public static Velocity AirborneVelocity(ulong me)
    {
        int subtype = ModeSDecoder.Bits(me, 6, 3);
        int vrRaw = ModeSDecoder.Bits(me, 38, 9);
        int dAltRaw = ModeSDecoder.Bits(me, 50, 7);
        var v = new Velocity
        {
            Subtype = subtype,
            IntentChange = ModeSDecoder.Bits(me, 9, 1) == 1,
            NacV = ModeSDecoder.Bits(me, 11, 3),
            VerticalRateSource = ModeSDecoder.Bits(me, 36, 1) == 1 ? VerticalRateSource.Baro : VerticalRateSource.Gnss,
            VerticalRateFpm = vrRaw == 0 ? null : (ModeSDecoder.Bits(me, 37, 1) == 1 ? -1 : 1) * (vrRaw - 1) * 64,
            GeoMinusBaroFt = dAltRaw == 0 ? null : (ModeSDecoder.Bits(me, 49, 1) == 1 ? -1 : 1) * (dAltRaw - 1) * 25,
        };

        // Supersonic subtypes (2, 4) count in 4 kt units.
        int scale = subtype is 2 or 4 ? 4 : 1;
        switch (subtype)
        {
            case 1:
            case 2:
                {
                    int ewRaw = ModeSDecoder.Bits(me, 15, 10);
                    int nsRaw = ModeSDecoder.Bits(me, 26, 10);
                    if (ewRaw == 0 || nsRaw == 0)
                    {
                        return v;
                    }

                    double east = (ModeSDecoder.Bits(me, 14, 1) == 1 ? -1 : 1) * (ewRaw - 1) * scale;
                    double north = (ModeSDecoder.Bits(me, 25, 1) == 1 ? -1 : 1) * (nsRaw - 1) * scale;
                    double track = Math.Atan2(east, north) * 180.0 / Math.PI;
                    return v with
                    {
                        EastKt = east,
                        NorthKt = north,
                        GroundSpeedKt = Math.Sqrt((east * east) + (north * north)),
                        TrackDeg = track < 0 ? track + 360.0 : track,
                    };
                }

            case 3:
            case 4:
                {
                    int asRaw = ModeSDecoder.Bits(me, 26, 10);
                    return v with
                    {
                        HeadingDeg = ModeSDecoder.Bits(me, 14, 1) == 1 ? ModeSDecoder.Bits(me, 15, 10) * 360.0 / 1024.0 : null,
                        AirspeedType = ModeSDecoder.Bits(me, 25, 1) == 1 ? AirspeedType.True : AirspeedType.Indicated,
                        AirspeedKt = asRaw == 0 ? null : (asRaw - 1) * scale,
                    };
                }

            default:
                return v;
        }
    }

    public static TargetState Target(ulong me)
    {
        int altRaw = ModeSDecoder.Bits(me, 10, 11);
        int baroRaw = ModeSDecoder.Bits(me, 21, 9);
        bool headingValid = ModeSDecoder.Bits(me, 30, 1) == 1;
        return new TargetState
        {
            SelectedAltitudeFromFms = ModeSDecoder.Bits(me, 9, 1) == 1,
            SelectedAltitudeFt = altRaw == 0 ? null : (altRaw - 1) * 32,
            BaroSettingHpa = baroRaw == 0 ? null : 800.0 + ((baroRaw - 1) * 0.8),
            SelectedHeadingDeg = headingValid ? ModeSDecoder.Bits(me, 31, 9) * 180.0 / 256.0 : null,
            NacP = ModeSDecoder.Bits(me, 40, 4),
            NicBaro = ModeSDecoder.Bits(me, 44, 1),
            Sil = ModeSDecoder.Bits(me, 45, 2),
            ModeBitsValid = ModeSDecoder.Bits(me, 47, 1) == 1,
            Autopilot = ModeSDecoder.Bits(me, 48, 1) == 1,
            Vnav = ModeSDecoder.Bits(me, 49, 1) == 1,
            AltitudeHold = ModeSDecoder.Bits(me, 50, 1) == 1,
            Approach = ModeSDecoder.Bits(me, 52, 1) == 1,
            TcasOperational = ModeSDecoder.Bits(me, 53, 1) == 1,
            Lnav = ModeSDecoder.Bits(me, 54, 1) == 1,
        };
    }
}
