using System.Buffers;
using System.Text.Json;
using Straja.Protocols.Asterix;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>asterix</c>: data blocks (CAT, LEN, records), one JSON object per record. A hex line or a UDP payload may
/// hold several blocks; a raw file is blocks back to back.
/// </summary>
internal sealed class AsterixProtocol : WireProtocol
{
    public override string Name => "asterix";

    public override string Summary => "ASTERIX data blocks (hex: one datagram per line; raw: blocks back to back; pcap: UDP)";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Hex, InputFormat.Raw, InputFormat.Pcap];

    public override Transport Transport => Transport.Udp;

    public override bool CanEncode => true;

    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output)
    {
        var blocks = new AsterixBlockReader(unit);
        AsterixBlock block;
        AsterixDecodeError error;
        while (blocks.TryReadBlock(out block, out error))
        {
            var records = block.Records;
            int offset = block.RecordsOffset;
            if (records.IsEmpty)
            {
                output.Error(block.Offset, "data block holds no record");
                continue;
            }

            while (!records.IsEmpty)
            {
                var w = output.Begin();
                if (AsterixJson.WriteRecord(w, block.Category, records, out int used, out var recordError) != OperationStatus.Done)
                {
                    // Records carry no length, so the rest of this block cannot be found; the next block can.
                    WriteError(output, recordError.Shift(offset));
                    break;
                }

                output.EndMessage(offset);
                records = records[used..];
                offset += used;
            }
        }

        if (error.IsError)
        {
            WriteError(output, error);
        }
    }

    public override bool TryEncode(JsonElement json, out byte[] message, out string field, out string error) =>
        AsterixEncoding.TryEncode(json, out message, out field, out error);

    private static void WriteError(JsonLines output, AsterixDecodeError error)
    {
        var w = output.Begin();
        w.WriteStartObject();
        w.WriteString("error"u8, error.Description);
        if (error.ItemId >= 0)
        {
            w.WriteNumber("item"u8, error.ItemId);
        }

        w.WriteEndObject();
        output.EndError(error.Offset);
    }
}
