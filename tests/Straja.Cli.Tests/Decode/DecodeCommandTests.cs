namespace Straja.Cli.Tests.Decode;

/// <summary>The command line of <c>decode</c>: arguments, exit codes, and bad input in each format.</summary>
public sealed class DecodeCommandTests
{
    private const string Identification = "8D406B902015A678D4D220AA4BDA";

    [Theory]
    [InlineData(new[] { "radar", "-" }, "unknown protocol 'radar'")]
    [InlineData(new[] { "modes", "-", "--format", "pcap" }, "modes does not read --format pcap; it reads hex")]
    [InlineData(new[] { "asterix", "-", "--format", "json" }, "unknown format 'json' (hex, raw, pcap)")]
    [InlineData(new[] { "asterix", "-", "--port", "80" }, "--port applies to --format pcap only")]
    [InlineData(new[] { "asterix" }, "decode needs a protocol and a file (or - for stdin)")]
    [InlineData(new[] { "asterix", "-", "--colour", "red" }, "unknown option '--colour'")]
    public void Usage_errors_exit_2_naming_what_was_wrong(string[] args, string message)
    {
        var result = CliRun.Decode("", args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"straja decode: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_missing_file_exits_2_with_its_name()
    {
        var result = CliRun.Decode("", "modes", "/nonexistent/frames.hex");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("/nonexistent/frames.hex", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_argument_reads_the_file_and_flags_may_come_first()
    {
        using var dir = new TempDirectory();
        string path = dir.File("frames.hex", $"# two frames\n{Identification}\n\n8D40058B58C901375147EFD09357\n");

        var result = CliRun.Decode("", "--format", "hex", "modes", path);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal([2, 4], result.Objects.Select(o => o.GetProperty("line").GetInt32()));
    }

    [Fact]
    public void Bad_hex_lines_are_reported_by_line_and_the_next_lines_still_decode()
    {
        var result = CliRun.Decode($"8D40 6B90 2015 A678 D4D2 20AA 4BDA\n8D406X\n8D406\n00\n{Identification}\n", "modes", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
            [
                """{"df":17,"icao":"406B90","crc_valid":true,"capability":5,"typecode":4,"category":0,"callsign":"EZY85MH","offset":0,"line":1}""",
                """{"error":"'X' at column 6 is not a hexadecimal digit","offset":0,"line":2}""",
                """{"error":"odd number of hexadecimal digits","offset":0,"line":3}""",
                """{"error":"frame length is not 7 or 14 bytes or does not match its downlink format","offset":1,"line":4}""",
                """{"df":17,"icao":"406B90","crc_valid":true,"capability":5,"typecode":4,"category":0,"callsign":"EZY85MH","offset":0,"line":5}""",
            ],
            result.Lines);
    }

    [Fact]
    public void A_raw_beast_stream_with_garbage_reports_its_offset_and_resynchronises()
    {
        byte[] frame = Convert.FromHexString("1a3300001a1a2b3c4d808d406b902015a678d4d220aa4bda");
        byte[] stream = [.. frame, 0x55, 0x66, .. frame, .. frame[..10]];

        var result = CliRun.Decode(stream, "beast", "-", "--format", "raw");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([0L, frame.Length + 2], result.Messages.Select(m => m.GetProperty("offset").GetInt64()));
        Assert.Equal([frame.Length, (2 * frame.Length) + 2], result.Errors.Select(e => e.GetProperty("offset").GetInt64()));
        Assert.Equal("Beast frame cut short by the end of the input", result.Errors[1].GetProperty("error").GetString());
    }

    [Fact]
    public void A_raw_asterix_file_prints_records_of_every_block_with_their_file_offsets()
    {
        byte[] plot = Convert.FromHexString("300030FDF70219C9356D4DA0C5AFF1E0020005283C660C10C236D4182001C0780031BC0000400DEB07B9582E410020F5");
        byte[] marker = Convert.FromHexString("220014F6000202416DEC40944060440094000010");

        var result = CliRun.Decode([.. marker, .. plot, .. marker[..5]], "asterix", "-", "--format", "raw");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([3L, marker.Length + 3], result.Messages.Select(m => m.GetProperty("offset").GetInt64()));
        var error = Assert.Single(result.Errors);
        Assert.Equal("data block LEN past the end of the datagram", error.GetProperty("error").GetString());
        Assert.Equal(marker.Length + plot.Length + 1, error.GetProperty("offset").GetInt64());
    }

    [Fact]
    public void A_sapient_stream_with_an_absurd_length_prefix_stops_with_one_error()
    {
        var valid = VectorFiles.Load("sapient_bsi_flex_335_v2.json").GetProperty("valid_messages")[0];
        byte[] frame = Convert.FromHexString(valid.GetProperty("tcp_frame_hex").GetString()!);
        byte[] stream = [.. frame, 0xFF, 0xFF, 0xFF, 0x7F, .. frame];

        var result = CliRun.Decode(stream, "sapient", "-", "--format", "raw");

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Messages);
        var error = Assert.Single(result.Errors);
        Assert.Equal(frame.Length, error.GetProperty("offset").GetInt64());
        Assert.EndsWith("rest of the stream skipped", error.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_protobuf_is_an_error_object_not_a_crash()
    {
        var result = CliRun.Decode("0AFF\nFFFFFFFF\n", "sapient", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([1, 2], result.Errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.All(result.Errors, e => Assert.StartsWith("payload is not a valid protobuf SapientMessage", e.GetProperty("error").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public void Random_bytes_in_every_protocol_and_format_never_throw()
    {
        var random = new Random(31);
        foreach (var (protocol, format) in new[] { ("modes", "hex"), ("beast", "hex"), ("beast", "raw"), ("avr", "raw"), ("asterix", "hex"), ("asterix", "raw"), ("sapient", "hex"), ("sapient", "raw") })
        {
            for (int round = 0; round < 200; round++)
            {
                var bytes = new byte[random.Next(0, 300)];
                random.NextBytes(bytes);
                if (format == "hex")
                {
                    bytes = System.Text.Encoding.ASCII.GetBytes(Convert.ToHexString(bytes) + "\n" + Convert.ToHexString(bytes[..(bytes.Length / 2)]));
                }

                var result = CliRun.Decode(bytes, protocol, "-", "--format", format);
                Assert.InRange(result.ExitCode, 0, 1);
                _ = result.Objects;
            }
        }
    }
}
