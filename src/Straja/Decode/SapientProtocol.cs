using System.Buffers;
using System.Text;
using System.Text.Json;
using Straja.Protocols.Sapient;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>sapient</c>: BSI Flex 335 v2.0 messages as proto3 JSON. A message that decodes but breaks the standard's
/// rules (mandatory fields, ULIDs, icd_version...) is printed as an error listing every broken rule, with the
/// decoded message beside it.
/// </summary>
internal sealed class SapientProtocol : WireProtocol
{
    public override string Name => "sapient";

    public override string Summary => "SAPIENT BSI Flex 335 v2.0 (hex: one unframed protobuf per line; raw/pcap: 4-byte LE length framing over TCP)";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Hex, InputFormat.Raw, InputFormat.Pcap];

    public override bool CanEncode => true;

    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output) => DecodeMessage(unit, 0, output);

    public override int DecodeStream(ReadOnlySpan<byte> buffer, bool final, JsonLines output, out bool lost)
    {
        lost = false;
        int pos = 0;
        while (pos < buffer.Length)
        {
            var status = SapientFraming.TryRead(buffer[pos..], SapientFraming.DefaultMaxMessageBytes, out var payload, out int consumed, out var error);
            if (status == OperationStatus.NeedMoreData)
            {
                if (final)
                {
                    output.Error(pos, $"SAPIENT frame cut short by the end of the input ({buffer.Length - pos} bytes left)");
                    pos = buffer.Length;
                }

                break;
            }

            if (status != OperationStatus.Done)
            {
                // No sync marker: after a bad length prefix nothing later in this stream can be trusted.
                output.Error(pos + error.Offset, error.Description + "; rest of the stream skipped");
                lost = true;
                return buffer.Length;
            }

            DecodeMessage(payload, pos, output);
            pos += consumed;
        }

        return pos;
    }

    public override bool TryEncode(JsonElement json, out byte[] message, out string field, out string error)
    {
        message = [];
        field = "(message)";
        if (!SapientCodec.TryParseJson(StripContext(json), out var parsed, out var parseError))
        {
            error = parseError;
            return false;
        }

        message = SapientCodec.Encode(parsed);
        error = "";
        return true;
    }

    private static void DecodeMessage(ReadOnlySpan<byte> payload, long offset, JsonLines output)
    {
        if (SapientCodec.TryDecode(payload, out var message, out var error) != OperationStatus.Done)
        {
            output.Error(offset + error.Offset, error.Description);
            return;
        }

        // TryDecode returns a status, so the compiler cannot see that Done means a message.
        var json = Compact(SapientCodec.ToJson(message!));
        var result = SapientValidator.Validate(message!);
        if (result.IsValid)
        {
            output.Message(json, offset);
            return;
        }

        var w = output.Begin();
        w.WriteStartObject();
        w.WriteString("error"u8, "message breaks BSI Flex 335 v2.0: " + result);
        w.WriteStartArray("problems"u8);
        foreach (var p in result.Problems)
        {
            w.WriteStartObject();
            w.WriteString("field"u8, p.FieldPath);
            w.WriteString("reason"u8, p.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WritePropertyName("message"u8);
        w.WriteRawValue(json, skipInputValidation: true);
        w.WriteEndObject();
        output.EndError(offset);
    }

    // protobuf's formatter spaces its output; one line per message reads better without it.
    private static byte[] Compact(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            doc.RootElement.WriteTo(w);
        }

        return buffer.WrittenSpan.ToArray();
    }

    // decode adds where a message was found; those fields are not SAPIENT's and the strict parser would refuse them.
    private static string StripContext(JsonElement json)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (var p in json.EnumerateObject())
            {
                if (!JsonLines.IsContextField(p.Name))
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
