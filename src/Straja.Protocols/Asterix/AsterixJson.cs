using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Asterix;

/// <summary>
/// One record as one JSON object for <c>straja decode asterix</c>: <c>{"category": 48, "I048/010": {"SAC": 25, "SIC": 201}, ...}</c>.
/// Items are named as the standard names them (<c>I048/140</c>) and their subfields by the standard's
/// mnemonics (<c>RHO</c>, <c>THETA</c>, <c>ToD</c>...), with values in the standard's units (NM, deg, s, FL, ft, kt, m/s).
/// Items without typed decoding are written as <c>{"raw": "hex"}</c>.
/// </summary>
public static class AsterixJson
{
    /// <summary>
    /// Decodes the record at the start of <paramref name="data"/> and writes it. On bad bytes nothing is
    /// written and the error is returned (write it with <see cref="WriteError"/>).
    /// </summary>
    public static OperationStatus WriteRecord(Utf8JsonWriter w, byte category, ReadOnlySpan<byte> data, out int consumed, out AsterixDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(w);
        var uap = AsterixUaps.For(category);
        consumed = 0;
        if (uap is null)
        {
            error = new AsterixDecodeError(0, AsterixErrorReason.UnsupportedCategory);
            return OperationStatus.InvalidData;
        }

        // Validate the whole record first so that a bad one leaves no half-written object.
        var check = new AsterixRecordReader(uap, data);
        while (check.MoveNext())
        {
        }

        error = check.Error;
        if (error.IsError)
        {
            return OperationStatus.InvalidData;
        }

        consumed = check.Consumed;
        var typed = new Typed(category, data);
        w.WriteStartObject();
        w.WriteNumber("category"u8, category);
        w.WriteNumber("length"u8, consumed);
        Span<char> name = stackalloc char[8];
        var r = new AsterixRecordReader(uap, data);
        while (r.MoveNext())
        {
            var it = r.Current;
            ItemName(name, category, it.Id, out int n);
            w.WritePropertyName(name[..n]);
            w.WriteStartObject();
            if (!typed.WriteItem(w, it.Id))
            {
                WriteHex(w, "raw"u8, it.Data);
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        return OperationStatus.Done;
    }

    /// <summary>A decode error as <c>{"error": reason, "offset": n}</c> (plus <c>"item"</c> when known).</summary>
    public static void WriteError(Utf8JsonWriter w, in AsterixDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("error"u8, error.Description);
        w.WriteNumber("offset"u8, error.Offset);
        if (error.ItemId >= 0)
        {
            w.WriteNumber("item"u8, error.ItemId);
        }

        w.WriteEndObject();
    }

    private static void ItemName(Span<char> dest, byte category, int id, out int n)
    {
        dest[0] = 'I';
        category.TryFormat(dest[1..], out _, "D3", CultureInfo.InvariantCulture);
        dest[4] = '/';
        if (id == AsterixItemId.SP || id == AsterixItemId.RE)
        {
            dest[5] = id == AsterixItemId.SP ? 'S' : 'R';
            dest[6] = id == AsterixItemId.SP ? 'P' : 'E';
            n = 7;
            return;
        }

        id.TryFormat(dest[5..], out _, "D3", CultureInfo.InvariantCulture);
        n = 8;
    }

    private static void WriteHex(Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<byte> data)
    {
        Span<char> buf = stackalloc char[Math.Min(data.Length, 256) * 2];
        Convert.TryToHexString(data[..(buf.Length / 2)], buf, out int n);
        w.WriteString(name, buf[..n]);
    }

    private static void Num(Utf8JsonWriter w, ReadOnlySpan<byte> name, double value) => w.WriteNumber(name, Math.Round(value, 9));

    private static void Source(Utf8JsonWriter w, DataSource? s)
    {
        w.WriteNumber("SAC"u8, s!.Value.Sac);
        w.WriteNumber("SIC"u8, s.Value.Sic);
    }

    private static void Tod(Utf8JsonWriter w, uint? tod) => Num(w, "ToD"u8, tod!.Value / 128.0);

    private static void Mode3AValue(Utf8JsonWriter w, Mode3A m, ReadOnlySpan<byte> thirdFlag)
    {
        w.WriteNumber("V"u8, m.NotValidated ? 1 : 0);
        w.WriteNumber("G"u8, m.Garbled ? 1 : 0);
        w.WriteNumber(thirdFlag, m.Smoothed ? 1 : 0);
        Span<char> buf = stackalloc char[4];
        m.Octal.TryFormat(buf, out _, "D4", CultureInfo.InvariantCulture);
        w.WriteString("MODE3A"u8, buf);
    }

    private static void Callsign(Utf8JsonWriter w, ReadOnlySpan<byte> name, Callsign cs)
    {
        Span<char> buf = stackalloc char[8];
        cs.TryFormat(buf, out int n);
        w.WriteString(name, buf[..n]);
    }

    private static void Address(Utf8JsonWriter w, ReadOnlySpan<byte> name, uint a)
    {
        Span<char> buf = stackalloc char[6];
        a.TryFormat(buf, out _, "X6", CultureInfo.InvariantCulture);
        w.WriteString(name, buf);
    }

    /// <summary>Writes the named bit fields of an extended item; each name is "NAME" (1 bit) or "NAME:width", in MSB-first order, octet by octet.</summary>
    private static void Fields(Utf8JsonWriter w, ExtendedBits x, ReadOnlySpan<string> octets)
    {
        for (int o = 0; o < octets.Length && o < x.Octets; o++)
        {
            int bit = 8;
            foreach (var range in octets[o].AsSpan().Split(' '))
            {
                var f = octets[o].AsSpan(range);
                int colon = f.IndexOf(':');
                int width = colon < 0 ? 1 : f[(colon + 1)..][0] - '0';
                var fname = colon < 0 ? f : f[..colon];
                if (!fname.SequenceEqual("-"))
                {
                    w.WriteNumber(fname, x.Field(o, bit, width));
                }

                bit -= width;
            }
        }
    }

    private static void Subfields(Utf8JsonWriter w, Cat034Subfields s)
    {
        Optional(w, "COM"u8, s.Com);
        Optional(w, "PSR"u8, s.Psr);
        Optional(w, "SSR"u8, s.Ssr);
        Optional(w, "MDS"u8, s.Mds);
    }

    private static void Optional(Utf8JsonWriter w, ReadOnlySpan<byte> name, int? v)
    {
        if (v is { } x)
        {
            w.WriteNumber(name, x);
        }
    }

    private static void Optional(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? v)
    {
        if (v is { } x)
        {
            Num(w, name, x);
        }
    }

    /// <summary>The typed record of one category and how each of its items prints.</summary>
    private readonly struct Typed
    {
        private readonly byte category;
        private readonly Cat048Record c48;
        private readonly Cat034Record c34;
        private readonly Cat062Record c62;
        private readonly Cat021Record c21;
        private readonly Cat015Record c15;

        public Typed(byte category, ReadOnlySpan<byte> data)
        {
            this.category = category;
            _ = category switch
            {
                48 => Cat048.TryDecode(data, out c48, out _, out _),
                34 => Cat034.TryDecode(data, out c34, out _, out _),
                62 => Cat062.TryDecode(data, out c62, out _, out _),
                21 => Cat021.TryDecode(data, out c21, out _, out _),
                15 => Cat015.TryDecode(data, out c15, out _, out _),
                _ => OperationStatus.Done,
            };
        }

        public bool WriteItem(Utf8JsonWriter w, int id) => category switch
        {
            48 => Write048(w, id),
            34 => Write034(w, id),
            62 => Write062(w, id),
            21 => Write021(w, id),
            15 => Write015(w, id),
            _ => false,
        };

        private bool Write048(Utf8JsonWriter w, int id)
        {
            var r = c48;
            switch (id)
            {
                case 10: Source(w, r.Source); return true;
                case 140: Tod(w, r.TimeOfDay128); return true;
                case 20:
                    {
                        var d = r.Descriptor!.Value;
                        w.WriteNumber("TYP"u8, d.Typ);
                        w.WriteNumber("SIM"u8, d.Sim ? 1 : 0);
                        w.WriteNumber("RDP"u8, d.Rdp ? 1 : 0);
                        w.WriteNumber("SPI"u8, d.Spi ? 1 : 0);
                        w.WriteNumber("RAB"u8, d.Rab ? 1 : 0);
                        if (d.HasExtension)
                        {
                            w.WriteNumber("TST"u8, d.Tst ? 1 : 0);
                            w.WriteNumber("ERR"u8, d.Err ? 1 : 0);
                            w.WriteNumber("XPP"u8, d.Xpp ? 1 : 0);
                            w.WriteNumber("ME"u8, d.Me ? 1 : 0);
                            w.WriteNumber("MI"u8, d.Mi ? 1 : 0);
                            w.WriteNumber("FOEFRI"u8, d.FoeFri);
                        }

                        return true;
                    }

                case 40:
                    Num(w, "RHO"u8, r.MeasuredPosition!.Value.RhoNm);
                    Num(w, "THETA"u8, r.MeasuredPosition.Value.ThetaDeg);
                    return true;
                case 70: Mode3AValue(w, r.Mode3A!.Value, "L"u8); return true;
                case 90:
                    w.WriteNumber("V"u8, r.FlightLevel!.Value.NotValidated ? 1 : 0);
                    w.WriteNumber("G"u8, r.FlightLevel.Value.Garbled ? 1 : 0);
                    Num(w, "FL"u8, r.FlightLevel.Value.Fl);
                    return true;
                case 130:
                    {
                        var p = r.PlotCharacteristics!.Value;
                        Optional(w, "SRL"u8, p.SsrRunLengthDeg);
                        Optional(w, "SRR"u8, p.SsrReplies);
                        Optional(w, "SAM"u8, p.SsrAmplitudeDbm);
                        Optional(w, "PRL"u8, p.PsrRunLengthDeg);
                        Optional(w, "PAM"u8, p.PsrAmplitudeDbm);
                        Optional(w, "RPD"u8, p.RangeDifferenceNm);
                        Optional(w, "APD"u8, p.AzimuthDifferenceDeg);
                        return true;
                    }

                case 220: Address(w, "ADR"u8, r.AircraftAddress!.Value); return true;
                case 240: Callsign(w, "TID"u8, r.AircraftId!.Value); return true;
                case 161: w.WriteNumber("TRN"u8, r.TrackNumber!.Value); return true;
                case 42:
                    Num(w, "X"u8, r.CalculatedPosition!.Value.XNm);
                    Num(w, "Y"u8, r.CalculatedPosition.Value.YNm);
                    return true;
                case 200:
                    Num(w, "GSP"u8, r.Velocity!.Value.GroundSpeedKt);
                    Num(w, "HDG"u8, r.Velocity.Value.HeadingDeg);
                    return true;
                case 170:
                    {
                        var s = r.TrackStatus!.Value;
                        w.WriteNumber("CNF"u8, s.Cnf ? 1 : 0);
                        w.WriteNumber("RAD"u8, s.Rad);
                        w.WriteNumber("DOU"u8, s.Dou ? 1 : 0);
                        w.WriteNumber("MAH"u8, s.Mah ? 1 : 0);
                        w.WriteNumber("CDM"u8, s.Cdm);
                        if (s.HasExtension)
                        {
                            w.WriteNumber("TRE"u8, s.Tre ? 1 : 0);
                            w.WriteNumber("GHO"u8, s.Gho ? 1 : 0);
                            w.WriteNumber("SUP"u8, s.Sup ? 1 : 0);
                            w.WriteNumber("TCC"u8, s.Tcc ? 1 : 0);
                        }

                        return true;
                    }

                case 110: Num(w, "3DH"u8, r.Height3DFt!.Value); return true;
                default: return false;
            }
        }

        private bool Write034(Utf8JsonWriter w, int id)
        {
            var r = c34;
            switch (id)
            {
                case 10: Source(w, r.Source); return true;
                case 0: w.WriteNumber("MT"u8, (int)r.MessageType!.Value); return true;
                case 30: Tod(w, r.TimeOfDay128); return true;
                case 20: Num(w, "SECTOR"u8, r.SectorDeg!.Value); return true;
                case 41: Num(w, "ANTENNA_ROTATION_PERIOD"u8, r.AntennaRotationPeriodS!.Value); return true;
                case 50: Subfields(w, r.SystemConfiguration!.Value); return true;
                case 60: Subfields(w, r.ProcessingMode!.Value); return true;
                default: return false;
            }
        }

        private bool Write062(Utf8JsonWriter w, int id)
        {
            var r = c62;
            switch (id)
            {
                case 10: Source(w, r.Source); return true;
                case 15: w.WriteNumber("SID"u8, r.ServiceId!.Value); return true;
                case 70: Tod(w, r.TimeOfTrack128); return true;
                case 105:
                    Num(w, "LAT"u8, r.Position!.Value.LatDeg);
                    Num(w, "LON"u8, r.Position.Value.LonDeg);
                    return true;
                case 100:
                    Num(w, "X"u8, r.CartesianPosition!.Value.XM);
                    Num(w, "Y"u8, r.CartesianPosition.Value.YM);
                    return true;
                case 185:
                    Num(w, "VX"u8, r.Velocity!.Value.VxMps);
                    Num(w, "VY"u8, r.Velocity.Value.VyMps);
                    return true;
                case 60: Mode3AValue(w, r.Mode3A!.Value, "CH"u8); return true;
                case 40: w.WriteNumber("TRK"u8, r.TrackNumber!.Value); return true;
                case 80:
                    Fields(w, r.TrackStatus!.Value, ["MON SPI MRH SRC:3 CNF", "SIM TSE TSB FPC AFF STP KOS", "AMA MD4 ME MI MD5", "CST PSR SSR MDS ADS SUC AAC"]);
                    return true;
                case 136: Num(w, "MFL"u8, r.MeasuredFl!.Value); return true;
                case 130: Num(w, "ALT"u8, r.GeometricAltitudeFt!.Value); return true;
                case 135:
                    w.WriteNumber("QNH"u8, r.BarometricQnhCorrected == true ? 1 : 0);
                    Num(w, "CTB"u8, r.BarometricAltitudeFl!.Value);
                    return true;
                case 380 when r.TargetAddress is not null || r.TargetId is not null:
                    if (r.TargetAddress is { } a)
                    {
                        w.WriteStartObject("ADR"u8);
                        Address(w, "ADR"u8, a);
                        w.WriteEndObject();
                    }

                    if (r.TargetId is { } tid)
                    {
                        w.WriteStartObject("ID"u8);
                        Callsign(w, "ACID"u8, tid);
                        w.WriteEndObject();
                    }

                    return true;
                case 500 when r.Accuracy is { } acc:
                    Accuracy062(w, acc);
                    return true;
                default: return false;
            }
        }

        // Subfields as nested objects, named as in the specification; AA and ARC are not typed, so not shown.
        private static void Accuracy062(Utf8JsonWriter w, Cat062Accuracy a)
        {
            if (a.Position is { } p)
            {
                Pair(w, "APC"u8, "X"u8, p.XM, "Y"u8, p.YM);
            }

            if (a.CovarianceXyM is { } cov)
            {
                Num(w, "COV"u8, cov);
            }

            if (a.Wgs84 is { } g)
            {
                Pair(w, "APW"u8, "LAT"u8, g.LatDeg, "LON"u8, g.LonDeg);
            }

            if (a.GeometricAltitudeFt is { } ga)
            {
                Num(w, "AGA"u8, ga);
            }

            if (a.BarometricAltitudeFl is { } ba)
            {
                Num(w, "ABA"u8, ba);
            }

            if (a.Velocity is { } v)
            {
                Pair(w, "ATV"u8, "X"u8, v.VxMps, "Y"u8, v.VyMps);
            }
        }

        private static void Pair(Utf8JsonWriter w, ReadOnlySpan<byte> name, ReadOnlySpan<byte> first, double a, ReadOnlySpan<byte> second, double b)
        {
            w.WriteStartObject(name);
            Num(w, first, a);
            Num(w, second, b);
            w.WriteEndObject();
        }

        private bool Write021(Utf8JsonWriter w, int id)
        {
            var r = c21;
            switch (id)
            {
                case 10: Source(w, r.Source); return true;
                case 40:
                    Fields(w, r.Descriptor!.Value, ["ATP:3 ARC:2 RC RAB", "DCR GBS SIM TST SAA CL:2"]);
                    return true;
                case 161: w.WriteNumber("TRNUM"u8, r.TrackNumber!.Value); return true;
                case 15: w.WriteNumber("SID"u8, r.ServiceId!.Value); return true;
                case 71: Num(w, "TAP"u8, r.TimeOfApplicabilityPosition128!.Value / 128.0); return true;
                case 130 or 131:
                    {
                        var p = id == 130 ? r.Position!.Value : r.HighResolutionPosition!.Value;
                        Num(w, "LAT"u8, p.LatDeg);
                        Num(w, "LON"u8, p.LonDeg);
                        return true;
                    }

                case 80: Address(w, "TA"u8, r.TargetAddress!.Value); return true;
                case 73: Num(w, "TRP"u8, r.TimeOfReceptionPosition128!.Value / 128.0); return true;
                case 140: Num(w, "GH"u8, r.GeometricHeightFt!.Value); return true;
                case 90:
                    Fields(w, r.QualityIndicators!.Value, ["NUCRNACV:3 NUCPNIC:4", "NICBARO SIL:2 NACP:4", "- - SILS SDA:2 GVA:2", "PIC:4"]);
                    return true;
                case 210:
                    w.WriteNumber("VNS"u8, (r.MopsVersion!.Value >> 6) & 1);
                    w.WriteNumber("VN"u8, (r.MopsVersion.Value >> 3) & 7);
                    w.WriteNumber("LTT"u8, r.MopsVersion.Value & 7);
                    return true;
                case 70: Mode3AValue(w, r.Mode3A!.Value, "L"u8); return true;
                case 145: Num(w, "FL"u8, r.FlightLevel!.Value); return true;
                case 200:
                    {
                        int s = r.TargetStatus!.Value;
                        w.WriteNumber("ICF"u8, s >> 7);
                        w.WriteNumber("LNAV"u8, (s >> 6) & 1);
                        w.WriteNumber("ME"u8, (s >> 5) & 1);
                        w.WriteNumber("PS"u8, (s >> 2) & 7);
                        w.WriteNumber("SS"u8, s & 3);
                        return true;
                    }

                case 160:
                    w.WriteNumber("RE"u8, r.GroundSpeedRangeExceeded == true ? 1 : 0);
                    Num(w, "GS"u8, r.GroundVector!.Value.GroundSpeedKt);
                    Num(w, "TA"u8, r.GroundVector.Value.HeadingDeg);
                    return true;
                case 170: Callsign(w, "TI"u8, r.TargetId!.Value); return true;
                case 20: w.WriteNumber("ECAT"u8, r.EmitterCategory!.Value); return true;
                case 16: Num(w, "RP"u8, r.ReportPeriodS!.Value); return true;
                default: return false;
            }
        }

        private bool Write015(Utf8JsonWriter w, int id)
        {
            var r = c15;
            switch (id)
            {
                case 10: Source(w, r.Source); return true;
                case 0:
                    w.WriteNumber("MT"u8, r.MessageType!.Value);
                    w.WriteNumber("RG"u8, r.EventGenerated == true ? 1 : 0);
                    return true;
                case 15: w.WriteNumber("SID"u8, r.ServiceId!.Value); return true;
                case 20: Fields(w, r.Descriptor!.Value, ["MOMU:2 TTAX:2 SCD:2"]); return true;
                case 145: Tod(w, r.TimeOfApplicability128); return true;
                case 161: w.WriteNumber("TN"u8, r.TrackNumber!.Value); return true;
                case 170: Fields(w, r.TrackStatus!.Value, ["BIZ BAZ TUR - CSTP CSTH CNF"]); return true;
                case 300:
                    w.WriteStartArray("CLASSES"u8);
                    for (int i = 0; i < r.Classes.Count; i++)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("CLS"u8, r.Classes[i].Class);
                        w.WriteNumber("PRB"u8, r.Classes[i].Probability);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    return true;
                case 600 when r.Position is { } p:
                    w.WriteStartObject("P84"u8);
                    Num(w, "LATITUDE"u8, p.LatDeg);
                    Num(w, "LONGITUDE"u8, p.LonDeg);
                    w.WriteEndObject();
                    return true;
                case 601 when r.GeometricHeightM is { } gh: Num(w, "GH"u8, gh); return true;
                case 602 when r.Velocity is { } v:
                    w.WriteStartObject("HV"u8);
                    Num(w, "X"u8, v.VxMps);
                    Num(w, "Y"u8, v.VyMps);
                    w.WriteEndObject();
                    return true;
                case 625 when r.RangeM is { } range: Num(w, "R"u8, range); return true;
                case 627 when r.AzimuthDeg is { } az: Num(w, "AZ"u8, az); return true;
                case 628 when r.ElevationDeg is { } el: Num(w, "EL"u8, el); return true;
                default: return false;
            }
        }
    }
}
