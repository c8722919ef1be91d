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
/// ID ("RID:…") makes a drone near certain. Once the velocity is known to within
/// <see cref="TrustedVelocitySigma"/>, kinematic likelihoods follow: speed bands per class, smoothed
/// acceleration and turn rate (birds wander, aircraft fly smooth), and persistence (clutter does not last).
/// Each is soft (no factor below 0.05) so no single cue can overrule consistent sensor reports.</para>
/// </summary>
internal sealed class ClassFuser(TrackerOptions options)
{
    private const double MaxConfidence = 0.99;
    private const double Floor = 1e-6;
    private const double CueFloor = 0.05;
    /// <summary>Velocity sigma below which the filter's speed and acceleration describe the object, m/s.</summary>
    private const double TrustedVelocitySigma = 5;
    /// <summary>Kinematic samples are taken no closer than this, s, so velocity noise is not read as acceleration.</summary>
    private const double SampleIntervalS = 2;
    private const double Smoothing = 0.3;
    private const int EvidenceShown = 5;

    // Likelihood vectors, indexed Unknown, Multirotor, FixedWing, Manned, Bird, Clutter.
    private static readonly double[] FastOrHigh = [1, 0.02, 0.5, 10, 0.02, 0.02];
    private static readonly double[] IcaoAddress = [1e-4, 1e-4, 1e-4, 1, 1e-4, 1e-4];
    private static readonly double[] RemoteId = [0.1, 1, 1, 1e-3, 1e-3, 1e-3];

