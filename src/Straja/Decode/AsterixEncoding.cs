using System.Globalization;
using System.Text.Json;
using Straja.Protocols.Asterix;
using Straja.Protocols.ModeS;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>encode asterix</c>: one record as printed by <c>decode</c> back into one data block. CAT048 and CAT034 items
/// are built from their named subfields by <see cref="Cat048"/>/<see cref="Cat034"/>; an item of any category with
/// a UAP may instead be given as <c>{"raw": "hex"}</c>, which is how <c>decode</c> prints items it does not interpret.
/// </summary>
internal static class AsterixEncoding
{
    public static bool TryEncode(JsonElement json, out byte[] message, out string field, out string error)
    {
        message = [];
        var f = new JsonFields(json);
        int category = f.Int("category", 0, 255);
        var uap = f.Failed ? null : AsterixUaps.For((byte)category);
        if (uap is null && !f.Failed)
        {
            f.Fail("category", $"category {category} has no UAP here");
        }

        var items = new List<(int Frn, int Id, byte[] Bytes)>();
        var typed048 = new Cat048Record();
        var typed034 = new Cat034Record();
        bool anyTyped = false;
        string prefix = string.Create(CultureInfo.InvariantCulture, $"I{category:D3}/");
        foreach (var property in json.EnumerateObject())
        {
            if (f.Failed || !property.Name.StartsWith('I'))
            {
                continue;
            }

            int id = ItemId(property.Name, prefix);
            int frn = uap!.FrnOf(id);
            var item = f.Object(property.Name);
            if (frn < 0 || item is null)
            {
                f.Fail(property.Name, $"is not an item of the CAT{category:D3} UAP");
                break;
            }

            if (item.Has("raw"))
            {
                if (!HexLines.TryParse(System.Text.Encoding.ASCII.GetBytes(item.Text("raw")), out var raw, out string hexError) || raw.Length == 0)
                {
                    f.Fail(property.Name + ".raw", hexError.Length > 0 ? hexError : "is empty");
                    break;
                }

                items.Add((frn, id, raw));
            }
            else if (category == 48 && Read048(item, id, ref typed048))
            {
                anyTyped = true;
            }
            else if (category == 34 && Read034(item, id, ref typed034))
            {
                anyTyped = true;
            }
            else
            {
                f.Fail(property.Name, "can only be given as {\"raw\": hex} (typed encoding covers CAT048 and CAT034 items)");
            }
        }

        if (!f.Failed && anyTyped)
        {
            AddTyped(category, typed048, typed034, uap!, items);
        }

        if (!f.Failed && items.Count == 0)
        {
            f.Fail("(record)", "has no item");
        }

        if (f.Failed)
        {
            field = f.Field;
            error = f.Error;
            return false;
        }

        return TryWriteBlock((byte)category, uap!, items, out message, out field, out error);
    }

    private static int ItemId(string name, string prefix)
    {
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return -1;
        }

