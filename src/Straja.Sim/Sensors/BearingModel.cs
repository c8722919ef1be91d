using Straja.Sim.Motion;
using Straja.Sim.Parsing;

namespace Straja.Sim.Sensors;

/// <summary>
/// Direction-finding sensors. Passive RF hears only targets that transmit (drone control and video
/// links); an acoustic node hears only drones, and only close by. Both report a bearing at the end
/// of each integration period. A camera sees every target in range, as bearing and elevation.
/// </summary>
internal sealed class BearingModel(SensorSpec spec, int index, int seed, DateTimeOffset start)
    : SensorModel(spec, index, seed, start)
{
    protected override void Scan(long tick, IReadOnlyList<SimTarget> targets)
    {
        double s = Seconds(tick);
        foreach (var target in targets)
        {
            // A camera sees whatever flies within its range; the others hear only what makes their kind of noise.
            bool audible = Spec.Descriptor.Kind switch
            {
                SensorKind.PassiveRf => target.EmitsRf,
                SensorKind.Camera => true,
                _ => ScenarioReader.IsDrone(target.Class),
            };
            if (!audible || !target.Path.IsLiveAt(s))
            {
                continue;
            }

            var p = target.Path.PositionAt(s);
            var g = Measure(p);
            if (!CanSee(g, p.AltM) || !Detected())
            {
                continue;
            }

            double az = WrapAzimuth(g.AzimuthRad + (Spec.Noise.AzimuthRad * Rng.Gaussian()));
            // Noise on a target nearly overhead must not tip the elevation past the zenith: a real
            // array reports at most 90°.
            double el = double.IsNaN(Spec.Noise.ElevationRad) ? double.NaN
                : Math.Clamp(g.ElevationRad + (Spec.Noise.ElevationRad * Rng.Gaussian()), -Math.PI / 2, Math.PI / 2);
            var (hint, confidence) = ClassHint(target.Class, Spec.Classification);
            Emit(tick, Plot(tick, DetectionKind.Bearing, double.NaN, az, el) with { ClassHint = hint, ClassConfidence = confidence });
        }
    }
}
