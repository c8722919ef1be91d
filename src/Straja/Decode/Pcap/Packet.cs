using System.Buffers.Binary;
using System.Net;

namespace Straja.Cli.Decode.Pcap;

/// <summary>The transport payload of one packet and its addressing; <see cref="Payload"/> is a slice of the packet.</summary>
internal readonly record struct Segment(
    Transport Transport, IPAddress Source, int SourcePort, IPAddress Destination, int DestinationPort,
    uint Sequence, bool Syn, bool Fin, ReadOnlyMemory<byte> Payload)
{
    public string SourceText => Endpoint(Source, SourcePort);

    public string DestinationText => Endpoint(Destination, DestinationPort);

    private static string Endpoint(IPAddress a, int port) =>
        a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]:{port}" : $"{a}:{port}";
}

/// <summary>
/// Peels link layer (Ethernet with up to two VLAN tags, Linux cooked SLL and SLL2, raw IP), IPv4 or IPv6 and UDP or TCP
/// off a captured frame. Anything else (ARP, ICMP, IP fragments, IPv6 extension headers) is not for us and
/// is skipped with a reason; a header that does not fit in the captured bytes is reported as such.
/// </summary>
internal static class Packet
{
    private const int EtherTypeIpv4 = 0x0800;
    private const int EtherTypeIpv6 = 0x86DD;
    private const int ProtocolTcp = 6;
    private const int ProtocolUdp = 17;

    /// <summary>The link types <see cref="TryParse"/> reads; a capture of any other is refused as a whole.</summary>
    public static bool Reads(int linkType) =>
        linkType is PcapReader.LinkEthernet or PcapReader.LinkLinuxSll or PcapReader.LinkLinuxSll2
            or PcapReader.LinkRaw or PcapReader.LinkIpv4 or PcapReader.LinkIpv6;

