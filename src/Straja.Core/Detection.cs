namespace Straja;

/// <summary>How a sensor sees: the geometry its measurement is expressed in.</summary>
public enum DetectionKind
{
    /// <summary>Range, azimuth and (optionally) elevation from the sensor, e.g. a surveillance radar plot.</summary>
    Polar = 1,
    /// <summary>Azimuth (and optionally elevation) only, e.g. passive RF or an acoustic node.</summary>
    Bearing = 2,
    /// <summary>A WGS84 position, e.g. a self-reported ADS-B or Remote ID position.</summary>
    Position = 3,
}

/// <summary>What an object is believed to be.</summary>
public enum TargetClass
{
    Unknown = 0,
    Multirotor = 1,
    FixedWing = 2,
    Manned = 3,
    Bird = 4,
    Clutter = 5,
}

/// <summary>
/// The one internal measurement type: everything after the adapters knows no protocol.
/// Angles are radians (azimuth clockwise from true north, elevation up from the local horizontal),
/// ranges metres, times UTC. Fields not used by <see cref="Kind"/> are NaN.
/// </summary>
public sealed record Detection
{
    public required string SensorId { get; init; }
    public required DateTimeOffset Time { get; init; }
    public required DetectionKind Kind { get; init; }

    public double RangeM { get; init; } = double.NaN;
    public double AzimuthRad { get; init; } = double.NaN;
    public double ElevationRad { get; init; } = double.NaN;
    public GeoPoint Position { get; init; }

    /// <summary>One-sigma noise: range (m), azimuth and elevation (rad), horizontal and vertical position (m).</summary>
    public double SigmaRangeM { get; init; } = double.NaN;
    public double SigmaAzimuthRad { get; init; } = double.NaN;
    public double SigmaElevationRad { get; init; } = double.NaN;
    public double SigmaHorizontalM { get; init; } = double.NaN;
    public double SigmaVerticalM { get; init; } = double.NaN;

    /// <summary>
    /// Optional velocity the sensor measured or estimated (a system track's), m/s, in the local East-North-Up
    /// frame at <see cref="Position"/>. NaN = none; the vertical component may be NaN on its own.
    /// </summary>
    public double VelocityEastMps { get; init; } = double.NaN;
    public double VelocityNorthMps { get; init; } = double.NaN;
    public double VelocityUpMps { get; init; } = double.NaN;

    /// <summary>One-sigma of the velocity: each horizontal component, and the vertical one, m/s.</summary>
    public double SigmaVelocityHorizontalMps { get; init; } = double.NaN;
    public double SigmaVelocityVerticalMps { get; init; } = double.NaN;

    /// <summary>The sensor's own opinion of what it saw, with its confidence in [0, 1].</summary>
    public TargetClass ClassHint { get; init; }
    public double ClassConfidence { get; init; }

    /// <summary>A cooperative identity the object broadcasts: "ICAO:4B1812" or "RID:1596F3...".</summary>
    public string? CooperativeId { get; init; }
    public string? Callsign { get; init; }

    /// <summary>
    /// Evidence that the object owns <see cref="CooperativeId"/>, checked by the engine against the registry. For
    /// Remote ID: hex of the 25-byte Location/Vector message a unit signed, then its Authentication pages (25 bytes each).
    /// </summary>
    public string? CooperativeProof { get; init; }

    /// <summary>
    /// The reporting sensor's own track id for this object (a SAPIENT object_id, an ASTERIX CAT062 track number),
    /// for position reports: the engine fuses such reports track-to-track, so one object stays one Straja track.
    /// </summary>
    public string? SourceTrackId { get; init; }

    /// <summary>The operator the object declares, e.g. a Remote ID Operator ID (an EU operator registration number).</summary>
    public string? OperatorId { get; init; }
}
