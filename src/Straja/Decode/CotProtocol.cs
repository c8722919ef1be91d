using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Straja.Protocols.Cot;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>cot</c>: Cursor on Target events, from XML (events back to back or one per line, as a TAK server's plain
/// TCP input and SA multicast carry them) or TAK protocol v1 (mesh datagrams 0xBF 0x01 0xBF, or the stream's
/// 0xBF varint-length frames). Each event is one JSON object named after CoT's own attributes, with
/// <c>encoding</c> saying which form it came in. <c>encode</c> writes each object back as one line of event XML.
/// </summary>
internal sealed class CotProtocol : WireProtocol
{
    private const byte TakMagic = 0xBF;

    public override string Name => "cot";

    public override string Summary => "Cursor on Target (raw: XML events or a TAK protocol stream; hex: one XML event or TAK message per line; pcap: UDP SA/mesh)";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Raw, InputFormat.Hex, InputFormat.Pcap];

    public override Transport Transport => Transport.Udp;

    public override bool CanEncode => true;

    public override bool EncodesText => true;

    /// <summary>
    /// One datagram, hex line or whole raw file (the base class hands a raw file over whole, as for any datagram
    /// protocol): XML events back to back, a TAK mesh datagram, TAK stream frames, or a bare TakMessage, told apart by the first byte.
    /// </summary>
    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output)
    {
        int start = unit.IndexOfAnyExcept(" \t\r\n"u8);
        if (start < 0)
        {
            output.Error(0, "no CoT event: the input is empty");
            return;
        }

        if (unit[start] == (byte)'<' || unit[start] == 0xEF)
        {
            DecodeXmlStream(unit, output);
        }
        else if (unit[start] == TakMagic && unit.Length > start + 2 && unit[start + 1] == 0x01 && unit[start + 2] == TakMagic)
        {
            if (TakProtocol.TryReadMesh(unit[start..], out var ev, out var error))
                Write(output, ev, "tak-mesh", start);
            else
                output.Error(start + error.Offset, error.Description);
        }
        else if (unit[start] == TakMagic)
        {
            DecodeTakStream(unit, output);
        }
        else if (TakProtocol.TryDecodeMessage(unit, out var bare, out var bareError))
        {
            Write(output, bare, "tak", 0);
        }
        else
        {
            output.Error(bareError.Offset, "neither CoT XML nor TAK protocol: " + bareError.Description);
        }
    }

    private static void DecodeXmlStream(ReadOnlySpan<byte> data, JsonLines output)
    {
        int pos = 0;
        while (pos < data.Length)
        {
            var status = CotXmlStream.TryRead(data[pos..], CotXmlLimits.Default.MaxEventBytes, out var xml, out int consumed, out var error);
            if (status == OperationStatus.NeedMoreData)
            {
                if (data[pos..].IndexOfAnyExcept(" \t\r\n"u8) is >= 0 and var rest)
                    output.Error(pos + rest, "CoT event cut short by the end of the input (no </event>)");
                return;
            }

            if (status != OperationStatus.Done)
            {
                output.Error(pos + error.Offset, error.Description);
                pos += Math.Max(consumed, 1);
                continue;
            }

            int at = pos + (consumed - xml.Length);
            if (CotXml.TryDecode(xml, out var ev, out var decodeError))
                Write(output, ev, "xml", at);
            else
                output.Error(at, decodeError.ToString());
            pos += consumed;
        }
    }

    private static void DecodeTakStream(ReadOnlySpan<byte> data, JsonLines output)
    {
        int pos = 0;
        while (pos < data.Length)
        {
            var status = TakProtocol.TryReadStream(data[pos..], CotXmlLimits.Default.MaxEventBytes, out var ev, out int consumed, out var error);
            if (status == OperationStatus.NeedMoreData)
            {
                output.Error(pos, $"TAK frame cut short by the end of the input ({data.Length - pos} bytes left)");
                return;
            }

            if (status == OperationStatus.Done)
            {
                Write(output, ev!, "tak-stream", pos);
            }
            else
            {
                output.Error(pos + error.Offset, error.Description + (consumed == 0 ? "; rest of the stream skipped" : ""));
                if (consumed == 0)
                    return; // the framing is lost: nothing later can be found
            }

            pos += consumed;
        }
    }

    private static void Write(JsonLines output, CotEvent ev, string encoding, long offset)
    {
        var w = output.Begin();
        CotJson.Write(w, ev, encoding);
        output.EndMessage(offset);
    }

    public override bool TryEncode(JsonElement json, out byte[] message, out string field, out string error)
    {
        message = [];
        if (!CotJson.TryRead(json, out var ev, out field, out error))
            return false;
        message = CotXml.Encode(ev, declaration: false);
        return true;
    }
}

