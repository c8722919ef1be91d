using Straja.Tracking;

namespace Straja.Tracking.Tests;

public sealed class InputTests
{
    [Theory]
    [InlineData(double.NaN, 10)]
    [InlineData(100, double.NaN)]
    [InlineData(double.PositiveInfinity, 10)]
    [InlineData(100, 0)]
    [InlineData(100, -3)]
    public void Malformed_position_value_or_sigma_is_counted_as_rejected_not_thrown(double north, double sigma)
    {
        var tracker = new Tracker(TrackerOptions.Default);
        var bad = new Measurement(MeasurementKind.Position, 0, north, 100, sigma, sigma, 10);
        var result = tracker.Process(TestScans.Scan("radar", 0, bad, TestScans.Position(3000, 0, 100)));
        Assert.Equal(1, result.Rejected);
        Assert.Equal(1, result.Initiated);
    }

    [Fact]
    public void Polar_with_NaN_azimuth_is_rejected_but_NaN_elevation_is_a_2D_radar()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        var noAzimuth = new Measurement(MeasurementKind.Polar, 1000, double.NaN, 0.1, 10, 0.01, 0.01);
        var twoD = new Measurement(MeasurementKind.Polar, 1000, 0.5, double.NaN, 10, 0.01, double.NaN);
        var result = tracker.Process(TestScans.Scan("radar", 0, noAzimuth, twoD));
        Assert.Equal(1, result.Rejected);
        Assert.Equal(1, result.Initiated);
        // The 2D plot starts at sensor height with the unknown-height sigma dominating.
        var track = Assert.Single(tracker.Snapshot());
        Assert.Equal(0, track.Position.Z, 9);
        Assert.True(track.PositionSigmaM >= TrackerOptions.Default.UnknownHeightSigmaM);
    }

    [Fact]
    public void Unknown_kind_and_an_elevation_without_its_sigma_are_rejected()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        var unknownKind = new Measurement((MeasurementKind)99, 1, 2, 3, 1, 1, 1);
        var elevationWithoutSigma = new Measurement(MeasurementKind.Polar, 1000, 0.5, 0.1, 10, 0.01, double.NaN);
        var bearingElevationWithoutSigma = new Measurement(MeasurementKind.Bearing, 0.5, 0.1, double.NaN, 0.01, 0, double.NaN);
        var result = tracker.Process(TestScans.Scan("radar", 0, unknownKind, elevationWithoutSigma, bearingElevationWithoutSigma));
        Assert.Equal(3, result.Rejected);
        Assert.Empty(tracker.Snapshot());
    }

    [Fact]
    public void Bearings_update_tracks_but_never_start_them()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        var bearing = new Measurement(MeasurementKind.Bearing, 0.3, double.NaN, double.NaN, 0.02, double.NaN, double.NaN);
        var alone = tracker.Process(TestScans.Scan("rf", 0, bearing));
        Assert.Equal(0, alone.Initiated);
        Assert.Empty(tracker.Snapshot());

        var target = new Vec3(1000 * Math.Sin(0.3), 1000 * Math.Cos(0.3), 100);
        tracker.Process(TestScans.Scan("radar", 1, TestScans.Position(target.X, target.Y, target.Z)));
        var update = tracker.Process(TestScans.Scan("rf", 2, bearing));
        Assert.Equal(1, update.Associated);
        Assert.Equal(["radar", "rf"], Assert.Single(tracker.Snapshot()).Sensors);
    }

    [Fact]
    public void Scan_older_than_the_out_of_sequence_window_is_rejected_naming_both_times()
    {
        var tracker = new Tracker(TrackerOptions.Default with { OutOfSequenceWindowS = 2 });
        tracker.Process(TestScans.Scan("radar", 12.5));
        var error = Assert.Throws<ArgumentException>(() => tracker.Process(TestScans.Scan("radar", 10.25)));
        Assert.Contains("12.5", error.Message, StringComparison.Ordinal);
        Assert.Contains("10.25", error.Message, StringComparison.Ordinal);
        Assert.False(tracker.Accepts(10.25));
        // Within the window a late scan is taken; a scan at the same time always is.
        Assert.True(tracker.Accepts(10.5));
        tracker.Process(TestScans.Scan("radar", 10.5));
        tracker.Process(TestScans.Scan("eo", 12.5));
    }

    [Fact]
    public void Scan_with_NaN_time_is_rejected_naming_the_sensor()
    {
        var tracker = new Tracker(TrackerOptions.Default);
        var error = Assert.Throws<ArgumentException>(() => tracker.Process(TestScans.Scan("radar-7", double.NaN)));
        Assert.Contains("radar-7", error.Message, StringComparison.Ordinal);
    }
}
