namespace Straja.Tracking;

/// <summary>A point or vector in one sector's local East-North-Up frame, metres (X east, Y north, Z up).</summary>
public readonly record struct Vec3(double X, double Y, double Z)
{
    /// <summary>Euclidean norm, m (a method so it stays out of the record's ToString).</summary>
    public double Length() => Math.Sqrt((X * X) + (Y * Y) + (Z * Z));

    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);

    public static Vec3 operator +(Vec3 a, Vec3 b) => new(a.X + b.X, a.Y + b.Y, a.Z + b.Z);
}

/// <summary>The geometry a <see cref="Measurement"/> is expressed in.</summary>
public enum MeasurementKind
{
    /// <summary>Z = (E, N, U) m; Sigma = (horizontal m, horizontal m, vertical m).</summary>
    Position = 1,
    /// <summary>Z = (range m, azimuth rad clockwise from north, elevation rad or NaN for a 2D radar).</summary>
    Polar = 2,
    /// <summary>Z = (azimuth rad, elevation rad or NaN, unused NaN).</summary>
    Bearing = 3,
}

public enum TrackStatus
{
    Tentative = 1,
    Confirmed = 2,
    Deleted = 3,
}

/// <summary>
/// One measurement in the sensor's own geometry (see <see cref="MeasurementKind"/> for what Z0..Z2 and
/// Sigma0..Sigma2 mean). Angles are relative to the scan's sensor position in the sector ENU frame.
/// </summary>
/// <param name="RangeRateMps">Polar only, optional: the radial speed, m/s, positive receding (NaN when the radar gives none).</param>
/// <param name="SigmaRangeRateMps">One-sigma of <paramref name="RangeRateMps"/>, m/s.</param>
/// <remarks>
/// <see cref="VelocityMps"/> is an optional measured velocity in the sector ENU frame (X east, Y north, Z up),
/// m/s, with its per-axis one-sigma <see cref="SigmaVelocityMps"/>: a NaN component is not measured (the
/// vertical is often missing alone). It updates the velocity states linearly after the position update;
/// gating uses the position only.
/// </remarks>
/// <param name="SourceTrackId">
/// The sensor's own track number when the measurement is one of its track estimates (a SAPIENT object_id,
/// an ASTERIX CAT062 track number), unique per sensor. Once such a track has been associated with a Straja
/// track it keeps going to that track, and it is fused by covariance intersection (see docs/tracking.md).
/// </param>
public readonly record struct Measurement(
    MeasurementKind Kind, double Z0, double Z1, double Z2,
    double Sigma0, double Sigma1, double Sigma2,
    TargetClass ClassHint = TargetClass.Unknown, double ClassConfidence = 0,
    string? CooperativeId = null, string? Callsign = null, string? SourceTrackId = null,
    double RangeRateMps = double.NaN, double SigmaRangeRateMps = double.NaN)
{
    /// <summary>Measured velocity, sector ENU, m/s; NaN components are not measured.</summary>
    public Vec3 VelocityMps { get; init; } = new(double.NaN, double.NaN, double.NaN);

    /// <summary>One-sigma of each <see cref="VelocityMps"/> component, m/s.</summary>
    public Vec3 SigmaVelocityMps { get; init; } = new(double.NaN, double.NaN, double.NaN);
}

/// <summary>
/// A sensor's systematic error: what it adds to the truth. The tracker subtracts it from every polar and
/// bearing measurement of that sensor before use. Range m, angles rad.
/// </summary>
public sealed record SensorBias(double RangeM = 0, double AzimuthRad = 0, double ElevationRad = 0);

/// <summary>The motion model a <see cref="Tracker"/> runs per track.</summary>
public enum MotionModel
{
    /// <summary>One nearly-constant-velocity Kalman filter.</summary>
    ConstantVelocity = 1,
    /// <summary>An interacting multiple model of nearly constant velocity and coordinated turn.</summary>
    Imm = 2,
}

/// <summary>How a <see cref="Tracker"/> decides which measurements update which tracks.</summary>
public enum AssociationMethod
{
    /// <summary>Global nearest neighbour: one optimal hard assignment per cluster of the gating graph.</summary>
    Gnn = 1,
    /// <summary>
    /// Joint probabilistic data association per cluster: each track is updated with every gated measurement,
    /// weighted by its marginal association probability (see docs/tracking.md); oversized clusters use GNN.
    /// </summary>
    Jpda = 2,
}

/// <summary>One piece of evidence behind a track's class: who said it, for which class, how much it weighed.</summary>
/// <param name="Source">A sensor id for a sensor's class report, or a kinematic cue ("speed", "height", "turn-rate", "acceleration", "persistence", "cooperative-id").</param>
/// <param name="Weight">The log-likelihood ratio it contributed for <paramref name="Class"/> against the other classes, nats; summed over the track's life for sensor reports.</param>
public sealed record ClassEvidence(string Source, TargetClass Class, double Weight);

