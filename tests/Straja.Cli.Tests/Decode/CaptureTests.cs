using System.Buffers.Binary;
using System.Net;

namespace Straja.Cli.Tests.Decode;

/// <summary><c>--format pcap</c> on captures generated here: what is read, what is skipped, what is reported.</summary>
public sealed class CaptureTests
{
    // A CAT048 plot (SAC 25 / SIC 201) and a CAT034 sector crossing, blocks from the ASTERIX vectors.
    private static readonly byte[] Cat048Block = Convert.FromHexString(
        "300030FDF70219C9356D4DA0C5AFF1E0020005283C660C10C236D4182001C0780031BC0000400DEB07B9582E410020F5");

    private static readonly byte[] Cat034Block = Convert.FromHexString("220014F6000202416DEC40944060440094000010");

    [Fact]
    public void Asterix_over_udp_prints_each_record_with_packet_time_and_endpoints()
    {
        var capture = new PcapBuilder { Time = 1_795_000_000.5 }
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat048Block)
            .ToArray();

        var result = CliRun.Decode(capture, "asterix", "-", "--format", "pcap");

        Assert.Equal(0, result.ExitCode);
        var record = Assert.Single(result.Objects);
        Assert.Equal(48, record.GetProperty("category").GetInt32());
        Assert.Equal(201, record.GetProperty("I048/010").GetProperty("SIC").GetInt32());
        Assert.Equal(1, record.GetProperty("packet").GetInt32());
        Assert.Equal(3, record.GetProperty("offset").GetInt64());
        Assert.Equal("2026-11-18T11:06:40.500000Z", record.GetProperty("time").GetString());
        Assert.Equal("10.0.0.5:40000", record.GetProperty("src").GetString());
        Assert.Equal("10.0.0.1:8600", record.GetProperty("dst").GetString());
    }

    [Fact]
    public void Mixed_traffic_is_skipped_and_port_selects_the_radar_feed()
    {
        var capture = new PcapBuilder()
            .Arp()
            .Icmp(PcapBuilder.Radar, PcapBuilder.Fusion)
            .Udp(PcapBuilder.Radar, 5353, PcapBuilder.Fusion, 53, [0x12, 0x34, 0x01, 0x00, 0x00, 0x01])
            .Tcp(PcapBuilder.Radar, 40001, PcapBuilder.Fusion, 8600, 1000, Cat048Block)
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat048Block)
            .Udp(IPAddress.Parse("fd00::5"), 40000, IPAddress.Parse("fd00::1"), 8600, Cat034Block)
            .ToArray();

        var all = CliRun.Decode(capture, "asterix", "-", "--format", "pcap");
        var radar = CliRun.Decode(capture, "asterix", "-", "--format", "pcap", "--port", "8600");

        // Without a port the DNS datagram is decoded as ASTERIX and refused; TCP, ARP and ICMP are never looked at.
        Assert.Equal(1, all.ExitCode);
        Assert.Equal(3, Assert.Single(all.Errors).GetProperty("packet").GetInt32());
        Assert.Equal(0, radar.ExitCode);
        Assert.Equal([48, 34], radar.Objects.Select(o => o.GetProperty("category").GetInt32()));
        Assert.Equal([5, 6], radar.Objects.Select(o => o.GetProperty("packet").GetInt32()));
        Assert.Equal("[fd00::5]:40000", radar.Objects[1].GetProperty("src").GetString());
    }

    [Theory]
    [InlineData(PcapBuilder.Ethernet, false, false)]
    [InlineData(PcapBuilder.LinuxSll, false, false)]
    [InlineData(PcapBuilder.LinuxSll2, false, false)]
    [InlineData(PcapBuilder.RawIp, false, false)]
    [InlineData(PcapBuilder.Ethernet, true, false)]
    [InlineData(PcapBuilder.Ethernet, false, true)]
    public void Every_supported_link_type_byte_order_and_time_resolution_reads_the_same(int linkType, bool nanoseconds, bool bigEndian)
    {
        var capture = new PcapBuilder(linkType, nanoseconds, bigEndian) { Time = 1_795_000_000.123456 }
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat034Block)
            .ToArray();

        var result = CliRun.Decode(capture, "asterix", "-", "--format", "pcap");

        Assert.Equal(0, result.ExitCode);
        var record = Assert.Single(result.Objects);
        Assert.Equal(2, record.GetProperty("I034/000").GetProperty("MT").GetInt32());
        Assert.Equal(nanoseconds ? "2026-11-18T11:06:40.123456001Z" : "2026-11-18T11:06:40.123456Z", record.GetProperty("time").GetString());
    }

    [Fact]
    public void Sapient_tcp_segments_are_put_back_in_order_and_retransmissions_dropped()
    {
        var (frames, expectedNodes) = SapientFrames(3);
        byte[] stream = [.. frames.SelectMany(f => f)];
        const uint isn = 0xFFFFFF00; // the sequence numbers wrap inside this stream
        int cut1 = frames[0].Length - 7, cut2 = frames[0].Length + 30;
        var b = new PcapBuilder().Tcp(PcapBuilder.Radar, 50000, PcapBuilder.Fusion, 5020, isn, [], syn: true);
        b.Tcp(PcapBuilder.Radar, 50000, PcapBuilder.Fusion, 5020, isn + 1 + (uint)cut2, stream[cut2..]);     // arrives early
        b.Tcp(PcapBuilder.Radar, 50000, PcapBuilder.Fusion, 5020, isn + 1, stream[..cut1]);
        b.Tcp(PcapBuilder.Radar, 50000, PcapBuilder.Fusion, 5020, isn + 1, stream[..cut1]);                  // retransmitted
        b.Tcp(PcapBuilder.Fusion, 5020, PcapBuilder.Radar, 50000, 77, frames[2]);                              // the other direction
        b.Tcp(PcapBuilder.Radar, 50000, PcapBuilder.Fusion, 5020, isn + 1 + (uint)cut1 - 3, stream[(cut1 - 3)..cut2]); // overlaps

        var result = CliRun.Decode(b.ToArray(), "sapient", "-", "--format", "pcap");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(4, result.Messages.Count);
        var forward = result.Messages.Where(m => m.GetProperty("src").GetString() == "10.0.0.5:50000").ToList();
        Assert.Equal(expectedNodes, forward.Select(m => m.GetProperty("nodeId").GetString()));
        Assert.Equal([0L, frames[0].Length, frames[0].Length + frames[1].Length], forward.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.Equal(6, forward[0].GetProperty("packet").GetInt32()); // completed by the overlapping segment
    }

    [Fact]
    public void A_segment_missing_from_the_capture_is_reported_and_the_beast_feed_resumes_after_it()
    {
        byte[] frame = Convert.FromHexString("1a3300001a1a2b3c4d808d406b902015a678d4d220aa4bda");
        var b = new PcapBuilder();
        for (int k = 0; k < 4; k++)
        {
            if (k != 1)
            {
                b.Tcp(PcapBuilder.Radar, 30005, PcapBuilder.Fusion, 41000, 100 + (uint)(k * frame.Length), frame);
            }
        }

        var result = CliRun.Decode(b.ToArray(), "beast", "-", "--format", "pcap");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(3, result.Messages.Count);
        var gap = Assert.Single(result.Errors);
        Assert.Contains($"{frame.Length} bytes of the TCP stream are missing", gap.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(frame.Length, gap.GetProperty("offset").GetInt64());
        Assert.Equal(3L * frame.Length, result.Messages[2].GetProperty("offset").GetInt64());
    }

    [Fact]
    public void A_capture_cut_short_prints_what_it_holds_then_one_error()
    {
        byte[] capture = new PcapBuilder()
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat034Block)
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat048Block)
            .ToArray();

        for (int cut = 24 + 16 + 42 + Cat034Block.Length + 1; cut < capture.Length; cut += 7)
        {
            var result = CliRun.Decode(capture[..cut], "asterix", "-", "--format", "pcap");
            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.Messages);
            Assert.Contains("packet 2", Assert.Single(result.Errors).GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_hostile_record_length_stops_the_walk_without_reading_it()
    {
        var capture = new PcapBuilder()
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat034Block)
            .Record([1, 2, 3], claimedLength: int.MaxValue)
            .ToArray();

        var result = CliRun.Decode(capture, "asterix", "-", "--format", "pcap");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Messages);
        Assert.Contains("beyond any real frame", Assert.Single(result.Errors).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_packet_captured_shorter_than_its_ip_length_is_reported_by_number()
    {
        var full = new PcapBuilder().Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat048Block).ToArray();
        byte[] frame = full[(24 + 16)..^10];
        var capture = new PcapBuilder().Record(frame, originalLength: frame.Length + 10).ToArray();

        var result = CliRun.Decode(capture, "asterix", "-", "--format", "pcap");

        var error = Assert.Single(result.Objects);
        Assert.Equal(1, error.GetProperty("packet").GetInt32());
        Assert.Contains("captured as", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_capture_of_an_unknown_link_type_is_refused_once_not_per_packet()
    {
        var capture = new PcapBuilder(linkType: 147)
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat034Block)
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat034Block)
            .ToArray();

        var result = CliRun.Decode(capture, "asterix", "-", "--format", "pcap");

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("link type 147 is not read", Assert.Single(result.Objects).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0A0D0D0A1C0000004D3C2B1A0100FFFFFFFFFFFFFFFF1C000000", "pcapng")]
    [InlineData("00112233445566778899AABBCCDDEEFF0011223344556677", "not a pcap file")]
    [InlineData("D4C3", "not a pcap file")]
    public void Files_that_are_not_classic_pcap_are_refused_with_a_reason(string hex, string reason)
    {
        var result = CliRun.Decode(Convert.FromHexString(hex), "asterix", "-", "--format", "pcap");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, Assert.Single(result.Errors).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_and_mutated_captures_never_throw_and_every_line_is_json()
    {
        var (frames, _) = SapientFrames(2);
        var seed = new PcapBuilder()
            .Udp(PcapBuilder.Radar, 40000, PcapBuilder.Fusion, 8600, Cat048Block)
            .Tcp(PcapBuilder.Radar, 50000, PcapBuilder.Fusion, 5020, 5, [.. frames[0], .. frames[1]])
            .Udp(IPAddress.Parse("fd00::5"), 40000, IPAddress.Parse("fd00::1"), 8600, Cat034Block)
            .ToArray();
        var random = new Random(20261127);
        for (int round = 0; round < 400; round++)
        {
            byte[] bytes = (byte[])seed.Clone();
            for (int flips = random.Next(1, 8); flips > 0; flips--)
            {
                bytes[random.Next(24, bytes.Length)] = (byte)random.Next(256);
            }

            if (round % 5 == 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            foreach (string protocol in new[] { "asterix", "sapient", "beast", "avr" })
            {
                var result = CliRun.Decode(bytes, protocol, "-", "--format", "pcap");
                Assert.InRange(result.ExitCode, 0, 1);
                _ = result.Objects; // every line parses as JSON
            }
        }
    }

    private static (List<byte[]> Frames, List<string> Nodes) SapientFrames(int count)
    {
        var frames = new List<byte[]>();
        var nodes = new List<string>();
        foreach (var v in VectorFiles.Load("sapient_bsi_flex_335_v2.json").GetProperty("valid_messages").EnumerateArray().Take(count))
        {
            frames.Add(Convert.FromHexString(v.GetProperty("tcp_frame_hex").GetString()!));
            nodes.Add(v.GetProperty("message_json").GetProperty("nodeId").GetString()!);
        }

        Assert.Equal(count, frames.Count);
        Assert.All(frames, f => Assert.Equal(f.Length - 4, BinaryPrimitives.ReadInt32LittleEndian(f)));
        return (frames, nodes);
    }
}
