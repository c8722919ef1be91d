using System.Buffers;
using Straja.Protocols.Cot;

namespace Straja.Ingest.Outputs;

/// <summary>The bytes a CoT output puts on the wire.</summary>
public enum CotWireFormat
{
    /// <summary>CoT XML: one event per datagram, or events back to back on a stream (what every TAK server's plain port takes).</summary>
    Xml = 0,
    /// <summary>TAK protocol v1: mesh framing on UDP, stream framing on TCP.</summary>
    TakProtocol = 1,
}

internal static class CotFormat
{
    /// <summary>One event's bytes for a datagram (<paramref name="stream"/> false) or a stream.</summary>
    public static byte[] Encode(CotEvent ev, CotWireFormat format, bool stream)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        switch (format, stream)
        {
            case (CotWireFormat.TakProtocol, false):
                TakProtocol.WriteMesh(buffer, ev);
                break;
            case (CotWireFormat.TakProtocol, true):
                TakProtocol.WriteStream(buffer, ev);
                break;
            default:
                // On a stream the declaration would sit between events; the datagram carries one document.
                CotXml.Write(buffer, ev, declaration: !stream);
                break;
        }

        return buffer.WrittenSpan.ToArray();
    }
}
