namespace Straja.Tracking;

/// <summary>
/// Fuses class evidence into per-track probabilities over <see cref="TargetClass"/>.
/// <para>Prior: Unknown 0.5, each of the five named classes 0.1, so a track with no evidence reads Unknown.</para>
/// <para>Sensor hints, a recursive Bayes update with a symmetric confusion model: a sensor reporting class h
/// with confidence c is right with probability c and otherwise names one of the other five classes uniformly,
/// so L(k) = c for k = h and (1 − c)/5 otherwise. c is clamped to [0, 0.99] so one report cannot zero a
/// class; each probability is floored at 1e-6 so the belief can recover. A hint of Unknown carries nothing.</para>
/// <para>Cues, applied on top when the estimate is read (they describe the present, so they do not accumulate):
/// sustained speed or height above the manned thresholds multiplies Manned by 10 and suppresses small
/// drones, birds and clutter; an ICAO address (cooperative id "ICAO:…") makes Manned near certain; a Remote
/// ID ("RID:…") makes a drone near certain.</para>
/// </summary>
internal sealed class ClassFuser(TrackerOptions options)
{
    private const double MaxConfidence = 0.99;
    private const double Floor = 1e-6;

    // Likelihood vectors, indexed Unknown, Multirotor, FixedWing, Manned, Bird, Clutter.
    private static readonly double[] FastOrHigh = [1, 0.02, 0.5, 10, 0.02, 0.02];
    private static readonly double[] IcaoAddress = [1e-4, 1e-4, 1e-4, 1, 1e-4, 1e-4];
    private static readonly double[] RemoteId = [0.1, 1, 1, 1e-3, 1e-3, 1e-3];

    public static ClassBelief Prior()
    {
        var belief = default(ClassBelief);
        belief[(int)TargetClass.Unknown] = 0.5;
        for (var k = 1; k < ClassBelief.Count; k++)
            belief[k] = 0.1;
        return belief;
    }

    public static void Update(ref ClassBelief belief, TargetClass hint, double confidence)
    {
        var h = (int)hint;
        if (hint == TargetClass.Unknown || h is < 0 or >= ClassBelief.Count || !(confidence > 0))
            return;
        var c = Math.Min(confidence, MaxConfidence);
        var other = (1 - c) / (ClassBelief.Count - 1);
        for (var k = 0; k < ClassBelief.Count; k++)
            belief[k] *= k == h ? c : other;
        Normalise(ref belief);
        for (var k = 0; k < ClassBelief.Count; k++)
            belief[k] = Math.Max(belief[k], Floor);
        Normalise(ref belief);
    }

    /// <summary>Counts consecutive fast updates; call after each measurement update of the track.</summary>
    public void ObserveSpeed(Track track)
    {
        var v = track.State.Velocity;
        var speed = Math.Sqrt((v.X * v.X) + (v.Y * v.Y) + (v.Z * v.Z));
        // An estimate this young (velocity sigma still large) says little about real speed.
        var trusted = track.State.VelocitySigma < 0.25 * options.MannedSpeedMps;
        track.FastUpdates = trusted && speed > options.MannedSpeedMps ? track.FastUpdates + 1 : 0;
    }

    public (TargetClass Class, double Probability) Estimate(Track track)
    {
        var belief = track.Class;
        if (track.FastUpdates >= options.SustainedUpdates || track.State.Mean[2] > options.MannedHeightM)
            Apply(ref belief, FastOrHigh);
        if (track.CooperativeId is { } id)
        {
            if (id.StartsWith("ICAO:", StringComparison.OrdinalIgnoreCase))
                Apply(ref belief, IcaoAddress);
            else if (id.StartsWith("RID:", StringComparison.OrdinalIgnoreCase))
                Apply(ref belief, RemoteId);
        }

        var best = 0;
        for (var k = 1; k < ClassBelief.Count; k++)
        {
            if (belief[k] > belief[best])
                best = k;
        }

        return ((TargetClass)best, belief[best]);
    }

    private static void Apply(ref ClassBelief belief, double[] likelihood)
    {
        for (var k = 0; k < ClassBelief.Count; k++)
            belief[k] *= likelihood[k];
        Normalise(ref belief);
    }

    private static void Normalise(ref ClassBelief belief)
    {
        var sum = 0.0;
        for (var k = 0; k < ClassBelief.Count; k++)
            sum += belief[k];
        for (var k = 0; k < ClassBelief.Count; k++)
            belief[k] /= sum;
    }
}
