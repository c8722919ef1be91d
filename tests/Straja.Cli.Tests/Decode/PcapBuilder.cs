using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Straja.Cli.Tests.Decode;

/// <summary>
/// Writes classic libpcap files around chosen payloads: Ethernet, Linux SLL or raw-IP framing, IPv4 or IPv6,
/// UDP or TCP — so tests control every byte a capture can hold, including broken ones.
/// </summary>
internal sealed class PcapBuilder(int linkType = 1, bool nanoseconds = false, bool bigEndian = false)
{
    public const int Ethernet = 1;
    public const int RawIp = 101;
    public const int LinuxSll = 113;
    public const int LinuxSll2 = 276;

    public static readonly IPAddress Radar = IPAddress.Parse("10.0.0.5");
    public static readonly IPAddress Fusion = IPAddress.Parse("10.0.0.1");

    private readonly MemoryStream _out = new();
    private bool _headerWritten;

    /// <summary>Seconds since 1970 of the next packet; each packet advances it by 1 ms unless set.</summary>
    public double Time { get; set; } = 1_795_000_000.25;

    public PcapBuilder Udp(IPAddress src, int srcPort, IPAddress dst, int dstPort, byte[] payload)
    {
        var udp = new byte[8 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(2), (ushort)dstPort);
        BinaryPrimitives.WriteUInt16BigEndian(udp.AsSpan(4), (ushort)udp.Length);
        payload.CopyTo(udp, 8);
        return Ip(src, dst, 17, udp);
    }

    public PcapBuilder Tcp(IPAddress src, int srcPort, IPAddress dst, int dstPort, uint sequence, byte[] payload, bool syn = false, bool fin = false)
    {
        var tcp = new byte[20 + payload.Length];
        BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)srcPort);
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(2), (ushort)dstPort);
        BinaryPrimitives.WriteUInt32BigEndian(tcp.AsSpan(4), sequence);
        tcp[12] = 5 << 4;
        tcp[13] = (byte)(0x10 | (syn ? 0x02 : 0) | (fin ? 0x01 : 0));
        BinaryPrimitives.WriteUInt16BigEndian(tcp.AsSpan(14), 65535);
        payload.CopyTo(tcp, 20);
        return Ip(src, dst, 6, tcp);
    }

    /// <summary>An ICMP echo request: IP traffic that is neither UDP nor TCP.</summary>
    public PcapBuilder Icmp(IPAddress src, IPAddress dst) => Ip(src, dst, 1, [8, 0, 0xF7, 0xFF, 0, 0, 0, 0]);

    /// <summary>An ARP request: a frame that is not IP at all (Ethernet only).</summary>
    public PcapBuilder Arp()
    {
        var frame = new byte[14 + 28];
        frame.AsSpan(0, 6).Fill(0xFF);
        BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(12), 0x0806);
        return Record(frame);
    }

    /// <summary>A record with exactly these link-layer bytes (and an original length, if it differs).</summary>
    public PcapBuilder Record(byte[] frame, int? originalLength = null, int? claimedLength = null)
    {
        Header();
        long seconds = (long)Math.Floor(Time);
        long fraction = (long)Math.Round((Time - seconds) * (nanoseconds ? 1e9 : 1e6));
        U32((uint)seconds);
        U32((uint)fraction);
        U32((uint)(claimedLength ?? frame.Length));
        U32((uint)(originalLength ?? frame.Length));
        _out.Write(frame);
        Time += 0.001;
        return this;
    }

    public byte[] ToArray()
    {
        Header();
        return _out.ToArray();
    }

    private PcapBuilder Ip(IPAddress src, IPAddress dst, byte protocol, byte[] transport)
    {
        byte[] ip;
        if (src.AddressFamily == AddressFamily.InterNetworkV6)
        {
            ip = new byte[40 + transport.Length];
            ip[0] = 0x60;
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(4), (ushort)transport.Length);
            ip[6] = protocol;
            ip[7] = 64;
            src.GetAddressBytes().CopyTo(ip, 8);
            dst.GetAddressBytes().CopyTo(ip, 24);
            transport.CopyTo(ip, 40);
        }
        else
        {
            ip = new byte[20 + transport.Length];
            ip[0] = 0x45;
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(2), (ushort)ip.Length);
            ip[8] = 64;
            ip[9] = protocol;
            src.GetAddressBytes().CopyTo(ip, 12);
            dst.GetAddressBytes().CopyTo(ip, 16);
            uint sum = 0;
            for (int k = 0; k < 20; k += 2)
            {
                sum += BinaryPrimitives.ReadUInt16BigEndian(ip.AsSpan(k));
            }

            sum = (sum & 0xFFFF) + (sum >> 16);
            BinaryPrimitives.WriteUInt16BigEndian(ip.AsSpan(10), (ushort)~(sum + (sum >> 16)));
            transport.CopyTo(ip, 20);
        }

        ushort etherType = (ushort)(src.AddressFamily == AddressFamily.InterNetworkV6 ? 0x86DD : 0x0800);
        byte[] frame = linkType switch
        {
            Ethernet => [.. new byte[] { 2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, (byte)(etherType >> 8), (byte)etherType }, .. ip],
            LinuxSll => [.. new byte[] { 0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 2, 0, 0, (byte)(etherType >> 8), (byte)etherType }, .. ip],
            LinuxSll2 => [.. new byte[] { (byte)(etherType >> 8), (byte)etherType, 0, 0, 0, 0, 0, 1, 3, 4, 0, 6, 2, 0, 0, 0, 0, 2, 0, 0 }, .. ip],
            _ => ip,
        };
        return Record(frame);
    }

    private void Header()
    {
        if (_headerWritten)
        {
            return;
        }

        _headerWritten = true;
        U32(nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4);
        U16(2);
        U16(4);
        U32(0);
        U32(0);
        U32(65535);
        U32((uint)linkType);
    }

    private void U32(uint v) => Int(v, 4);

    private void U16(ushort v) => Int(v, 2);

    private void Int(uint v, int size)
    {
        for (int k = 0; k < size; k++)
        {
            int shift = 8 * (bigEndian ? size - 1 - k : k);
            _out.WriteByte((byte)(v >> shift));
        }
    }
}
