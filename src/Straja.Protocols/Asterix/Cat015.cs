using System.Buffers;
using System.Runtime.CompilerServices;

namespace Straja.Protocols.Asterix;

/// <summary>One I015/300 classification: a class code agreed in the sensor's ICD (9 bits) and its probability (7 bits, percent).</summary>
public readonly record struct ObjectClass(int Class, int Probability);

/// <summary>Up to <see cref="Capacity"/> I015/300 classifications, held inline so decoding allocates nothing.</summary>
public struct ObjectClasses : IEquatable<ObjectClasses>
{
    public const int Capacity = 8;
    private Storage items;

    public int Count { get; private set; }

    public readonly ObjectClass this[int index] => index >= 0 && index < Count ? items[index] : default;

    /// <summary>Adds a class; false (and ignored) once <see cref="Capacity"/> are held.</summary>
    public bool Add(ObjectClass c)
    {
        if (Count >= Capacity)
        {
            return false;
        }

        items[Count++] = c;
        return true;
    }

    public readonly bool Equals(ObjectClasses other)
    {
        if (Count != other.Count)
        {
            return false;
        }

        for (int i = 0; i < Count; i++)
        {
            if (this[i] != other[i])
            {
                return false;
            }
        }

        return true;
    }

    public override readonly bool Equals(object? obj) => obj is ObjectClasses o && Equals(o);

    public override readonly int GetHashCode() => HashCode.Combine(Count, this[0]);

    public static bool operator ==(ObjectClasses left, ObjectClasses right) => left.Equals(right);

    public static bool operator !=(ObjectClasses left, ObjectClasses right) => !left.Equals(right);

    [InlineArray(Capacity)]
    private struct Storage
    {
        private ObjectClass first;
    }
}

/// <summary>A CAT015 INCS target report (non-cooperative sensors, e.g. drone detection radars), edition 1.2 (null when absent).</summary>
public record struct Cat015Record
{
    /// <summary>I015/010.</summary>
    public DataSource? Source { get; set; }

    /// <summary>I015/000 MT (message type, 7 bits).</summary>
    public int? MessageType { get; set; }

    /// <summary>I015/000 RG bit: report generated periodically (0) or by an event (1).</summary>
    public bool? EventGenerated { get; set; }

    /// <summary>I015/015.</summary>
    public int? ServiceId { get; set; }

    /// <summary>I015/020 target report descriptor (MOMU, TTAX, SCD, ...).</summary>
    public ExtendedBits? Descriptor { get; set; }

    /// <summary>I015/145 time of applicability, 1/128 s.</summary>
    public uint? TimeOfApplicability128 { get; set; }

    /// <summary>I015/161 track/plot number.</summary>
    public int? TrackNumber { get; set; }

    /// <summary>I015/170 track/plot status (BIZ, BAZ, TUR, CSTP, CSTH, CNF, ...).</summary>
    public ExtendedBits? TrackStatus { get; set; }

    /// <summary>I015/300 classifications.</summary>
    public ObjectClasses Classes { get; set; }

    /// <summary>I015/600 subfield P84 (180/2^31°).</summary>
    public Wgs84Position? Position { get; set; }

    /// <summary>I015/601 subfield GH, geometric height above the WGS-84 ellipsoid (0.01 m).</summary>
    public double? GeometricHeightM { get; set; }

    /// <summary>I015/602 subfield HV, horizontal velocity in target-centric x (east) / y (north), 0.01 m/s.</summary>
    public CartesianVelocity? Velocity { get; set; }

    /// <summary>I015/625 subfield R, range from the sensor (0.1 m).</summary>
    public double? RangeM { get; set; }

    /// <summary>I015/627 subfield AZ, azimuth from north (360/2^16°).</summary>
    public double? AzimuthDeg { get; set; }

    /// <summary>I015/628 subfield EL, elevation (180/2^16°).</summary>
    public double? ElevationDeg { get; set; }
}

/// <summary>CAT015 INCS target reports (edition 1.2 UAP): decode and encode.</summary>
public static class Cat015
{
    internal const double LatLonLsbDeg = 180.0 / (1L << 31);
    internal const double HeightLsbM = 0.01;
    internal const double VLsbMps = 0.01;
    internal const double RangeLsbM = 0.1;
    internal const double ElevationLsbDeg = 180.0 / 65536;

    /// <summary>Decodes the record at the start of <paramref name="data"/>; <paramref name="consumed"/> is its length.</summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out Cat015Record record, out int consumed, out AsterixDecodeError error)
    {
        record = default;
        var r = new AsterixRecordReader(AsterixUaps.Cat015, data);
        while (r.MoveNext())
        {
            var it = r.Current;
            ReadOnlySpan<byte> d = it.Data;
            switch (it.Id)
            {
                case 10: record.Source = Common.Source(d); break;
                case 0:
                    record.MessageType = d[0] >> 1;
                    record.EventGenerated = (d[0] & 1) != 0;
                    break;
                case 15: record.ServiceId = d[0]; break;
                case 20: record.Descriptor = ExtendedBits.Read(d); break;
                case 145: record.TimeOfApplicability128 = Common.U24(d); break;
                case 161: record.TrackNumber = (int)Bits.U(d, 2); break;
                case 170: record.TrackStatus = ExtendedBits.Read(d); break;
                case 300:
                    {
                        var classes = default(ObjectClasses);
                        for (int i = 0; i < d[0]; i++)
                        {
                            int v = (int)Bits.U(d[(1 + (2 * i))..], 2);
                            classes.Add(new ObjectClass(v >> 7, v & 0x7F));
                        }

                        record.Classes = classes;
                        break;
                    }

                default:
                    ReadCompound(ref record, it);
                    break;
            }
        }

        return Common.Finish(ref r, out consumed, out error);
    }

