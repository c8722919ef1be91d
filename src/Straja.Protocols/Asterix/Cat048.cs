using System.Buffers;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Asterix;

/// <summary>I048/020 Target Report Descriptor: first octet and first extension (later extensions are skipped).</summary>
public readonly record struct Cat048Descriptor(
    int Typ, bool Sim = false, bool Rdp = false, bool Spi = false, bool Rab = false,
    bool Tst = false, bool Err = false, bool Xpp = false, bool Me = false, bool Mi = false, int FoeFri = 0)
{
    internal bool HasExtension => Tst || Err || Xpp || Me || Mi || FoeFri != 0;
}

/// <summary>I048/170 Track Status: first octet and first extension.</summary>
public readonly record struct Cat048TrackStatus(
    bool Cnf, int Rad, bool Dou = false, bool Mah = false, int Cdm = 0,
    bool Tre = false, bool Gho = false, bool Sup = false, bool Tcc = false)
{
    internal bool HasExtension => Tre || Gho || Sup || Tcc;
}

/// <summary>I048/130 Radar Plot Characteristics (compound); each subfield is optional.</summary>
public readonly record struct RadarPlotCharacteristics(
    double? SsrRunLengthDeg = null, int? SsrReplies = null, int? SsrAmplitudeDbm = null,
    double? PsrRunLengthDeg = null, int? PsrAmplitudeDbm = null, double? RangeDifferenceNm = null, double? AzimuthDifferenceDeg = null);

/// <summary>A CAT048 monoradar target report: the items Straja interprets (null when absent).</summary>
public record struct Cat048Record
{
    /// <summary>I048/010.</summary>
    public DataSource? Source { get; set; }

    /// <summary>I048/140 time of day in 1/128 s since midnight UTC (see <see cref="AsterixTime"/>).</summary>
    public uint? TimeOfDay128 { get; set; }

    /// <summary>I048/020.</summary>
    public Cat048Descriptor? Descriptor { get; set; }

    /// <summary>I048/040 (RHO 1/256 NM, THETA 360/2^16°).</summary>
    public PolarPosition? MeasuredPosition { get; set; }

    /// <summary>I048/070.</summary>
    public Mode3A? Mode3A { get; set; }

    /// <summary>I048/090 (1/4 FL).</summary>
    public FlightLevel? FlightLevel { get; set; }

    /// <summary>I048/130.</summary>
    public RadarPlotCharacteristics? PlotCharacteristics { get; set; }

    /// <summary>I048/220 24-bit ICAO address.</summary>
    public uint? AircraftAddress { get; set; }

    /// <summary>I048/240.</summary>
    public Callsign? AircraftId { get; set; }

    /// <summary>I048/161 (12 bits).</summary>
    public int? TrackNumber { get; set; }

    /// <summary>I048/042 (1/128 NM).</summary>
    public CartesianPositionNm? CalculatedPosition { get; set; }

    /// <summary>I048/200 (ground speed 2^-14 NM/s, heading 360/2^16°).</summary>
    public PolarVelocity? Velocity { get; set; }

    /// <summary>I048/170.</summary>
    public Cat048TrackStatus? TrackStatus { get; set; }

    /// <summary>I048/110 height measured by a 3D radar (25 ft).</summary>
    public double? Height3DFt { get; set; }
}

/// <summary>CAT048 monoradar target reports (edition 1.32 UAP; reads 1.x): decode and encode.</summary>
public static class Cat048
{
    internal const double RhoLsbNm = 1.0 / 256;
    internal const double AngleLsbDeg = 360.0 / 65536;
    internal const double FlLsb = 0.25;
    internal const double XyLsbNm = 1.0 / 128;
    internal const double SpeedLsbKt = 3600.0 / 16384; // 2^-14 NM/s
    internal const double HeightLsbFt = 25;
    internal const double RunLengthLsbDeg = 360.0 / 8192;
    internal const double AzimuthDiffLsbDeg = 360.0 / 16384;

