using Straja.Geo;
using static Straja.Sim.Tests.ScenarioJson;

namespace Straja.Sim.Tests;

public sealed class SensorModelTests
{
    private static (double Mean, double Std) Stats(IReadOnlyList<double> xs)
    {
        double mean = xs.Average();
        return (mean, Math.Sqrt(xs.Sum(x => (x - mean) * (x - mean)) / (xs.Count - 1)));
    }

    private static double AngleDiff(double a, double b) => Math.IEEERemainder(a - b, 2 * Math.PI);

    [Fact]
    public void Radar_noise_matches_the_configured_sigmas()
    {
        var radar = new GeoPoint(45.0, 28.0, 50);
        var target = new GeoPoint(45.05, 28.05, 500);
        Run(Scenario([Radar(lat: radar.LatDeg, lon: radar.LonDeg, altM: radar.AltM)], [Hover("t", target.LatDeg, target.LonDeg, target.AltM)]), out var step, 3000);

        var truth = new LocalFrame(radar).ToEnu(target);
        double range = truth.Norm, az = Math.Atan2(truth.E, truth.N), el = Math.Atan2(truth.U, truth.HorizontalNorm);
        var d = step.Detections;
        Assert.InRange(d.Count, 2990, 3000);
        Assert.All(d, x => Assert.Equal(DetectionKind.Polar, x.Kind));

        var (rMean, rStd) = Stats(d.Select(x => x.RangeM - range).ToList());
        var (aMean, aStd) = Stats(d.Select(x => AngleDiff(x.AzimuthRad, az)).ToList());
        var (eMean, eStd) = Stats(d.Select(x => x.ElevationRad - el).ToList());
        double n = d.Count;
        Assert.InRange(rMean, -4 * 15 / Math.Sqrt(n), 4 * 15 / Math.Sqrt(n));
        Assert.InRange(rStd, 15 * 0.93, 15 * 1.07);
        Assert.InRange(aMean, -4 * d[0].SigmaAzimuthRad / Math.Sqrt(n), 4 * d[0].SigmaAzimuthRad / Math.Sqrt(n));
        Assert.InRange(aStd, Wgs84.DegToRad(0.3) * 0.93, Wgs84.DegToRad(0.3) * 1.07);
        Assert.InRange(eMean, -4 * d[0].SigmaElevationRad / Math.Sqrt(n), 4 * d[0].SigmaElevationRad / Math.Sqrt(n));
        Assert.InRange(eStd, Wgs84.DegToRad(0.5) * 0.93, Wgs84.DegToRad(0.5) * 1.07);
        Assert.All(d, x =>
        {
            Assert.Equal(15, x.SigmaRangeM);
            Assert.Equal(Wgs84.DegToRad(0.3), x.SigmaAzimuthRad, 12);
            Assert.Equal(Wgs84.DegToRad(0.5), x.SigmaElevationRad, 12);
            Assert.True(double.IsNaN(x.Position.LatDeg));
        });
    }

    [Fact]
    public void Radar_plots_are_time_stamped_when_the_beam_sweeps_the_target()
    {
        // Due east: the clockwise sweep from north reaches it a quarter period after each scan starts.
        Run(Scenario([Radar(periodS: 4, extra: ", \"phaseS\": 1")], [Hover("t", 45.0, 28.1, 300)]), out var step, 40);

        Assert.All(step.Detections, d => Assert.Equal(2.0, (d.Time - Start).TotalSeconds % 4, 1));
    }

    [Fact]
    public void Probability_of_detection_is_respected()
    {
        Run(Scenario([Radar(pd: 0.6)], [Hover("t", 45.05, 28.05, 500)]), out var step, 4000);

        double rate = step.Detections.Count / 4000.0;
        Assert.InRange(rate, 0.56, 0.64);
    }

    [Fact]
    public void Targets_beyond_max_range_are_not_detected()
    {
        Run(Scenario([Radar(maxRangeM: 10000)], [Hover("far", 45.2, 28.0, 500), Hover("near", 45.05, 28.0, 500)]), out var step, 200);

        Assert.All(step.Detections, d => Assert.InRange(d.RangeM, 0, 10000));
        Assert.InRange(step.Detections.Count, 195, 200);
    }

    [Fact]
    public void Low_targets_beyond_the_radio_horizon_are_hidden()
    {
        // Radar at 20 m and a drone at 50 m: 4/3-earth horizon is about 47.6 km; both targets are 50 km out.
        Run(
            Scenario([Radar(altM: 20, maxRangeM: 60000)], [Hover("low", 45.45, 28.0, 50), Hover("high", 45.45, 28.0, 3000)]),
            out var step, 100);

        Assert.InRange(step.Detections.Count, 95, 100);
        // The high target sits about 3° up; the hidden low one would be just below the horizontal.
        Assert.All(step.Detections, d => Assert.True(d.ElevationRad > 0.03));
    }

    [Fact]
    public void Clutter_rate_matches_the_configured_mean()
    {
        Run(Scenario([Radar(clutter: 4, maxRangeM: 20000)], []), out var step, 2000);

        double perScan = step.Detections.Count / 2000.0;
        Assert.InRange(perScan, 3.8, 4.2);
        Assert.All(step.Detections, d => Assert.InRange(d.RangeM, 0, 20000));
        // Uniform over the disc: half the plots inside radius R/√2.
        double inner = step.Detections.Count(d => d.RangeM < 20000 / Math.Sqrt(2)) / (double)step.Detections.Count;
        Assert.InRange(inner, 0.47, 0.53);
    }

