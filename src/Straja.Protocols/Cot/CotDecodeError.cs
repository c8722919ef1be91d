namespace Straja.Protocols.Cot;

/// <summary>Why CoT bytes were not accepted.</summary>
public enum CotDecodeErrorReason
{
    None = 0,
    /// <summary>More bytes than the configured maximum; nothing was parsed.</summary>
    TooLarge,
    /// <summary>Not well-formed XML, or XML this decoder refuses (any DTD, an undeclared entity).</summary>
    MalformedXml,
    /// <summary>The root element is not <c>&lt;event&gt;</c>, or it has no <c>&lt;point&gt;</c>.</summary>
    NotAnEvent,
    /// <summary>A required attribute is absent.</summary>
    MissingAttribute,
    /// <summary>An attribute or field has a value outside its type or range.</summary>
    BadValue,
    /// <summary>Detail elements nested deeper than the configured maximum.</summary>
    TooDeep,
    /// <summary>A TAK header byte is not 0xBF, or its varint is broken.</summary>
    BadFraming,
    /// <summary>A TAK mesh header names a protocol version other than 1.</summary>
    UnsupportedVersion,
    /// <summary>The TAK payload is not a valid protobuf <c>TakMessage</c>.</summary>
    MalformedProtobuf,
    /// <summary>The TAK message carries only control data, no <c>cotEvent</c>.</summary>
    NoEvent,
}

/// <summary>
/// A decode failure and where: for XML the 1-based line and column (0 when the whole input was refused
/// before parsing), for TAK bytes the byte offset in <see cref="Offset"/>; <see cref="Detail"/> names the field.
/// </summary>
public readonly record struct CotDecodeError(CotDecodeErrorReason Reason, int Line, int Column, int Offset, string? Detail = null)
{
    public static CotDecodeError AtLine(CotDecodeErrorReason reason, int line, int column, string? detail) => new(reason, line, column, 0, detail);

    public static CotDecodeError AtOffset(CotDecodeErrorReason reason, int offset, string? detail) => new(reason, 0, 0, offset, detail);

    /// <summary>A fixed English description of <see cref="Reason"/>, then the detail if any.</summary>
    public string Description
    {
        get
        {
            string text = Reason switch
            {
                CotDecodeErrorReason.None => "no error",
                CotDecodeErrorReason.TooLarge => "input larger than the configured maximum",
                CotDecodeErrorReason.MalformedXml => "malformed or refused XML",
                CotDecodeErrorReason.NotAnEvent => "not a CoT event",
                CotDecodeErrorReason.MissingAttribute => "required attribute missing",
                CotDecodeErrorReason.BadValue => "value out of type or range",
                CotDecodeErrorReason.TooDeep => "detail nested too deeply",
                CotDecodeErrorReason.BadFraming => "bad TAK framing",
                CotDecodeErrorReason.UnsupportedVersion => "unsupported TAK protocol version",
                CotDecodeErrorReason.MalformedProtobuf => "payload is not a valid protobuf TakMessage",
                CotDecodeErrorReason.NoEvent => "TAK message carries no event",
                _ => "unknown error",
            };
            return Detail is null ? text : $"{text}: {Detail}";
        }
    }

    public override string ToString() => Line > 0 ? $"line {Line}, column {Column}: {Description}" : $"offset {Offset}: {Description}";
}

/// <summary>Caps that keep a hostile peer from costing more than one bounded parse.</summary>
public sealed record CotXmlLimits
{
    public static readonly CotXmlLimits Default = new();

    /// <summary>The largest event accepted, in bytes (UTF-8). TAK clients rarely send more than a few kilobytes.</summary>
    public int MaxEventBytes { get; init; } = 256 * 1024;

    /// <summary>How deep elements may nest inside <c>&lt;detail&gt;</c>.</summary>
    public int MaxDetailDepth { get; init; } = 32;
}
