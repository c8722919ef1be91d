using System.Buffers;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Asterix;

/// <summary>A CAT021 ADS-B target report, edition 2.x (null when absent).</summary>
public record struct Cat021Record
{
    /// <summary>I021/010.</summary>
    public DataSource? Source { get; set; }

    /// <summary>I021/040 target report descriptor (ATP, ARC, RC, RAB; DCR, GBS, SIM, TST, SAA, CL; ... by octet and bit).</summary>
    public ExtendedBits? Descriptor { get; set; }

    /// <summary>I021/161 (12 bits).</summary>
    public int? TrackNumber { get; set; }

    /// <summary>I021/015.</summary>
    public int? ServiceId { get; set; }

    /// <summary>I021/071 time of applicability for position, 1/128 s.</summary>
    public uint? TimeOfApplicabilityPosition128 { get; set; }

    /// <summary>I021/130 (180/2^23°).</summary>
    public Wgs84Position? Position { get; set; }

    /// <summary>I021/131 (180/2^30°).</summary>
    public Wgs84Position? HighResolutionPosition { get; set; }

    /// <summary>I021/080.</summary>
    public uint? TargetAddress { get; set; }

    /// <summary>I021/073 time of message reception for position, 1/128 s.</summary>
    public uint? TimeOfReceptionPosition128 { get; set; }

    /// <summary>I021/140 (6.25 ft).</summary>
    public double? GeometricHeightFt { get; set; }

    /// <summary>I021/090 quality indicators (NUCr/NACv, NUCp/NIC; NICbaro, SIL, NACp; ... by octet and bit).</summary>
    public ExtendedBits? QualityIndicators { get; set; }

    /// <summary>I021/210 MOPS version octet (VNS bit 7, VN bits 6-4, LTT bits 3-1).</summary>
    public int? MopsVersion { get; set; }

    /// <summary>I021/070.</summary>
    public Mode3A? Mode3A { get; set; }

    /// <summary>I021/145 (1/4 FL).</summary>
    public double? FlightLevel { get; set; }

    /// <summary>I021/200 target status octet (ICF, LNAV, ME, PS, SS).</summary>
    public int? TargetStatus { get; set; }

    /// <summary>I021/160 (ground speed 2^-14 NM/s, track angle 360/2^16°).</summary>
    public PolarVelocity? GroundVector { get; set; }

    /// <summary>I021/160 RE bit: the ground speed exceeds the field.</summary>
    public bool? GroundSpeedRangeExceeded { get; set; }

    /// <summary>I021/170.</summary>
    public Callsign? TargetId { get; set; }

    /// <summary>I021/020 emitter category (ECAT).</summary>
    public int? EmitterCategory { get; set; }

    /// <summary>I021/016 report period (0.5 s).</summary>
    public double? ReportPeriodS { get; set; }
}

/// <summary>CAT021 ADS-B target reports (edition 2.7 UAP; reads 2.x, not 0.x): decode and encode.</summary>
public static class Cat021
{
    internal const double LatLonLsbDeg = 180.0 / (1 << 23);
    internal const double HighResLsbDeg = 180.0 / (1 << 30);
    internal const double HeightLsbFt = 6.25;
    internal const double FlLsb = 0.25;
    internal const double PeriodLsbS = 0.5;

    /// <summary>Decodes the record at the start of <paramref name="data"/>; <paramref name="consumed"/> is its length.</summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out Cat021Record record, out int consumed, out AsterixDecodeError error)
    {
        record = default;
        var r = new AsterixRecordReader(AsterixUaps.Cat021, data);
        while (r.MoveNext())
        {
            var it = r.Current;
            ReadOnlySpan<byte> d = it.Data;
            switch (it.Id)
            {
                case 10: record.Source = Common.Source(d); break;
                case 40: record.Descriptor = ExtendedBits.Read(d); break;
                case 161: record.TrackNumber = (int)(Bits.U(d, 2) & 0x0FFF); break;
                case 15: record.ServiceId = d[0]; break;
                case 71: record.TimeOfApplicabilityPosition128 = Common.U24(d); break;
                case 130: record.Position = new Wgs84Position(Bits.Signed(Bits.U(d, 3), 24) * LatLonLsbDeg, Bits.Signed(Bits.U(d[3..], 3), 24) * LatLonLsbDeg); break;
                case 131: record.HighResolutionPosition = new Wgs84Position(Bits.Signed(Bits.U(d, 4), 32) * HighResLsbDeg, Bits.Signed(Bits.U(d[4..], 4), 32) * HighResLsbDeg); break;
                case 80: record.TargetAddress = Common.U24(d); break;
                case 73: record.TimeOfReceptionPosition128 = Common.U24(d); break;
                case 140: record.GeometricHeightFt = Bits.Signed(Bits.U(d, 2), 16) * HeightLsbFt; break;
                case 90: record.QualityIndicators = ExtendedBits.Read(d); break;
                case 210: record.MopsVersion = d[0]; break;
                case 70: record.Mode3A = new Mode3A((ushort)(Bits.U(d, 2) & 0x0FFF)); break;
                case 145: record.FlightLevel = Bits.Signed(Bits.U(d, 2), 16) * FlLsb; break;
                case 200: record.TargetStatus = d[0]; break;
                case 160:
                    record.GroundVector = new PolarVelocity((Bits.U(d, 2) & 0x7FFF) * Cat048.SpeedLsbKt, Bits.U(d[2..], 2) * Cat048.AngleLsbDeg);
                    record.GroundSpeedRangeExceeded = (d[0] & 0x80) != 0;
                    break;
                case 170: record.TargetId = Common.Callsign(d); break;
                case 20: record.EmitterCategory = d[0]; break;
                case 16: record.ReportPeriodS = d[0] * PeriodLsbS; break;
            }
        }

        return Common.Finish(ref r, out consumed, out error);
    }