    [Fact]
    public void Radar_class_hint_is_right_as_often_as_configured()
    {
        Run(
            Scenario([Radar(extra: ", \"classification\": { \"pCorrect\": 0.7, \"confidence\": 0.6 }")], [Hover("t", 45.05, 28.05, 500, cls: "fixed-wing")]),
            out var step, 3000);

        double right = step.Detections.Count(d => d.ClassHint == TargetClass.FixedWing) / (double)step.Detections.Count;
        Assert.InRange(right, 0.67, 0.73);
        Assert.All(step.Detections, d => Assert.Equal(0.6, d.ClassConfidence));
    }

    [Fact]
    public void Passive_rf_gives_bearings_to_emitters_only()
    {
        string rf = """
            { "id": "rf", "kind": "passive-rf", "lat": 45.0, "lon": 28.0, "altM": 20, "maxRangeM": 10000, "scanPeriodS": 1,
              "noise": { "azimuthDeg": 2 }, "pd": 1 }
            """;
        Run(
            Scenario([rf], [
                Hover("drone", 45.0, 28.05, 200),
                Hover("bird", 45.02, 28.0, 50, cls: "bird"),
                Hover("silent", 45.0, 27.95, 200, extra: ", \"emitsRf\": false"),
            ]),
            out var step, 500);

        Assert.Equal(500, step.Detections.Count);
        Assert.All(step.Detections, d =>
        {
            Assert.Equal(DetectionKind.Bearing, d.Kind);
            Assert.True(double.IsNaN(d.RangeM));
            Assert.True(double.IsNaN(d.ElevationRad));
            Assert.Equal(Wgs84.DegToRad(2), d.SigmaAzimuthRad, 12);
            Assert.InRange(Math.Abs(AngleDiff(d.AzimuthRad, Math.PI / 2)), 0, Wgs84.DegToRad(10));
        });
    }

    [Fact]
    public void Acoustic_hears_only_nearby_drones()
    {
        string acoustic = """
            { "id": "ac", "kind": "acoustic", "lat": 45.0, "lon": 28.0, "altM": 5, "maxRangeM": 1500, "scanPeriodS": 1,
              "noise": { "azimuthDeg": 5, "elevationDeg": 8 }, "pd": 1 }
            """;
        Run(
            Scenario([acoustic], [
                Hover("near", 45.005, 28.0, 100),
                Hover("far", 45.03, 28.0, 100),
                Hover("bird", 45.0, 28.005, 30, cls: "bird"),
            ]),
            out var step, 300);

        Assert.Equal(300, step.Detections.Count);
        Assert.All(step.Detections, d =>
        {
            Assert.Equal(DetectionKind.Bearing, d.Kind);
            Assert.False(double.IsNaN(d.ElevationRad));
            Assert.InRange(Math.Abs(AngleDiff(d.AzimuthRad, 0)), 0, Wgs84.DegToRad(30));
        });
    }

    [Fact]
    public void Cooperative_receiver_reports_self_reported_positions_with_identity()
    {
        string coop = """
            { "id": "coop", "kind": "cooperative", "lat": 45.0, "lon": 28.0, "altM": 30, "maxRangeM": 250000, "scanPeriodS": 1,
              "noise": { "horizontalM": 10, "verticalM": 15 }, "pd": 1 }
            """;
        var plane = new GeoPoint(46.5, 28.5, 10000);
        Run(
            Scenario([coop], [
                Hover("plane", plane.LatDeg, plane.LonDeg, plane.AltM, cls: "manned", extra: ", \"adsbIcao\": \"4b1812\", \"callsign\": \"THY1AN\""),
                Hover("rid", 45.1, 28.1, 100, extra: ", \"remoteId\": \"1596F350457A8C2E1234\""),
                Hover("dark", 45.05, 28.05, 100),
            ]),
            out var step, 1000);

        var adsb = step.Detections.Where(d => d.CooperativeId == "ICAO:4B1812").ToList();
        var rid = step.Detections.Where(d => d.CooperativeId == "RID:1596F350457A8C2E1234").ToList();
        Assert.Equal(1000, adsb.Count);
        Assert.Equal(1000, rid.Count);
        Assert.Equal(2000, step.Detections.Count);
        Assert.All(step.Detections, d =>
        {
            Assert.Equal(DetectionKind.Position, d.Kind);
            Assert.Equal(10, d.SigmaHorizontalM);
            Assert.Equal(15, d.SigmaVerticalM);
            Assert.True(double.IsNaN(d.RangeM));
        });
        Assert.All(adsb, d => Assert.Equal("THY1AN", d.Callsign));
        Assert.All(adsb, d => Assert.Equal(TargetClass.Manned, d.ClassHint));

        var frame = new LocalFrame(plane);
        var errors = adsb.Select(d => frame.ToEnu(d.Position)).ToList();
        Assert.InRange(Stats(errors.Select(e => e.E).ToList()).Std, 9.3, 10.7);
        Assert.InRange(Stats(errors.Select(e => e.N).ToList()).Std, 9.3, 10.7);
        Assert.InRange(Stats(errors.Select(e => e.U).ToList()).Std, 14, 16);
        Assert.InRange(Math.Abs(Stats(errors.Select(e => e.U).ToList()).Mean), 0, 2);
    }
}
