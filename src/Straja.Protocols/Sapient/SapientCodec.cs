using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Sapient;

/// <summary>One unframed SAPIENT protobuf payload or proto3 JSON document to and from <see cref="SapientMessage"/>.</summary>
public static class SapientCodec
{
    // Unknown fields are an error in JSON (a misspelt name must not pass silently) but are kept when
    // parsing binary, as protobuf requires, so a newer node's extra fields survive a relay.
    private static readonly JsonParser StrictJson = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(false));
    private static readonly JsonFormatter Json = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(false));

    /// <summary>Parses a protobuf payload. Malformed bytes give <see cref="OperationStatus.InvalidData"/>, never an exception.</summary>
    public static OperationStatus TryDecode(
        ReadOnlySpan<byte> payload,
        [NotNullWhen(true)] out SapientMessage? message,
        out SapientDecodeError error)
    {
        error = default;
        try
        {
            message = SapientMessage.Parser.ParseFrom(payload);
            return OperationStatus.Done;
        }
        catch (InvalidProtocolBufferException ex)
        {
            message = null;
            error = new SapientDecodeError(0, SapientDecodeErrorReason.MalformedProtobuf, ex.Message);
            return OperationStatus.InvalidData;
        }
    }

    /// <summary>The protobuf bytes of <paramref name="message"/> (canonical field order, no length prefix).</summary>
    public static byte[] Encode(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.ToByteArray();
    }

    /// <summary>
    /// Parses proto3 JSON (either the proto field names or their lowerCamelCase forms). A type error, an
    /// unknown field or a bad timestamp gives false and the parser's message, which names the field.
    /// </summary>
    public static bool TryParseJson(
        string json,
        [NotNullWhen(true)] out SapientMessage? message,
        [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            message = StrictJson.Parse<SapientMessage>(json);
            error = null;
            return true;
        }
        catch (Exception ex) when (ex is InvalidProtocolBufferException or InvalidJsonException or FormatException)
        {
            message = null;
            error = ex.Message;
            return false;
        }
    }

    /// <summary>Proto3 JSON of <paramref name="message"/> on one line (lowerCamelCase names), as `straja decode` prints.</summary>
    public static string ToJson(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Json.Format(message);
    }
}