    /// <summary>Appends <paramref name="record"/> to the open block; false when it did not fit.</summary>
    public static bool Write(ref AsterixWriter w, in Cat021Record record)
    {
        w.BeginRecord(AsterixUaps.Cat021);
        Span<byte> d;
        if (record.Source is { } s && w.TryItem(10, 2, out d))
        {
            Common.Put(d, s);
        }

        if (record.Descriptor is { } ds && ds.Octets > 0 && w.TryItem(40, ds.Octets, out d))
        {
            ds.Write(d);
        }

        if (record.TrackNumber is { } tn && w.TryItem(161, 2, out d))
        {
            Bits.Put(d, (ulong)tn & 0x0FFF);
        }

        if (record.ServiceId is { } sid && w.TryItem(15, 1, out d))
        {
            d[0] = (byte)sid;
        }

        if (record.TimeOfApplicabilityPosition128 is { } tap && w.TryItem(71, 3, out d))
        {
            Bits.Put(d, tap);
        }

        if (record.Position is { } p && w.TryItem(130, 6, out d))
        {
            Bits.Put(d[..3], Bits.Quantize(p.LatDeg, LatLonLsbDeg, 24, true));
            Bits.Put(d[3..], Bits.Quantize(p.LonDeg, LatLonLsbDeg, 24, true));
        }

        if (record.HighResolutionPosition is { } hp && w.TryItem(131, 8, out d))
        {
            Bits.Put(d[..4], Bits.Quantize(hp.LatDeg, HighResLsbDeg, 32, true));
            Bits.Put(d[4..], Bits.Quantize(hp.LonDeg, HighResLsbDeg, 32, true));
        }

        if (record.TargetAddress is { } a && w.TryItem(80, 3, out d))
        {
            Bits.Put(d, a & 0xFFFFFF);
        }

        if (record.TimeOfReceptionPosition128 is { } trp && w.TryItem(73, 3, out d))
        {
            Bits.Put(d, trp);
        }

        if (record.GeometricHeightFt is { } gh && w.TryItem(140, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(gh, HeightLsbFt, 16, true));
        }

        if (record.QualityIndicators is { } qi && qi.Octets > 0 && w.TryItem(90, qi.Octets, out d))
        {
            qi.Write(d);
        }

        if (record.MopsVersion is { } mops && w.TryItem(210, 1, out d))
        {
            d[0] = (byte)mops;
        }

        if (record.Mode3A is { } m && w.TryItem(70, 2, out d))
        {
            Bits.Put(d, (ulong)(uint)(m.Code & 0x0FFF));
        }

        if (record.FlightLevel is { } fl && w.TryItem(145, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(fl, FlLsb, 16, true));
        }

        if (record.TargetStatus is { } ts && w.TryItem(200, 1, out d))
        {
            d[0] = (byte)ts;
        }

        if (record.GroundVector is { } gv && w.TryItem(160, 4, out d))
        {
            Bits.Put(d[..2], Bits.Quantize(gv.GroundSpeedKt, Cat048.SpeedLsbKt, 15, false) | (record.GroundSpeedRangeExceeded == true ? 0x8000UL : 0));
            Bits.Put(d[2..], Cat048.Wrap16(gv.HeadingDeg));
        }

        if (record.TargetId is { } id && w.TryItem(170, 6, out d))
        {
            Bits.Put(d, id.Packed);
        }

        if (record.EmitterCategory is { } ec && w.TryItem(20, 1, out d))
        {
            d[0] = (byte)ec;
        }

        if (record.ReportPeriodS is { } rp && w.TryItem(16, 1, out d))
        {
            Bits.Put(d, Bits.Quantize(rp, PeriodLsbS, 8, false));
        }

        w.EndRecord();
        return !w.Failed;
    }
}