/// <summary>A CoT event as JSON named after the XML's own elements and attributes, and back.</summary>
internal static class CotJson
{
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public static void Write(Utf8JsonWriter w, CotEvent ev, string encoding)
    {
        w.WriteStartObject();
        w.WriteString("uid"u8, ev.Uid);
        w.WriteString("type"u8, ev.Type);
        w.WriteString("how"u8, ev.How);
        w.WriteString("time"u8, Time(ev.Time));
        w.WriteString("start"u8, Time(ev.Start));
        w.WriteString("stale"u8, Time(ev.Stale));
        Optional(w, "access"u8, ev.Access);
        Optional(w, "qos"u8, ev.Qos);
        Optional(w, "opex"u8, ev.Opex);
        w.WriteStartObject("point"u8);
        w.WriteNumber("lat"u8, ev.Point.LatDeg);
        w.WriteNumber("lon"u8, ev.Point.LonDeg);
        w.WriteNumber("hae"u8, ev.Point.HaeM);
        w.WriteNumber("ce"u8, ev.Point.CeM);
        w.WriteNumber("le"u8, ev.Point.LeM);
        w.WriteEndObject();
        var d = ev.Detail;
        w.WriteStartObject("detail"u8);
        if (d.Contact is { } c)
        {
            w.WriteStartObject("contact"u8);
            Optional(w, "callsign"u8, c.Callsign);
            Optional(w, "endpoint"u8, c.Endpoint);
            w.WriteEndObject();
        }

        if (d.Group is { } g)
        {
            w.WriteStartObject("__group"u8);
            Optional(w, "name"u8, g.Name);
            Optional(w, "role"u8, g.Role);
            w.WriteEndObject();
        }

        if (d.Track is { } t)
        {
            w.WriteStartObject("track"u8);
            w.WriteNumber("course"u8, t.CourseDeg);
            w.WriteNumber("speed"u8, t.SpeedMps);
            w.WriteEndObject();
        }

        if (d.PrecisionLocation is { } p)
        {
            w.WriteStartObject("precisionlocation"u8);
            Optional(w, "geopointsrc"u8, p.GeoPointSrc);
            Optional(w, "altsrc"u8, p.AltSrc);
            w.WriteEndObject();
        }

        if (d.Status is { } s)
        {
            w.WriteStartObject("status"u8);
            w.WriteNumber("battery"u8, s.BatteryPercent);
            w.WriteEndObject();
        }

        if (d.Takv is { } v)
        {
            w.WriteStartObject("takv"u8);
            Optional(w, "device"u8, v.Device);
            Optional(w, "platform"u8, v.Platform);
            Optional(w, "os"u8, v.Os);
            Optional(w, "version"u8, v.Version);
            w.WriteEndObject();
        }

        Optional(w, "remarks"u8, d.Remarks);
        if (d.XmlDetail.Length > 0)
            w.WriteString("xml"u8, d.XmlDetail);
        w.WriteEndObject();
        w.WriteString("encoding"u8, encoding);
        w.WriteEndObject();
    }