    /// <summary>
    /// Decodes the record at the start of <paramref name="data"/> (more records may follow);
    /// <paramref name="consumed"/> is its length. Items not interpreted are skipped by their length.
    /// </summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out Cat048Record record, out int consumed, out AsterixDecodeError error)
    {
        record = default;
        var r = new AsterixRecordReader(AsterixUaps.Cat048, data);
        while (r.MoveNext())
        {
            var it = r.Current;
            ReadOnlySpan<byte> d = it.Data;
            switch (it.Id)
            {
                case 10: record.Source = Common.Source(d); break;
                case 140: record.TimeOfDay128 = Common.U24(d); break;
                case 20:
                    {
                        var x = ExtendedBits.Read(d);
                        record.Descriptor = new Cat048Descriptor(
                            x.Field(0, 8, 3), x.Bit(0, 5), x.Bit(0, 4), x.Bit(0, 3), x.Bit(0, 2),
                            x.Bit(1, 8), x.Bit(1, 7), x.Bit(1, 6), x.Bit(1, 5), x.Bit(1, 4), x.Field(1, 3, 2));
                        break;
                    }

                case 40: record.MeasuredPosition = new PolarPosition(Bits.U(d, 2) * RhoLsbNm, Bits.U(d[2..], 2) * AngleLsbDeg); break;
                case 70: record.Mode3A = ReadMode3A(d); break;
                case 90: record.FlightLevel = new FlightLevel(Bits.Signed(Bits.U(d, 2), 14) * FlLsb, (d[0] & 0x80) != 0, (d[0] & 0x40) != 0); break;
                case 130: record.PlotCharacteristics = ReadPlot(d); break;
                case 220: record.AircraftAddress = Common.U24(d); break;
                case 240: record.AircraftId = Common.Callsign(d); break;
                case 161: record.TrackNumber = (int)(Bits.U(d, 2) & 0x0FFF); break;
                case 42: record.CalculatedPosition = new CartesianPositionNm(Bits.Signed(Bits.U(d, 2), 16) * XyLsbNm, Bits.Signed(Bits.U(d[2..], 2), 16) * XyLsbNm); break;
                case 200: record.Velocity = new PolarVelocity(Bits.U(d, 2) * SpeedLsbKt, Bits.U(d[2..], 2) * AngleLsbDeg); break;
                case 170:
                    {
                        var x = ExtendedBits.Read(d);
                        record.TrackStatus = new Cat048TrackStatus(
                            x.Bit(0, 8), x.Field(0, 7, 2), x.Bit(0, 5), x.Bit(0, 4), x.Field(0, 3, 2),
                            x.Bit(1, 8), x.Bit(1, 7), x.Bit(1, 6), x.Bit(1, 5));
                        break;
                    }

                case 110: record.Height3DFt = Bits.Signed(Bits.U(d, 2), 14) * HeightLsbFt; break;
            }
        }

        return Common.Finish(ref r, out consumed, out error);
    }

    /// <summary>Appends <paramref name="record"/> to the open block; false when it did not fit.</summary>
    public static bool Write(ref AsterixWriter w, in Cat048Record record)
    {
        w.BeginRecord(AsterixUaps.Cat048);
        Span<byte> d;
        if (record.Source is { } s && w.TryItem(10, 2, out d))
        {
            Common.Put(d, s);
        }

        if (record.TimeOfDay128 is { } t && w.TryItem(140, 3, out d))
        {
            Bits.Put(d, t);
        }

        if (record.Descriptor is { } ds && w.TryItem(20, ds.HasExtension ? 2 : 1, out d))
        {
            d[0] = (byte)(((ds.Typ & 7) << 5) | (ds.Sim ? 0x10 : 0) | (ds.Rdp ? 8 : 0) | (ds.Spi ? 4 : 0) | (ds.Rab ? 2 : 0));
            if (ds.HasExtension)
            {
                d[0] |= 1;
                d[1] = (byte)((ds.Tst ? 0x80 : 0) | (ds.Err ? 0x40 : 0) | (ds.Xpp ? 0x20 : 0) | (ds.Me ? 0x10 : 0) | (ds.Mi ? 8 : 0) | ((ds.FoeFri & 3) << 1));
            }
        }

        if (record.MeasuredPosition is { } p && w.TryItem(40, 4, out d))
        {
            Bits.Put(d[..2], Bits.Quantize(p.RhoNm, RhoLsbNm, 16, false));
            Bits.Put(d[2..], Wrap16(p.ThetaDeg));
        }

        if (record.Mode3A is { } m && w.TryItem(70, 2, out d))
        {
            PutMode3A(d, m);
        }

        if (record.FlightLevel is { } fl && w.TryItem(90, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(fl.Fl, FlLsb, 14, true) | (fl.NotValidated ? 0x8000UL : 0) | (fl.Garbled ? 0x4000UL : 0));
        }

        if (record.PlotCharacteristics is { } pc)
        {
            WritePlot(ref w, pc);
        }

        if (record.AircraftAddress is { } a && w.TryItem(220, 3, out d))
        {
            Bits.Put(d, a & 0xFFFFFF);
        }

        if (record.AircraftId is { } id && w.TryItem(240, 6, out d))
        {
            Bits.Put(d, id.Packed);
        }

        if (record.TrackNumber is { } tn && w.TryItem(161, 2, out d))
        {
            Bits.Put(d, (ulong)tn & 0x0FFF);
        }

        if (record.CalculatedPosition is { } c && w.TryItem(42, 4, out d))
        {
            Bits.Put(d[..2], Bits.Quantize(c.XNm, XyLsbNm, 16, true));
            Bits.Put(d[2..], Bits.Quantize(c.YNm, XyLsbNm, 16, true));
        }

        if (record.Velocity is { } v && w.TryItem(200, 4, out d))
        {
            Bits.Put(d[..2], Bits.Quantize(v.GroundSpeedKt, SpeedLsbKt, 16, false));
            Bits.Put(d[2..], Wrap16(v.HeadingDeg));
        }

        if (record.TrackStatus is { } ts && w.TryItem(170, ts.HasExtension ? 2 : 1, out d))
        {
            d[0] = (byte)((ts.Cnf ? 0x80 : 0) | ((ts.Rad & 3) << 5) | (ts.Dou ? 0x10 : 0) | (ts.Mah ? 8 : 0) | ((ts.Cdm & 3) << 1));
            if (ts.HasExtension)
            {
                d[0] |= 1;
                d[1] = (byte)((ts.Tre ? 0x80 : 0) | (ts.Gho ? 0x40 : 0) | (ts.Sup ? 0x20 : 0) | (ts.Tcc ? 0x10 : 0));
            }
        }

        if (record.Height3DFt is { } h && w.TryItem(110, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(h, HeightLsbFt, 14, true));
        }

        w.EndRecord();
        return !w.Failed;
    }

