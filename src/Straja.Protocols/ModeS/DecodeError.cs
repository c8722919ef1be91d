namespace Straja.Protocols.ModeS;

/// <summary>Why bytes were not accepted.</summary>
public enum DecodeErrorReason
{
    None = 0,
    /// <summary>The frame is not 7 or 14 bytes, or its length does not match its downlink format.</summary>
    BadLength,
    /// <summary>A downlink format this decoder does not interpret (DF1–3, 6–10, 12–15, 19, 22, 23).</summary>
    UnsupportedDownlinkFormat,
    /// <summary>A feed byte that cannot start or continue a frame.</summary>
    BadFraming,
    /// <summary>A character that is not a hexadecimal digit where one was required.</summary>
    BadHexDigit,
    /// <summary>A feed frame longer than any the format allows.</summary>
    FrameTooLong,
}

/// <summary>A decode failure: the byte offset (into the span given to the decoder) and the reason.</summary>
public readonly record struct DecodeError(int Offset, DecodeErrorReason Reason)
{
    /// <summary>A fixed English description of <see cref="Reason"/>.</summary>
    public string Description => Reason switch
    {
        DecodeErrorReason.None => "no error",
        DecodeErrorReason.BadLength => "frame length is not 7 or 14 bytes or does not match its downlink format",
        DecodeErrorReason.UnsupportedDownlinkFormat => "downlink format not supported",
        DecodeErrorReason.BadFraming => "byte cannot start or continue a frame",
        DecodeErrorReason.BadHexDigit => "not a hexadecimal digit",
        DecodeErrorReason.FrameTooLong => "frame longer than the format allows",
        _ => "unknown error",
    };

    public override string ToString() => $"offset {Offset}: {Description}";
}
