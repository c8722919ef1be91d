namespace Straja.Tracking.Planar;

/// <summary>How <see cref="PlanarTracker"/> turns gated measurements into track updates.</summary>
public enum PlanarAssociation
{
    /// <summary>Global nearest neighbour: one optimal hard assignment per cluster.</summary>
    Gnn = 1,
    /// <summary>JPDA* per cluster (bounded; oversized clusters are split, then fall back to GNN).</summary>
    Jpda = 2,
}

/// <summary>
/// Parameters of <see cref="PlanarTracker"/>: a 2D nearly-constant-velocity model, 2D position measurements
/// with one standard deviation on both axes, and a log-likelihood-ratio track score. Configure with
/// <c>PlanarOptions.Default with { ... }</c>.
/// </summary>
public sealed record PlanarOptions
{
    public static PlanarOptions Default { get; } = new();

    /// <summary>q, m²/s³ per axis: power spectral density of the white-noise acceleration.</summary>
    public double ProcessNoise { get; init; } = 9;

    /// <summary>One-sigma of each measured coordinate, m.</summary>
    public double MeasurementStdM { get; init; } = 10;

    /// <summary>P_D, probability that a target is detected in a scan.</summary>
    public double DetectionProbability { get; init; } = 0.9;

    /// <summary>λ, false detections per m² per scan. Must be > 0 (it divides every likelihood).</summary>
    public double ClutterDensity { get; init; } = 1e-8;

    /// <summary>β_NT, new targets per m² per scan: with λ it sets a new track's score ln(β_NT / λ).</summary>
    public double NewTargetDensity { get; init; } = 1e-9;

    /// <summary>Probability that a target's own measurement falls inside its gate (chi-square, 2 degrees of freedom).</summary>
    public double GateProbability { get; init; } = 0.999;

    /// <summary>One-sigma of each velocity component of a new track, m/s.</summary>
    public double InitialVelocitySigmaMps { get; init; } = 60;

    /// <summary>A tentative track is confirmed when its score reaches this (≈ ln((1 − β)/α) of Wald's test).</summary>
    public double ConfirmScore { get; init; } = 9;

    /// <summary>A tentative track is deleted when its score falls this far below its best (≈ two misses at P_D 0.9).</summary>
    public double TentativeDeleteDrop { get; init; } = 3;

    /// <summary>A confirmed track is deleted when its score falls this far below its best (≈ three misses at P_D 0.9).</summary>
    public double ConfirmedDeleteDrop { get; init; } = 7;

    public PlanarAssociation Association { get; init; } = PlanarAssociation.Gnn;

    /// <summary>JPDA: largest cluster enumerated, in tracks (≤ 16).</summary>
    public int JpdaMaxTracks { get; init; } = 8;

    /// <summary>JPDA: largest cluster enumerated, in measurements (≤ 48).</summary>
    public int JpdaMaxMeasurements { get; init; } = 24;

    /// <summary>JPDA: most joint events enumerated per cluster before it is split or handed to GNN.</summary>
    public int JpdaMaxEvents { get; init; } = 20_000;

    /// <summary>JPDA: keep only the likeliest of events that permute the same measurements among the same tracks (JPDA*).</summary>
    public bool AvoidCoalescence { get; init; } = true;

    internal void Validate()
    {
        Positive(ProcessNoise, nameof(ProcessNoise));
        Positive(MeasurementStdM, nameof(MeasurementStdM));
        Positive(ClutterDensity, nameof(ClutterDensity));
        Positive(NewTargetDensity, nameof(NewTargetDensity));
        Positive(InitialVelocitySigmaMps, nameof(InitialVelocitySigmaMps));
        Positive(TentativeDeleteDrop, nameof(TentativeDeleteDrop));
        Positive(ConfirmedDeleteDrop, nameof(ConfirmedDeleteDrop));
        if (!(DetectionProbability > 0 && DetectionProbability < 1))
            throw new ArgumentException($"PlanarOptions.DetectionProbability must be in (0, 1), was {DetectionProbability}.", nameof(DetectionProbability));
        if (!(GateProbability > 0 && GateProbability < 1))
            throw new ArgumentException($"PlanarOptions.GateProbability must be in (0, 1), was {GateProbability}.", nameof(GateProbability));
        if (!double.IsFinite(ConfirmScore))
            throw new ArgumentException($"PlanarOptions.ConfirmScore must be finite, was {ConfirmScore}.", nameof(ConfirmScore));
        if (!Enum.IsDefined(Association))
            throw new ArgumentException($"PlanarOptions.Association {Association} is not defined.", nameof(Association));
        if (JpdaMaxTracks is < 1 or > 16)
            throw new ArgumentException($"PlanarOptions.JpdaMaxTracks must be in 1..16, was {JpdaMaxTracks}.", nameof(JpdaMaxTracks));
        if (JpdaMaxMeasurements is < 1 or > 48)
            throw new ArgumentException($"PlanarOptions.JpdaMaxMeasurements must be in 1..48, was {JpdaMaxMeasurements}.", nameof(JpdaMaxMeasurements));
        if (JpdaMaxEvents is < 1 or > 1 << 22)
            throw new ArgumentException($"PlanarOptions.JpdaMaxEvents must be in 1..4194304, was {JpdaMaxEvents}.", nameof(JpdaMaxEvents));
    }

    private static void Positive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentException($"PlanarOptions.{name} must be finite and > 0, was {value}.", name);
    }
}

/// <summary>A 2D position detection in the sector's local frame, m (x east, y north).</summary>
public readonly record struct PlanarDetection(double XM, double YM);

/// <summary>One track of a <see cref="PlanarTracker"/> as it stands after the last scan.</summary>
/// <param name="Score">Log-likelihood ratio, target against clutter.</param>
/// <param name="PositionSigmaM">Square root of the larger eigenvalue of the position covariance, m.</param>
public readonly record struct PlanarTrack(
    long Id, bool Confirmed, double XM, double YM, double VxMps, double VyMps, double Score, double PositionSigmaM, int Hits);

/// <summary>What one <see cref="PlanarTracker.Process"/> call did.</summary>
/// <param name="Updated">Tracks updated by at least one measurement.</param>
public readonly record struct PlanarScanResult(int Updated, int Initiated, int Confirmed, int Deleted);
