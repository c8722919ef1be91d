namespace Straja;

public enum SensorKind
{
    Radar = 1,
    PassiveRf = 2,
    Acoustic = 3,
    /// <summary>A receiver of self-reported positions: ADS-B, Remote ID.</summary>
    Cooperative = 4,
    /// <summary>An electro-optical or infrared camera: bearing and elevation, and it can be pointed (SAPIENT tasking).</summary>
    Camera = 5,
    /// <summary>
    /// Another tracker's system tracks (ASTERIX CAT062 from an ATC or air-defence SDPS): positions already
    /// filtered, each under the source's own track number, fused track-to-track.
    /// </summary>
    Tracker = 6,
}

/// <summary>A sensor as the engine knows it: where it is, how far it sees, how often it reports.</summary>
public sealed record SensorDescriptor(
    string Id,
    string Name,
    SensorKind Kind,
    GeoPoint Position,
    double MaxRangeM,
    double ScanPeriodS)
{
    /// <summary>
    /// One-sigma measurement noise, for protocols whose messages do not carry it (an ASTERIX plot has
    /// no error fields): range (m), azimuth and elevation (rad). Null when the sensor reports its own.
    /// </summary>
    public SensorNoise? Noise { get; init; }

    /// <summary>The node_id (a UUID) a SAPIENT sensor node registers with, when it speaks SAPIENT.</summary>
    public string? SapientNodeId { get; init; }

    /// <summary>The SAC/SIC an ASTERIX source identifies itself with, when it speaks ASTERIX.</summary>
    public (byte Sac, byte Sic)? AsterixSource { get; init; }
}

/// <summary>One-sigma noise of a sensor's measurements: metres and radians.</summary>
public sealed record SensorNoise(double RangeM, double AzimuthRad, double ElevationRad);
