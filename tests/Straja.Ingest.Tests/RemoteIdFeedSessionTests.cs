using Straja.Ingest.Feeds;
using Straja.Registry;
using Straja.Sim.Emitters;

namespace Straja.Ingest.Tests;

public class RemoteIdFeedSessionTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private const string Serial = "1596F350457A8C2E1234";
    private static readonly SensorDescriptor Receiver = new("coop-mk", "MK receiver", SensorKind.Cooperative, new GeoPoint(44.362, 28.488, 50), 250_000, 1);
    private static readonly byte[] Seed = Enumerable.Range(0, 32).Select(i => (byte)(200 - i)).ToArray();

    private static Detection Report(double s, GeoPoint p, bool signed)
    {
        var d = new Detection
        {
            SensorId = "coop-mk", Time = T.AddSeconds(s), Kind = DetectionKind.Position, Position = p,
            SigmaHorizontalM = 10, SigmaVerticalM = 15, ClassHint = TargetClass.Multirotor, ClassConfidence = 0.95,
            CooperativeId = "RID:" + Serial, OperatorId = "ROU-MIL-UAS-0007",
        };
        if (!signed)
            return d;
        var location = RemoteIdEmitter.LocationMessage(d);
        var pages = new DroneSigner(new UnitPrivateKey("RU-2026-0007", Serial, Seed)).Sign(location, d.Time);
        return d with { CooperativeProof = CooperativeProofText.Format(location, pages) };
    }

    private static (List<Detection> Detections, IngestCounters Counters) Receive(params byte[][] datagrams)
    {
        var counters = new IngestCounters();
        var session = new RemoteIdFeedSession([Receiver], counters, T);
        var detections = new List<Detection>();
        for (int i = 0; i < datagrams.Length; i++)
            session.Consume(datagrams[i], T.AddSeconds(i + 0.2), detections);
        return (detections, counters);
    }

    [Fact]
    public void A_signed_broadcast_arrives_with_its_serial_operator_position_and_the_exact_proof_it_was_sent_with()
    {
        var sent = Report(0.5, new GeoPoint(45.2, 28.5, 120), signed: true);

        var (detections, counters) = Receive(new RemoteIdEmitter().Emit(sent)!);

        var d = Assert.Single(detections);
        Assert.Equal("RID:" + Serial, d.CooperativeId);
        Assert.Equal("ROU-MIL-UAS-0007", d.OperatorId);
        Assert.Equal("coop-mk", d.SensorId);
        Assert.Equal(sent.CooperativeProof, d.CooperativeProof);
        Assert.Equal(45.2, d.Position.LatDeg, 6);
        Assert.Equal(28.5, d.Position.LonDeg, 6);
        Assert.Equal(TargetClass.Multirotor, d.ClassHint);
        Assert.Equal(sent.Time, d.Time);
        Assert.Equal(1, counters.For("coop-mk").Accepted);
    }

    [Fact]
    public void An_unsigned_broadcast_of_the_same_serial_arrives_without_a_proof_and_is_not_mixed_with_the_signed_one()
    {
        var emitter = new RemoteIdEmitter();
        var (detections, _) = Receive(
            emitter.Emit(Report(0.5, new GeoPoint(45.2, 28.5, 120), signed: true))!,
            emitter.Emit(Report(1.5, new GeoPoint(45.0, 28.7, 100), signed: false))!);

        Assert.Equal(2, detections.Count);
        Assert.NotNull(detections[0].CooperativeProof);
        Assert.Null(detections[1].CooperativeProof);
        Assert.Equal(45.0, detections[1].Position.LatDeg, 6);
    }

    [Fact]
    public void A_receiver_that_is_not_a_configured_cooperative_sensor_is_refused_by_name()
    {
        var d = Report(0.5, new GeoPoint(45.2, 28.5, 120), signed: false) with { SensorId = "rogue-rx" };

        var (detections, counters) = Receive(new RemoteIdEmitter().Emit(d)!);

        Assert.Empty(detections);
        Assert.Contains("rogue-rx", counters.For(RemoteIdFeedSession.FeedCountersId).LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cut_or_garbled_datagram_is_counted_with_its_offset_and_the_next_one_still_works()
    {
        var good = new RemoteIdEmitter().Emit(Report(0.5, new GeoPoint(45.2, 28.5, 120), signed: true))!;
        var garbled = (byte[])good.Clone();
        garbled[0] = (byte)'X';

        var (detections, counters) = Receive(good[..30], garbled, good);

        Assert.Single(detections);
        Assert.Equal(2, counters.For(RemoteIdFeedSession.FeedCountersId).Rejected);
        Assert.Contains("byte 0", counters.For(RemoteIdFeedSession.FeedCountersId).LastError, StringComparison.Ordinal);
    }
}
