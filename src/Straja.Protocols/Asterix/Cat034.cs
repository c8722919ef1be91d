using System.Buffers;

namespace Straja.Protocols.Asterix;

/// <summary>I034/000 message types.</summary>
public enum Cat034MessageType
{
    NorthMarker = 1,
    SectorCrossing = 2,
    GeographicalFiltering = 3,
    JammingStrobe = 4,
    SolarStorm = 5,
    SsrJammingStrobe = 6,
    ModeSJammingStrobe = 7,
}

/// <summary>
/// I034/050 System Configuration and Status or I034/060 System Processing Mode: the raw octets of the COM,
/// PSR, SSR and MDS subfields (MDS is 2 octets in /050, 1 in /060). Their bits are named in the standard
/// (e.g. COM bit 8 NOGO) and printed by <see cref="AsterixJson"/>.
/// </summary>
public readonly record struct Cat034Subfields(int? Com = null, int? Psr = null, int? Ssr = null, int? Mds = null);

/// <summary>A CAT034 radar service message (null when absent).</summary>
public record struct Cat034Record
{
    /// <summary>I034/010.</summary>
    public DataSource? Source { get; set; }

    /// <summary>I034/000.</summary>
    public Cat034MessageType? MessageType { get; set; }

    /// <summary>I034/030 time of day in 1/128 s.</summary>
    public uint? TimeOfDay128 { get; set; }

    /// <summary>I034/020 sector azimuth (360/2^8°).</summary>
    public double? SectorDeg { get; set; }

    /// <summary>I034/041 antenna rotation period (1/128 s).</summary>
    public double? AntennaRotationPeriodS { get; set; }

    /// <summary>I034/050.</summary>
    public Cat034Subfields? SystemConfiguration { get; set; }

    /// <summary>I034/060.</summary>
    public Cat034Subfields? ProcessingMode { get; set; }
}

/// <summary>CAT034 monoradar service messages (edition 1.29 UAP; reads 1.x): decode and encode.</summary>
public static class Cat034
{
    internal const double SectorLsbDeg = 360.0 / 256;
    internal const double PeriodLsbS = 1.0 / 128;

    /// <summary>Decodes the record at the start of <paramref name="data"/>; <paramref name="consumed"/> is its length.</summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> data, out Cat034Record record, out int consumed, out AsterixDecodeError error)
    {
        record = default;
        var r = new AsterixRecordReader(AsterixUaps.Cat034, data);
        while (r.MoveNext())
        {
            var it = r.Current;
            ReadOnlySpan<byte> d = it.Data;
            switch (it.Id)
            {
                case 10: record.Source = Common.Source(d); break;
                case 0: record.MessageType = (Cat034MessageType)d[0]; break;
                case 30: record.TimeOfDay128 = Common.U24(d); break;
                case 20: record.SectorDeg = d[0] * SectorLsbDeg; break;
                case 41: record.AntennaRotationPeriodS = Bits.U(d, 2) * PeriodLsbS; break;
                case 50: record.SystemConfiguration = ReadSubfields(d, it.Frn); break;
                case 60: record.ProcessingMode = ReadSubfields(d, it.Frn); break;
            }
        }

        return Common.Finish(ref r, out consumed, out error);
    }

    /// <summary>Appends <paramref name="record"/> to the open block; false when it did not fit.</summary>
    public static bool Write(ref AsterixWriter w, in Cat034Record record)
    {
        w.BeginRecord(AsterixUaps.Cat034);
        Span<byte> d;
        if (record.Source is { } s && w.TryItem(10, 2, out d))
        {
            Common.Put(d, s);
        }

        if (record.MessageType is { } m && w.TryItem(0, 1, out d))
        {
            d[0] = (byte)m;
        }

        if (record.TimeOfDay128 is { } t && w.TryItem(30, 3, out d))
        {
            Bits.Put(d, t);
        }

        if (record.SectorDeg is { } sec && w.TryItem(20, 1, out d))
        {
            d[0] = (byte)((long)Math.Round(sec / SectorLsbDeg, MidpointRounding.AwayFromZero) & 0xFF);
        }

        if (record.AntennaRotationPeriodS is { } p && w.TryItem(41, 2, out d))
        {
            Bits.Put(d, Bits.Quantize(p, PeriodLsbS, 16, false));
        }

        if (record.SystemConfiguration is { } sc)
        {
            WriteSubfields(ref w, 50, sc, 2);
        }

        if (record.ProcessingMode is { } pm)
        {
            WriteSubfields(ref w, 60, pm, 1);
        }

        w.EndRecord();
        return !w.Failed;
    }

    private static Cat034Subfields ReadSubfields(ReadOnlySpan<byte> item, int frn)
    {
        var result = default(Cat034Subfields);
        var e = Bits.Subfields(item, AsterixUaps.Cat034.FormatAt(frn)!);
        while (e.MoveNext())
        {
            int v = (int)Bits.U(e.Current, e.Current.Length);
            result = e.Index switch
            {
                0 => result with { Com = v },
                3 => result with { Psr = v },
                4 => result with { Ssr = v },
                _ => result with { Mds = v },
            };
        }

        return result;
    }

    private static void WriteSubfields(ref AsterixWriter w, int itemId, Cat034Subfields s, int mdsSize)
    {
        var c = new CompoundBuilder();
        if (s.Com is { } com)
        {
            c.Add(0, 1, (ulong)com & 0xFF);
        }

        if (s.Psr is { } psr)
        {
            c.Add(3, 1, (ulong)psr & 0xFF);
        }

        if (s.Ssr is { } ssr)
        {
            c.Add(4, 1, (ulong)ssr & 0xFF);
        }

        if (s.Mds is { } mds)
        {
            c.Add(5, mdsSize, (ulong)mds & (mdsSize == 2 ? 0xFFFFUL : 0xFFUL));
        }

        c.WriteTo(ref w, itemId);
    }
}
