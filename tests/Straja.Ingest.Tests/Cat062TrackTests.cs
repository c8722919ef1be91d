using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CsCheck;
using Straja.Engine.Picture;
using Straja.Geo;
using Straja.Ingest.Feeds;
using Straja.Ingest.Net;
using Straja.Protocols.Asterix;

namespace Straja.Ingest.Tests;

public class Cat062TrackTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    // The SDPS whose tracks the golden vectors carry (SAC 25, SIC 100), placed where its Cartesian plane is centred.
    private static readonly SensorDescriptor Sdps = new("sdps-isaccea", "Isaccea SDPS", SensorKind.Tracker, new GeoPoint(45.27, 28.46, 0), 250_000, 4)
    {
        AsterixSource = (25, 100),
    };

    private static JsonElement GoldenCat062(int nth) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "asterix.json"))).RootElement
            .GetProperty("vectors").EnumerateArray()
            .Where(v => v.GetProperty("category").ValueKind == JsonValueKind.Number && v.GetProperty("category").GetInt32() == 62 && v.TryGetProperty("record_hex", out _))
            .ElementAt(nth);

    private static Cat062Record Decode(byte[] record)
    {
        Assert.Equal(System.Buffers.OperationStatus.Done, Cat062.TryDecode(record, out var r, out _, out var error));
        Assert.False(error.IsError);
        return r;
    }

    private static byte[] Datagram(params Cat062Record[] records)
    {
        var buffer = new byte[1024];
        var w = new AsterixWriter(buffer);
        w.BeginBlock(62);
        foreach (var r in records)
            Assert.True(Cat062.Write(ref w, r));
        return buffer.AsSpan(0, w.EndBlock()).ToArray();
    }

    private static Cat062Record Track(int number, double latDeg, double lonDeg, DateTimeOffset at, (byte Sac, byte Sic)? source = null) => new()
    {
        Source = new DataSource((source ?? Sdps.AsterixSource!.Value).Sac, (source ?? Sdps.AsterixSource!.Value).Sic),
        TimeOfTrack128 = AsterixTime.ToTimeOfDay128(at),
        Position = new Wgs84Position(latDeg, lonDeg),
        TrackNumber = number,
        GeometricAltitudeFt = 500 / 0.3048,
    };

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void A_golden_system_track_becomes_a_position_under_its_track_number(int nth)
    {
        var vector = GoldenCat062(nth);
        var expected = vector.GetProperty("expected_records")[0].GetProperty("CAT062");
        var record = Decode(Convert.FromHexString(vector.GetProperty("record_hex")[0].GetString()!));
        double tod = expected.GetProperty("I070").GetProperty("ToT").GetDouble();
        var receivedAt = Noon.Date.AddSeconds(tod + 1.5);

        Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, new DateTimeOffset(receivedAt, TimeSpan.Zero), out var d, out string why), why);

        Assert.Equal(DetectionKind.Position, d.Kind);
        Assert.Equal(Sdps.Id, d.SensorId);
        Assert.Equal(tod, d.Time.TimeOfDay.TotalSeconds, 3);
        Assert.Equal(expected.GetProperty("I105").GetProperty("Lat").GetDouble(), d.Position.LatDeg, 6);
        Assert.Equal(expected.GetProperty("I105").GetProperty("Lon").GetDouble(), d.Position.LonDeg, 6);
        Assert.Equal(expected.GetProperty("I130").GetProperty("Alt").GetDouble() * 0.3048, d.Position.AltM, 3);
        Assert.Equal(expected.GetProperty("I040").GetProperty("TrkN").GetInt32().ToString(CultureInfo.InvariantCulture), d.SourceTrackId);
        Assert.Equal("ICAO:" + expected.GetProperty("I380").GetProperty("ADR").GetProperty("ADR").GetString(), d.CooperativeId);
        Assert.Equal(expected.GetProperty("I380").GetProperty("ID").GetProperty("ACID").GetString()!.Trim(), d.Callsign);
        Assert.Equal(Cat062TrackAdapter.SigmaHorizontalM, d.SigmaHorizontalM);
    }

    [Fact]
    public void Without_a_callsign_the_track_is_labelled_with_its_mode_3A_code()
    {
        var record = Track(7, 45.3, 28.5, Noon) with { Mode3A = new Mode3A(Mode3A.FromOctal(7000)) };

        Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out var d, out _));

        Assert.Equal("A7000", d.Callsign);
        Assert.Null(d.CooperativeId);
    }

    [Fact]
    public void A_Cartesian_only_track_is_placed_from_the_trackers_reference_point() =>
        Gen.Select(Gen.Double[-80_000, 80_000], Gen.Double[-80_000, 80_000]).Sample((x, y) =>
        {
            var record = Track(9, 0, 0, Noon) with { Position = null, CartesianPosition = new CartesianPosition(x, y) };

            Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out var d, out string why), why);

            // A system plane is conformal about its reference point: distances and bearings from it hold to a
            // few metres in 100 km (scale error d²/4R²; the tangent plane's d³/3R²).
            var g = Geodesic.Inverse(Sdps.Position, d.Position with { AltM = 0 });
            double planeM = Math.Sqrt((x * x) + (y * y));
            Assert.InRange(g.DistanceM - planeM, -10, 10);
            double bearingDeg = Math.Atan2(x, y) * 180 / Math.PI;
            if (planeM > 100)
                Assert.InRange(Math.IEEERemainder(g.InitialAzimuthDeg - bearingDeg, 360), -0.01, 0.01);
        });

    [Fact]
    public void Pressure_altitude_is_used_when_no_geometric_height_is_given_and_a_2D_track_has_a_wide_vertical_sigma()
    {
        var baro = Track(3, 45.3, 28.5, Noon) with { GeometricAltitudeFt = null, BarometricAltitudeFl = 100 };
        var flat = Track(4, 45.3, 28.5, Noon) with { GeometricAltitudeFt = null };

        Assert.True(Cat062TrackAdapter.TryToDetection(baro, Sdps, Noon, out var b, out _));
        Assert.True(Cat062TrackAdapter.TryToDetection(flat, Sdps, Noon, out var f, out _));

        Assert.Equal(10_000 * 0.3048, b.Position.AltM, 6);
        Assert.True(f.SigmaVerticalM > b.SigmaVerticalM && b.SigmaVerticalM > Cat062TrackAdapter.SigmaVerticalM);
    }

    [Theory]
    [InlineData("time", "I062/070")]
    [InlineData("number", "I062/040")]
    [InlineData("position", "I062/105")]
    public void A_track_missing_a_needed_item_is_refused_naming_the_item(string missing, string item)
    {
        var record = Track(5, 45.3, 28.5, Noon);
        record = missing switch
        {
            "time" => record with { TimeOfTrack128 = null },
            "number" => record with { TrackNumber = null },
            _ => record with { Position = null },
        };

        Assert.False(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out _, out string why));
        Assert.Contains(item, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Tracks_on_the_ASTERIX_port_are_counted_against_their_tracker_and_bad_ones_never_throw()
    {
        var radar = new SensorDescriptor("radar-tulcea", "Tulcea radar", SensorKind.Radar, new GeoPoint(45.18, 28.8, 60), 60_000, 4) { AsterixSource = (25, 3) };
        var counters = new IngestCounters();
        var session = new AsterixRadarSession([Sdps, radar], counters);
        var got = new List<Detection>();

        session.Consume(Datagram(Track(1, 45.3, 28.5, Noon), Track(2, 45.3, 28.5, Noon) with { TrackNumber = null }), Noon, got);
        session.Consume(Datagram(Track(3, 45.3, 28.5, Noon, source: (25, 3))), Noon, got);
        session.Consume(Datagram(Track(4, 45.3, 28.5, Noon, source: (9, 9))), Noon, got);
        Gen.Byte.Array[0, 200].Select(b => b.Length > 0 ? [62, 0, (byte)Math.Min(b.Length + 3, 255), .. b] : b)
            .Sample(bytes => session.Consume(bytes, Noon, got));

        var d = Assert.Single(got, x => x.SourceTrackId == "1");
        Assert.Equal(Sdps.Id, d.SensorId);
        Assert.DoesNotContain(got, x => x.SourceTrackId is "2" or "3" or "4");
        Assert.Equal(1, counters.For(Sdps.Id).Accepted);
        Assert.Equal(1, counters.For(Sdps.Id).Rejected);
        Assert.Contains("I062/040", counters.For(Sdps.Id).LastError, StringComparison.Ordinal);
        Assert.Contains("not a tracker", counters.For(radar.Id).LastError, StringComparison.Ordinal);
        Assert.True(counters.For("asterix").Rejected >= 2);
    }

    [Fact]
    public async Task System_tracks_crossing_the_Danube_over_UDP_become_one_fused_track_and_one_border_alert()
    {
        // Along 28.46 E near Isaccea the Danube is the border: Ukraine to the north, Romania to the south.
        var border = BorderMap.Embedded;
        double north = 45.34, south = 45.20, lonDeg = 28.46;
        Assert.Equal("UA", border.CountryAt(north, lonDeg));
        Assert.Equal("RO", border.CountryAt(south, lonDeg));
        for (int i = 0; i < 40; i++)
        {
            double mid = (north + south) / 2;
            if (border.CountryAt(mid, lonDeg) == "RO")
                south = mid;
            else
                north = mid;
        }

        double from = north + 0.015, to = north - 0.015; // ±1.7 km about the river
        Assert.Equal("UA", border.CountryAt(from, lonDeg));
        Assert.Equal("RO", border.CountryAt(to, lonDeg));

        await using var feed = new UdpTrackFeed();
        var (f, counters) = (feed.Fixture, feed.Counters);

        // One object, 41 updates 1.2 s apart under one track number, about 70 m/s southward. The updates go out
        // faster than they are dated, so they straddle now within the engine's window (stale tracks are dropped).
        const int Updates = 41;
        const double PeriodS = 1.2;
        var first = TimeProvider.System.GetUtcNow().AddSeconds(-PeriodS * (Updates - 1) / 2);
        for (int i = 0; i < Updates; i++)
        {
            double lat = from + ((to - from) * i / (Updates - 1));
            await feed.SendAsync(Track(4713, lat, lonDeg, first.AddSeconds(PeriodS * i)));
            await Task.Delay(20);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && !f.Engine.Alerts(10).Any(a => a.Kind == AlertKind.BorderCrossing))
            await Task.Delay(50);

        Assert.Equal(Updates, counters.For(Sdps.Id).Accepted);
        var track = Assert.Single(f.Engine.Picture.Tracks);
        Assert.Contains(Sdps.Id, track.Sensors);
        var alert = Assert.Single(f.Engine.Alerts(10), a => a.Kind == AlertKind.BorderCrossing);
        Assert.Equal(track.Id, alert.TrackId);
        Assert.Contains("Ukraine", alert.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_track_with_velocity_and_accuracies_gives_a_detection_with_exactly_those_values()
    {
        // At the tracker's reference point the system plane's x/y are local east/north.
        var record = Track(21, Sdps.Position.LatDeg, Sdps.Position.LonDeg, Noon) with
        {
            Velocity = new CartesianVelocity(-12.5, 30.25),
            Accuracy = new Cat062Accuracy(Position: new CartesianPosition(40, 63), GeometricAltitudeFt: 100, Velocity: new CartesianVelocity(2.75, 4.75)),
        };

        Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out var d, out string why), why);

        Assert.Equal(-12.5, d.VelocityEastMps, 9);
        Assert.Equal(30.25, d.VelocityNorthMps, 9);
        Assert.True(double.IsNaN(d.VelocityUpMps)); // I062/185 has no vertical
        Assert.Equal(4.75, d.SigmaVelocityHorizontalMps); // the larger of ATV x/y
        Assert.Equal(63, d.SigmaHorizontalM); // the larger of APC x/y
        Assert.Equal(100 * 0.3048, d.SigmaVerticalM, 12); // AGA, the height being geometric
    }

    [Fact]
    public void Without_velocity_or_accuracies_the_detection_keeps_the_default_sigmas_and_no_velocity()
    {
        Assert.True(Cat062TrackAdapter.TryToDetection(Track(22, 45.3, 28.5, Noon), Sdps, Noon, out var d, out _));

        Assert.Equal(Cat062TrackAdapter.SigmaHorizontalM, d.SigmaHorizontalM);
        Assert.Equal(Cat062TrackAdapter.SigmaVerticalM, d.SigmaVerticalM);
        Assert.True(double.IsNaN(d.VelocityEastMps) && double.IsNaN(d.VelocityNorthMps) && double.IsNaN(d.SigmaVelocityHorizontalMps));

        var withVelocityOnly = Track(23, 45.3, 28.5, Noon) with { Velocity = new CartesianVelocity(10, 0) };
        Assert.True(Cat062TrackAdapter.TryToDetection(withVelocityOnly, Sdps, Noon, out var v, out _));
        Assert.Equal(Cat062TrackAdapter.SigmaVelocityMps, v.SigmaVelocityHorizontalMps);
    }

    [Fact]
    public void The_WGS84_accuracy_is_converted_to_metres_at_the_track_and_preferred_to_the_Cartesian_one()
    {
        // 105 LSB of latitude is ~62.7 m anywhere; 95 LSB of longitude at 45.3° N is ~39.9 m: the larger wins.
        const double lsb = 180.0 / (1 << 25);
        var record = Track(24, 45.3, 28.5, Noon) with
        {
            Accuracy = new Cat062Accuracy(Position: new CartesianPosition(500, 500), Wgs84: new Wgs84Position(105 * lsb, 95 * lsb)),
        };

        Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out var d, out _));

        Assert.InRange(d.SigmaHorizontalM, 62.5, 63.0);
    }

    [Fact]
    public void A_barometric_accuracy_keeps_the_pressure_altitude_allowance_on_top()
    {
        var record = Track(25, 45.3, 28.5, Noon) with
        {
            GeometricAltitudeFt = null,
            BarometricAltitudeFl = 100,
            Accuracy = new Cat062Accuracy(GeometricAltitudeFt: 6.25, BarometricAltitudeFl: 2),
        };

        Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out var d, out _));

        double abaM = 2 * 100 * 0.3048;
        Assert.Equal(Math.Sqrt((abaM * abaM) + (Cat062TrackAdapter.PressureAltitudeAllowanceM * Cat062TrackAdapter.PressureAltitudeAllowanceM)), d.SigmaVerticalM, 9);
    }

    [Fact]
    public void Far_from_the_reference_the_plane_velocity_is_turned_by_the_meridian_convergence()
    {
        // 1.5° of longitude east of the reference at ~45.3° N the meridians lean towards the pole, so grid north
        // points ~1.07° (Δλ·sin φ) east of true north there.
        var record = Track(26, Sdps.Position.LatDeg, Sdps.Position.LonDeg + 1.5, Noon) with { Velocity = new CartesianVelocity(0, 200) };

        Assert.True(Cat062TrackAdapter.TryToDetection(record, Sdps, Noon, out var d, out _));

        double speed = Math.Sqrt((d.VelocityEastMps * d.VelocityEastMps) + (d.VelocityNorthMps * d.VelocityNorthMps));
        Assert.Equal(200, speed, 1);
        double headingDeg = Math.Atan2(d.VelocityEastMps, d.VelocityNorthMps) * 180 / Math.PI;
        Assert.InRange(headingDeg, 1.5 * Math.Sin(Sdps.Position.LatDeg * Math.PI / 180) - 0.05, 1.5 * Math.Sin(Sdps.Position.LatDeg * Math.PI / 180) + 0.05);
    }

    [Fact]
    public async Task A_system_track_with_velocity_over_UDP_gives_an_engine_track_with_that_velocity_from_its_first_updates()
    {
        await using var feed = new UdpTrackFeed();
        var (f, counters) = (feed.Fixture, feed.Counters);

        // 70 m/s southward and 20 m/s eastward, stated to 1 m/s; four updates 2 s apart dated up to now, their
        // positions off by seeded noise of the stated 30 m.
        var noise = new Random(62);
        const int Updates = 4;
        const double PeriodS = 2, EastMps = 20, NorthMps = -70;
        var start = TimeProvider.System.GetUtcNow().AddSeconds(-PeriodS * (Updates - 1));
        double lat0 = 45.35, lon0 = 28.40, mPerDegLat = 111_150, mPerDegLon = 111_150 * Math.Cos(lat0 * Math.PI / 180);
        for (int i = 0; i < Updates; i++)
        {
            double t = PeriodS * i;
            double northM = (NorthMps * t) + (30 * Gaussian(noise)), eastM = (EastMps * t) + (30 * Gaussian(noise));
            var record = Track(4800, lat0 + (northM / mPerDegLat), lon0 + (eastM / mPerDegLon), start.AddSeconds(t)) with
            {
                Velocity = new CartesianVelocity(EastMps, NorthMps),
                Accuracy = new Cat062Accuracy(Position: new CartesianPosition(30, 30), Velocity: new CartesianVelocity(1, 1)),
            };
            await feed.SendAsync(record);
            await Task.Delay(20);
        }

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline && (counters.For(Sdps.Id).Accepted < Updates || f.Engine.Picture.Tracks.Count == 0))
            await Task.Delay(50);

        Assert.Equal(Updates, counters.For(Sdps.Id).Accepted);
        var track = Assert.Single(f.Engine.Picture.Tracks);
        // Positions alone over 6 s at σ 30 m leave the velocity uncertain by ~10 m/s; the stated one is 1 m/s.
        Assert.InRange(track.VelocityEastMps, EastMps - 3, EastMps + 3);
        Assert.InRange(track.VelocityNorthMps, NorthMps - 3, NorthMps + 3);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>An engine with the SDPS configured, its ASTERIX port listening on loopback, and a UDP sender to it.</summary>
    private sealed class UdpTrackFeed : IAsyncDisposable
    {
        private readonly UdpFeedListener _listener;
        private readonly UdpClient _sender = new(AddressFamily.InterNetwork);

        public UdpTrackFeed()
        {
            Fixture = new EngineFixture([Sdps]);
            var session = new AsterixRadarSession([Sdps], Counters);
            _listener = new UdpFeedListener(new IPEndPoint(IPAddress.Loopback, 0), session.Consume, Fixture.Engine, TimeProvider.System);
            _listener.Start();
        }

        public EngineFixture Fixture { get; }

        public IngestCounters Counters { get; } = new();

        public async Task SendAsync(Cat062Record record) => await _sender.SendAsync(Datagram(record), _listener.Endpoint);

        public async ValueTask DisposeAsync()
        {
            _sender.Dispose();
            await _listener.DisposeAsync();
            await Fixture.DisposeAsync();
        }
    }
}