    // Typical speed bands, m/s (low, high): inside a band the class is fully plausible.
    private static readonly (double Low, double High)[] SpeedBands =
        [(0, double.PositiveInfinity), (0, 25), (12, 50), (40, 350), (3, 22), (0, 3)];

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
        if (!Likelihood(hint, confidence, out var c, out var other))
            return;
        var h = (int)hint;
        for (var k = 0; k < ClassBelief.Count; k++)
            belief[k] *= k == h ? c : other;
        Normalise(ref belief);
        for (var k = 0; k < ClassBelief.Count; k++)
            belief[k] = Math.Max(belief[k], Floor);
        Normalise(ref belief);
    }

    /// <summary>Takes one sensor report into the track's class: the Bayes update and its evidence record.</summary>
    public static void Report(Track track, string sensorId, TargetClass hint, double confidence)
    {
        Update(ref track.Class, hint, confidence);
        if (!Likelihood(hint, confidence, out var c, out var other))
            return;
        if (!track.ClassRecord.SensorLogLikelihood.TryGetValue(sensorId, out var ll))
            track.ClassRecord.SensorLogLikelihood[sensorId] = ll = new double[ClassBelief.Count];
        for (var k = 0; k < ClassBelief.Count; k++)
            ll[k] += Math.Log(k == (int)hint ? c : other);
    }

    /// <summary>Counts consecutive fast updates and samples acceleration and turn rate; call after each update.</summary>
    public void ObserveSpeed(Track track)
    {
        var v = track.State.Velocity;
        var speed = v.Length();
        // An estimate this young (velocity sigma still large) says little about real speed.
        var trusted = track.State.VelocitySigma < 0.25 * options.MannedSpeedMps;
        track.FastUpdates = trusted && speed > options.MannedSpeedMps ? track.FastUpdates + 1 : 0;

        var record = track.ClassRecord;
        if (track.State.VelocitySigma >= TrustedVelocitySigma)
            return;
        var t = track.State.TimeS;
        if (double.IsNaN(record.LastSampleS))
        {
            (record.LastSampleS, record.LastVelocity) = (t, v);
            return;
        }

        var dt = t - record.LastSampleS;
        if (dt < SampleIntervalS)
            return;
        var acceleration = (v - record.LastVelocity).Length() / dt;
        var headingChange = Math.Abs(MeasurementModel.WrapAngle(Math.Atan2(v.X, v.Y) - Math.Atan2(record.LastVelocity.X, record.LastVelocity.Y)));
        // Heading is meaningless for a near-hovering object.
        var turnRate = Math.Min(speed, record.LastVelocity.Length()) > 2 ? headingChange / dt : 0;
        var alpha = record.Samples == 0 ? 1 : Smoothing;
        record.Acceleration += alpha * (acceleration - record.Acceleration);
        record.TurnRate += alpha * (turnRate - record.TurnRate);
        record.Samples++;
        (record.LastSampleS, record.LastVelocity) = (t, v);
    }

    public ClassEstimate Estimate(Track track)
    {
        var belief = track.Class;
        var cues = new List<(string Source, double[] Likelihood)>();
        if (track.FastUpdates >= options.SustainedUpdates || track.State.Mean[2] > options.MannedHeightM)
            cues.Add(("speed-or-height", FastOrHigh));
        if (track.CooperativeId is { } id)
        {
            if (id.StartsWith("ICAO:", StringComparison.OrdinalIgnoreCase))
                cues.Add(("cooperative-id", IcaoAddress));
            else if (id.StartsWith("RID:", StringComparison.OrdinalIgnoreCase))
                cues.Add(("cooperative-id", RemoteId));
        }

        AddKinematicCues(track, cues);
        foreach (var (_, likelihood) in cues)
            Apply(ref belief, likelihood);

        var best = 0;
        for (var k = 1; k < ClassBelief.Count; k++)
        {
            if (belief[k] > belief[best])
                best = k;
        }

        var probabilities = new double[ClassBelief.Count];
        for (var k = 0; k < ClassBelief.Count; k++)
            probabilities[k] = belief[k];
        return new ClassEstimate((TargetClass)best, belief[best], probabilities, Evidence(track, cues, best));
    }

    private void AddKinematicCues(Track track, List<(string Source, double[] Likelihood)> cues)
    {
        if (track.State.VelocitySigma >= TrustedVelocitySigma)
            return;
        var speed = track.State.Velocity.Length();
        var bySpeed = new double[ClassBelief.Count];
        for (var k = 0; k < ClassBelief.Count; k++)
        {
            var (low, high) = SpeedBands[k];
            var outside = speed < low ? low - speed : speed > high ? speed - high : 0;
            bySpeed[k] = Math.Max(CueFloor, Math.Exp(-(outside / 5) * (outside / 5)));
        }

        cues.Add(("speed", bySpeed));
        var record = track.ClassRecord;
        if (record.Samples >= 2)
        {
            // Birds wander and flap; multirotors can stop and turn on the spot; aircraft fly smooth arcs.
            var a = Math.Min(record.Acceleration / 2, 1);
            cues.Add(("acceleration", [1, 0.7 + (0.3 * a), 1 - (0.5 * a), 1 - (0.8 * a), 0.5 + (0.8 * a), 1]));
            var w = Math.Min(record.TurnRate / 0.3, 1);
            cues.Add(("turn-rate", [1, 1, 1 - (0.5 * w), 1 - (0.8 * w), 0.6 + (0.8 * w), 1]));
        }

        if (track.Hits >= 5)
            cues.Add(("persistence", [1, 1, 1, 1, 1, Math.Max(CueFloor, Math.Exp(-(track.Hits - 4) / 5.0))]));
    }

    /// <summary>
    /// Each sensor's and each cue's weight for the chosen class: its ln-likelihood of that class less the mean
    /// of its ln-likelihoods of the other classes, strongest first.
    /// </summary>
    private static List<ClassEvidence> Evidence(Track track, List<(string Source, double[] Likelihood)> cues, int chosen)
    {
        var evidence = new List<ClassEvidence>();
        foreach (var (sensor, ll) in track.ClassRecord.SensorLogLikelihood)
            evidence.Add(new ClassEvidence(sensor, (TargetClass)chosen, Contrast(ll, chosen)));
        foreach (var (source, likelihood) in cues)
        {
            var ll = new double[ClassBelief.Count];
            for (var k = 0; k < ClassBelief.Count; k++)
                ll[k] = Math.Log(likelihood[k]);
            evidence.Add(new ClassEvidence(source, (TargetClass)chosen, Contrast(ll, chosen)));
        }

        evidence.Sort((a, b) => b.Weight != a.Weight ? Math.Abs(b.Weight).CompareTo(Math.Abs(a.Weight)) : string.CompareOrdinal(a.Source, b.Source));
        if (evidence.Count > EvidenceShown)
            evidence.RemoveRange(EvidenceShown, evidence.Count - EvidenceShown);
        return evidence;
    }

    private static double Contrast(double[] ll, int chosen)
    {
        var others = 0.0;
        for (var k = 0; k < ClassBelief.Count; k++)
        {
            if (k != chosen)
                others += ll[k];
        }

        return ll[chosen] - (others / (ClassBelief.Count - 1));
    }

    private static bool Likelihood(TargetClass hint, double confidence, out double c, out double other)
    {
        var h = (int)hint;
        c = Math.Min(confidence, MaxConfidence);
        other = (1 - c) / (ClassBelief.Count - 1);
        return hint != TargetClass.Unknown && h is >= 0 and < ClassBelief.Count && confidence > 0;
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

/// <summary>A track's class estimate: the most probable class, all probabilities and what drove them.</summary>
internal sealed record ClassEstimate(TargetClass Class, double Probability, double[] Probabilities, IReadOnlyList<ClassEvidence> Evidence);