    internal static Mode3A ReadMode3A(ReadOnlySpan<byte> d) =>
        new((ushort)(Bits.U(d, 2) & 0x0FFF), (d[0] & 0x80) != 0, (d[0] & 0x40) != 0, (d[0] & 0x20) != 0);

    internal static void PutMode3A(Span<byte> d, Mode3A m) =>
        Bits.Put(d, (ulong)(uint)(m.Code & 0x0FFF) | (m.NotValidated ? 0x8000UL : 0) | (m.Garbled ? 0x4000UL : 0) | (m.Smoothed ? 0x2000UL : 0));

    /// <summary>An angle in [0, 360) as a 16-bit count of 360/2^16°, wrapping 360 to 0.</summary>
    internal static ulong Wrap16(double deg) => (ulong)((long)Math.Round(deg / AngleLsbDeg, MidpointRounding.AwayFromZero) & 0xFFFF);

    private static RadarPlotCharacteristics ReadPlot(ReadOnlySpan<byte> item)
    {
        // Locals, one constructor call: a `with` per subfield would copy the whole struct each time.
        double? ssrRun = null, psrRun = null, rangeDiff = null, azDiff = null;
        int? ssrReplies = null, ssrAmp = null, psrAmp = null;
        var e = Bits.Subfields(item, AsterixUaps.Cat048.FormatAt(7)!);
        while (e.MoveNext())
        {
            byte b = e.Current[0];
            switch (e.Index)
            {
                case 0: ssrRun = b * RunLengthLsbDeg; break;
                case 1: ssrReplies = b; break;
                case 2: ssrAmp = (sbyte)b; break;
                case 3: psrRun = b * RunLengthLsbDeg; break;
                case 4: psrAmp = (sbyte)b; break;
                case 5: rangeDiff = (sbyte)b * RhoLsbNm; break;
                default: azDiff = (sbyte)b * AzimuthDiffLsbDeg; break;
            }
        }

        return new RadarPlotCharacteristics(ssrRun, ssrReplies, ssrAmp, psrRun, psrAmp, rangeDiff, azDiff);
    }

    private static void WritePlot(ref AsterixWriter w, RadarPlotCharacteristics pc)
    {
        var c = new CompoundBuilder();
        if (pc.SsrRunLengthDeg is { } a)
        {
            c.Add(0, 1, Bits.Quantize(a, RunLengthLsbDeg, 8, false));
        }

        if (pc.SsrReplies is { } b)
        {
            c.Add(1, 1, (ulong)Math.Clamp(b, 0, 255));
        }

        if (pc.SsrAmplitudeDbm is { } sam)
        {
            c.Add(2, 1, Bits.Quantize(sam, 1, 8, true));
        }

        if (pc.PsrRunLengthDeg is { } prl)
        {
            c.Add(3, 1, Bits.Quantize(prl, RunLengthLsbDeg, 8, false));
        }

        if (pc.PsrAmplitudeDbm is { } pam)
        {
            c.Add(4, 1, Bits.Quantize(pam, 1, 8, true));
        }

        if (pc.RangeDifferenceNm is { } rpd)
        {
            c.Add(5, 1, Bits.Quantize(rpd, RhoLsbNm, 8, true));
        }

        if (pc.AzimuthDifferenceDeg is { } apd)
        {
            c.Add(6, 1, Bits.Quantize(apd, AzimuthDiffLsbDeg, 8, true));
        }

        c.WriteTo(ref w, 130);
    }
}
