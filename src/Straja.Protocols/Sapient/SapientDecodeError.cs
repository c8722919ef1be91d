namespace Straja.Protocols.Sapient;

/// <summary>Why SAPIENT bytes were not accepted.</summary>
public enum SapientDecodeErrorReason
{
    None = 0,
    /// <summary>The length prefix claims more bytes than the listener allows; the stream cannot be resynchronised.</summary>
    FrameTooLong,
    /// <summary>The payload is not a well-formed protobuf <c>SapientMessage</c>.</summary>
    MalformedProtobuf,
}

/// <summary>A decode failure: the byte offset (into the span given to the reader) and the reason.</summary>
public readonly record struct SapientDecodeError(int Offset, SapientDecodeErrorReason Reason, string? Detail = null)
{
    /// <summary>A fixed English description of <see cref="Reason"/>, then the detail if any.</summary>
    public string Description
    {
        get
        {
            string text = Reason switch
            {
                SapientDecodeErrorReason.None => "no error",
                SapientDecodeErrorReason.FrameTooLong => "length prefix exceeds the maximum message size",
                SapientDecodeErrorReason.MalformedProtobuf => "payload is not a valid protobuf SapientMessage",
                _ => "unknown error",
            };
            return Detail is null ? text : $"{text}: {Detail}";
        }
    }

    public override string ToString() => $"offset {Offset}: {Description}";
}