    private static void ReadCompound(ref Cat015Record record, AsterixItem it)
    {
        if (it.Id is not (600 or 601 or 602 or 625 or 627 or 628))
        {
            return;
        }

        var e = Bits.Subfields(it.Data, AsterixUaps.Cat015.FormatAt(it.Frn)!);
        while (e.MoveNext())
        {
            if (e.Index != 0)
            {
                continue;
            }

            var s = e.Current;
            switch (it.Id)
            {
                case 600: record.Position = new Wgs84Position(Bits.Signed(Bits.U(s, 4), 32) * LatLonLsbDeg, Bits.Signed(Bits.U(s[4..], 4), 32) * LatLonLsbDeg); break;
                case 601: record.GeometricHeightM = Bits.Signed(Bits.U(s, 3), 24) * HeightLsbM; break;
                case 602:
                    {
                        ulong v = Bits.U(s, 5);
                        record.Velocity = new CartesianVelocity(Bits.Signed(v >> 20, 20) * VLsbMps, Bits.Signed(v & 0xFFFFF, 20) * VLsbMps);
                        break;
                    }

                case 625: record.RangeM = Bits.Signed(Bits.U(s, 3), 24) * RangeLsbM; break;
                case 627: record.AzimuthDeg = Bits.U(s, 2) * Cat048.AngleLsbDeg; break;
                default: record.ElevationDeg = Bits.Signed(Bits.U(s, 2), 16) * ElevationLsbDeg; break;
            }
        }
    }

    /// <summary>Appends <paramref name="record"/> to the open block; false when it did not fit.</summary>
    public static bool Write(ref AsterixWriter w, in Cat015Record record)
    {
        w.BeginRecord(AsterixUaps.Cat015);
        Span<byte> d;
        if (record.Source is { } s && w.TryItem(10, 2, out d))
        {
            Common.Put(d, s);
        }

        if (record.MessageType is { } mt && w.TryItem(0, 1, out d))
        {
            d[0] = (byte)(((mt & 0x7F) << 1) | (record.EventGenerated == true ? 1 : 0));
        }

        if (record.ServiceId is { } sid && w.TryItem(15, 1, out d))
        {
            d[0] = (byte)sid;
        }

        if (record.Descriptor is { } ds && ds.Octets > 0 && w.TryItem(20, ds.Octets, out d))
        {
            ds.Write(d);
        }

        if (record.TimeOfApplicability128 is { } t && w.TryItem(145, 3, out d))
        {
            Bits.Put(d, t);
        }

        if (record.TrackNumber is { } tn && w.TryItem(161, 2, out d))
        {
            Bits.Put(d, (ulong)tn & 0xFFFF);
        }

        if (record.TrackStatus is { } ts && ts.Octets > 0 && w.TryItem(170, ts.Octets, out d))
        {
            ts.Write(d);
        }

        var classes = record.Classes;
        if (classes.Count > 0 && w.TryItem(300, 1 + (2 * classes.Count), out d))
        {
            d[0] = (byte)classes.Count;
            for (int i = 0; i < classes.Count; i++)
            {
                Bits.Put(d.Slice(1 + (2 * i), 2), (ulong)(((classes[i].Class & 0x1FF) << 7) | (classes[i].Probability & 0x7F)));
            }
        }

        if (record.Position is { } p)
        {
            WriteFirstSubfield(ref w, 600, 8, (Bits.Quantize(p.LatDeg, LatLonLsbDeg, 32, true) << 32) | Bits.Quantize(p.LonDeg, LatLonLsbDeg, 32, true));
        }

        if (record.GeometricHeightM is { } gh)
        {
            WriteFirstSubfield(ref w, 601, 3, Bits.Quantize(gh, HeightLsbM, 24, true));
        }

        if (record.Velocity is { } v)
        {
            WriteFirstSubfield(ref w, 602, 5, (Bits.Quantize(v.VxMps, VLsbMps, 20, true) << 20) | Bits.Quantize(v.VyMps, VLsbMps, 20, true));
        }

        if (record.RangeM is { } range)
        {
            WriteFirstSubfield(ref w, 625, 3, Bits.Quantize(range, RangeLsbM, 24, true));
        }

        if (record.AzimuthDeg is { } az)
        {
            WriteFirstSubfield(ref w, 627, 2, Cat048.Wrap16(az));
        }

        if (record.ElevationDeg is { } el)
        {
            WriteFirstSubfield(ref w, 628, 2, Bits.Quantize(el, ElevationLsbDeg, 16, true));
        }

        w.EndRecord();
        return !w.Failed;
    }

    private static void WriteFirstSubfield(ref AsterixWriter w, int itemId, int size, ulong value)
    {
        var c = new CompoundBuilder();
        c.Add(0, size, value);
        c.WriteTo(ref w, itemId);
    }
}
