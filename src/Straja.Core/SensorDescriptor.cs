namespace Straja;

public enum SensorKind
{
    Radar = 1,
    PassiveRf = 2,
    Acoustic = 3,
    /// <summary>A receiver of self-reported positions: ADS-B, Remote ID.</summary>
    Cooperative = 4,
}

/// <summary>A sensor as the engine knows it: where it is, how far it sees, how often it reports.</summary>
public sealed record SensorDescriptor(
    string Id,
    string Name,
    SensorKind Kind,
    GeoPoint Position,
    double MaxRangeM,
    double ScanPeriodS);
