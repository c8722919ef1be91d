using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Sapient;

/// <summary>
/// What the adapter needs besides a DetectionReport: who sent it and when (the envelope), and what the
/// node declared at registration or the site knows. Angle offsets are the reference north's direction
/// clockwise from true north, so true azimuth = reported azimuth + offset.
/// </summary>
public sealed record SensorContext(string SensorId, DateTimeOffset Time)
{
    /// <summary>For RANGE_BEARING_DATUM_MAGNETIC: the magnetic declination, east positive.</summary>
    public double? MagneticDeclinationRad { get; init; }

    /// <summary>For RANGE_BEARING_DATUM_GRID: the angle of grid north clockwise from true north at the node.</summary>
    public double? GridConvergenceRad { get; init; }

    /// <summary>For RANGE_BEARING_DATUM_PLATFORM: the carrying platform's heading from true north.</summary>
    public double? PlatformHeadingRad { get; init; }

    /// <summary>For LOCATION_DATUM_WGS84_G: the geoid height above the ellipsoid at the object (about 30–40 m in Romania).</summary>
    public double? GeoidUndulationM { get; init; }

    /// <summary>The UTM zone the node registered (LocationType.zone), used when a location has no utm_zone.</summary>
    public string? UtmZone { get; init; }

    /// <summary>The velocity units the node registered (VelocityType.enu_velocity_units); the report itself does not say.</summary>
    public SpeedUnits HorizontalSpeedUnits { get; init; } = SpeedUnits.Ms;

    public SpeedUnits VerticalSpeedUnits { get; init; } = SpeedUnits.Ms;

    /// <summary>A context from the envelope: node_id as the sensor id and the message timestamp as the time.</summary>
    public static SensorContext FromEnvelope(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return new SensorContext(message.NodeId, message.Timestamp?.ToDateTimeOffset() ?? DateTimeOffset.UnixEpoch);
    }
}
