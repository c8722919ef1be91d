using CsCheck;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

/// <summary>Random valid field values, drawn on the wire's own grid so an exact round trip is expected.</summary>
internal static class RemoteIdGens
{
    public static Gen<T?> OrNull<T>(Gen<T> gen)
        where T : struct =>
        Gen.Frequency((1, Gen.Const((T?)null)), (4, gen.Select(v => (T?)v)));

    public static Gen<RemoteIdBytes> Bytes(int n) => Gen.Byte.Array[n].Select(b => new RemoteIdBytes(b));

    private static readonly Gen<double?> Altitude = OrNull(Gen.Int[1, 65535].Select(k => k * 0.5 - 1000));

    private static readonly Gen<(double? Lat, double? Lon)> LatLon = Gen.Frequency(
        (1, Gen.Const<(double?, double?)>((null, null))),
        (6, Gen.Select(Gen.Int[-900_000_000, 900_000_000], Gen.Int[-1_800_000_000, 1_800_000_000])
            .Where(p => p.Item1 != 0 || p.Item2 != 0)
            .Select(p => ((double?)(p.Item1 / 1e7), (double?)(p.Item2 / 1e7)))));

    private static readonly Gen<double?> Speed = OrNull(Gen.OneOf(
        Gen.Int[0, 255].Select(k => k * 0.25),
        Gen.Int[1, 254].Select(k => k * 0.75 + 63.75)));

    public static readonly Gen<BasicId> BasicId =
        from idType in Gen.Int[0, 15]
        from uaType in Gen.Int[0, 15]
        from id in Bytes(20)
        select new BasicId((IdType)idType, (UaType)uaType, id);

    public static readonly Gen<LocationVector> Location =
        from status in Gen.Int[0, 15]
        from heightType in Gen.Int[0, 1]
        from track in OrNull(Gen.Int[0, 360].Select(d => (double)d))
        from speed in Speed
        from vs in OrNull(Gen.Int[-124, 124].Select(k => k * 0.5))
        from pos in LatLon
        from baro in Altitude
        from geo in Altitude
        from height in Altitude
        from acc in Gen.Int[0, 15].Array[4]
        from ts in OrNull(Gen.Int[0, 36000].Select(k => k / 10.0))
        from tsa in OrNull(Gen.Int[1, 15].Select(k => k / 10.0))
        select new LocationVector
        {
            Status = (OperationalStatus)status,
            HeightType = (HeightType)heightType,
            TrackDeg = track,
            SpeedMps = speed,
            VerticalSpeedMps = vs,
            LatitudeDeg = pos.Lat,
            LongitudeDeg = pos.Lon,
            PressureAltitudeM = baro,
            GeodeticAltitudeM = geo,
            HeightM = height,
            HorizontalAccuracy = (HorizontalAccuracy)acc[0],
            VerticalAccuracy = (VerticalAccuracy)acc[1],
            BaroAccuracy = (VerticalAccuracy)acc[2],
            SpeedAccuracy = (SpeedAccuracy)acc[3],
            TimestampS = ts,
            TimestampAccuracyS = tsa,
        };

    public static readonly Gen<AuthenticationPage> Authentication = Gen.OneOf(
        from type in Gen.Int[0, 15]
        from last in Gen.Byte
        from length in Gen.Byte
        from ts in Gen.UInt
        from data in Bytes(17)
        select new AuthenticationPage { AuthType = (AuthType)type, LastPageIndex = last, Length = length, Timestamp = ts, Data = data },
        from type in Gen.Int[0, 15]
        from page in Gen.Int[1, 15]
        from data in Bytes(23)
        select new AuthenticationPage { AuthType = (AuthType)type, PageNumber = page, Data = data });

    public static readonly Gen<SelfId> SelfId =
        from type in Gen.Byte
        from text in Bytes(23)
        select new SelfId((DescriptionType)type, text);

    public static readonly Gen<SystemInfo> System =
        from locType in Gen.Int[0, 3]
        from classification in Gen.Int[0, 7]
        from pos in LatLon
        from count in Gen.UShort
        from radius in Gen.Int[0, 255]
        from ceiling in Altitude
        from floor in Altitude
        from category in Gen.Int[0, 15]
        from cls in Gen.Int[0, 15]
        from alt in Altitude
        from ts in Gen.UInt
        select new SystemInfo
        {
            OperatorLocationType = (OperatorLocationType)locType,
            ClassificationType = (ClassificationType)classification,
            OperatorLatitudeDeg = pos.Lat,
            OperatorLongitudeDeg = pos.Lon,
            AreaCount = count,
            AreaRadiusM = radius * 10,
            AreaCeilingM = ceiling,
            AreaFloorM = floor,
            UaCategory = (UaCategory)category,
            UaClass = (UaClass)cls,
            OperatorAltitudeM = alt,
            Timestamp = ts,
        };

    public static readonly Gen<OperatorId> OperatorId =
        from type in Gen.Byte
        from id in Bytes(20)
        select new OperatorId((OperatorIdType)type, id);

    public static readonly Gen<int> Version = Gen.Int[0, 15];

    /// <summary>A valid message of any of the six types.</summary>
    public static readonly Gen<RemoteIdMessage> Message = Gen.OneOf(
        Gen.Select(BasicId, Version, (v, p) => RemoteIdMessage.From(v, p)),
        Gen.Select(Location, Version, (v, p) => RemoteIdMessage.From(v, p)),
        Gen.Select(Authentication, Version, (v, p) => RemoteIdMessage.From(v, p)),
        Gen.Select(SelfId, Version, (v, p) => RemoteIdMessage.From(v, p)),
        Gen.Select(System, Version, (v, p) => RemoteIdMessage.From(v, p)),
        Gen.Select(OperatorId, Version, (v, p) => RemoteIdMessage.From(v, p)));

    public static readonly Gen<MessagePack> Pack =
        from messages in Message.Array[0, MessagePack.MaxMessages]
        from version in Version
        select new MessagePack(messages, version);

    public static readonly Gen<RemoteIdFrame> Frame = Gen.OneOf(
        from kind in Gen.Int[0, 4]
        from counter in Gen.Byte
        from pack in Pack
        select new RemoteIdFrame((CarrierKind)kind, kind == 0 ? (byte)0 : counter, pack, Packed: true), // bare packs have no counter
        from kind in Gen.Int[0, 2]
        from counter in Gen.Byte
        from message in Message
        select RemoteIdFrame.Single((CarrierKind)kind, (CarrierKind)kind == CarrierKind.None ? (byte)0 : counter, message));
}
