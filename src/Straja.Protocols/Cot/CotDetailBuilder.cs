using System.Buffers;
using System.Globalization;
using System.Xml;

namespace Straja.Protocols.Cot;

/// <summary>
/// Sorts <c>&lt;detail&gt;</c> children into the structured fields and everything else, whether they come from
/// XML or from a TAK message's <c>xmlDetail</c>. A child becomes a structured field only if it is the first
/// of its name, has no content, and carries only known, non-empty, parseable attributes; anything else (which
/// the protobuf could not carry faithfully) is kept as canonical XML: attributes in document order and in
/// double quotes, empty elements as <c>&lt;name /&gt;</c>.
/// </summary>
internal sealed class CotDetailBuilder(CotXmlLimits limits)
{
    private readonly ArrayBufferWriter<byte> _other = new(256);
    private readonly ArrayBufferWriter<byte> _inner = new(256);
    private readonly List<KeyValuePair<string, string>> _attrs = [];
    private CotContact? _contact;
    private CotGroup? _group;
    private CotPrecisionLocation? _precision;
    private CotStatus? _status;
    private CotTakv? _takv;
    private CotMotion? _track;
    private string? _remarks;

    /// <summary>Seeds the structured fields a TAK message carried before its xmlDetail is sorted.</summary>
    public CotDetailBuilder With(CotDetail structured)
    {
        _contact = structured.Contact;
        _group = structured.Group;
        _precision = structured.PrecisionLocation;
        _status = structured.Status;
        _takv = structured.Takv;
        _track = structured.Track;
        return this;
    }

    public CotDetail Build() => new()
    {
        Contact = _contact,
        Group = _group,
        PrecisionLocation = _precision,
        Status = _status,
        Takv = _takv,
        Track = _track,
        Remarks = _remarks,
        XmlDetail = _other.WrittenCount == 0 ? "" : CotUtf8Writer.ToText(_other),
    };

