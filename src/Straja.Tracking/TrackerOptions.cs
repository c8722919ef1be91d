namespace Straja.Tracking;

/// <summary>Tuning for <see cref="Tracker"/>. Configure with <c>TrackerOptions.Default with { ... }</c>.</summary>
public sealed record TrackerOptions
{
    public static TrackerOptions Default { get; } = new();

    /// <summary>Probability that a true measurement falls inside the gate; sets the chi-square thresholds.</summary>
    public double GateProbability { get; init; } = 0.999;

    /// <summary>M of M-of-N: hits needed in the last <see cref="ConfirmWindow"/> opportunities to confirm.</summary>
    public int ConfirmHits { get; init; } = 3;

    /// <summary>N of M-of-N: the sliding window of opportunities (scans that covered the track, or hit it).</summary>
    public int ConfirmWindow { get; init; } = 5;

    /// <summary>Consecutive in-coverage misses after which a confirmed track is deleted.</summary>
    public int MaxMisses { get; init; } = 5;

    /// <summary>Seconds without an update after which <see cref="Tracker.Expire"/> deletes a track.</summary>
    public double MaxCoastS { get; init; } = 30;

    /// <summary>
    /// White-noise acceleration, m/s², east and north. The continuous-time model's power spectral density is
    /// taken as σ² × 1 s, so velocity variance grows by σ² per second of prediction.
    /// </summary>
    public double AccelerationSigmaHorizontal { get; init; } = 3;

    /// <summary>As <see cref="AccelerationSigmaHorizontal"/>, for the up axis.</summary>
    public double AccelerationSigmaVertical { get; init; } = 1;

    /// <summary>One-sigma of each horizontal velocity component of a new track, m/s.</summary>
    public double InitialVelocitySigmaHorizontal { get; init; } = 60;

    /// <summary>One-sigma of the vertical velocity of a new track, m/s.</summary>
    public double InitialVelocitySigmaVertical { get; init; } = 10;

    /// <summary>One-sigma of the height of a track started by a 2D radar (no elevation), m; it starts at sensor height.</summary>
    public double UnknownHeightSigmaM { get; init; } = 500;

    /// <summary>A sensor stays in <see cref="TrackSnapshot.Sensors"/> this long after its last update of the track.</summary>
    public double SensorMemoryS { get; init; } = 30;

    /// <summary>Subtracted from the association cost when a measurement's cooperative id equals the track's.</summary>
    public double CooperativeBonus { get; init; } = 20;

    /// <summary>Sustained speed above this suggests a manned aircraft, m/s.</summary>
    public double MannedSpeedMps { get; init; } = 60;

    /// <summary>Height (sector Up) above this suggests a manned aircraft, m.</summary>
    public double MannedHeightM { get; init; } = 3000;

    /// <summary>Consecutive updates above <see cref="MannedSpeedMps"/> that count as sustained.</summary>
    public int SustainedUpdates { get; init; } = 3;

    internal void Validate()
    {
        if (!(GateProbability > 0 && GateProbability < 1))
            throw new ArgumentException($"TrackerOptions.GateProbability must be in (0, 1), was {GateProbability}.", nameof(GateProbability));
        if (ConfirmWindow is < 1 or > 32)
            throw new ArgumentException($"TrackerOptions.ConfirmWindow must be in 1..32, was {ConfirmWindow}.", nameof(ConfirmWindow));
        if (ConfirmHits < 1 || ConfirmHits > ConfirmWindow)
            throw new ArgumentException($"TrackerOptions.ConfirmHits must be in 1..ConfirmWindow ({ConfirmWindow}), was {ConfirmHits}.", nameof(ConfirmHits));
        if (MaxMisses < 1)
            throw new ArgumentException($"TrackerOptions.MaxMisses must be at least 1, was {MaxMisses}.", nameof(MaxMisses));
        RequirePositive(MaxCoastS, nameof(MaxCoastS));
        RequirePositive(AccelerationSigmaHorizontal, nameof(AccelerationSigmaHorizontal));
        RequirePositive(AccelerationSigmaVertical, nameof(AccelerationSigmaVertical));
        RequirePositive(InitialVelocitySigmaHorizontal, nameof(InitialVelocitySigmaHorizontal));
        RequirePositive(InitialVelocitySigmaVertical, nameof(InitialVelocitySigmaVertical));
        RequirePositive(UnknownHeightSigmaM, nameof(UnknownHeightSigmaM));
        RequirePositive(SensorMemoryS, nameof(SensorMemoryS));
        RequirePositive(MannedSpeedMps, nameof(MannedSpeedMps));
        RequirePositive(MannedHeightM, nameof(MannedHeightM));
        if (!(CooperativeBonus >= 0 && double.IsFinite(CooperativeBonus)))
            throw new ArgumentException($"TrackerOptions.CooperativeBonus must be finite and >= 0, was {CooperativeBonus}.", nameof(CooperativeBonus));
        if (SustainedUpdates < 1)
            throw new ArgumentException($"TrackerOptions.SustainedUpdates must be at least 1, was {SustainedUpdates}.", nameof(SustainedUpdates));
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentException($"TrackerOptions.{name} must be finite and > 0, was {value}.", name);
    }
}
