using Straja.Geo;
using Straja.Sim.Emitters;
using Straja.Sim.Motion;

namespace Straja.Sim.Sensors;

/// <summary>
/// An ADS-B and Remote ID receiver: it reports where targets say they are (their own navigation
/// error as noise), with the identity they broadcast. Only targets with an ICAO address or a
/// Remote ID serial are heard.
/// </summary>
internal sealed class CooperativeModel(SensorSpec spec, int index, int seed, DateTimeOffset start)
    : SensorModel(spec, index, seed, start)
{
    /// <summary>Self-reported categories are right; what is uncertain is only the position.</summary>
    private static readonly ClassificationSpec SelfReported = new(1, 0.95);

    protected override void Scan(long tick, IReadOnlyList<SimTarget> targets)
    {
        double s = Seconds(tick);
        foreach (var target in targets)
        {
            if ((target.AdsbIcao is null && target.RemoteId is null) || !target.Path.IsLiveAt(s))
            {
                continue;
            }

            var p = target.Path.PositionAt(s);
            var g = Measure(p);
            if (!CanSee(g, p.AltM))
            {
                continue;
            }

            if (target.AdsbIcao is { } icao)
            {
                Report(tick, target, g, "ICAO:" + icao);
            }

            if (target.RemoteId is { } rid)
            {
                Report(tick, target, g, "RID:" + rid, remoteId: true);
            }
        }
    }

    private void Report(long tick, SimTarget target, in Geometry g, string cooperativeId, bool remoteId = false)
    {
        if (!Detected())
        {
            return;
        }

        // Noise added in this receiver's frame: within a few hundred km its axes are the target's to a degree or two.
        var noisy = g.Enu + new Enu(
            Spec.Noise.HorizontalM * Rng.Gaussian(), Spec.Noise.HorizontalM * Rng.Gaussian(), Spec.Noise.VerticalM * Rng.Gaussian());
        var (hint, confidence) = ClassHint(target.Class, Spec.Classification ?? SelfReported);
        var d = new Detection
        {
            SensorId = Id,
            Time = TimeOf(tick),
            Kind = DetectionKind.Position,
            Position = Frame.ToGeo(noisy),
            SigmaHorizontalM = Spec.Noise.HorizontalM,
            SigmaVerticalM = Spec.Noise.VerticalM,
            ClassHint = hint,
            ClassConfidence = confidence,
            CooperativeId = cooperativeId,
            Callsign = target.Callsign,
            OperatorId = remoteId ? target.OperatorId : null,
        };
        if (remoteId && target.Signer is { } signer)
        {
            // The drone signs the Location message it broadcasts; the proof travels with the report, and the
            // Remote ID emitter puts exactly these bytes on the air.
            var location = RemoteIdEmitter.LocationMessage(d);
            d = d with { CooperativeProof = CooperativeProofText.Format(location, signer.Sign(location, d.Time)) };
        }

        Emit(tick, d);
    }
}
