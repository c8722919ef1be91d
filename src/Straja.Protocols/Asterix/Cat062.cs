using System.Buffers;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Asterix;

/// <summary>A CAT062 system track (null when absent).</summary>
public record struct Cat062Record
{
    /// <summary>I062/010.</summary>
    public DataSource? Source { get; set; }

    /// <summary>I062/015 service identification.</summary>
    public int? ServiceId { get; set; }

    /// <summary>I062/070 time of track information in 1/128 s.</summary>
    public uint? TimeOfTrack128 { get; set; }

    /// <summary>I062/105 (180/2^25°).</summary>
    public Wgs84Position? Position { get; set; }

    /// <summary>I062/100 (0.5 m).</summary>
    public CartesianPosition? CartesianPosition { get; set; }

    /// <summary>I062/185 (0.25 m/s).</summary>
    public CartesianVelocity? Velocity { get; set; }

    /// <summary>I062/060 (the third flag is CH, code changed).</summary>
    public Mode3A? Mode3A { get; set; }

    /// <summary>I062/040.</summary>
    public int? TrackNumber { get; set; }

    /// <summary>I062/080 track status (MON, SPI, MRH, SRC, CNF; SIM, TSE, TSB, ... by octet and bit).</summary>
    public ExtendedBits? TrackStatus { get; set; }

    /// <summary>I062/136 (1/4 FL).</summary>
    public double? MeasuredFl { get; set; }

    /// <summary>I062/130 (6.25 ft).</summary>
    public double? GeometricAltitudeFt { get; set; }

    /// <summary>I062/135 (1/4 FL).</summary>
    public double? BarometricAltitudeFl { get; set; }

    /// <summary>I062/135 QNH bit: the altitude is corrected for QNH.</summary>
    public bool? BarometricQnhCorrected { get; set; }

    /// <summary>I062/380 subfield ADR.</summary>
    public uint? TargetAddress { get; set; }

    /// <summary>I062/380 subfield ID.</summary>
    public Callsign? TargetId { get; set; }

    /// <summary>I062/500 Estimated Accuracies (the subfields this library types).</summary>
    public Cat062Accuracy? Accuracy { get; set; }
}

/// <summary>
/// I062/500 Estimated Accuracies: the SDPS's own one-sigma opinion of its track (null where the subfield is
/// absent). Acceleration (AA) and rate-of-climb (ARC) accuracies are framed but not typed.
/// </summary>
/// <param name="Position">APC: x/y position accuracy on the system plane, m (LSB 0.5 m).</param>
/// <param name="CovarianceXyM">COV: sign(cov(x,y))·√|cov(x,y)|, m (LSB 0.5 m).</param>
/// <param name="Wgs84">APW: latitude/longitude accuracy, degrees (LSB 180/2^25°).</param>
/// <param name="GeometricAltitudeFt">AGA: geometric altitude accuracy, ft (LSB 6.25 ft).</param>
/// <param name="BarometricAltitudeFl">ABA: barometric altitude accuracy, FL (LSB 1/4 FL).</param>
/// <param name="Velocity">ATV: x/y velocity accuracy, m/s (LSB 0.25 m/s).</param>
public readonly record struct Cat062Accuracy(
    CartesianPosition? Position = null,
    double? CovarianceXyM = null,
    Wgs84Position? Wgs84 = null,
    double? GeometricAltitudeFt = null,
    double? BarometricAltitudeFl = null,
    CartesianVelocity? Velocity = null);

/// <summary>CAT062 SDPS system tracks (edition 1.21 UAP; reads 1.x): decode and encode.</summary>
/// <remarks>
/// I062/500 follows EUROCONTROL-SPEC-0149-9, CAT062 edition 1.17 onwards (unchanged to 1.21): a compound
/// item whose subfields are APC 4 octets (x, y: 16-bit unsigned, 0.5 m), COV 2 (16-bit signed, 0.5 m),
/// APW 4 (lat, lon: 16-bit unsigned, 180/2^25°), AGA 1 (unsigned, 6.25 ft), ABA 1 (unsigned, 1/4 FL),
/// ATV 2 (x, y: 8-bit unsigned, 0.25 m/s), AA 2 (x, y: 8-bit unsigned, 0.25 m/s²), ARC 1 (6.25 ft/min).
/// The maximum value of an accuracy means "that or worse", so the encoder saturates.
/// </remarks>
public static class Cat062
{
    internal const double LatLonLsbDeg = 180.0 / (1 << 25);
    internal const double XyLsbM = 0.5;
    internal const double VLsbMps = 0.25;
    internal const double FlLsb = 0.25;
    internal const double AltLsbFt = 6.25;
    internal const double AccuracyXyLsbM = 0.5;
    internal const double AccuracyVLsbMps = 0.25;

