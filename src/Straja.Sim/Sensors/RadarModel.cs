using Straja.Geo;
using Straja.Sim.Motion;

namespace Straja.Sim.Sensors;

/// <summary>
/// A rotating surveillance radar: the beam sweeps clockwise from north once per period, so each
/// plot is time-stamped when the beam crossed the target; plus Poisson clutter spread over the coverage.
/// </summary>
internal sealed class RadarModel(SensorSpec spec, int index, int seed, DateTimeOffset start)
    : SensorModel(spec, index, seed, start)
{
    /// <summary>Ground clutter stays near the horizon.</summary>
    private static readonly double MaxClutterElevationRad = Wgs84.DegToRad(2);

    protected override void Scan(long tick, IReadOnlyList<SimTarget> targets)
    {
        double scanS = Seconds(tick), periodS = Seconds(PeriodTicks);
        foreach (var target in targets)
        {
            var path = target.Path;
            if (path.StartS > scanS + periodS || path.EndS < scanS)
            {
                continue;
            }

            // Where the beam will meet it: its bearing at the start of the sweep is close enough to time the hit.
            double az0 = Measure(path.PositionAt(Math.Clamp(scanS, path.StartS, path.EndS))).AzimuthRad;
            long hitTick = tick + (long)(az0 / (2 * Math.PI) * PeriodTicks);
            double hitS = Seconds(hitTick);
            if (!path.IsLiveAt(hitS))
            {
                continue;
            }

            var p = path.PositionAt(hitS);
            var g = Measure(p);
            if (!CanSee(g, p.AltM) || !Detected())
            {
                continue;
            }

            double range = Math.Max(0, g.RangeM + (Spec.Noise.RangeM * Rng.Gaussian()));
            double az = WrapAzimuth(g.AzimuthRad + (Spec.Noise.AzimuthRad * Rng.Gaussian()));
            double el = g.ElevationRad + (Spec.Noise.ElevationRad * Rng.Gaussian());
            var (hint, confidence) = ClassHint(target.Class, Spec.Classification);
            Emit(hitTick, Plot(hitTick, DetectionKind.Polar, range, az, el) with { ClassHint = hint, ClassConfidence = confidence });
        }

        int clutter = Rng.Poisson(Spec.ClutterPerScan);
        for (int i = 0; i < clutter; i++)
        {
            // Uniform over the coverage disc: radius by square root.
            double range = Spec.Descriptor.MaxRangeM * Math.Sqrt(Rng.NextDouble());
            double az = Rng.NextDouble() * 2 * Math.PI;
            double el = Rng.NextDouble() * MaxClutterElevationRad;
            long hitTick = tick + (long)(az / (2 * Math.PI) * PeriodTicks);
            Emit(hitTick, Plot(hitTick, DetectionKind.Polar, range, az, el));
        }
    }
}
