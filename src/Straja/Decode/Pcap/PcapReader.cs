using System.Buffers.Binary;

namespace Straja.Cli.Decode.Pcap;

/// <summary>One captured packet: its 1-based number, where its record starts in the file, its time and link-layer bytes.</summary>
internal readonly record struct PcapPacket(int Number, long FileOffset, long Seconds, long Fraction, ReadOnlyMemory<byte> Data, int OriginalLength);

/// <summary>
/// The classic libpcap file format (not pcapng): a 24-byte header whose magic gives the byte order and the time
/// resolution (a1b2c3d4 µs, a1b23c4d ns), then 16-byte record headers each followed by the captured bytes.
/// Reads from memory and never throws on a truncated or hostile file: the first problem ends the walk and is kept
/// in <see cref="Error"/>.
/// </summary>
internal sealed class PcapReader
{
    public const int LinkEthernet = 1;
    public const int LinkRaw = 101;
    public const int LinkLinuxSll = 113;
    public const int LinkLinuxSll2 = 276;
    public const int LinkIpv4 = 228;
    public const int LinkIpv6 = 229;

    private const int FileHeaderBytes = 24;
    private const int RecordHeaderBytes = 16;

    // No link layer frame comes near this; a larger length is a corrupt or hostile record header.
    private const int MaxPacketBytes = 256 * 1024;

    private readonly ReadOnlyMemory<byte> _file;
    private readonly bool _bigEndian;

    private PcapReader(ReadOnlyMemory<byte> file, bool bigEndian, bool nanoseconds, int linkType)
    {
        _file = file;
        _bigEndian = bigEndian;
        Nanoseconds = nanoseconds;
        LinkType = linkType;
    }

    public int LinkType { get; }

    /// <summary>Timestamps carry nanoseconds (magic a1b23c4d) rather than microseconds.</summary>
    public bool Nanoseconds { get; }

    /// <summary>Why reading stopped early, with the file offset, or null if the file ended cleanly.</summary>
    public (long Offset, string Reason)? Error { get; private set; }

    public static bool TryOpen(ReadOnlyMemory<byte> file, out PcapReader reader, out string error)
    {
        reader = null!;
        var s = file.Span;
        uint magic = s.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(s) : 0;
        (bool Big, bool Nano)? kind = magic switch
        {
            0xA1B2C3D4 => (false, false),
            0xD4C3B2A1 => (true, false),
            0xA1B23C4D => (false, true),
            0x4D3CB2A1 => (true, true),
            _ => null,
        };
        if (kind is not var (big, nano))
        {
            error = magic == 0x0A0D0D0A
                ? "pcapng files are not read; convert with: tshark -F pcap -r in.pcapng -w out.pcap"
                : $"not a pcap file: magic {magic:x8}";
            return false;
        }

        if (s.Length < FileHeaderBytes)
        {
            error = $"not a pcap file: {s.Length} bytes, a pcap header needs {FileHeaderBytes}";
            return false;
        }

        int link = (int)(big ? BinaryPrimitives.ReadUInt32BigEndian(s[20..]) : BinaryPrimitives.ReadUInt32LittleEndian(s[20..]));
        reader = new PcapReader(file, big, nano, link & 0x0FFFFFFF);
        error = "";
        return true;
    }

    public IEnumerable<PcapPacket> Packets()
    {
        long pos = FileHeaderBytes;
        int number = 0;
        while (pos < _file.Length)
        {
            number++;
            if (_file.Length - pos < RecordHeaderBytes)
            {
                Error = (pos, $"packet {number}: record header cut short by the end of the file");
                yield break;
            }

            var h = _file.Span.Slice((int)pos, RecordHeaderBytes);
            long seconds = U32(h);
            long fraction = U32(h[4..]);
            long included = U32(h[8..]);
            long original = U32(h[12..]);
            if (included > MaxPacketBytes)
            {
                Error = (pos, $"packet {number}: captured length {included} is beyond any real frame; the file is corrupt from here");
                yield break;
            }

            if (_file.Length - pos - RecordHeaderBytes < included)
            {
                Error = (pos, $"packet {number}: {included} bytes announced, {_file.Length - pos - RecordHeaderBytes} left in the file");
                yield break;
            }

            var data = _file.Slice((int)pos + RecordHeaderBytes, (int)included);
            yield return new PcapPacket(number, pos, seconds, fraction, data, (int)Math.Min(original, int.MaxValue));
            pos += RecordHeaderBytes + included;
        }
    }

    private uint U32(ReadOnlySpan<byte> s) => _bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(s) : BinaryPrimitives.ReadUInt32LittleEndian(s);
}