    /// <summary>Decodes the record at the start of <paramref name="data"/>; <paramref name="consumed"/> is its length.</summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out Cat062Record record, out int consumed, out AsterixDecodeError error)
    {
        record = default;
        var r = new AsterixRecordReader(AsterixUaps.Cat062, data);
        while (r.MoveNext())
        {
            var it = r.Current;
            ReadOnlySpan<byte> d = it.Data;
            switch (it.Id)
            {
                case 10: record.Source = Common.Source(d); break;
                case 15: record.ServiceId = d[0]; break;
                case 70: record.TimeOfTrack128 = Common.U24(d); break;
                case 105: record.Position = new Wgs84Position(Bits.Signed(Bits.U(d, 4), 32) * LatLonLsbDeg, Bits.Signed(Bits.U(d[4..], 4), 32) * LatLonLsbDeg); break;
                case 100: record.CartesianPosition = new CartesianPosition(Bits.Signed(Bits.U(d, 3), 24) * XyLsbM, Bits.Signed(Bits.U(d[3..], 3), 24) * XyLsbM); break;
                case 185: record.Velocity = new CartesianVelocity(Bits.Signed(Bits.U(d, 2), 16) * VLsbMps, Bits.Signed(Bits.U(d[2..], 2), 16) * VLsbMps); break;
                case 60: record.Mode3A = Cat048.ReadMode3A(d); break;
                case 40: record.TrackNumber = (int)Bits.U(d, 2); break;
                case 80: record.TrackStatus = ExtendedBits.Read(d); break;
                case 136: record.MeasuredFl = Bits.Signed(Bits.U(d, 2), 16) * FlLsb; break;
                case 130: record.GeometricAltitudeFt = Bits.Signed(Bits.U(d, 2), 16) * AltLsbFt; break;
                case 135:
                    record.BarometricAltitudeFl = Bits.Signed(Bits.U(d, 2), 15) * FlLsb;
                    record.BarometricQnhCorrected = (d[0] & 0x80) != 0;
                    break;
                case 380:
                    var e = Bits.Subfields(d, AsterixUaps.Cat062.FormatAt(it.Frn)!);
                    while (e.MoveNext())
                    {
                        if (e.Index == 0)
                        {
                            record.TargetAddress = Common.U24(e.Current);
                        }
                        else if (e.Index == 1)
                        {
                            record.TargetId = Common.Callsign(e.Current);
                        }
                    }

                    break;
                case 500:
                    record.Accuracy = ReadAccuracy(d, AsterixUaps.Cat062.FormatAt(it.Frn)!);
                    break;
            }
        }

        return Common.Finish(ref r, out consumed, out error);
    }

    /// <summary>Appends <paramref name="record"/> to the open block; false when it did not fit.</summary>
    public static bool Write(ref AsterixWriter w, in Cat062Record record)
    {
        w.BeginRecord(AsterixUaps.Cat062);
        Span<byte> d;
        if (record.Source is { } s && w.TryItem(10, 2, out d))
        {
            Common.Put(d, s);
        }

        if (record.ServiceId is { } sid && w.TryItem(15, 1, out d))
        {
            d[0] = (byte)sid;
        }

        if (record.TimeOfTrack128 is { } t && w.TryItem(70, 3, out d))
        {
            Bits.Put(d, t);
        }

        if (record.Position is { } p && w.TryItem(105, 8, out d))
        {
            Bits.Put(d[..4], Bits.Quantize(p.LatDeg, LatLonLsbDeg, 32, true));
            Bits.Put(d[4..], Bits.Quantize(p.LonDeg, LatLonLsbDeg, 32, true));
        }

        if (record.CartesianPosition is { } c && w.TryItem(100, 6, out d))
        {
            Bits.Put(d[..3], Bits.Quantize(c.XM, XyLsbM, 24, true));
            Bits.Put(d[3..], Bits.Quantize(c.YM, XyLsbM, 24, true));
        }

        if (record.Velocity is { } v && w.TryItem(185, 4, out d))
        {
            Bits.Put(d[..2], Bits.Quantize(v.VxMps, VLsbMps, 16, true));
            Bits.Put(d[2..], Bits.Quantize(v.VyMps, VLsbMps, 16, true));
        }

        if (record.Mode3A is { } m && w.TryItem(60, 2, out d))
        {
            Cat048.PutMode3A(d, m);
        }

        WriteTargetData(ref w, record);

        if (record.TrackNumber is { } tn && w.TryItem(40, 2, out d))
        {
            Bits.Put(d, (ulong)tn & 0xFFFF);
        }

        if (record.TrackStatus is { } ts && ts.Octets > 0 && w.TryItem(80, ts.Octets, out d))
        {
            ts.Write(d);
        }

        if (record.MeasuredFl is { } mfl && w.TryItem(136, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(mfl, FlLsb, 16, true));
        }

        if (record.GeometricAltitudeFt is { } ga && w.TryItem(130, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(ga, AltLsbFt, 16, true));
        }

        if (record.BarometricAltitudeFl is { } ba && w.TryItem(135, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(ba, FlLsb, 15, true) | (record.BarometricQnhCorrected == true ? 0x8000UL : 0));
        }

        WriteAccuracy(ref w, record.Accuracy);

        w.EndRecord();
        return !w.Failed;
    }

