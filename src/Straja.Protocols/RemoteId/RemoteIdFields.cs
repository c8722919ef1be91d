using System.Buffers.Binary;

namespace Straja.Protocols.RemoteId;

// The typed content of each message type, in SI units (m, m/s, s) and WGS84 degrees. Byte offsets in the
// Read/Write pairs are those of F3411-22a Table "Message formats"; byte 0 (type, version) belongs to
// RemoteIdMessage. Multi-byte fields are little-endian on the air.

/// <summary>Basic ID (type 0x0): who the aircraft is and what airframe it declares.</summary>
public readonly record struct BasicId(IdType IdType, UaType UaType, RemoteIdBytes UasId)
{
    public const int UasIdBytes = 20;

    /// <summary>A Basic ID with an ASCII identifier (serial number or CAA registration).</summary>
    public static BasicId Ascii(IdType idType, UaType uaType, string id) => new(idType, uaType, RemoteIdBytes.FromAscii(id, UasIdBytes));

    internal static BasicId Read(ReadOnlySpan<byte> m) => new((IdType)(m[1] >> 4), (UaType)(m[1] & 0xF), new RemoteIdBytes(m.Slice(2, UasIdBytes)));

    internal void Write(Span<byte> m)
    {
        m[1] = RemoteIdUnits.Nibbles((int)IdType, (int)UaType);
        UasId.Span[..Math.Min(UasId.Length, UasIdBytes)].CopyTo(m[2..]);
    }
}

/// <summary>Location/Vector (type 0x1). Null means the standard's "unknown" (or an invalid) value.</summary>
public readonly record struct LocationVector
{
    public OperationalStatus Status { get; init; }
    public HeightType HeightType { get; init; }
    /// <summary>Track over ground, degrees clockwise from true north, 0..360.</summary>
    public double? TrackDeg { get; init; }
    /// <summary>Ground speed: 0.25 m/s steps to 63.75 m/s, then 0.75 m/s steps to 254.25 m/s.</summary>
    public double? SpeedMps { get; init; }
    /// <summary>Climb rate, up positive, 0.5 m/s steps, ±62 m/s.</summary>
    public double? VerticalSpeedMps { get; init; }
    public double? LatitudeDeg { get; init; }
    public double? LongitudeDeg { get; init; }
    /// <summary>Barometric pressure altitude (standard atmosphere), 0.5 m steps.</summary>
    public double? PressureAltitudeM { get; init; }
    /// <summary>Height above the WGS84 ellipsoid, 0.5 m steps.</summary>
    public double? GeodeticAltitudeM { get; init; }
    /// <summary>Height above take-off or ground, per <see cref="HeightType"/>.</summary>
    public double? HeightM { get; init; }
    public HorizontalAccuracy HorizontalAccuracy { get; init; }
    public VerticalAccuracy VerticalAccuracy { get; init; }
    public VerticalAccuracy BaroAccuracy { get; init; }
    public SpeedAccuracy SpeedAccuracy { get; init; }
    /// <summary>Seconds after the full UTC hour, 0.1 s steps (0..3600).</summary>
    public double? TimestampS { get; init; }
    /// <summary>Timestamp accuracy, 0.1 s steps up to 1.5 s.</summary>
    public double? TimestampAccuracyS { get; init; }

    private const int UnknownTrack = 361;
    private const double SpeedStepLow = 0.25;
    private const double SpeedStepHigh = 0.75;
    private const double SpeedHighBase = 255 * SpeedStepLow;
    private const double MaxSpeedMps = 254.25;
    private const sbyte UnknownVerticalSpeed = 126;
    private const double MaxVerticalSpeedMps = 62.0;
    private const ushort UnknownTimestamp = 0xFFFF;
    private const ushort MaxTimestampTenths = 36000;

    internal static LocationVector Read(ReadOnlySpan<byte> m)
    {
        byte flags = m[1];
        bool multiplier = (flags & 0x01) != 0;
        int track = m[2] + ((flags & 0x02) != 0 ? 180 : 0);
        sbyte vs = (sbyte)m[4];
        ushort ts = BinaryPrimitives.ReadUInt16LittleEndian(m[21..]);
        bool hasPosition = RemoteIdUnits.TryReadLatLon(m[5..], out double lat, out double lon);
        return new LocationVector
        {
            Status = (OperationalStatus)(flags >> 4),
            HeightType = (HeightType)((flags >> 2) & 1),
            TrackDeg = track <= 360 ? track : null,
            SpeedMps = multiplier
                ? m[3] == 255 ? null : m[3] * SpeedStepHigh + SpeedHighBase
                : m[3] * SpeedStepLow,
            VerticalSpeedMps = vs == UnknownVerticalSpeed ? null : vs * 0.5,
            LatitudeDeg = hasPosition ? lat : null,
            LongitudeDeg = hasPosition ? lon : null,
            PressureAltitudeM = RemoteIdUnits.ReadAltitude(m[13..]),
            GeodeticAltitudeM = RemoteIdUnits.ReadAltitude(m[15..]),
            HeightM = RemoteIdUnits.ReadAltitude(m[17..]),
            HorizontalAccuracy = (HorizontalAccuracy)(m[19] & 0xF),
            VerticalAccuracy = (VerticalAccuracy)(m[19] >> 4),
            BaroAccuracy = (VerticalAccuracy)(m[20] >> 4),
            SpeedAccuracy = (SpeedAccuracy)(m[20] & 0xF),
            TimestampS = ts <= MaxTimestampTenths ? ts / 10.0 : null,
            TimestampAccuracyS = (m[23] & 0xF) is var tsa and > 0 ? tsa / 10.0 : null,
        };
    }

    internal void Write(Span<byte> m)
    {
        int track = TrackDeg is { } t && t is >= 0 and <= 360 ? (int)t : UnknownTrack;
        bool east = track >= 180;
        (byte speed, bool multiplier) = EncodeSpeed(SpeedMps);
        m[1] = (byte)(((int)Status << 4) | (((int)HeightType & 1) << 2) | (east ? 0x02 : 0) | (multiplier ? 0x01 : 0));
        m[2] = (byte)(east ? track - 180 : track);
        m[3] = speed;
        m[4] = (byte)(VerticalSpeedMps is { } v && double.IsFinite(v)
            ? (sbyte)Math.Round(Math.Clamp(v, -MaxVerticalSpeedMps, MaxVerticalSpeedMps) * 2)
            : UnknownVerticalSpeed);
        RemoteIdUnits.WriteLatLon(m[5..], LatitudeDeg, LongitudeDeg);
        RemoteIdUnits.WriteAltitude(m[13..], PressureAltitudeM);
        RemoteIdUnits.WriteAltitude(m[15..], GeodeticAltitudeM);
        RemoteIdUnits.WriteAltitude(m[17..], HeightM);
        m[19] = RemoteIdUnits.Nibbles((int)VerticalAccuracy, (int)HorizontalAccuracy);
        m[20] = RemoteIdUnits.Nibbles((int)BaroAccuracy, (int)SpeedAccuracy);
        BinaryPrimitives.WriteUInt16LittleEndian(m[21..], TimestampS is { } s && s is >= 0 and <= 3600
            ? (ushort)Math.Round(s * 10)
            : UnknownTimestamp);
        m[23] = (byte)(TimestampAccuracyS is { } a && a > 0 ? Math.Clamp((int)Math.Round(a * 10), 1, 15) : 0);
    }

    private static (byte Raw, bool Multiplier) EncodeSpeed(double? speedMps)
    {
        if (speedMps is not { } s || !double.IsFinite(s))
        {
            return (255, true);
        }

        s = Math.Max(0, s);
        return s <= SpeedHighBase
            ? ((byte)Math.Round(s / SpeedStepLow), false)
            : ((byte)Math.Min(Math.Round((Math.Min(s, MaxSpeedMps) - SpeedHighBase) / SpeedStepHigh), 254), true);
    }
}

