namespace Straja.Tracking.Metrics;

/// <summary>One object's position at one step: a true object or a track, in the local frame, m.</summary>
public readonly record struct LabelledPoint(string Id, Vec3 Position);

/// <summary>Parameters of <see cref="TrackScorer"/>. Configure with <c>MetricOptions.Default with { ... }</c>.</summary>
public sealed record MetricOptions
{
    public static MetricOptions Default { get; } = new();

    /// <summary>OSPA/GOSPA cut-off c, m: the most one object can cost.</summary>
    public double CutoffM { get; init; } = 100;

    /// <summary>OSPA/GOSPA order p (≥ 1); 2 weighs large errors like an RMS does.</summary>
    public double Order { get; init; } = 2;

    /// <summary>
    /// Largest truth–track distance counted as "this track follows this object" for ID switches, fragmentations,
    /// time to confirm and false tracks, m. Null: the cut-off.
    /// </summary>
    public double? MatchGateM { get; init; }

    internal double Gate => MatchGateM ?? CutoffM;

    internal void Validate()
    {
        if (!(CutoffM > 0 && double.IsFinite(CutoffM)))
            throw new ArgumentException($"MetricOptions.CutoffM must be finite and > 0, was {CutoffM}.", nameof(CutoffM));
        if (!(Order >= 1 && double.IsFinite(Order)))
            throw new ArgumentException($"MetricOptions.Order must be finite and >= 1, was {Order}.", nameof(Order));
        if (!(Gate > 0 && double.IsFinite(Gate)))
            throw new ArgumentException($"MetricOptions.MatchGateM must be finite and > 0, was {MatchGateM}.", nameof(MatchGateM));
    }
}

/// <summary>The scores of one time step.</summary>
/// <param name="Errors">OSPA and GOSPA with its parts.</param>
/// <param name="Matched">True objects matched to a track within the gate.</param>
/// <param name="IdSwitches">True objects whose matched track changed at this step.</param>
/// <param name="Fragmentations">True objects matched again at this step after an interruption.</param>
public readonly record struct StepScore(
    double TimeS, int TruthCount, int TrackCount, SubPatternErrors Errors,
    int Matched, int IdSwitches, int Fragmentations);

/// <summary>When one true object was first followed by a track.</summary>
/// <param name="FirstSeenS">First step holding the object.</param>
/// <param name="ConfirmedS">First step at which a track was matched to it; NaN if none ever was.</param>
public sealed record TruthConfirmation(string TruthId, double FirstSeenS, double ConfirmedS)
{
    /// <summary>Seconds from first appearance to first match; NaN if never matched.</summary>
    public double TimeToConfirmS => ConfirmedS - FirstSeenS;
}

/// <summary>One track's life as the scorer saw it.</summary>
/// <param name="Steps">Steps that held the track.</param>
/// <param name="MatchedSteps">Of those, steps in which it was matched to a true object.</param>
public sealed record TrackLifeSummary(string TrackId, int Steps, int MatchedSteps)
{
    /// <summary>Matched to no true object for most (more than half) of its life.</summary>
    public bool IsFalse => 2 * MatchedSteps < Steps;
}

/// <summary>Scores over a whole run. Means are over steps; parts are in mᵖ and their means sum to the mean GOSPAᵖ.</summary>
/// <param name="DurationS">Last step time minus first, s.</param>
/// <param name="MeanTimeToConfirmS">Over the true objects ever matched; NaN if none.</param>
/// <param name="TrackLives">Every track in order of first appearance.</param>
/// <param name="FalseTracks">Tracks matched to no true object in more than half of the steps that held them.</param>
/// <param name="FalseTracksPerHour">NaN when the run lasts no time.</param>
public sealed record ScoreSummary(
    int Steps, double DurationS,
    double MeanOspaM, double MeanGospaM, double MeanLocalisation, double MeanMissed, double MeanFalse,
    int IdSwitches, int Fragmentations,
    IReadOnlyList<TruthConfirmation> Confirmations, double MeanTimeToConfirmS,
    IReadOnlyList<TrackLifeSummary> TrackLives, int FalseTracks, double FalseTracksPerHour)
{
    public int Tracks => TrackLives.Count;
}
