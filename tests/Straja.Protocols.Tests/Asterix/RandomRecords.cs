using Straja.Protocols.Asterix;
using Straja.Protocols.ModeS;
using P = Straja.Protocols.Asterix;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>
/// Random valid records whose values lie on each item's grid (a whole number of LSBs, computed the way the
/// decoder computes them), so encode → decode must give back exactly the same record.
/// </summary>
internal static class RandomRecords
{
    private static T? Maybe<T>(Random r, Func<T> make)
        where T : struct => r.Next(4) == 0 ? null : make();

    private static double Grid(Random r, long min, long max, double lsb) => r.NextInt64(min, max + 1) * lsb;

    private static Callsign RandomCallsign(Random r)
    {
        const string chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Span<char> s = stackalloc char[8];
        int n = r.Next(1, 9);
        for (int i = 0; i < n; i++)
        {
            s[i] = chars[r.Next(chars.Length)];
        }

        Straja.Protocols.ModeS.Callsign.TryCreate(s[..n], out var cs);
        return cs;
    }

    private static ExtendedBits Extended(Random r, int maxOctets)
    {
        Span<byte> o = stackalloc byte[maxOctets];
        int n = r.Next(1, maxOctets + 1);
        r.NextBytes(o[..n]);
        return ExtendedBits.FromOctets(o[..n]);
    }

    private static DataSource Source(Random r) => new((byte)r.Next(256), (byte)r.Next(256));

    private static uint Tod(Random r) => (uint)r.NextInt64(AsterixTime.CountsPerDay);

    // A compound item with no subfield cannot be sent (the writer omits it), so generators never make one.
    private static RadarPlotCharacteristics? NonEmpty(RadarPlotCharacteristics? p) => p == default(RadarPlotCharacteristics) ? null : p;

    private static Cat034Subfields? NonEmpty(Cat034Subfields? s) => s == default(Cat034Subfields) ? null : s;

    private static Cat062Accuracy? NonEmpty(Cat062Accuracy? a) => a == default(Cat062Accuracy) ? null : a;

    /// <summary>I062/500 on its wire grid, each subfield present or not.</summary>
    private static Cat062Accuracy Accuracy062(Random r) => new(
        Maybe(r, () => new CartesianPosition(Grid(r, 0, 65535, 0.5), Grid(r, 0, 65535, 0.5))),
        Maybe(r, () => Grid(r, -32768, 32767, 0.5)),
        Maybe(r, () => new Wgs84Position(Grid(r, 0, 65535, P.Cat062.LatLonLsbDeg), Grid(r, 0, 65535, P.Cat062.LatLonLsbDeg))),
        Maybe(r, () => Grid(r, 0, 255, 6.25)),
        Maybe(r, () => Grid(r, 0, 255, 0.25)),
        Maybe(r, () => new CartesianVelocity(Grid(r, 0, 255, 0.25), Grid(r, 0, 255, 0.25))));