/// <summary>
/// One Authentication page (type 0x2). Page 0 carries the header (auth type, last page index, total data
/// length, timestamp) and 17 data bytes; pages 1..15 carry 23 data bytes each.
/// </summary>
public readonly record struct AuthenticationPage
{
    public const int Page0DataBytes = 17;
    public const int PageNDataBytes = 23;
    public const int MaxPages = 16;

    public AuthType AuthType { get; init; }
    public int PageNumber { get; init; }
    /// <summary>Page 0 only: index of the last page of this authentication.</summary>
    public int LastPageIndex { get; init; }
    /// <summary>Page 0 only: total authentication data bytes over all pages.</summary>
    public int Length { get; init; }
    /// <summary>Page 0 only: seconds since 2019-01-01T00:00:00Z.</summary>
    public uint Timestamp { get; init; }
    /// <summary>This page's data bytes, padding included (17 on page 0, 23 on the others).</summary>
    public RemoteIdBytes Data { get; init; }

    internal static AuthenticationPage Read(ReadOnlySpan<byte> m)
    {
        int page = m[1] & 0xF;
        var authType = (AuthType)(m[1] >> 4);
        return page == 0
            ? new AuthenticationPage
            {
                AuthType = authType,
                LastPageIndex = m[2],
                Length = m[3],
                Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(m[4..]),
                Data = new RemoteIdBytes(m.Slice(8, Page0DataBytes)),
            }
            : new AuthenticationPage { AuthType = authType, PageNumber = page, Data = new RemoteIdBytes(m.Slice(2, PageNDataBytes)) };
    }

    internal void Write(Span<byte> m)
    {
        m[1] = RemoteIdUnits.Nibbles((int)AuthType, PageNumber);
        if ((PageNumber & 0xF) == 0)
        {
            m[2] = (byte)LastPageIndex;
            m[3] = (byte)Length;
            BinaryPrimitives.WriteUInt32LittleEndian(m[4..], Timestamp);
            Data.Span[..Math.Min(Data.Length, Page0DataBytes)].CopyTo(m[8..]);
        }
        else
        {
            Data.Span.CopyTo(m[2..]);
        }
    }
}