/// <summary>
/// One scan: all measurements one sensor made at (about) one time. <paramref name="SensorPosition"/> is in the
/// sector ENU frame. A track whose predicted position is within <paramref name="MaxRangeM"/> of the sensor and
/// gets no measurement has missed; pass 0 for a sensor whose silence means nothing (a cooperative receiver).
/// </summary>
/// <remarks>
/// A rotating radar reports each plot when its beam crosses the target, so one revolution arrives as
/// many small scans. For those, <see cref="SweepFromAzimuthRad"/>..<see cref="SweepToAzimuthRad"/> is the
/// wedge the beam swept since the radar's previous scan (clockwise, sector-frame azimuth at the sensor):
/// only tracks inside it can have been missed. <see cref="MissGraceS"/> spares a track this sensor already
/// updated that recently (it was seen on this revolution; its plot just fell into an earlier wedge).
/// A whole revolution or more is no wedge: leave both NaN.
/// </remarks>
public sealed record Scan(string SensorId, double TimeS, Vec3 SensorPosition, double MaxRangeM, IReadOnlyList<Measurement> Measurements)
{
    public double SweepFromAzimuthRad { get; init; } = double.NaN;
    public double SweepToAzimuthRad { get; init; } = double.NaN;
    public double MissGraceS { get; init; }

    /// <summary>
    /// Whether this sensor's silence about a track in its coverage is a miss. False for sensors that
    /// cannot see everything there: a passive RF or acoustic node never hears an airliner, a
    /// cooperative receiver never hears a silent drone. <see cref="MaxRangeM"/> still limits which
    /// tracks their bearings may update.
    /// </summary>
    public bool CountsMisses { get; init; } = true;

    /// <summary>Whether a track predicted at <paramref name="position"/> was inside what this scan looked at.</summary>
    internal bool Covers(Vec3 position)
    {
        var d = position - SensorPosition;
        if (d.Length() > MaxRangeM)
            return false;
        if (double.IsNaN(SweepFromAzimuthRad) || double.IsNaN(SweepToAzimuthRad))
            return true;
        double width = Clockwise(SweepFromAzimuthRad, SweepToAzimuthRad);
        double az = Math.Atan2(d.X, d.Y);
        double into = Clockwise(SweepFromAzimuthRad, az);
        return into > 0 && into <= width;
    }

    /// <summary>The clockwise angle from <paramref name="from"/> to <paramref name="to"/>, in [0, 2π).</summary>
    private static double Clockwise(double from, double to)
    {
        double a = (to - from) % (2 * Math.PI);
        return a < 0 ? a + 2 * Math.PI : a;
    }
}

/// <summary>An immutable copy of one track.</summary>
/// <param name="TimeS">Time the state refers to: the last scan processed (the track is predicted to it).</param>
/// <param name="PositionSigmaM">Square root of the largest eigenvalue of the 3x3 position covariance, m.</param>
/// <param name="Sensors">Sensors that updated the track within <see cref="TrackerOptions.SensorMemoryS"/> of its last update, ordinal order.</param>
/// <param name="Hits">Measurements associated over the track's life.</param>
/// <param name="Misses">Consecutive misses (scans whose coverage held the track but gave it nothing).</param>
public sealed record TrackSnapshot(
    long Id, TrackStatus Status, double TimeS, Vec3 Position, Vec3 Velocity,
    double PositionSigmaM,
    TargetClass Class, double ClassProbability,
    string? CooperativeId, string? Callsign,
    IReadOnlyList<string> Sensors,
    int Hits, int Misses, double LastUpdateTimeS)
{
    /// <summary>The strongest evidence behind <see cref="Class"/>, largest weight first (at most a handful).</summary>
    public IReadOnlyList<ClassEvidence> ClassEvidence { get; init; } = [];

    /// <summary>The track's class probabilities, indexed by <see cref="TargetClass"/> value.</summary>
    public IReadOnlyList<double> ClassProbabilities { get; init; } = [];

    /// <summary>When each of <see cref="Sensors"/> last updated the track (same order), s: who saw it when, for the record.</summary>
    public IReadOnlyList<double> SensorLastSeenS { get; init; } = [];
}

/// <summary>What one <see cref="Tracker.Process"/> call did.</summary>
/// <param name="Confirmed">Tracks confirmed by this scan.</param>
/// <param name="Deleted">Tracks deleted by this scan.</param>
/// <param name="Associated">Measurements that updated a track.</param>
/// <param name="Initiated">New tentative tracks.</param>
/// <param name="Rejected">Measurements skipped as malformed (NaN or infinite value, non-positive sigma).</param>
/// <remarks>A late scan (older than the last processed one, within <see cref="TrackerOptions.OutOfSequenceWindowS"/>) only updates existing tracks: it never initiates.</remarks>
public sealed record ScanResult(IReadOnlyList<long> Confirmed, IReadOnlyList<long> Deleted, int Associated, int Initiated)
{
    public int Rejected { get; init; }
}
