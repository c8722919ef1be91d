using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using static Straja.Protocols.Sapient.Wire.DetectionReport.Types;

namespace Straja.Protocols.Tests.Sapient;

public sealed class AdapterTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SensorContext Ctx = new("a8654cdf-4328-47de-81fa-c495589e30c9", T0);

    private static DetectionReport Report(Location? location = null, RangeBearing? rb = null)
    {
        var r = new DetectionReport { ReportId = "01GGYFBAXH4VYRQYEX7S3XGK3A", ObjectId = "01GGYFBAXH4VYRQYEX7S3XGK3H" };
        if (location is not null)
        {
            r.Location = location;
        }

        if (rb is not null)
        {
            r.RangeBearing = rb;
        }

        return r;
    }

    private static SapientDetection Ok(DetectionReport r, SensorContext? ctx = null)
    {
        Assert.True(SapientAdapter.TryToDetection(r, ctx ?? Ctx, out SapientDetection? d, out string? error), error);
        return d;
    }

    private static string Refused(DetectionReport r, SensorContext? ctx = null)
    {
        Assert.False(SapientAdapter.TryToDetection(r, ctx ?? Ctx, out _, out string? error));
        return error;
    }

    [Fact]
    public void Degrees_location_puts_latitude_in_y_and_longitude_in_x()
    {
        var d = Ok(Report(new Location
        {
            X = 26.1, Y = 44.4, Z = 350, XError = 0.0001, YError = 0.0001, ZError = 7,
            CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = LocationDatum.Wgs84E,
        }));

        Assert.Equal(DetectionKind.Position, d.Detection.Kind);
        Assert.Equal(new GeoPoint(44.4, 26.1, 350), d.Detection.Position);
        // 0.0001° of latitude is about 11.1 m; of longitude at 44.4° about 8 m: the larger is kept.
        Assert.InRange(d.Detection.SigmaHorizontalM, 11.0, 11.2);
        Assert.Equal(7, d.Detection.SigmaVerticalM);
        Assert.Equal(T0, d.Detection.Time);
        Assert.Equal("01GGYFBAXH4VYRQYEX7S3XGK3H", d.ObjectId);
    }

    [Fact]
    public void Radians_location_is_converted_to_degrees()
    {
        var d = Ok(Report(new Location
        {
            X = 26.1 * Math.PI / 180, Y = 44.4 * Math.PI / 180,
            CoordinateSystem = LocationCoordinateSystem.LatLngRadM, Datum = LocationDatum.Wgs84E,
        }));

        Assert.Equal(44.4, d.Detection.Position.LatDeg, 9);
        Assert.Equal(26.1, d.Detection.Position.LonDeg, 9);
    }

    [Fact]
    public void Utm_point_on_the_central_meridian_lands_on_the_meridian_arc_latitude()
    {
        // WGS84 meridian arc from the equator to 45° is 4 984 944.378 m; UTM scales it by 0.9996.
        var d = Ok(Report(new Location
        {
            X = 500_000, Y = 0.9996 * 4_984_944.378, XError = 3, YError = 4,
            CoordinateSystem = LocationCoordinateSystem.UtmM, Datum = LocationDatum.Wgs84E, UtmZone = "35T",
        }));

        Assert.Equal(45.0, d.Detection.Position.LatDeg, 6);
        Assert.Equal(27.0, d.Detection.Position.LonDeg, 9);
        Assert.Equal(4, d.Detection.SigmaHorizontalM);
    }

    [Fact]
    public void Utm_on_the_equator_off_the_meridian_keeps_latitude_zero_and_moves_east()
    {
        var d = Ok(Report(new Location
        {
            X = 700_000, Y = 0, CoordinateSystem = LocationCoordinateSystem.UtmM, Datum = LocationDatum.Wgs84E, UtmZone = "35N",
        }));

        Assert.Equal(0.0, d.Detection.Position.LatDeg, 9);
        // 200 km east of 27° E on the equator: 200 000 / (0.9996 · 111 319.49 m/°) ≈ 1.797°, less the projection's stretch.
        Assert.InRange(d.Detection.Position.LonDeg, 28.78, 28.80);
    }

    [Fact]
    public void Utm_without_a_zone_uses_the_registered_zone_and_otherwise_is_refused()
    {
        var loc = new Location { X = 500_000, Y = 4_982_950.4, CoordinateSystem = LocationCoordinateSystem.UtmM, Datum = LocationDatum.Wgs84E };

        Assert.Contains("utm_zone", Refused(Report(loc)), StringComparison.Ordinal);
        Assert.Equal(27.0, Ok(Report(loc), Ctx with { UtmZone = "35T" }).Detection.Position.LonDeg, 9);
    }

    [Fact]
    public void Upstream_sample_with_degrees_labelled_utm_is_refused_not_misplaced()
    {
        var v = SapientVectors.Get("valid_messages", "DetectionReport.FullMessage.json");
        SapientCodec.TryDecode(SapientVectors.Hex(v, "protobuf_hex")!, out SapientMessage? m, out _);

        Assert.False(SapientAdapter.TryToDetection(m!.DetectionReport, SensorContext.FromEnvelope(m), out _, out string? error));
        Assert.Contains("outside any UTM zone", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Geoid_heights_need_the_undulation_and_are_raised_by_it()
    {
        var loc = new Location { X = 26, Y = 44, Z = 100, CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = LocationDatum.Wgs84G };

        Assert.Contains("geoid", Refused(Report(loc)), StringComparison.Ordinal);
        Assert.Equal(131.5, Ok(Report(loc), Ctx with { GeoidUndulationM = 31.5 }).Detection.Position.AltM, 9);
    }

    [Fact]
    public void Range_bearing_in_degrees_and_kilometres_becomes_a_polar_detection_in_radians_and_metres()
    {
        var d = Ok(Report(rb: new RangeBearing
        {
            Azimuth = 90, Elevation = 3, Range = 2.5, AzimuthError = 1, ElevationError = 2, RangeError = 0.01,
            CoordinateSystem = RangeBearingCoordinateSystem.DegreesKm, Datum = RangeBearingDatum.True,
        }));

        Assert.Equal(DetectionKind.Polar, d.Detection.Kind);
        Assert.Equal(Math.PI / 2, d.Detection.AzimuthRad, 12);
        Assert.Equal(3 * Math.PI / 180, d.Detection.ElevationRad, 12);
        Assert.Equal(2500, d.Detection.RangeM, 9);
        Assert.Equal(Math.PI / 180, d.Detection.SigmaAzimuthRad, 12);
        Assert.Equal(10, d.Detection.SigmaRangeM, 9);
    }

    [Fact]
    public void Range_bearing_without_range_is_a_bearing_detection()
    {
        var d = Ok(Report(rb: new RangeBearing
        {
            Azimuth = -0.5, CoordinateSystem = RangeBearingCoordinateSystem.RadiansM, Datum = RangeBearingDatum.True,
        }));

        Assert.Equal(DetectionKind.Bearing, d.Detection.Kind);
        Assert.Equal(2 * Math.PI - 0.5, d.Detection.AzimuthRad, 12);
        Assert.True(double.IsNaN(d.Detection.RangeM));
        Assert.True(double.IsNaN(d.Detection.ElevationRad));
    }

    [Theory]
    [InlineData(RangeBearingDatum.Magnetic, "magnetic")]
    [InlineData(RangeBearingDatum.Grid, "grid")]
    [InlineData(RangeBearingDatum.Platform, "platform")]
    public void Bearing_from_another_north_needs_its_offset_and_is_turned_to_true_north(RangeBearingDatum datum, string which)
    {
        var r = Report(rb: new RangeBearing { Azimuth = 10, Range = 100, CoordinateSystem = RangeBearingCoordinateSystem.DegreesM, Datum = datum });
        double offset = 6 * Math.PI / 180;
        SensorContext ctx = which switch
        {
            "magnetic" => Ctx with { MagneticDeclinationRad = offset },
            "grid" => Ctx with { GridConvergenceRad = offset },
            _ => Ctx with { PlatformHeadingRad = offset },
        };

        Assert.Contains("datum", Refused(r), StringComparison.Ordinal);
        Assert.Equal(16 * Math.PI / 180, Ok(r, ctx).Detection.AzimuthRad, 12);
    }

    [Fact]
    public void Unspecified_coordinate_system_is_refused()
    {
        Assert.Contains("coordinate_system", Refused(Report(new Location { X = 1, Y = 1, Datum = LocationDatum.Wgs84E })), StringComparison.Ordinal);
        Assert.Contains("coordinate_system", Refused(Report(rb: new RangeBearing { Azimuth = 1, Datum = RangeBearingDatum.True })), StringComparison.Ordinal);
    }

    [Fact]
    public void Velocity_is_converted_from_the_registered_units()
    {
        var r = Report(rb: new RangeBearing { Azimuth = 1, CoordinateSystem = RangeBearingCoordinateSystem.DegreesM, Datum = RangeBearingDatum.True });
        r.EnuVelocity = new ENUVelocity { EastRate = 36, NorthRate = -72 };

        var d = Ok(r, Ctx with { HorizontalSpeedUnits = SpeedUnits.Kph });

        Assert.Equal(10, d.Velocity!.Value.East, 9);
        Assert.Equal(-20, d.Velocity.Value.North, 9);
        Assert.True(double.IsNaN(d.Velocity.Value.Up));
    }

    [Theory]
    [InlineData("Air Vehicle.UAV.Rotary Wing", TargetClass.Multirotor)]
    [InlineData("Air Vehicle.UAV.Fixed Wing", TargetClass.FixedWing)]
    [InlineData("Air Vehicle.UAV", TargetClass.Unknown)]
    [InlineData("Air Vehicle.Manned.Helicopter", TargetClass.Manned)]
    [InlineData("Air Vehicle", TargetClass.Unknown)]
    [InlineData("Drone.Quadcopter", TargetClass.Multirotor)]
    [InlineData("Animal.Bird", TargetClass.Bird)]
    [InlineData("Animal", TargetClass.Clutter)]
    [InlineData("Human", TargetClass.Clutter)]
    [InlineData("Land vehicle", TargetClass.Clutter)]
    [InlineData("Unknown", TargetClass.Unknown)]
    [InlineData("unmanned-aircraft", TargetClass.Unknown)]
    public void Taxonomy_path_maps_to_target_class(string path, TargetClass expected) =>
        Assert.Equal(expected, SapientAdapter.MapTaxonomy(path));

    [Fact]
    public void Sub_class_that_decides_the_class_carries_the_joint_confidence()
    {
        var r = new DetectionReport();
        var c = new DetectionReportClassification { Type = "Air Vehicle", Confidence = 0.9f };
        var uav = new SubClass { Type = "UAV", Level = 1, Confidence = 0.8f };
        uav.SubClass_.Add(new SubClass { Type = "Rotary Wing", Level = 2, Confidence = 0.5f });
        uav.SubClass_.Add(new SubClass { Type = "Fixed Wing", Level = 2, Confidence = 0.25f });
        c.SubClass.Add(uav);
        r.Classification.Add(c);
        r.Classification.Add(new DetectionReportClassification { Type = "Animal.Bird", Confidence = 0.1f });

        var (cls, confidence) = SapientAdapter.Classify(r);

        Assert.Equal(TargetClass.Multirotor, cls);
        Assert.Equal(0.9 * 0.8 * 0.5, confidence, 5);
    }

    [Fact]
    public void Most_confident_classification_wins()
    {
        var r = new DetectionReport();
        r.Classification.Add(new DetectionReportClassification { Type = "Bird", Confidence = 0.7f });
        r.Classification.Add(new DetectionReportClassification { Type = "UAV.Fixed Wing", Confidence = 0.2f });

        Assert.Equal((TargetClass.Bird, 0.7), Round(SapientAdapter.Classify(r)));
    }

    [Fact]
    public void Range_bearing_vector_maps_with_its_grid_north_and_keeps_the_object_id()
    {
        var v = SapientVectors.Get("valid_messages", "DetectionReport.RangeBearing.FullMessage.json");
        SapientCodec.TryDecode(SapientVectors.Hex(v, "protobuf_hex")!, out SapientMessage? m, out _);
        SensorContext ctx = SensorContext.FromEnvelope(m!) with { GridConvergenceRad = 0 };

        var d = Ok(m!.DetectionReport, ctx);

        Assert.Equal(m.NodeId, d.Detection.SensorId);
        Assert.Equal(m.Timestamp.ToDateTimeOffset(), d.Detection.Time);
        Assert.Equal(m.DetectionReport.ObjectId, d.ObjectId);
        Assert.Equal(Math.PI / 180, d.Detection.AzimuthRad, 12);
        Assert.Equal((TargetClass.Clutter, 0.8), Round(SapientAdapter.Classify(m.DetectionReport)));
    }

    private static (TargetClass, double) Round((TargetClass C, double P) x) => (x.C, Math.Round(x.P, 5));
}
