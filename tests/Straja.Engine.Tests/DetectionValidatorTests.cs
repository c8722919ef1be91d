using Straja.Engine.Fusion;

namespace Straja.Engine.Tests;

public class DetectionValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SensorDescriptor Radar = new("radar-1", "Radar 1", SensorKind.Radar, new GeoPoint(45.2, 28.5, 50), 40_000, 2);

    private static DetectionValidator Validator() =>
        new(new Dictionary<string, SensorDescriptor> { [Radar.Id] = Radar }, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(120));

    private static Detection Plot(double rangeM = 10_000, double azRad = 1, double elRad = 0.01) => new()
    {
        SensorId = Radar.Id, Time = Now, Kind = DetectionKind.Polar, RangeM = rangeM, AzimuthRad = azRad, ElevationRad = elRad,
        SigmaRangeM = 20, SigmaAzimuthRad = 0.002, SigmaElevationRad = 0.004,
    };

    [Fact]
    public void A_good_plot_is_accepted() => Assert.Null(Validator().Validate(Plot(), Now));

    [Fact]
    public void A_2D_plot_without_elevation_is_accepted() =>
        Assert.Null(Validator().Validate(Plot(elRad: double.NaN) with { SigmaElevationRad = double.NaN }, Now));

    [Fact]
    public void NaN_range_is_refused_naming_sensor_and_field()
    {
        var r = Validator().Validate(Plot(rangeM: double.NaN), Now);
        Assert.NotNull(r);
        Assert.Equal("radar-1", r.SensorId);
        Assert.Equal("RangeM", r.Field);
        Assert.Contains("radar-1", r.ToString(), StringComparison.Ordinal);
        Assert.Contains("NaN", r.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_sensor_is_refused() =>
        Assert.Equal("SensorId", Validator().Validate(Plot() with { SensorId = "ghost" }, Now)?.Field);

    [Theory]
    [InlineData(3600)]
    [InlineData(-3600)]
    public void A_time_far_from_the_ingest_clock_is_refused(double offsetS) =>
        Assert.Equal("Time", Validator().Validate(Plot() with { Time = Now.AddSeconds(offsetS) }, Now)?.Field);

    [Fact]
    public void A_range_far_beyond_the_sensor_is_refused() =>
        Assert.Equal("RangeM", Validator().Validate(Plot(rangeM: 500_000), Now)?.Field);

    [Fact]
    public void Zero_or_negative_noise_is_refused() =>
        Assert.Equal("SigmaAzimuthRad", Validator().Validate(Plot() with { SigmaAzimuthRad = 0 }, Now)?.Field);

    [Fact]
    public void An_impossible_position_is_refused()
    {
        var d = new Detection
        {
            SensorId = Radar.Id, Time = Now, Kind = DetectionKind.Position, Position = new GeoPoint(95, 28, 100),
            SigmaHorizontalM = 10, SigmaVerticalM = 15,
        };
        Assert.Equal("Position", Validator().Validate(d, Now)?.Field);
    }

    private static Detection Report() => new()
    {
        SensorId = Radar.Id, Time = Now, Kind = DetectionKind.Position, Position = new GeoPoint(45.3, 28.6, 1000),
        SigmaHorizontalM = 50, SigmaVerticalM = 30,
        VelocityEastMps = 20, VelocityNorthMps = -70, SigmaVelocityHorizontalMps = 2,
    };

    [Fact]
    public void A_position_report_with_a_horizontal_velocity_is_accepted() => Assert.Null(Validator().Validate(Report(), Now));

    [Theory]
    [InlineData("north-missing", "VelocityNorthMps")]
    [InlineData("vertical-alone", "VelocityUpMps")]
    [InlineData("infinite", "VelocityEastMps")]
    [InlineData("no-sigma", "SigmaVelocityHorizontalMps")]
    [InlineData("no-vertical-sigma", "SigmaVelocityVerticalMps")]
    public void A_bad_velocity_is_refused_naming_the_field(string fault, string field)
    {
        var d = fault switch
        {
            "north-missing" => Report() with { VelocityNorthMps = double.NaN },
            "vertical-alone" => Report() with { VelocityEastMps = double.NaN, VelocityNorthMps = double.NaN, VelocityUpMps = 3, SigmaVelocityVerticalMps = 1 },
            "infinite" => Report() with { VelocityEastMps = double.PositiveInfinity },
            "no-sigma" => Report() with { SigmaVelocityHorizontalMps = 0 },
            _ => Report() with { VelocityUpMps = 3 },
        };

        Assert.Equal(field, Validator().Validate(d, Now)?.Field);
    }
}
