using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Xml;

namespace Straja.Protocols.Cot;

/// <summary>
/// A CoT event as XML: <see cref="Write"/> produces
/// <c>&lt;event version='2.0' uid type how time start stale&gt;&lt;point lat lon hae ce le/&gt;&lt;detail&gt;…&lt;/detail&gt;&lt;/event&gt;</c>;
/// <see cref="TryDecode(ReadOnlySpan{byte}, out CotEvent?, out CotDecodeError)"/> reads it back without ever
/// throwing, refusing any DTD (so no entity expansion and no external entity is ever resolved) and any input
/// over <see cref="CotXmlLimits.MaxEventBytes"/>.
/// </summary>
public static class CotXml
{
    /// <summary>The XML declaration TAK clients send before each event.</summary>
    public static ReadOnlySpan<byte> Declaration => "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"u8;

    /// <summary>Writes one event as UTF-8, allocating nothing but what <paramref name="output"/> grows by.</summary>
    public static void Write(IBufferWriter<byte> output, CotEvent ev, bool declaration = true)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(ev);
        var w = new CotUtf8Writer(output, (byte)'\'');
        if (declaration)
        {
            w.Raw(Declaration);
        }

        w.Raw("<event version='2.0'"u8);
        w.Attribute("uid"u8, ev.Uid);
        w.Attribute("type"u8, ev.Type);
        w.Attribute("how"u8, ev.How);
        w.Attribute("time"u8, ev.Time);
        w.Attribute("start"u8, ev.Start);
        w.Attribute("stale"u8, ev.Stale);
        w.OptionalAttribute("access"u8, ev.Access);
        w.OptionalAttribute("qos"u8, ev.Qos);
        w.OptionalAttribute("opex"u8, ev.Opex);
        w.Raw("><point"u8);
        w.Attribute("lat"u8, ev.Point.LatDeg);
        w.Attribute("lon"u8, ev.Point.LonDeg);
        w.Attribute("hae"u8, Known(ev.Point.HaeM));
        w.Attribute("ce"u8, Known(ev.Point.CeM));
        w.Attribute("le"u8, Known(ev.Point.LeM));
        w.Raw("/><detail>"u8);
        WriteDetail(ref w, ev.Detail, includeRemarks: true);
        w.RawText(ev.Detail.XmlDetail);
        w.Raw("</detail></event>"u8);
    }

    private static double Known(double v) => double.IsFinite(v) ? v : CotPoint.Unknown;

    /// <summary>The structured detail children (and, when asked, the remarks) in one fixed order.</summary>
    internal static void WriteDetail(ref CotUtf8Writer w, CotDetail d, bool includeRemarks)
    {
        if (d.Contact is { } contact)
        {
            w.Raw("<contact"u8);
            w.OptionalAttribute("callsign"u8, contact.Callsign);
            w.OptionalAttribute("endpoint"u8, contact.Endpoint);
            w.Raw("/>"u8);
        }

        if (d.Group is { } group)
        {
            w.Raw("<__group"u8);
            w.OptionalAttribute("name"u8, group.Name);
            w.OptionalAttribute("role"u8, group.Role);
            w.Raw("/>"u8);
        }

        if (d.PrecisionLocation is { } pl)
        {
            w.Raw("<precisionlocation"u8);
            w.OptionalAttribute("geopointsrc"u8, pl.GeoPointSrc);
            w.OptionalAttribute("altsrc"u8, pl.AltSrc);
            w.Raw("/>"u8);
        }

        if (d.Status is { } status)
        {
            w.Raw("<status"u8);
            w.Attribute("battery"u8, status.BatteryPercent);
            w.Raw("/>"u8);
        }

        if (d.Takv is { } takv)
        {
            w.Raw("<takv"u8);
            w.OptionalAttribute("device"u8, takv.Device);
            w.OptionalAttribute("platform"u8, takv.Platform);
            w.OptionalAttribute("os"u8, takv.Os);
            w.OptionalAttribute("version"u8, takv.Version);
            w.Raw("/>"u8);
        }

        if (d.Track is { } track && double.IsFinite(track.CourseDeg) && double.IsFinite(track.SpeedMps))
        {
            w.Raw("<track"u8);
            w.Attribute("course"u8, track.CourseDeg);
            w.Attribute("speed"u8, track.SpeedMps);
            w.Raw("/>"u8);
        }

        if (includeRemarks && d.Remarks is { } remarks)
        {
            WriteRemarks(ref w, remarks);
        }
    }

    internal static void WriteRemarks(ref CotUtf8Writer w, string remarks)
    {
        w.Raw("<remarks>"u8);
        w.Escaped(remarks, inAttribute: false);
        w.Raw("</remarks>"u8);
    }

    /// <summary>The UTF-8 bytes of one event (with the declaration).</summary>
    public static byte[] Encode(CotEvent ev, bool declaration = true)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, ev, declaration);
        return buffer.WrittenSpan.ToArray();
    }

    public static bool TryDecode(ReadOnlySpan<byte> xml, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error) =>
        TryDecode(xml, CotXmlLimits.Default, out ev, out error);

    /// <summary>
    /// Parses one event. Every failure, hostile input included, is false with the line, column and field;
    /// nothing is thrown. Detail children other than the structured ones are kept, re-serialised, in
    /// <see cref="CotDetail.XmlDetail"/>.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> xml, CotXmlLimits limits, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ev = null;
        if (xml.Length > limits.MaxEventBytes)
        {
            error = CotDecodeError.AtLine(CotDecodeErrorReason.TooLarge, 0, 0, $"{xml.Length} > {limits.MaxEventBytes} bytes");
            return false;
        }

        int dtd = xml.IndexOf("<!DOCTYPE"u8);
        if (dtd >= 0)
        {
            // Checked up front so the error says where; the reader prohibits DTDs anyway.
            int line = 1 + xml[..dtd].Count((byte)'\n');
            int column = 1 + dtd - (xml[..dtd].LastIndexOf((byte)'\n') + 1);
            error = CotDecodeError.AtLine(CotDecodeErrorReason.MalformedXml, line, column, "a DTD is refused: no entity is expanded and nothing external is fetched");
            return false;
        }

        byte[] rented = ArrayPool<byte>.Shared.Rent(xml.Length);
        try
        {
            xml.CopyTo(rented);
            using var reader = XmlReader.Create(new MemoryStream(rented, 0, xml.Length, writable: false), Settings(limits, ConformanceLevel.Document));
            return TryReadEvent(reader, limits, out ev, out error);
        }
        catch (Exception e) when (e is XmlException or ArgumentException or InvalidOperationException)
        {
            // ArgumentException covers invalid UTF-8 (DecoderFallbackException).
            (int line, int column) = e is XmlException x ? (x.LineNumber, x.LinePosition) : (0, 0);
            error = CotDecodeError.AtLine(CotDecodeErrorReason.MalformedXml, line, column, e.Message);
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    internal static XmlReaderSettings Settings(CotXmlLimits limits, ConformanceLevel level) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = Math.Max(1, limits.MaxEventBytes),
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        ConformanceLevel = level,
        CloseInput = true,
    };

    private static bool TryReadEvent(XmlReader r, CotXmlLimits limits, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error)
    {
        ev = null;
        if (r.MoveToContent() != XmlNodeType.Element || r.LocalName != "event")
        {
            error = At(r, CotDecodeErrorReason.NotAnEvent, $"root element is '{r.Name}', expected 'event'");
            return false;
        }

        var attrs = new Attributes(r, "event");
        if (!attrs.TryString("uid", out string? uid, out error) || !attrs.TryString("type", out string? type, out error)
            || !attrs.TryString("how", out string? how, out error)
            || !attrs.TryTime("time", out DateTimeOffset time, out error) || !attrs.TryTime("start", out DateTimeOffset start, out error)
            || !attrs.TryTime("stale", out DateTimeOffset stale, out error))
        {
            return false;
        }

        string? access = r.GetAttribute("access"), qos = r.GetAttribute("qos"), opex = r.GetAttribute("opex");
        CotPoint? point = null;
        CotDetail detail = CotDetail.Empty;
        if (!r.IsEmptyElement)
        {
            int depth = r.Depth;
            r.Read();
            while (!(r.NodeType == XmlNodeType.EndElement && r.Depth == depth))
            {
                if (r.NodeType != XmlNodeType.Element)
                {
                    r.Read();
                    continue;
                }

                if (r.LocalName == "point" && point is null)
                {
                    if (!TryReadPoint(r, out CotPoint p, out error))
                    {
                        return false;
                    }

                    point = p;
                    r.Skip();
                }
                else if (r.LocalName == "detail")
                {
                    var builder = new CotDetailBuilder(limits);
                    if (!r.IsEmptyElement)
                    {
                        int detailDepth = r.Depth;
                        r.Read();
                        if (!builder.TryReadChildren(r, stopDepth: detailDepth, out error))
                        {
                            return false;
                        }
                    }

                    r.Read();
                    detail = builder.Build();
                }
                else
                {
                    r.Skip();
                }
            }
        }

        if (point is null)
        {
            error = At(r, CotDecodeErrorReason.NotAnEvent, "event has no <point>");
            return false;
        }

        // Reading to the end makes the reader check that the rest of the document is well-formed too.
        while (r.Read())
        {
        }

        var decoded = new CotEvent(uid, type, how, time, start, stale, point.Value, detail) { Access = access, Qos = qos, Opex = opex };
        ev = CotEventRules.TryValidate(decoded, out error) ? decoded : null;
        return ev is not null;
    }

    private static bool TryReadPoint(XmlReader r, out CotPoint point, out CotDecodeError error)
    {
        point = default;
        var attrs = new Attributes(r, "point");
        if (!attrs.TryDouble("lat", out double lat, out error) || !attrs.TryDouble("lon", out double lon, out error)
            || !attrs.TryDouble("hae", out double hae, out error) || !attrs.TryDouble("ce", out double ce, out error)
            || !attrs.TryDouble("le", out double le, out error))
        {
            return false;
        }

        point = new CotPoint(lat, lon, hae, ce, le);
        return true;
    }

    internal static CotDecodeError At(XmlReader r, CotDecodeErrorReason reason, string detail) =>
        r is IXmlLineInfo li ? CotDecodeError.AtLine(reason, li.LineNumber, li.LinePosition, detail) : CotDecodeError.AtLine(reason, 0, 0, detail);

    internal static bool TryParseDouble(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Reads required attributes of the element the reader is on, naming element and attribute in errors.</summary>
    private readonly struct Attributes(XmlReader r, string element)
    {
        public bool TryString(string name, [NotNullWhen(true)] out string? value, out CotDecodeError error)
        {
            value = r.GetAttribute(name);
            error = value is null ? At(r, CotDecodeErrorReason.MissingAttribute, $"{element}/@{name}") : default;
            return value is not null;
        }

        public bool TryTime(string name, out DateTimeOffset value, out CotDecodeError error)
        {
            value = default;
            if (!TryString(name, out string? s, out error))
            {
                return false;
            }

            if (!CotTime.TryParse(s, out value))
            {
                error = At(r, CotDecodeErrorReason.BadValue, $"{element}/@{name}: '{Clip(s)}' is not an ISO-8601 UTC time");
                return false;
            }

            return true;
        }

        public bool TryDouble(string name, out double value, out CotDecodeError error)
        {
            value = 0;
            if (!TryString(name, out string? s, out error))
            {
                return false;
            }

            if (!TryParseDouble(s, out value))
            {
                error = At(r, CotDecodeErrorReason.BadValue, $"{element}/@{name}: '{Clip(s)}' is not a finite number");
                return false;
            }

            return true;
        }
    }

    /// <summary>Bad values are quoted in errors, but never more than a short prefix of a hostile one.</summary>
    internal static string Clip(string s) => s.Length <= 40 ? s : string.Concat(s.AsSpan(0, 40), "…");
}
