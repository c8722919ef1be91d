using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace Straja.Protocols.Cot;

/// <summary>
/// Writes XML straight to UTF-8 with no intermediate strings: measured at 0 bytes allocated per event
/// (see docs/protocols/cot.md), where XmlWriter over a pooled stream allocated on every event.
/// Characters XML 1.0 cannot carry even as references (C0 controls other than tab, LF and CR, lone
/// surrogates, U+FFFE/U+FFFF) become U+FFFD, so whatever the input the output stays well-formed.
/// </summary>
internal ref struct CotUtf8Writer(IBufferWriter<byte> output, byte quote)
{
    private static ReadOnlySpan<byte> Replacement => "\uFFFD"u8;

    private readonly IBufferWriter<byte> _output = output;
    private readonly byte _quote = quote;

    public readonly void Raw(ReadOnlySpan<byte> utf8)
    {
        utf8.CopyTo(_output.GetSpan(utf8.Length));
        _output.Advance(utf8.Length);
    }

    public readonly void Raw(byte b)
    {
        _output.GetSpan(1)[0] = b;
        _output.Advance(1);
    }

    /// <summary>Already well-formed XML held as a string: transcoded, not escaped.</summary>
    public readonly void RawText(string xml) => Transcode(xml);

    /// <summary><c> name='value'</c> with the value escaped for an attribute.</summary>
    public readonly void Attribute(ReadOnlySpan<byte> name, string value)
    {
        AttributeStart(name);
        Escaped(value, inAttribute: true);
        Raw(_quote);
    }

    public readonly void Attribute(ReadOnlySpan<byte> name, double value)
    {
        AttributeStart(name);
        Number(value);
        Raw(_quote);
    }

    public readonly void Attribute(ReadOnlySpan<byte> name, uint value)
    {
        AttributeStart(name);
        Span<byte> span = _output.GetSpan(10);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        _output.Advance(written);
        Raw(_quote);
    }

    public readonly void Attribute(ReadOnlySpan<byte> name, DateTimeOffset value)
    {
        AttributeStart(name);
        CotTime.Write(_output, value);
        Raw(_quote);
    }

    public readonly void OptionalAttribute(ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            Attribute(name, value);
        }
    }

    private readonly void AttributeStart(ReadOnlySpan<byte> name)
    {
        Raw((byte)' ');
        Raw(name);
        Raw((byte)'=');
        Raw(_quote);
    }

    /// <summary>
    /// The shortest text that reads back as the same double, with ".0" added to whole numbers so that
    /// 320 is written "320.0" as other CoT producers (and the shared vectors) do.
    /// </summary>
    public readonly void Number(double value)
    {
        Span<byte> span = _output.GetSpan(32);
        value.TryFormat(span, out int written, default, CultureInfo.InvariantCulture);
        if (double.IsFinite(value) && span[..written].IndexOfAny((byte)'.', (byte)'E') < 0)
        {
            span[written++] = (byte)'.';
            span[written++] = (byte)'0';
        }

        _output.Advance(written);
    }

    /// <summary>Text content or an attribute value, escaped; runs that need no escaping are transcoded in one go.</summary>
    public readonly void Escaped(string text, bool inAttribute)
    {
        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            int i = 0;
            while (i < rest.Length && !NeedsEscape(rest[i], inAttribute))
            {
                i++;
            }

            Transcode(rest[..i]);
            if (i == rest.Length)
            {
                return;
            }

            Raw(Escape(rest[i]));
            rest = rest[(i + 1)..];
        }
    }

    private readonly bool NeedsEscape(char c, bool inAttribute) =>
        c < 0x20 || c is '&' or '<' or '>' or '\uFFFE' or '\uFFFF' || (inAttribute && (c == '\'' || c == '"'));

    // Tab, LF and CR are escaped everywhere: in an attribute the parser would turn them into spaces,
    // and a bare CR in text would be folded into LF.
    private static ReadOnlySpan<byte> Escape(char c) => c switch
    {
        '&' => "&amp;"u8,
        '<' => "&lt;"u8,
        '>' => "&gt;"u8,
        '\'' => "&apos;"u8,
        '"' => "&quot;"u8,
        '\t' => "&#9;"u8,
        '\n' => "&#10;"u8,
        '\r' => "&#13;"u8,
        _ => Replacement,
    };

    private readonly void Transcode(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            Span<byte> span = _output.GetSpan(Math.Min(chars.Length, 1024) * 3);
            OperationStatus status = Utf8.FromUtf16(chars, span, out int read, out int written, replaceInvalidSequences: true, isFinalBlock: true);
            _output.Advance(written);
            chars = chars[read..];
            if (status is not (OperationStatus.Done or OperationStatus.DestinationTooSmall))
            {
                return;
            }
        }
    }

    /// <summary>What was written to <paramref name="buffer"/>, as a string: the canonical XML the decoder keeps.</summary>
    public static string ToText(ArrayBufferWriter<byte> buffer) => Encoding.UTF8.GetString(buffer.WrittenSpan);
}
