namespace Straja.Cli.Decode.Pcap;

/// <summary>
/// <c>--format pcap</c>: hands each UDP payload of a datagram protocol to it as one unit, and each direction of
/// each TCP connection to a stream protocol as one in-order byte stream. Other traffic is skipped; broken packets
/// and the capture's own faults are printed as errors and the walk goes on where it can.
/// </summary>
internal static class CaptureInput
{
    public static void Decode(ReadOnlyMemory<byte> file, WireProtocol protocol, int? port, JsonLines output)
    {
        if (!PcapReader.TryOpen(file, out var reader, out var openError))
        {
            output.Origin = new Origin(0);
            output.Error(0, openError);
            return;
        }

        if (!Packet.Reads(reader.LinkType))
        {
            output.Origin = new Origin(20);
            output.Error(0, $"link type {reader.LinkType} is not read (Ethernet 1, raw IP 101/228/229, Linux cooked 113/276 are)");
            return;
        }

        var streams = new Dictionary<string, TcpStream>(StringComparer.Ordinal);
        foreach (var packet in reader.Packets())
        {
            string time = reader.Nanoseconds
                ? JsonLines.FormatTime(packet.Seconds, packet.Fraction, 9)
                : JsonLines.FormatTime(packet.Seconds, packet.Fraction, 6);
            double timeS = packet.Seconds + (packet.Fraction / (reader.Nanoseconds ? 1e9 : 1e6));
            if (!Packet.TryParse(reader.LinkType, packet.Data, out var segment, out string skip, out bool malformed))
            {
                if (malformed)
                {
                    output.Origin = new Origin(packet.FileOffset, Packet: packet.Number, Time: time);
                    output.Error(0, $"packet skipped: {skip}");
                }

                continue;
            }

            if (segment.Transport != protocol.Transport || (port is { } p && segment.SourcePort != p && segment.DestinationPort != p))
            {
                continue;
            }

            var origin = new Origin(0, Packet: packet.Number, Time: time, Src: segment.SourceText, Dst: segment.DestinationText, TimeS: timeS);
            if (segment.Transport == Transport.Udp)
            {
                output.Origin = origin;
                protocol.DecodeUnit(segment.Payload.Span, output);
                continue;
            }

            string key = segment.SourceText + ">" + segment.DestinationText;
            if (!streams.TryGetValue(key, out var stream))
            {
                stream = new TcpStream(protocol, output);
                streams.Add(key, stream);
            }

            stream.Add(segment, origin);
        }

        if (reader.Error is var (offset, reason))
        {
            output.Origin = new Origin(offset);
            output.Error(0, reason);
        }

        foreach (var stream in streams.Values)
        {
            stream.Finish();
        }
    }
}

/// <summary>
/// One direction of one TCP connection put back in sequence order: retransmitted bytes are dropped, early
/// segments wait for the gap before them to fill. A gap that never fills (lost in the capture) is reported and
/// jumped over when the capture ends or too much is waiting behind it.
/// </summary>
internal sealed class TcpStream(WireProtocol protocol, JsonLines output)
{
    private const int MaxWaitingSegments = 1024;
    private const int MaxWaitingBytes = 4 << 20;

    private readonly List<(uint Sequence, byte[] Data, Origin Origin)> _waiting = [];
    private byte[] _buffer = new byte[4096];
    private int _count;
    private uint? _next;
    private long _bufferOffset;
    private long _waitingBytes;
    private bool _lost;
    private Origin _last;

    public void Add(in Segment segment, Origin origin)
    {
        if (_lost)
        {
            return;
        }

        // Data starts after the SYN's sequence number; a capture that began mid-connection starts where it starts.
        uint start = segment.Syn ? segment.Sequence + 1 : segment.Sequence;
        _next ??= start;
        if (segment.Payload.IsEmpty)
        {
            return;
        }

        int ahead = (int)(start - _next.Value);
        if (ahead > 0)
        {
            _waiting.Add((start, segment.Payload.ToArray(), origin));
            _waitingBytes += segment.Payload.Length;
            if (_waiting.Count > MaxWaitingSegments || _waitingBytes > MaxWaitingBytes)
            {
                JumpGap();
            }

            return;
        }

        Append(segment.Payload.Span, -ahead, origin);
        Drain();
    }

    /// <summary>The capture has ended: report what never arrived and decode what is left.</summary>
    public void Finish()
    {
        while (!_lost && _waiting.Count > 0)
        {
            JumpGap();
        }

        if (!_lost && _count > 0)
        {
            Decode(final: true, _last);
        }
    }

    private void Append(ReadOnlySpan<byte> payload, int alreadySeen, Origin origin)
    {
        if (alreadySeen >= payload.Length)
        {
            return;
        }

        var fresh = payload[alreadySeen..];
        if (_buffer.Length - _count < fresh.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + fresh.Length));
        }

        fresh.CopyTo(_buffer.AsSpan(_count));
        _count += fresh.Length;
        _next += (uint)fresh.Length;
        _last = origin;
        Decode(final: false, origin);
    }

    private void Drain()
    {
        for (int k = 0; !_lost && k < _waiting.Count;)
        {
            var (sequence, data, origin) = _waiting[k];
            int ahead = (int)(sequence - _next!.Value);
            if (ahead > 0)
            {
                k++;
                continue;
            }

            _waiting.RemoveAt(k);
            _waitingBytes -= data.Length;
            Append(data, -ahead, origin);
            k = 0;
        }
    }

    private void JumpGap()
    {
        int first = 0;
        for (int k = 1; k < _waiting.Count; k++)
        {
            if ((int)(_waiting[k].Sequence - _waiting[first].Sequence) < 0)
            {
                first = k;
            }
        }

        var (sequence, _, origin) = _waiting[first];
        long missing = (uint)(sequence - _next!.Value);
        if (_count > 0)
        {
            Decode(final: true, _last);
        }

        output.Origin = origin with { Offset = _bufferOffset };
        output.Error(0, $"{missing} bytes of the TCP stream are missing from the capture; decoding resumes after them");
        _bufferOffset += missing;
        _next = sequence;
        Drain();
    }

    private void Decode(bool final, Origin origin)
    {
        output.Origin = origin with { Offset = _bufferOffset };
        int used = protocol.DecodeStream(_buffer.AsSpan(0, _count), final, output, out bool lost);
        _lost = lost;
        Array.Copy(_buffer, used, _buffer, 0, _count - used);
        _count -= used;
        _bufferOffset += used;
    }
}
