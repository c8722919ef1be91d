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
}