        string rest = name[prefix.Length..];
        return rest switch
        {
            "SP" => AsterixItemId.SP,
            "RE" => AsterixItemId.RE,
            _ => rest.Length == 3 && int.TryParse(rest, NumberStyles.None, CultureInfo.InvariantCulture, out int id) ? id : -1,
        };
    }

    // The category codecs write the typed items; the record they produce is cut back into items so that they can
    // be merged in FRN order with the raw ones.
    private static void AddTyped(int category, Cat048Record r48, Cat034Record r34, AsterixUap uap, List<(int, int, byte[])> items)
    {
        var buffer = new byte[1024];
        var w = new AsterixWriter(buffer);
        _ = category == 48 ? Cat048.Write(ref w, r48) : Cat034.Write(ref w, r34);
        var reader = new AsterixRecordReader(uap, buffer.AsSpan(0, w.Written));
        while (reader.MoveNext())
        {
            items.Add((reader.Current.Frn, reader.Current.Id, reader.Current.Data.ToArray()));
        }
    }

    private static bool TryWriteBlock(byte category, AsterixUap uap, List<(int Frn, int Id, byte[] Bytes)> items, out byte[] message, out string field, out string error)
    {
        message = [];
        items.Sort((a, b) => a.Frn.CompareTo(b.Frn));
        var buffer = new byte[ushort.MaxValue];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(category);
        w.BeginRecord(uap);
        foreach (var (_, id, bytes) in items)
        {
            if (w.TryItem(id, bytes.Length, out var span))
            {
                bytes.CopyTo(span);
            }
        }

        w.EndRecord();
        int length = w.EndBlock();
        if (length < 0)
        {
            field = "(record)";
            error = "does not fit in one data block";
            return false;
        }

        // A raw item of the wrong length would shift every item after it: check the record walks cleanly.
        var check = new AsterixRecordReader(uap, buffer.AsSpan(3, length - 3));
        while (check.MoveNext())
        {
        }

        if (check.Error.IsError || check.Consumed != length - 3)
        {
            field = check.Error.ItemId >= 0 ? string.Create(CultureInfo.InvariantCulture, $"I{category:D3}/{check.Error.ItemId:D3}.raw") : "(record)";
            error = check.Error.IsError ? $"the record does not read back: {check.Error.Description}" : "the record does not read back to its length";
            return false;
        }

        message = buffer[..length];
        field = error = "";
        return true;
    }

    private static bool Flag(JsonFields f, string name) => (f.OptionalInt(name, 0, 1) ?? 0) == 1;

    private static uint TimeOfDay(JsonFields f) => (uint)Math.Round(f.Number("ToD", 0, 86400) * 128);

    private static DataSource Source(JsonFields f) => new((byte)f.Int("SAC", 0, 255), (byte)f.Int("SIC", 0, 255));

    private static Mode3A Mode3AValue(JsonFields f, string thirdFlag)
    {
        string code = f.Text("MODE3A");
        if (code.Length != 4 || code.Any(c => c is < '0' or > '7'))
        {
            f.Fail("MODE3A", $"'{code}' is not four octal digits");
        }

        int octal = f.Failed ? 0 : int.Parse(code, CultureInfo.InvariantCulture);
        return new Mode3A(Mode3A.FromOctal(octal), Flag(f, "V"), Flag(f, "G"), Flag(f, thirdFlag));
    }

    private static bool Read048(JsonFields f, int id, ref Cat048Record r)
    {
        switch (id)
        {
            case 10: r.Source = Source(f); return true;
            case 140: r.TimeOfDay128 = TimeOfDay(f); return true;
            case 20:
                r.Descriptor = new Cat048Descriptor(
                    f.Int("TYP", 0, 7), Flag(f, "SIM"), Flag(f, "RDP"), Flag(f, "SPI"), Flag(f, "RAB"),
                    Flag(f, "TST"), Flag(f, "ERR"), Flag(f, "XPP"), Flag(f, "ME"), Flag(f, "MI"), f.OptionalInt("FOEFRI", 0, 3) ?? 0);
                return true;
            case 40: r.MeasuredPosition = new PolarPosition(f.Number("RHO", 0, 256), f.Number("THETA", 0, 360)); return true;
            case 70: r.Mode3A = Mode3AValue(f, "L"); return true;
            case 90: r.FlightLevel = new FlightLevel(f.Number("FL", -2048, 2048), Flag(f, "V"), Flag(f, "G")); return true;
            case 130:
                r.PlotCharacteristics = new RadarPlotCharacteristics(
                    f.OptionalNumber("SRL"), f.OptionalInt("SRR", 0, 255), f.OptionalInt("SAM", -128, 127),
                    f.OptionalNumber("PRL"), f.OptionalInt("PAM", -128, 127), f.OptionalNumber("RPD"), f.OptionalNumber("APD"));
                return true;
            case 220: r.AircraftAddress = f.Hex("ADR", 6); return true;
            case 240: r.AircraftId = Callsign(f, "TID"); return true;
            case 161: r.TrackNumber = f.Int("TRN", 0, 4095); return true;
            case 42: r.CalculatedPosition = new CartesianPositionNm(f.Number("X", -256, 256), f.Number("Y", -256, 256)); return true;
            case 200: r.Velocity = new PolarVelocity(f.Number("GSP", 0, 14400), f.Number("HDG", 0, 360)); return true;
            case 170:
                r.TrackStatus = new Cat048TrackStatus(
                    Flag(f, "CNF"), f.Int("RAD", 0, 3), Flag(f, "DOU"), Flag(f, "MAH"), f.OptionalInt("CDM", 0, 3) ?? 0,
                    Flag(f, "TRE"), Flag(f, "GHO"), Flag(f, "SUP"), Flag(f, "TCC"));
                return true;
            case 110: r.Height3DFt = f.Number("3DH", -819200, 819175); return true;
            default: return false;
        }
    }

    private static bool Read034(JsonFields f, int id, ref Cat034Record r)
    {
        switch (id)
        {
            case 10: r.Source = Source(f); return true;
            case 0: r.MessageType = (Cat034MessageType)f.Int("MT", 1, 255); return true;
            case 30: r.TimeOfDay128 = TimeOfDay(f); return true;
            case 20: r.SectorDeg = f.Number("SECTOR", 0, 360); return true;
            case 41: r.AntennaRotationPeriodS = f.Number("ANTENNA_ROTATION_PERIOD", 0, 512); return true;
            case 50: r.SystemConfiguration = Subfields(f); return true;
            case 60: r.ProcessingMode = Subfields(f); return true;
            default: return false;
        }
    }

    private static Cat034Subfields Subfields(JsonFields f) =>
        new(f.OptionalInt("COM", 0, 255), f.OptionalInt("PSR", 0, 255), f.OptionalInt("SSR", 0, 255), f.OptionalInt("MDS", 0, 65535));

    private static Callsign Callsign(JsonFields f, string name)
    {
        string text = f.Text(name);
        if (!Straja.Protocols.ModeS.Callsign.TryCreate(text, out var cs) && !f.Failed)
        {
            f.Fail(name, $"'{text}' is not up to 8 of A-Z, 0-9 and space");
        }

        return cs;
    }
}
