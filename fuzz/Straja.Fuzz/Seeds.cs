using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Fuzz;

/// <summary>
/// Builds the seed corpora from the golden vectors of tests/Straja.Protocols.Tests/Vectors: every frame,
/// block and message the tests know, as the raw bytes each target reads, plus a few streams of many
/// frames so the feed readers and the CPR pairing start from realistic sequences.
/// </summary>
internal static class Seeds
{
    public static int Write(string vectorsDir, string corpusDir, TextWriter output)
    {
        var corpora = new Dictionary<string, List<byte[]>>();
        foreach (string name in Targets.All.Keys)
        {
            corpora[name] = [];
        }

        ModeS(Load(vectorsDir, "modes_adsb_1090es.json"), corpora);
        Asterix(Load(vectorsDir, "asterix.json"), corpora["asterix"]);
        Sapient(Load(vectorsDir, "sapient_bsi_flex_335_v2.json"), corpora["sapient"]);

        foreach (var (name, seeds) in corpora)
        {
            string dir = Path.Combine(corpusDir, name);
            Directory.CreateDirectory(dir);
            int n = 0;
            foreach (byte[] seed in seeds.DistinctBy(Convert.ToHexString))
            {
                File.WriteAllBytes(Path.Combine(dir, $"seed{n++:D3}"), seed);
            }

            output.WriteLine($"{dir}: {n} seeds");
        }

        return 0;
    }

    private static JsonElement Load(string dir, string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(dir, file)));
        return doc.RootElement.Clone();
    }

    private static void ModeS(JsonElement v, Dictionary<string, List<byte[]>> corpora)
    {
        var frames = v.GetProperty("messages").EnumerateArray().Select(m => Convert.FromHexString(m.GetProperty("hex").GetString()!)).ToList();
        corpora["modes"].AddRange(frames);
        corpora["modes"].Add([.. frames.Where(f => f.Length == 14).SelectMany(f => f)]);

        var beast = v.GetProperty("beast_binary_examples");
        corpora["beast"].AddRange(beast.GetProperty("frames").EnumerateArray().Select(f => Convert.FromHexString(f.GetProperty("frame_hex").GetString()!)));
        corpora["beast"].Add(Convert.FromHexString(beast.GetProperty("pymodes_test_frames").GetProperty("escaped_timestamp_example").GetProperty("frame_hex").GetString()!));
        corpora["avr"].AddRange(v.GetProperty("avr_raw_examples").GetProperty("lines").EnumerateArray().Select(l => System.Text.Encoding.ASCII.GetBytes(l.GetProperty("line").GetString() + "\n")));

        // One stream of frames in each feed, timestamps counting up as a receiver's would; kept short
        // because afl-fuzz mutates whole inputs and slows down on long ones.
        var beastStream = new List<byte>();
        var avrStream = new List<byte>();
        Span<byte> buf = stackalloc byte[Math.Max(BeastWriter.MaxFrameLength, AvrWriter.MaxLineLength)];
        ulong ts = 0x1A1A_0000;
        foreach (byte[] f in frames.Take(24))
        {
            var frame = new FeedFrame(f, ts += 12_000, (byte)(ts & 0xFF));
            BeastWriter.TryWrite(frame, buf, out int n);
            beastStream.AddRange(buf[..n]);
            AvrWriter.TryWrite(frame, (AvrFormat)(avrStream.Count % 3), buf, out n);
            avrStream.AddRange(buf[..n]);
        }

        corpora["beast"].Add([.. beastStream]);
        corpora["avr"].Add([.. avrStream]);
    }

    private static void Asterix(JsonElement v, List<byte[]> seeds)
    {
        foreach (var vector in v.GetProperty("vectors").EnumerateArray())
        {
            if (vector.TryGetProperty("block_hex", out var block) && block.ValueKind == JsonValueKind.String)
            {
                seeds.Add(Convert.FromHexString(block.GetString()!));
            }
            else if (vector.GetProperty("category").ValueKind == JsonValueKind.Number && vector.TryGetProperty("record_hex", out var records))
            {
                // A record without its block: give it the CAT/LEN header a radar would send.
                byte[] body = [.. records.EnumerateArray().SelectMany(r => Convert.FromHexString(r.GetString()!))];
                int len = body.Length + 3;
                seeds.Add([(byte)vector.GetProperty("category").GetInt32(), (byte)(len >> 8), (byte)len, .. body]);
            }
        }
    }

    private static void Sapient(JsonElement v, List<byte[]> seeds)
    {
        // The 10 MB framing vector is kept as its bare header: a length claim the reader must refuse.
        seeds.AddRange(v.GetProperty("framing_vectors").EnumerateArray().Select(f =>
            Convert.FromHexString((f.TryGetProperty("framed_hex", out var framed) ? framed : f.GetProperty("header_hex")).GetString()!)));
        seeds.AddRange(v.GetProperty("valid_messages").EnumerateArray().Select(m => Convert.FromHexString(m.GetProperty("tcp_frame_hex").GetString()!)));
        foreach (var m in v.GetProperty("invalid_messages").EnumerateArray())
        {
            if (m.TryGetProperty("protobuf_hex", out var hex) && hex.ValueKind == JsonValueKind.String)
            {
                byte[] payload = Convert.FromHexString(hex.GetString()!);
                seeds.Add([.. BitConverter.GetBytes((uint)payload.Length), .. payload]);
            }
        }
    }
}