    /// <summary>
    /// Returns true with the segment, or false with <paramref name="skip"/> saying why (and
    /// <paramref name="malformed"/> true when the bytes are broken rather than merely other traffic).
    /// </summary>
    public static bool TryParse(int linkType, ReadOnlyMemory<byte> frame, out Segment segment, out string skip, out bool malformed)
    {
        segment = default;
        malformed = false;
        var f = frame.Span;
        int ip;
        int etherType;
        switch (linkType)
        {
            case PcapReader.LinkEthernet:
                if (f.Length < 14)
                {
                    return Fail("Ethernet header cut short", true, out skip, out malformed);
                }

                ip = 14;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(f[12..]);
                for (int tags = 0; tags < 2 && etherType is 0x8100 or 0x88A8 && f.Length >= ip + 4; tags++)
                {
                    etherType = BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 2)..]);
                    ip += 4;
                }

                break;
            case PcapReader.LinkLinuxSll:
                if (f.Length < 16)
                {
                    return Fail("Linux cooked header cut short", true, out skip, out malformed);
                }

                ip = 16;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(f[14..]);
                break;
            case PcapReader.LinkLinuxSll2:
                // tcpdump -i any on current Linux: protocol first, then interface, hardware type and address.
                if (f.Length < 20)
                {
                    return Fail("Linux cooked v2 header cut short", true, out skip, out malformed);
                }

                ip = 20;
                etherType = BinaryPrimitives.ReadUInt16BigEndian(f);
                break;
            case PcapReader.LinkRaw or PcapReader.LinkIpv4 or PcapReader.LinkIpv6:
                ip = 0;
                etherType = f.Length > 0 && f[0] >> 4 == 6 ? EtherTypeIpv6 : EtherTypeIpv4;
                break;
            default:
                return Fail($"link type {linkType} is not read", true, out skip, out malformed);
        }

        return etherType switch
        {
            EtherTypeIpv4 => TryIpv4(frame, ip, out segment, out skip, out malformed),
            EtherTypeIpv6 => TryIpv6(frame, ip, out segment, out skip, out malformed),
            _ => Fail($"ethertype 0x{etherType:x4} is not IP", false, out skip, out malformed),
        };
    }

    private static bool TryIpv4(ReadOnlyMemory<byte> frame, int ip, out Segment segment, out string skip, out bool malformed)
    {
        segment = default;
        var f = frame.Span;
        if (f.Length < ip + 20 || f[ip] >> 4 != 4)
        {
            return Fail("IPv4 header cut short or not version 4", true, out skip, out malformed);
        }

        int headerLength = (f[ip] & 0x0F) * 4;
        int totalLength = BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 2)..]);
        if (headerLength < 20 || totalLength < headerLength)
        {
            return Fail("IPv4 header or total length inconsistent", true, out skip, out malformed);
        }

        if (f.Length < ip + totalLength)
        {
            return Fail($"IPv4 packet of {totalLength} bytes captured as {f.Length - ip} (snap length too small?)", true, out skip, out malformed);
        }

        int flagsAndOffset = BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 6)..]);
        if ((flagsAndOffset & 0x3FFF) != 0)
        {
            return Fail("IPv4 fragment (not reassembled)", false, out skip, out malformed);
        }

        var source = new IPAddress(f.Slice(ip + 12, 4));
        var destination = new IPAddress(f.Slice(ip + 16, 4));
        return TryTransport(f[ip + 9], frame.Slice(ip + headerLength, totalLength - headerLength), source, destination, out segment, out skip, out malformed);
    }

    private static bool TryIpv6(ReadOnlyMemory<byte> frame, int ip, out Segment segment, out string skip, out bool malformed)
    {
        segment = default;
        var f = frame.Span;
        if (f.Length < ip + 40 || f[ip] >> 4 != 6)
        {
            return Fail("IPv6 header cut short or not version 6", true, out skip, out malformed);
        }

        int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(f[(ip + 4)..]);
        if (f.Length < ip + 40 + payloadLength)
        {
            return Fail($"IPv6 payload of {payloadLength} bytes captured as {f.Length - ip - 40}", true, out skip, out malformed);
        }

        var source = new IPAddress(f.Slice(ip + 8, 16));
        var destination = new IPAddress(f.Slice(ip + 24, 16));
        return TryTransport(f[ip + 6], frame.Slice(ip + 40, payloadLength), source, destination, out segment, out skip, out malformed);
    }

    private static bool TryTransport(int protocol, ReadOnlyMemory<byte> data, IPAddress source, IPAddress destination, out Segment segment, out string skip, out bool malformed)
    {
        segment = default;
        var d = data.Span;
        switch (protocol)
        {
            case ProtocolUdp:
                {
                    int length = d.Length >= 8 ? BinaryPrimitives.ReadUInt16BigEndian(d[4..]) : 0;
                    if (length < 8 || length > d.Length)
                    {
                        return Fail("UDP header cut short or length inconsistent", true, out skip, out malformed);
                    }

                    segment = new Segment(
                        Transport.Udp, source, BinaryPrimitives.ReadUInt16BigEndian(d), destination, BinaryPrimitives.ReadUInt16BigEndian(d[2..]),
                        0, false, false, data[8..length]);
                    break;
                }

            case ProtocolTcp:
                {
                    int headerLength = d.Length >= 20 ? (d[12] >> 4) * 4 : 0;
                    if (headerLength < 20 || headerLength > d.Length)
                    {
                        return Fail("TCP header cut short or data offset inconsistent", true, out skip, out malformed);
                    }

                    byte flags = d[13];
                    segment = new Segment(
                        Transport.Tcp, source, BinaryPrimitives.ReadUInt16BigEndian(d), destination, BinaryPrimitives.ReadUInt16BigEndian(d[2..]),
                        BinaryPrimitives.ReadUInt32BigEndian(d[4..]), (flags & 0x02) != 0, (flags & 0x01) != 0, data[headerLength..]);
                    break;
                }

            default:
                return Fail($"IP protocol {protocol} is neither UDP nor TCP", false, out skip, out malformed);
        }

        skip = "";
        malformed = false;
        return true;
    }

    private static bool Fail(string reason, bool isMalformed, out string skip, out bool malformed)
    {
        skip = reason;
        malformed = isMalformed;
        return false;
    }
}
