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

    /// <summary>
    /// The per-track motion model. The IMM (CV + coordinated turn) follows manoeuvring drones far better
    /// and costs about as much as the CV filter on straight flyers; the CV filter is the cheap path.
    /// </summary>
    public MotionModel Motion { get; init; } = MotionModel.Imm;

    /// <summary>
    /// White-noise acceleration of both IMM modes, m/s², east and north (the vertical uses
    /// <see cref="AccelerationSigmaVertical"/>). Lower than a CV-only tracker's: turns are the CT mode's job.
    /// </summary>
    public double ImmAccelerationSigmaHorizontal { get; init; } = 1;

    /// <summary>Turn-rate random walk of the coordinated-turn mode, rad/s per √s.</summary>
    public double TurnRateSigma { get; init; } = 0.4;

    /// <summary>One-sigma of the turn rate of a new track, rad/s.</summary>
    public double InitialTurnRateSigma { get; init; } = 0.2;

    /// <summary>IMM: probability per second of switching from constant velocity to turning.</summary>
    public double ImmCvToCtPerS { get; init; } = 0.05;

    /// <summary>IMM: probability per second of switching from turning to constant velocity.</summary>
    public double ImmCtToCvPerS { get; init; } = 0.1;

    /// <summary>IMM: probability of the turn mode for a new track.</summary>
    public double ImmInitialTurnProbability { get; init; } = 0.2;

    /// <summary>How polar and bearing measurements are linearised in the update (the gate always uses the EKF).</summary>
    public PolarUpdate PolarUpdate { get; init; } = PolarUpdate.Extended;

    /// <summary>Known systematic errors per sensor id, subtracted from that sensor's polar and bearing measurements.</summary>
    public IReadOnlyDictionary<string, SensorBias> SensorBiases { get; init; } = new Dictionary<string, SensorBias>(StringComparer.Ordinal);

    /// <summary>
    /// How far behind the newest processed scan a late scan may be and still be used, s: each track keeps the
    /// updates of this span so it can be re-filtered with the late measurement in its place. Older is refused.
    /// 0 keeps no history (no per-update allocation) and refuses every late scan.
    /// </summary>
    public double OutOfSequenceWindowS { get; init; } = 5;

    /// <summary>Fuse a sensor's own track reports by covariance intersection (true) or as independent measurements.</summary>
    public bool FuseSourceTracksByCovarianceIntersection { get; init; } = true;

    /// <summary>Bearings from different sensors this close in time may be crossed to start a track, s.</summary>
    public double TriangulationWindowS { get; init; } = 1;

    /// <summary>
    /// Sensors whose bearings must agree on a point before it starts a track. Two bearings always cross
    /// somewhere; with several targets most crossings are ghosts, which a third bearing through the same point rejects.
    /// </summary>
    public int TriangulationMinSensors { get; init; } = 3;

    /// <summary>Association per cluster of the gating graph: <see cref="AssociationMethod.Gnn"/> (default) or JPDA.</summary>
    public AssociationMethod Association { get; init; } = AssociationMethod.Gnn;

    /// <summary>JPDA: P_D, the probability that a sensor reports a target it covers.</summary>
    public double DetectionProbability { get; init; } = 0.9;

    /// <summary>
    /// JPDA: λ, false measurements per unit of measurement space per scan, by sensor id, in the sensor's own
    /// geometry (per m³ for Position, per m·rad² for a 3D radar plot, per m·rad for a 2D one, per rad² or rad for
    /// a bearing). A sensor not listed gets λ estimated per track from its gate: the measurements in it over its
    /// volume (the non-parametric PDA), which needs no units and no survey of the clutter.
    /// </summary>
    public IReadOnlyDictionary<string, double> ClutterDensities { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal);

    /// <summary>JPDA: largest cluster enumerated, in tracks (≤ 16); a larger one is associated by GNN.</summary>
    public int JpdaMaxTracks { get; init; } = 8;

    /// <summary>JPDA: largest cluster enumerated, in measurements (≤ 48); a larger one is associated by GNN.</summary>
    public int JpdaMaxMeasurements { get; init; } = 24;

    /// <summary>JPDA: most joint events (hypotheses) enumerated per cluster; a cluster that needs more is associated by GNN.</summary>
    public int JpdaMaxEvents { get; init; } = 20_000;

    /// <summary>JPDA: keep only the likeliest of events that permute the same measurements among the same tracks (JPDA*).</summary>
    public bool JpdaAvoidCoalescence { get; init; } = true;

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
        RequirePositive(ImmAccelerationSigmaHorizontal, nameof(ImmAccelerationSigmaHorizontal));
        RequirePositive(TurnRateSigma, nameof(TurnRateSigma));
        RequirePositive(InitialTurnRateSigma, nameof(InitialTurnRateSigma));
        RequireProbability(ImmCvToCtPerS, nameof(ImmCvToCtPerS));
        RequireProbability(ImmCtToCvPerS, nameof(ImmCtToCvPerS));
        RequireProbability(ImmInitialTurnProbability, nameof(ImmInitialTurnProbability));
        if (!(OutOfSequenceWindowS >= 0 && double.IsFinite(OutOfSequenceWindowS)))
            throw new ArgumentException($"TrackerOptions.OutOfSequenceWindowS must be finite and >= 0, was {OutOfSequenceWindowS}.", nameof(OutOfSequenceWindowS));
        RequirePositive(TriangulationWindowS, nameof(TriangulationWindowS));
        if (!Enum.IsDefined(Motion))
            throw new ArgumentException($"TrackerOptions.Motion is not a known model: {Motion}.", nameof(Motion));
        if (!Enum.IsDefined(PolarUpdate))
            throw new ArgumentException($"TrackerOptions.PolarUpdate is not a known update: {PolarUpdate}.", nameof(PolarUpdate));
        if (TriangulationMinSensors < 2)
            throw new ArgumentException($"TrackerOptions.TriangulationMinSensors must be at least 2, was {TriangulationMinSensors}.", nameof(TriangulationMinSensors));
        if (SensorBiases is null)
            throw new ArgumentException("TrackerOptions.SensorBiases is null.", nameof(SensorBiases));
        foreach (var (sensor, bias) in SensorBiases)
        {
            if (bias is null || !double.IsFinite(bias.RangeM) || !double.IsFinite(bias.AzimuthRad) || !double.IsFinite(bias.ElevationRad))
                throw new ArgumentException($"TrackerOptions.SensorBiases[{sensor}] must be finite, was {bias}.", nameof(SensorBiases));
        }

        if (!Enum.IsDefined(Association))
            throw new ArgumentException($"TrackerOptions.Association is not a known method: {Association}.", nameof(Association));
        RequireProbability(DetectionProbability, nameof(DetectionProbability));
        if (ClutterDensities is null)
            throw new ArgumentException("TrackerOptions.ClutterDensities is null.", nameof(ClutterDensities));
        foreach (var (sensor, density) in ClutterDensities)
        {
            if (!(density > 0 && double.IsFinite(density)))
                throw new ArgumentException($"TrackerOptions.ClutterDensities[{sensor}] must be finite and > 0, was {density}.", nameof(ClutterDensities));
        }

        if (JpdaMaxTracks is < 1 or > 16)
            throw new ArgumentException($"TrackerOptions.JpdaMaxTracks must be in 1..16, was {JpdaMaxTracks}.", nameof(JpdaMaxTracks));
        if (JpdaMaxMeasurements is < 1 or > 48)
            throw new ArgumentException($"TrackerOptions.JpdaMaxMeasurements must be in 1..48, was {JpdaMaxMeasurements}.", nameof(JpdaMaxMeasurements));
        if (JpdaMaxEvents is < 1 or > 1 << 22)
            throw new ArgumentException($"TrackerOptions.JpdaMaxEvents must be in 1..4194304, was {JpdaMaxEvents}.", nameof(JpdaMaxEvents));

        if (SustainedUpdates < 1)
            throw new ArgumentException($"TrackerOptions.SustainedUpdates must be at least 1, was {SustainedUpdates}.", nameof(SustainedUpdates));
    }

    private static void RequireProbability(double value, string name)
    {
        if (!(value is > 0 and < 1))
            throw new ArgumentException($"TrackerOptions.{name} must be in (0, 1), was {value}.", name);
    }

    private static void RequirePositive(double value, string name)
    {
        if (!(value > 0 && double.IsFinite(value)))
            throw new ArgumentException($"TrackerOptions.{name} must be finite and > 0, was {value}.", name);
    }
}
