using System.Net;
using System.Net.Sockets;
using CsCheck;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;
using Straja.Sim.Emitters;

namespace Straja.Ingest.Tests;

public class AsterixRadarTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 23, 59, 59, TimeSpan.Zero);
    private static readonly SensorDescriptor Radar = new("radar-isaccea", "Isaccea radar", SensorKind.Radar, new GeoPoint(45.25, 28.44, 80), 30_000, 2)
    {
        Noise = new SensorNoise(25, 0.002, 0.004),
        AsterixSource = (25, 2),
    };

    private static Detection Plot(double rangeM, double azRad, double elRad, DateTimeOffset time) => new()
    {
        SensorId = Radar.Id, Time = time, Kind = DetectionKind.Polar, RangeM = rangeM, AzimuthRad = azRad, ElevationRad = elRad,
        SigmaRangeM = 25, SigmaAzimuthRad = 0.002, SigmaElevationRad = 0.004,
    };

    [Fact]
    public void Plots_sent_as_CAT048_come_back_within_the_formats_resolution() =>
        Gen.Select(Gen.Double[200, 29_000], Gen.Double[-Math.PI, Math.PI], Gen.Double[0.001, 0.3], Gen.Double[0, 4]).Sample((range, az, el, dt) =>
        {
            var sent = Plot(range, az, el, T.AddSeconds(dt));
            var emitter = new AsterixEmitter([Radar]);
            var session = new AsterixRadarSession([Radar], new IngestCounters());
            var got = new List<Detection>();
            foreach (var datagram in emitter.Emit([sent], T.AddSeconds(dt)))
                session.Consume(datagram, T.AddSeconds(dt + 0.3), got);

            var d = Assert.Single(got);
            Assert.InRange(d.RangeM - range, -4, 4);                         // 1/256 NM ≈ 7.2 m
            double dAz = Math.IEEERemainder(d.AzimuthRad - az, 2 * Math.PI);
            Assert.InRange(dAz, -1e-4, 1e-4);                               // 360/2^16 deg
            Assert.InRange(d.ElevationRad - el, -8.0 / range, 8.0 / range); // half of 25 ft of height plus half of 1/256 NM of range
            Assert.InRange((d.Time - sent.Time).TotalSeconds, -0.008, 0.008);  // 1/128 s, across midnight too
            Assert.Equal(Radar.Id, d.SensorId);
        });

    [Fact]
    public void A_north_marker_goes_out_once_a_revolution()
    {
        var emitter = new AsterixEmitter([Radar]);
        var session = new AsterixRadarSession([Radar], new IngestCounters());
        for (int s = 0; s <= 10; s++)
        {
            foreach (var datagram in emitter.Emit([], T.AddSeconds(s)))
                session.Consume(datagram, T.AddSeconds(s), []);
        }

        Assert.Equal(6, session.NorthMarkers); // t = 0, 2, 4, 6, 8, 10
    }

    [Fact]
    public void Unknown_sources_and_garbage_are_counted_not_thrown()
    {
        var counters = new IngestCounters();
        var session = new AsterixRadarSession([Radar], counters);
        var stranger = new AsterixEmitter([Radar with { AsterixSource = (9, 9) }]);
        var got = new List<Detection>();
        foreach (var datagram in stranger.Emit([Plot(5000, 1, 0.01, T)], T))
            session.Consume(datagram, T, got);
        session.Consume([48, 0, 200, 1, 2, 3], T, got);
        Gen.Byte.Array[0, 300].Sample(bytes => session.Consume(bytes, T, got));

        Assert.Empty(got);
        Assert.True(counters.For("asterix").Rejected >= 2);
    }

    [Fact]
    public async Task Radar_plots_over_UDP_become_a_track()
    {
        await using var f = new EngineFixture([Radar]);
        var counters = new IngestCounters();
        var session = new AsterixRadarSession([Radar], counters);
        await using var listener = new UdpFeedListener(new IPEndPoint(IPAddress.Loopback, 0), session.Consume, f.Engine, TimeProvider.System);
        listener.Start();
        var emitter = new AsterixEmitter([Radar]);
        using var radar = new UdpClient(AddressFamily.InterNetwork);

        // A target 10 km north-east flying north at 20 m/s, one plot per 2 s revolution.
        var start = TimeProvider.System.GetUtcNow();
        for (int i = 0; i < 6; i++)
        {
            var t = start.AddSeconds(i * 0.25);
            var plot = Plot(10_000 + (i * 40), Math.PI / 4, 0.02, t);
            foreach (var datagram in emitter.Emit([plot], t))
                await radar.SendAsync(datagram, listener.Endpoint);
            await Task.Delay(250);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !f.Engine.Picture.Tracks.Any(t => t.Confirmed))
            await Task.Delay(50);
        Assert.Contains(f.Engine.Picture.Tracks, t => t.Confirmed && t.Sensors.Contains(Radar.Id));
        Assert.Equal(6, counters.For(Radar.Id).Accepted - session.NorthMarkers);
    }
}
