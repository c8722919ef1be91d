using Straja.Engine.Fusion;
using Straja.Geo;
using Straja.Tracking;

namespace Straja.Engine.Tests;

public class SectorFrameTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_plot_from_a_distant_radar_lands_on_the_true_position_in_the_sector_frame()
    {
        // The radar is ~110 km from the sector origin: its local vertical differs by about 1°.
        var radarPos = new GeoPoint(45.27, 28.46, 60);
        var radar = new SensorDescriptor("r", "r", SensorKind.Radar, radarPos, 60_000, 2);
        var frame = new SectorFrame(new GeoPoint(44.36, 28.0, 0), [radar]);
        var target = new GeoPoint(45.05, 28.70, 1_500);

        // What the radar measures, in its own local frame.
        var local = new LocalFrame(radarPos).ToEnu(target);
        double range = local.Norm, az = Math.Atan2(local.E, local.N), el = Math.Asin(local.U / range);
        var m = frame.ToMeasurement(new Detection
        {
            SensorId = "r", Time = T, Kind = DetectionKind.Polar, RangeM = range, AzimuthRad = az, ElevationRad = el,
            SigmaRangeM = 10, SigmaAzimuthRad = 0.001, SigmaElevationRad = 0.001,
        });

        // Reconstruct in the sector frame from the sensor position and the rotated direction.
        var s = frame.SensorPosition("r");
        var p = new Vec3(
            s.X + m.Z0 * Math.Cos(m.Z2) * Math.Sin(m.Z1),
            s.Y + m.Z0 * Math.Cos(m.Z2) * Math.Cos(m.Z1),
            s.Z + m.Z0 * Math.Sin(m.Z2));
        var back = frame.ToGeo(p);

        Assert.True(Geodesic.Inverse(back, target).DistanceM < 0.01);
        Assert.InRange(back.AltM - target.AltM, -0.01, 0.01);
    }

    [Fact]
    public void Velocity_is_expressed_in_the_local_axes_of_the_track()
    {
        var frame = new SectorFrame(new GeoPoint(45, 28, 0), []);
        var far = new GeoPoint(45, 30, 0); // ~157 km east: sector north is tilted there
        var ecefNorthAtFar = new LocalFrame(far).RotateToEcef(new Enu(0, 50, 0));
        var sectorV = new LocalFrame(new GeoPoint(45, 28, 0)).RotateFromEcef(ecefNorthAtFar);

        var v = frame.VelocityAt(far, new Vec3(sectorV.E, sectorV.N, sectorV.U));

        Assert.Equal(0, v.E, 1e-9);
        Assert.Equal(50, v.N, 1e-9);
        Assert.Equal(0, v.U, 1e-9);
    }

    [Fact]
    public void A_position_report_velocity_is_rotated_into_the_sector_frame_and_back_unchanged()
    {
        // 157 km east of the origin the local north is turned ~1.4° against the sector's: a point transform
        // would add the origin offset, a rotation only turns the vector.
        var frame = new SectorFrame(new GeoPoint(45, 28, 0), []);
        var far = new GeoPoint(45, 30, 2_000);
        var m = frame.ToMeasurement(new Detection
        {
            SensorId = "cat062", Time = T, Kind = DetectionKind.Position, Position = far,
            SigmaHorizontalM = 100, SigmaVerticalM = 50,
            VelocityEastMps = 30, VelocityNorthMps = -40, VelocityUpMps = 5,
            SigmaVelocityHorizontalMps = 2, SigmaVelocityVerticalMps = 1,
        });

        Assert.Equal(Math.Sqrt((30 * 30) + (40 * 40) + (5 * 5)), m.VelocityMps.Length(), 9);
        Assert.NotEqual(30, m.VelocityMps.X, 3); // turned, not copied
        var back = frame.VelocityAt(far, m.VelocityMps);
        Assert.Equal(30, back.E, 9);
        Assert.Equal(-40, back.N, 9);
        Assert.Equal(5, back.U, 9);
        Assert.Equal(new Vec3(2, 2, 1), m.SigmaVelocityMps);
    }

    [Fact]
    public void A_horizontal_only_velocity_keeps_no_vertical_and_no_velocity_stays_none()
    {
        var frame = new SectorFrame(new GeoPoint(45, 28, 0), []);
        var d = new Detection
        {
            SensorId = "cat062", Time = T, Kind = DetectionKind.Position, Position = new GeoPoint(45.2, 28.3, 500),
            SigmaHorizontalM = 100, SigmaVerticalM = 50,
        };

        var none = frame.ToMeasurement(d);
        Assert.True(double.IsNaN(none.VelocityMps.X) && double.IsNaN(none.VelocityMps.Y) && double.IsNaN(none.VelocityMps.Z));

        var horizontal = frame.ToMeasurement(d with { VelocityEastMps = 10, VelocityNorthMps = 20, SigmaVelocityHorizontalMps = 3 });
        Assert.True(double.IsNaN(horizontal.VelocityMps.Z));
        Assert.Equal(Math.Sqrt(500), Math.Sqrt((horizontal.VelocityMps.X * horizontal.VelocityMps.X) + (horizontal.VelocityMps.Y * horizontal.VelocityMps.Y)), 2);
    }
}