    /// <summary>The event a JSON object describes; false with the field at fault (dotted path) and why.</summary>
    public static bool TryRead(JsonElement json, out CotEvent ev, out string field, out string error)
    {
        ev = null!;
        try
        {
            var point = Object(json, "point");
            var detail = json.TryGetProperty("detail", out var dj) && dj.ValueKind == JsonValueKind.Object ? dj : default;
            ev = new CotEvent(
                Text(json, "uid"),
                Text(json, "type"),
                Text(json, "how"),
                Instant(json, "time"),
                Instant(json, "start"),
                Instant(json, "stale"),
                new CotPoint(Number(point, "lat", "point.lat", -90, 90), Number(point, "lon", "point.lon", -180, 180),
                    Number(point, "hae", "point.hae"), Number(point, "ce", "point.ce", 0), Number(point, "le", "point.le", 0)),
                detail.ValueKind == JsonValueKind.Object ? Detail(detail) : CotDetail.Empty)
            {
                Access = OptionalText(json, "access"),
                Qos = OptionalText(json, "qos"),
                Opex = OptionalText(json, "opex"),
            };
            if (ev.Stale < ev.Start)
                throw new FieldException("stale", "before start");
            field = error = "";
            return true;
        }
        catch (FieldException e)
        {
            (field, error) = (e.Field, e.Message);
            return false;
        }
    }

    private static CotDetail Detail(JsonElement d)
    {
        CotContact? contact = d.TryGetProperty("contact", out var c) ? new CotContact(OptionalText(c, "callsign"), OptionalText(c, "endpoint")) : null;
        CotGroup? group = d.TryGetProperty("__group", out var g) ? new CotGroup(OptionalText(g, "name"), OptionalText(g, "role")) : null;
        CotMotion? track = d.TryGetProperty("track", out var t)
            ? new CotMotion(Number(t, "course", "detail.track.course", 0, 360), Number(t, "speed", "detail.track.speed", 0))
            : null;
        CotPrecisionLocation? precision = d.TryGetProperty("precisionlocation", out var p)
            ? new CotPrecisionLocation(OptionalText(p, "geopointsrc"), OptionalText(p, "altsrc"))
            : null;
        CotStatus? status = d.TryGetProperty("status", out var s) ? new CotStatus((uint)Number(s, "battery", "detail.status.battery", 0, 100)) : null;
        CotTakv? takv = d.TryGetProperty("takv", out var v)
            ? new CotTakv(OptionalText(v, "device"), OptionalText(v, "platform"), OptionalText(v, "os"), OptionalText(v, "version"))
            : null;
        string xml = OptionalText(d, "xml") ?? "";
        // The XML detail is written verbatim, so it must stand on its own as well-formed XML.
        if (xml.Length > 0 && !CotXml.TryDecode(System.Text.Encoding.UTF8.GetBytes(
                $"<event version='2.0' uid='x' type='a' how='m-g' time='2000-01-01T00:00:00Z' start='2000-01-01T00:00:00Z' stale='2000-01-01T00:00:00Z'><point lat='0' lon='0' hae='0' ce='0' le='0'/><detail>{xml}</detail></event>"),
                out _, out var xmlError))
            throw new FieldException("detail.xml", "not well-formed XML: " + xmlError.Description);
        return new CotDetail
        {
            Contact = contact,
            Group = group,
            Track = track,
            PrecisionLocation = precision,
            Status = status,
            Takv = takv,
            Remarks = OptionalText(d, "remarks"),
            XmlDetail = xml,
        };
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    private static void Optional(Utf8JsonWriter w, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
            w.WriteString(name, value);
    }

    private static JsonElement Object(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object ? v : throw new FieldException(name, "missing or not an object");

    private static string Text(JsonElement o, string name) =>
        OptionalText(o, name) is { Length: > 0 } s ? s : throw new FieldException(name, "missing or empty");

    private static string? OptionalText(JsonElement o, string name)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            return null;
        return v.ValueKind == JsonValueKind.String ? v.GetString() : throw new FieldException(name, "not a string");
    }

    private static DateTimeOffset Instant(JsonElement o, string name) =>
        DateTimeOffset.TryParse(Text(o, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t) ? t : throw new FieldException(name, "not a CoT time (e.g. 2026-05-01T12:00:00.000Z)");

    private static double Number(JsonElement o, string name, string path, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d))
            throw new FieldException(path, "missing or not a number");
        return d >= min && d <= max ? d : throw new FieldException(path, string.Create(CultureInfo.InvariantCulture, $"{d} is outside {min}..{max}"));
    }

    private sealed class FieldException(string field, string message) : Exception(message)
    {
        public string Field { get; } = field;
    }
}
