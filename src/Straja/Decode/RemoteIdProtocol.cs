using System.Buffers;
using System.Globalization;
using Straja.Protocols.RemoteId;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>remoteid</c>: ASTM F3411 / ASD-STAN EN 4709-002 Remote ID. A hex line or datagram is a bare 25-byte message,
/// a message pack, or a Bluetooth or Wi-Fi carrier payload (which one is read from the bytes), or records of the
/// Straja Remote ID receiver feed ("SRID", docs/protocols/remoteid.md), which say their carrier and add the
/// receiver, RSSI, time and transmitter address. A raw file is feed records back to back. Field names are
/// RemoteIdJson's, after F3411's own.
/// </summary>
internal sealed class RemoteIdProtocol : WireProtocol
{
    public override string Name => "remoteid";

    public override string Summary => "Remote ID F3411 (hex: one message, pack, BT/Wi-Fi payload or SRID feed record per line; raw: SRID records; pcap: UDP feed)";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Hex, InputFormat.Raw, InputFormat.Pcap];

    public override Transport Transport => Transport.Udp;

    public override bool CanEncode => true;

    public override bool TryEncode(System.Text.Json.JsonElement json, out byte[] message, out string field, out string error) =>
        RemoteIdEncoding.TryEncode(json, out message, out field, out error);

    private static ReadOnlySpan<byte> FeedMagic => "SRID"u8;

    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output)
    {
        if (unit.StartsWith(FeedMagic))
        {
            DecodeFeed(unit, output);
            return;
        }

        if (RemoteIdCarrier.TryDecodeAny(unit, out var frame, out var error) != OperationStatus.Done)
        {
            output.Error(error.Offset, error.Description);
            return;
        }

        var w = output.Begin();
        RemoteIdJson.Write(w, frame);
        output.EndMessage(0);
    }

    private static void DecodeFeed(ReadOnlySpan<byte> data, JsonLines output)
    {
        int pos = 0;
        while (pos < data.Length)
        {
            var status = RemoteIdFeed.TryRead(data[pos..], out var record, out int consumed, out var error);
            if (status == OperationStatus.NeedMoreData)
            {
                output.Error(pos, $"SRID feed record cut short by the end of the input ({data.Length - pos} bytes left)");
                return;
            }

            if (status != OperationStatus.Done)
            {
                output.Error(pos + error.Offset, "SRID feed record: " + error.Description);
                // Records carry a magic: look for the next one rather than give up on the rest.
                int next = data[(pos + 1)..].IndexOf(FeedMagic);
                if (next < 0)
                    return;
                pos += 1 + next;
                continue;
            }

            int payloadAt = pos + consumed - record.Payload.Length;
            if (RemoteIdCarrier.TryDecode(record.Payload, record.Kind, out var frame, out var carrierError) != OperationStatus.Done)
            {
                output.Error(payloadAt + carrierError.Offset, carrierError.Description);
            }
            else
            {
                string receiver = System.Text.Encoding.ASCII.GetString(record.ReceiverId);
                sbyte rssi = record.RssiDbm;
                string? at = record.ReceivedAt?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
                ulong address = record.TransmitterAddress;
                var w = output.Begin();
                RemoteIdJson.Write(w, frame);
                output.EndMessage(pos, x =>
                {
                    x.WriteString("receiver_id"u8, receiver);
                    if (rssi == RemoteIdFeed.UnknownRssi)
                        x.WriteNull("rssi_dbm"u8);
                    else
                        x.WriteNumber("rssi_dbm"u8, rssi);
                    if (at is null)
                        x.WriteNull("received_at"u8);
                    else
                        x.WriteString("received_at"u8, at);
                    if (address != 0)
                        x.WriteString("transmitter_address"u8, Address(address));
                });
            }

            pos += consumed;
        }
    }

    private static string Address(ulong a) => string.Join(':', Enumerable.Range(0, 6).Select(i => ((byte)(a >> (40 - (8 * i)))).ToString("X2", CultureInfo.InvariantCulture)));
}
