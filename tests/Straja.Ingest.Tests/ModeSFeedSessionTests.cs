using System.Buffers;
using CsCheck;
using Straja.Ingest.Feeds;

namespace Straja.Ingest.Tests;

public class ModeSFeedSessionTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static (List<Detection> Detections, SensorCounters Counters) Feed(byte[] bytes, params int[] cuts)
    {
        var counters = new SensorCounters("adsb-mk");
        var session = new ModeSFeedSession("adsb-mk", ModeSFeedFormat.Beast, counters, T);
        var detections = new List<Detection>();
        var pending = Array.Empty<byte>();
        int from = 0;
        foreach (int cut in cuts.Append(bytes.Length))
        {
            // Bytes arrive in pieces; what a session does not consume is offered again with the next piece.
            var chunk = pending.Concat(bytes[from..cut]).ToArray();
            var seq = new ReadOnlySequence<byte>(chunk);
            var used = session.Consume(seq, T.AddSeconds(1), detections);
            pending = seq.Slice(used).ToArray();
            from = cut;
        }

        return (detections, counters);
    }

    [Fact]
    public void An_even_odd_pair_gives_one_position_detection_with_the_icao_identity()
    {
        var (detections, _) = Feed(Beast.Aircraft(0x4B1812, "THY1AN", 44.70, 28.20, 36000));

        var d = Assert.Single(detections);
        Assert.Equal(DetectionKind.Position, d.Kind);
        Assert.Equal("ICAO:4B1812", d.CooperativeId);
        Assert.Equal("THY1AN", d.Callsign);
        Assert.Equal(44.701, d.Position.LatDeg, 3);
        Assert.Equal(28.20, d.Position.LonDeg, 3);
        Assert.Equal(36000 * 0.3048, d.Position.AltM, 0);
        Assert.Equal("adsb-mk", d.SensorId);
    }

    [Fact]
    public void The_same_feed_cut_anywhere_gives_the_same_detections() =>
        Gen.Int[1, 70].Array[0, 4].Sample(cuts =>
        {
            var bytes = Beast.Aircraft(0x4B1812, "THY1AN", 44.70, 28.20, 36000);
            var sorted = cuts.Where(c => c < bytes.Length).Distinct().Order().ToArray();
            var (whole, _) = Feed(bytes);
            var (pieces, _) = Feed(bytes, sorted);
            Assert.Equal(whole, pieces);
        });

    [Fact]
    public void Garbage_between_frames_is_counted_and_skipped()
    {
        byte[] garbage = [0x00, 0x42, 0x13, 0x37];
        var (detections, counters) = Feed([.. garbage, .. Beast.Aircraft(0x4B1812, "THY1AN", 44.70, 28.20, 36000)]);

        Assert.Single(detections);
        Assert.True(counters.Rejected >= 1);
        Assert.Contains("Beast framing", counters.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_bytes_never_throw() =>
        Gen.Byte.Array[0, 600].Sample(bytes => { Feed(bytes, bytes.Length / 2); });
}
