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
            if (WellKnownProblem(message, "") is { } problem)
            {
                // Protobuf accepts any numbers in a Timestamp or Duration, but they must be a real
                // instant or span: nothing downstream (JSON, times) can use one that is not.
                message = null;
                error = new SapientDecodeError(0, SapientDecodeErrorReason.MalformedProtobuf, problem);
                return OperationStatus.InvalidData;
            }

            return OperationStatus.Done;
        }
        catch (InvalidProtocolBufferException ex)
        {
            message = null;
            error = new SapientDecodeError(0, SapientDecodeErrorReason.MalformedProtobuf, ex.Message);
            return OperationStatus.InvalidData;
        }
    }

    private const long MinTimestampSeconds = -62_135_596_800; // 0001-01-01T00:00:00Z
    private const long MaxTimestampSeconds = 253_402_300_799; // 9999-12-31T23:59:59Z
    private const long MaxDurationSeconds = 315_576_000_000;  // 10,000 years
    private const int NanosPerSecond = 1_000_000_000;

    /// <summary>The path of the first Timestamp or Duration outside its documented range, or null.</summary>
    private static string? WellKnownProblem(IMessage message, string path)
    {
        switch (message)
        {
            case Google.Protobuf.WellKnownTypes.Timestamp t:
                return t.Nanos is < 0 or >= NanosPerSecond || t.Seconds is < MinTimestampSeconds or > MaxTimestampSeconds
                    ? $"{path}: timestamp {t.Seconds} s {t.Nanos} ns is not a valid instant"
                    : null;
            case Google.Protobuf.WellKnownTypes.Duration d:
                return d.Nanos is <= -NanosPerSecond or >= NanosPerSecond || Math.Abs(d.Seconds) > MaxDurationSeconds
                    || (d.Seconds > 0 && d.Nanos < 0) || (d.Seconds < 0 && d.Nanos > 0)
                    ? $"{path}: duration {d.Seconds} s {d.Nanos} ns is not a valid span"
                    : null;
        }

        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != Google.Protobuf.Reflection.FieldType.Message)
                continue;
            var value = field.Accessor.GetValue(message);
            string here = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            if (field.IsRepeated && value is System.Collections.IList list)
            {
                for (int i = 0; i < list.Count; i++)
                {
                    if (list[i] is IMessage item && WellKnownProblem(item, $"{here}[{i}]") is { } p)
                        return p;
                }
            }
            else if (!field.IsMap && value is IMessage child && WellKnownProblem(child, here) is { } p)
            {
                return p;
            }
        }

        return null;
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