    /// <summary>Reads an xmlDetail fragment (several sibling elements) under the same caps as an event.</summary>
    public bool TryReadFragment(string xml, out CotDecodeError error)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), CotXml.Settings(limits, ConformanceLevel.Fragment));
            return TryReadChildren(reader, stopDepth: -1, out error);
        }
        catch (XmlException e)
        {
            error = CotDecodeError.AtLine(CotDecodeErrorReason.MalformedXml, e.LineNumber, e.LinePosition, $"xmlDetail: {e.Message}");
            return false;
        }
    }

    /// <summary>Consumes sibling elements until the end tag at <paramref name="stopDepth"/> (or the end of a fragment).</summary>
    public bool TryReadChildren(XmlReader r, int stopDepth, out CotDecodeError error)
    {
        error = default;
        while (!r.EOF && !(r.NodeType == XmlNodeType.EndElement && r.Depth == stopDepth))
        {
            if (r.NodeType != XmlNodeType.Element)
            {
                r.Read();
                continue;
            }

            if (!TryReadChild(r, out error))
            {
                return false;
            }
        }

        return true;
    }

    private bool TryReadChild(XmlReader r, out CotDecodeError error)
    {
        string name = r.Name;
        _attrs.Clear();
        while (r.MoveToNextAttribute())
        {
            _attrs.Add(new(r.Name, r.Value));
        }

        r.MoveToElement();
        _inner.ResetWrittenCount();
        if (!TryReadInner(r, out bool hasElements, out string text, out error))
        {
            return false;
        }

        bool noContent = _inner.WrittenCount == 0;
        bool taken = name switch
        {
            "contact" => _contact is null && noContent && Only("callsign", "endpoint") && Set(ref _contact, new CotContact(Get("callsign"), Get("endpoint"))),
            "__group" => _group is null && noContent && Only("name", "role") && Set(ref _group, new CotGroup(Get("name"), Get("role"))),
            "precisionlocation" => _precision is null && noContent && Only("geopointsrc", "altsrc")
                && Set(ref _precision, new CotPrecisionLocation(Get("geopointsrc"), Get("altsrc"))),
            "status" => _status is null && noContent && Only("battery") && uint.TryParse(Get("battery"), NumberStyles.None, CultureInfo.InvariantCulture, out uint battery)
                && Set(ref _status, new CotStatus(battery)),
            "takv" => _takv is null && noContent && Only("device", "platform", "os", "version")
                && Set(ref _takv, new CotTakv(Get("device"), Get("platform"), Get("os"), Get("version"))),
            "track" => _track is null && noContent && Only("course", "speed") && TryMotion(out CotMotion motion) && Set(ref _track, motion),
            "remarks" => _remarks is null && _attrs.Count == 0 && !hasElements && Set(ref _remarks, text),
            _ => false,
        };

        if (!taken)
        {
            WriteCanonical(name);
        }

        return true;
    }

    private static bool Set<T>(ref T? slot, T value)
    {
        slot = value;
        return true;
    }

    private bool Only(params ReadOnlySpan<string> allowed)
    {
        foreach (KeyValuePair<string, string> a in _attrs)
        {
            if (a.Value.Length == 0 || !allowed.Contains(a.Key))
            {
                return false;
            }
        }

        return true;
    }

    private string? Get(string name)
    {
        foreach (KeyValuePair<string, string> a in _attrs)
        {
            if (a.Key == name)
            {
                return a.Value;
            }
        }

        return null;
    }

    private bool TryMotion(out CotMotion motion)
    {
        motion = default;
        if (Get("course") is not { } c || Get("speed") is not { } s
            || !CotXml.TryParseDouble(c, out double course) || !CotXml.TryParseDouble(s, out double speed))
        {
            return false;
        }

        motion = new CotMotion(course, speed);
        return true;
    }

    /// <summary>
    /// Serialises the element's content canonically into the inner buffer and leaves the reader after its end
    /// tag. Iterative, so depth costs no stack; the depth cap bounds hostile nesting anyway.
    /// </summary>
    private bool TryReadInner(XmlReader r, out bool hasElements, out string text, out CotDecodeError error)
    {
        hasElements = false;
        text = "";
        error = default;
        if (r.IsEmptyElement)
        {
            r.Read();
            return true;
        }

        var w = new CotUtf8Writer(_inner, (byte)'"');
        int baseDepth = r.Depth;
        string? firstText = null;
        System.Text.StringBuilder? moreText = null;
        while (r.Read() && !(r.NodeType == XmlNodeType.EndElement && r.Depth == baseDepth))
        {
            switch (r.NodeType)
            {
                case XmlNodeType.Element:
                    if (r.Depth - baseDepth > limits.MaxDetailDepth)
                    {
                        error = CotXml.At(r, CotDecodeErrorReason.TooDeep, $"more than {limits.MaxDetailDepth} levels inside <detail>");
                        return false;
                    }

                    hasElements = true;
                    bool empty = r.IsEmptyElement;
                    WriteStartTag(ref w, r);
                    w.Raw(empty ? " />"u8 : ">"u8);
                    break;
                case XmlNodeType.EndElement:
                    w.Raw("</"u8);
                    w.RawText(r.Name);
                    w.Raw((byte)'>');
                    break;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    string value = r.Value;
                    w.Escaped(value, inAttribute: false);
                    if (firstText is null)
                    {
                        firstText = value;
                    }
                    else
                    {
                        (moreText ??= new System.Text.StringBuilder(firstText)).Append(value);
                    }

                    break;
            }
        }

        text = moreText?.ToString() ?? firstText ?? "";
        r.Read();
        return true;
    }

    private static void WriteStartTag(ref CotUtf8Writer w, XmlReader r)
    {
        w.Raw((byte)'<');
        w.RawText(r.Name);
        while (r.MoveToNextAttribute())
        {
            w.Raw((byte)' ');
            w.RawText(r.Name);
            w.Raw("=\""u8);
            w.Escaped(r.Value, inAttribute: true);
            w.Raw((byte)'"');
        }

        r.MoveToElement();
    }

    private void WriteCanonical(string name)
    {
        var w = new CotUtf8Writer(_other, (byte)'"');
        w.Raw((byte)'<');
        w.RawText(name);
        foreach (KeyValuePair<string, string> a in _attrs)
        {
            w.Raw((byte)' ');
            w.RawText(a.Key);
            w.Raw("=\""u8);
            w.Escaped(a.Value, inAttribute: true);
            w.Raw((byte)'"');
        }

        if (_inner.WrittenCount == 0)
        {
            w.Raw(" />"u8);
            return;
        }

        w.Raw((byte)'>');
        w.Raw(_inner.WrittenSpan);
        w.Raw("</"u8);
        w.RawText(name);
        w.Raw((byte)'>');
    }
}
