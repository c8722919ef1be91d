namespace Straja.Tracking.Tests.Models;

public sealed class SourceTrackTests
{
    private static Vec3 Drone(double t) => new(500 + (12 * t), 2000 - (4 * t), 90);

    private static Measurement TrackReport(Random random, Vec3 truth, double sigma, string sourceTrackId) =>
        TestScans.Position(truth.X + (sigma * random.Gaussian()), truth.Y + (sigma * random.Gaussian()), truth.Z + (sigma * random.Gaussian()),
            sigma, sigma) with { SourceTrackId = sourceTrackId };

    /// <summary>
    /// A sensor's own track of the drone: truth plus a slowly wandering error (first-order Gauss–Markov,
    /// 10 s correlation time), as a smoothed track's error is — not fresh noise at every report.
    /// </summary>
    private sealed class SensorTrack(int seed, double sigma, string id)
    {
        private readonly Random _random = new(seed);
        private Vec3 _error;

        public Measurement Report(Vec3 truth, double dt)
        {
            var keep = Math.Exp(-dt / 10);
            var fresh = sigma * Math.Sqrt(1 - (keep * keep));
            _error = new Vec3((keep * _error.X) + (fresh * _random.Gaussian()), (keep * _error.Y) + (fresh * _random.Gaussian()), (keep * _error.Z) + (fresh * _random.Gaussian()));
            var p = truth + _error;
            return TestScans.Position(p.X, p.Y, p.Z, sigma, sigma) with { SourceTrackId = id };
        }
    }

    [Fact]
    public void Two_sensors_reporting_their_own_tracks_of_one_drone_give_one_straja_track()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        // A SAPIENT node's track "17" each second; an ASTERIX CAT062 source's track "4711" half a second later.
        var sapient = new SensorTrack(21, 10, "17");
        var cat062 = new SensorTrack(22, 15, "4711");
        var errors = new List<double>();
        for (var k = 0; k <= 60; k++)
        {
            tracker.Process(TestScans.ScanAt("sapient-eo", k, default, 20_000, sapient.Report(Drone(k), 1)));
            tracker.Process(TestScans.ScanAt("cat062", k + 0.5, default, 20_000, cat062.Report(Drone(k + 0.5), 1)));
            Assert.Single(tracker.Snapshot());
            errors.Add(TestScans.Distance(tracker.Snapshot()[0].Position, Drone(k + 0.5)));
        }

        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(TrackStatus.Confirmed, track.Status);
        Assert.Equal(["cat062", "sapient-eo"], track.Sensors);
        // The better sensor's own 3D error is about 10·√3 ≈ 17 m RMS.
        Assert.True(errors.Skip(10).Average() < 20, $"mean error {errors.Skip(10).Average():F1} m");
    }

    [Fact]
    public void A_sensor_track_once_associated_sticks_to_its_straja_track_even_when_it_jumps()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        for (var k = 0; k <= 10; k++)
            tracker.Process(TestScans.Scan("sapient-radar", k, TestScans.Position(0, 1000 + (10 * k), 100) with { SourceTrackId = "3" }));
        var id = Assert.Single(tracker.Snapshot()).Id;

        // The sensor re-solves its track 400 m away (far outside any gate): it is still the same object to it.
        var result = tracker.Process(TestScans.Scan("sapient-radar", 11, TestScans.Position(400, 1110, 100) with { SourceTrackId = "3" }));
        Assert.Equal(1, result.Associated);
        Assert.Equal(0, result.Initiated);
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(id, track.Id);

        // The same number from another sensor is another sensor's track: it does not inherit the binding.
        var other = tracker.Process(TestScans.Scan("other-radar", 12, TestScans.Position(-3000, 5000, 100) with { SourceTrackId = "3" }));
        Assert.Equal(1, other.Initiated);
    }

    [Fact]
    public void Covariance_intersection_keeps_repeated_track_reports_from_making_the_track_overconfident()
    {
        // The same sensor track reported ten times at one place: a Kalman update would shrink the variance
        // tenfold as if the reports were independent; intersection never goes below the report's own.
        double FinalSigma(bool intersect)
        {
            var tracker = new Tracker(TrackerOptions.Default with { FuseSourceTracksByCovarianceIntersection = intersect });
            for (var k = 0; k < 10; k++)
                tracker.Process(TestScans.Scan("sapient", k * 0.01, TestScans.Position(0, 1000, 100, sigmaH: 20, sigmaV: 20) with { SourceTrackId = "9" }));
            return Assert.Single(tracker.Snapshot()).PositionSigmaM;
        }

        Assert.True(FinalSigma(intersect: true) > 15, $"intersected sigma {FinalSigma(true):F1} m");
        Assert.True(FinalSigma(intersect: false) < 10, $"independent sigma {FinalSigma(false):F1} m");
    }
}