    public static Cat048Record Cat048(Random r) => new()
    {
        Source = Source(r), // I0xx/010 is mandatory in every category
        TimeOfDay128 = Maybe(r, () => Tod(r)),
        Descriptor = Maybe(r, () => new Cat048Descriptor(r.Next(8), r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(4))),
        MeasuredPosition = Maybe(r, () => new PolarPosition(Grid(r, 0, 65535, P.Cat048.RhoLsbNm), Grid(r, 0, 65535, P.Cat048.AngleLsbDeg))),
        Mode3A = Maybe(r, () => new Mode3A((ushort)r.Next(4096), r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1)),
        FlightLevel = Maybe(r, () => new FlightLevel(Grid(r, -8192, 8191, 0.25), r.Next(2) == 1, r.Next(2) == 1)),
        PlotCharacteristics = NonEmpty(Maybe(r, () => new RadarPlotCharacteristics(
            Maybe(r, () => Grid(r, 0, 255, P.Cat048.RunLengthLsbDeg)), Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(-128, 128)),
            Maybe(r, () => Grid(r, 0, 255, P.Cat048.RunLengthLsbDeg)), Maybe(r, () => r.Next(-128, 128)),
            Maybe(r, () => Grid(r, -128, 127, P.Cat048.RhoLsbNm)), Maybe(r, () => Grid(r, -128, 127, P.Cat048.AzimuthDiffLsbDeg))))),
        AircraftAddress = Maybe(r, () => (uint)r.Next(1 << 24)),
        AircraftId = Maybe(r, () => RandomCallsign(r)),
        TrackNumber = Maybe(r, () => r.Next(4096)),
        CalculatedPosition = Maybe(r, () => new CartesianPositionNm(Grid(r, -32768, 32767, P.Cat048.XyLsbNm), Grid(r, -32768, 32767, P.Cat048.XyLsbNm))),
        Velocity = Maybe(r, () => new PolarVelocity(Grid(r, 0, 65535, P.Cat048.SpeedLsbKt), Grid(r, 0, 65535, P.Cat048.AngleLsbDeg))),
        TrackStatus = Maybe(r, () => new Cat048TrackStatus(r.Next(2) == 1, r.Next(4), r.Next(2) == 1, r.Next(2) == 1, r.Next(4), r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1)),
        Height3DFt = Maybe(r, () => Grid(r, -8192, 8191, 25)),
    };

    public static Cat034Record Cat034(Random r) => new()
    {
        Source = Source(r), // I0xx/010 is mandatory in every category
        MessageType = Maybe(r, () => (Cat034MessageType)r.Next(1, 8)),
        TimeOfDay128 = Maybe(r, () => Tod(r)),
        SectorDeg = Maybe(r, () => Grid(r, 0, 255, P.Cat034.SectorLsbDeg)),
        AntennaRotationPeriodS = Maybe(r, () => Grid(r, 0, 65535, P.Cat034.PeriodLsbS)),
        SystemConfiguration = NonEmpty(Maybe(r, () => new Cat034Subfields(Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(65536))))),
        ProcessingMode = NonEmpty(Maybe(r, () => new Cat034Subfields(Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(256)), Maybe(r, () => r.Next(256))))),
    };

    public static Cat062Record Cat062(Random r)
    {
        double? baro = Maybe(r, () => Grid(r, -16384, 16383, P.Cat062.FlLsb));
        return new Cat062Record
        {
            Source = Source(r), // I0xx/010 is mandatory in every category
            ServiceId = Maybe(r, () => r.Next(256)),
            TimeOfTrack128 = Maybe(r, () => Tod(r)),
            Position = Maybe(r, () => new Wgs84Position(Grid(r, -(1L << 24), 1L << 24, P.Cat062.LatLonLsbDeg), Grid(r, -(1L << 25), (1L << 25) - 1, P.Cat062.LatLonLsbDeg))),
            CartesianPosition = Maybe(r, () => new CartesianPosition(Grid(r, -(1L << 23), (1L << 23) - 1, 0.5), Grid(r, -(1L << 23), (1L << 23) - 1, 0.5))),
            Velocity = Maybe(r, () => new CartesianVelocity(Grid(r, -32768, 32767, 0.25), Grid(r, -32768, 32767, 0.25))),
            Mode3A = Maybe(r, () => new Mode3A((ushort)r.Next(4096), r.Next(2) == 1, r.Next(2) == 1, r.Next(2) == 1)),
            TargetAddress = Maybe(r, () => (uint)r.Next(1 << 24)),
            TargetId = Maybe(r, () => RandomCallsign(r)),
            TrackNumber = Maybe(r, () => r.Next(65536)),
            TrackStatus = Maybe(r, () => Extended(r, 7)),
            MeasuredFl = Maybe(r, () => Grid(r, -32768, 32767, 0.25)),
            GeometricAltitudeFt = Maybe(r, () => Grid(r, -32768, 32767, 6.25)),
            BarometricAltitudeFl = baro,
            BarometricQnhCorrected = baro is null ? null : r.Next(2) == 1,
            Accuracy = NonEmpty(Maybe(r, () => Accuracy062(r))),
        };
    }

    public static Cat021Record Cat021(Random r)
    {
        PolarVelocity? gv = Maybe(r, () => new PolarVelocity(Grid(r, 0, 32767, P.Cat048.SpeedLsbKt), Grid(r, 0, 65535, P.Cat048.AngleLsbDeg)));
        return new Cat021Record
        {
            Source = Source(r), // I0xx/010 is mandatory in every category
            Descriptor = Maybe(r, () => Extended(r, 5)),
            TrackNumber = Maybe(r, () => r.Next(4096)),
            ServiceId = Maybe(r, () => r.Next(256)),
            TimeOfApplicabilityPosition128 = Maybe(r, () => Tod(r)),
            Position = Maybe(r, () => new Wgs84Position(Grid(r, -(1L << 22), 1L << 22, P.Cat021.LatLonLsbDeg), Grid(r, -(1L << 23), (1L << 23) - 1, P.Cat021.LatLonLsbDeg))),
            HighResolutionPosition = Maybe(r, () => new Wgs84Position(Grid(r, -(1L << 29), 1L << 29, P.Cat021.HighResLsbDeg), Grid(r, -(1L << 30), (1L << 30) - 1, P.Cat021.HighResLsbDeg))),
            TargetAddress = Maybe(r, () => (uint)r.Next(1 << 24)),
            TimeOfReceptionPosition128 = Maybe(r, () => Tod(r)),
            GeometricHeightFt = Maybe(r, () => Grid(r, -32768, 32767, 6.25)),
            QualityIndicators = Maybe(r, () => Extended(r, 4)),
            MopsVersion = Maybe(r, () => r.Next(128)),
            Mode3A = Maybe(r, () => new Mode3A((ushort)r.Next(4096))),
            FlightLevel = Maybe(r, () => Grid(r, -32768, 32767, 0.25)),
            TargetStatus = Maybe(r, () => r.Next(256)),
            GroundVector = gv,
            GroundSpeedRangeExceeded = gv is null ? null : r.Next(2) == 1,
            TargetId = Maybe(r, () => RandomCallsign(r)),
            EmitterCategory = Maybe(r, () => r.Next(256)),
            ReportPeriodS = Maybe(r, () => Grid(r, 0, 255, 0.5)),
        };
    }

    public static Cat015Record Cat015(Random r)
    {
        int? mt = Maybe(r, () => r.Next(128));
        var classes = default(ObjectClasses);
        for (int i = r.Next(4); i > 0; i--)
        {
            classes.Add(new ObjectClass(r.Next(512), r.Next(101)));
        }

        return new Cat015Record
        {
            Source = Source(r), // I0xx/010 is mandatory in every category
            MessageType = mt,
            EventGenerated = mt is null ? null : r.Next(2) == 1,
            ServiceId = Maybe(r, () => r.Next(256)),
            Descriptor = Maybe(r, () => Extended(r, 2)),
            TimeOfApplicability128 = Maybe(r, () => Tod(r)),
            TrackNumber = Maybe(r, () => r.Next(65536)),
            TrackStatus = Maybe(r, () => Extended(r, 2)),
            Classes = classes,
            Position = Maybe(r, () => new Wgs84Position(Grid(r, -(1L << 30), 1L << 30, P.Cat015.LatLonLsbDeg), Grid(r, -(1L << 31), (1L << 31) - 1, P.Cat015.LatLonLsbDeg))),
            GeometricHeightM = Maybe(r, () => Grid(r, -8_000_000, 8_000_000, 0.01)),
            Velocity = Maybe(r, () => new CartesianVelocity(Grid(r, -524287, 524287, 0.01), Grid(r, -524287, 524287, 0.01))),
            RangeM = Maybe(r, () => Grid(r, -8388607, 8388607, 0.1)),
            AzimuthDeg = Maybe(r, () => Grid(r, 0, 65535, P.Cat048.AngleLsbDeg)),
            ElevationDeg = Maybe(r, () => Grid(r, -16384, 16384, P.Cat015.ElevationLsbDeg)),
        };
    }
}