    // The reader measured the item against the UAP's subfield table, so every present subfield is whole.
    private static Cat062Accuracy ReadAccuracy(ReadOnlySpan<byte> d, ItemFormat format)
    {
        var a = default(Cat062Accuracy);
        var e = Bits.Subfields(d, format);
        while (e.MoveNext())
        {
            var s = e.Current;
            a = e.Index switch
            {
                0 => a with { Position = new CartesianPosition(Bits.U(s, 2) * AccuracyXyLsbM, Bits.U(s[2..], 2) * AccuracyXyLsbM) },
                1 => a with { CovarianceXyM = Bits.Signed(Bits.U(s, 2), 16) * AccuracyXyLsbM },
                2 => a with { Wgs84 = new Wgs84Position(Bits.U(s, 2) * LatLonLsbDeg, Bits.U(s[2..], 2) * LatLonLsbDeg) },
                3 => a with { GeometricAltitudeFt = s[0] * AltLsbFt },
                4 => a with { BarometricAltitudeFl = s[0] * FlLsb },
                5 => a with { Velocity = new CartesianVelocity(s[0] * AccuracyVLsbMps, s[1] * AccuracyVLsbMps) },
                _ => a,
            };
        }

        return a;
    }

    private static void WriteAccuracy(ref AsterixWriter w, Cat062Accuracy? accuracy)
    {
        if (accuracy is not { } a)
        {
            return;
        }

        var c = new CompoundBuilder();
        if (a.Position is { } p)
        {
            c.Add(0, 4, (Bits.Quantize(p.XM, AccuracyXyLsbM, 16, false) << 16) | Bits.Quantize(p.YM, AccuracyXyLsbM, 16, false));
        }

        if (a.CovarianceXyM is { } cov)
        {
            c.Add(1, 2, Bits.Quantize(cov, AccuracyXyLsbM, 16, true));
        }

        if (a.Wgs84 is { } g)
        {
            c.Add(2, 4, (Bits.Quantize(g.LatDeg, LatLonLsbDeg, 16, false) << 16) | Bits.Quantize(g.LonDeg, LatLonLsbDeg, 16, false));
        }

        if (a.GeometricAltitudeFt is { } ga)
        {
            c.Add(3, 1, Bits.Quantize(ga, AltLsbFt, 8, false));
        }

        if (a.BarometricAltitudeFl is { } ba)
        {
            c.Add(4, 1, Bits.Quantize(ba, FlLsb, 8, false));
        }

        if (a.Velocity is { } v)
        {
            c.Add(5, 2, (Bits.Quantize(v.VxMps, AccuracyVLsbMps, 8, false) << 8) | Bits.Quantize(v.VyMps, AccuracyVLsbMps, 8, false));
        }

        c.WriteTo(ref w, 500);
    }

    private static void WriteTargetData(ref AsterixWriter w, in Cat062Record record)
    {
        var c = new CompoundBuilder();
        if (record.TargetAddress is { } a)
        {
            c.Add(0, 3, a & 0xFFFFFF);
        }

        if (record.TargetId is { } id)
        {
            c.Add(1, 6, id.Packed);
        }

        c.WriteTo(ref w, 380);
    }
}