/// <summary>Self-ID (type 0x3): free text the operator declares, e.g. the purpose of the flight.</summary>
public readonly record struct SelfId(DescriptionType DescriptionType, RemoteIdBytes Description)
{
    public const int DescriptionBytes = 23;

    public static SelfId Ascii(DescriptionType type, string text) => new(type, RemoteIdBytes.FromAscii(text, DescriptionBytes));

    internal static SelfId Read(ReadOnlySpan<byte> m) => new((DescriptionType)m[1], new RemoteIdBytes(m.Slice(2, DescriptionBytes)));

    internal void Write(Span<byte> m)
    {
        m[1] = (byte)DescriptionType;
        Description.Span.CopyTo(m[2..]);
    }
}

/// <summary>System (type 0x4): where the operator is, the operating area, and the EU category/class.</summary>
public readonly record struct SystemInfo
{
    public OperatorLocationType OperatorLocationType { get; init; }
    public ClassificationType ClassificationType { get; init; }
    public double? OperatorLatitudeDeg { get; init; }
    public double? OperatorLongitudeDeg { get; init; }
    /// <summary>Number of aircraft in the operating area (swarms); 1 for a single aircraft.</summary>
    public int AreaCount { get; init; }
    /// <summary>Radius of the operating area, 10 m steps to 2550 m.</summary>
    public int AreaRadiusM { get; init; }
    public double? AreaCeilingM { get; init; }
    public double? AreaFloorM { get; init; }
    public UaCategory UaCategory { get; init; }
    public UaClass UaClass { get; init; }
    /// <summary>Operator's height above the WGS84 ellipsoid.</summary>
    public double? OperatorAltitudeM { get; init; }
    /// <summary>Seconds since 2019-01-01T00:00:00Z.</summary>
    public uint Timestamp { get; init; }

    private const int AreaRadiusStepM = 10;

    internal static SystemInfo Read(ReadOnlySpan<byte> m)
    {
        bool hasPosition = RemoteIdUnits.TryReadLatLon(m[2..], out double lat, out double lon);
        return new SystemInfo
        {
            OperatorLocationType = (OperatorLocationType)(m[1] & 0x3),
            ClassificationType = (ClassificationType)((m[1] >> 2) & 0x7),
            OperatorLatitudeDeg = hasPosition ? lat : null,
            OperatorLongitudeDeg = hasPosition ? lon : null,
            AreaCount = BinaryPrimitives.ReadUInt16LittleEndian(m[10..]),
            AreaRadiusM = m[12] * AreaRadiusStepM,
            AreaCeilingM = RemoteIdUnits.ReadAltitude(m[13..]),
            AreaFloorM = RemoteIdUnits.ReadAltitude(m[15..]),
            UaCategory = (UaCategory)(m[17] >> 4),
            UaClass = (UaClass)(m[17] & 0xF),
            OperatorAltitudeM = RemoteIdUnits.ReadAltitude(m[18..]),
            Timestamp = BinaryPrimitives.ReadUInt32LittleEndian(m[20..]),
        };
    }

    internal void Write(Span<byte> m)
    {
        m[1] = (byte)((((int)ClassificationType & 0x7) << 2) | ((int)OperatorLocationType & 0x3));
        RemoteIdUnits.WriteLatLon(m[2..], OperatorLatitudeDeg, OperatorLongitudeDeg);
        BinaryPrimitives.WriteUInt16LittleEndian(m[10..], (ushort)Math.Clamp(AreaCount, 0, ushort.MaxValue));
        m[12] = (byte)Math.Clamp((AreaRadiusM + AreaRadiusStepM / 2) / AreaRadiusStepM, 0, 255);
        RemoteIdUnits.WriteAltitude(m[13..], AreaCeilingM);
        RemoteIdUnits.WriteAltitude(m[15..], AreaFloorM);
        m[17] = RemoteIdUnits.Nibbles((int)UaCategory, (int)UaClass);
        RemoteIdUnits.WriteAltitude(m[18..], OperatorAltitudeM);
        BinaryPrimitives.WriteUInt32LittleEndian(m[20..], Timestamp);
    }
}

/// <summary>Operator ID (type 0x5): the operator's registration number (e.g. "ROUxxxxxxxxxxxx").</summary>
public readonly record struct OperatorId(OperatorIdType OperatorIdType, RemoteIdBytes Id)
{
    public const int IdBytes = 20;

    public static OperatorId Ascii(string id) => new(OperatorIdType.OperatorId, RemoteIdBytes.FromAscii(id, IdBytes));

    internal static OperatorId Read(ReadOnlySpan<byte> m) => new((OperatorIdType)m[1], new RemoteIdBytes(m.Slice(2, IdBytes)));

    internal void Write(Span<byte> m)
    {
        m[1] = (byte)OperatorIdType;
        Id.Span[..Math.Min(Id.Length, IdBytes)].CopyTo(m[2..]);
    }
}
