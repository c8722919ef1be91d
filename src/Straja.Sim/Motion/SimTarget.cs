namespace Straja.Sim.Motion;

/// <summary>A flying object in the simulation: what it is, what it broadcasts, and where it goes.</summary>
internal sealed class SimTarget
{
    public required string Id { get; init; }
    public required TargetClass Class { get; init; }
    public required Trajectory Path { get; init; }
    public string? AdsbIcao { get; init; }
    public string? Callsign { get; init; }
    public string? RemoteId { get; init; }
    public string? OperatorId { get; init; }
    /// <summary>Its unit key, when it is a programme drone that proves its Remote ID; a spoofer has none.</summary>
    public Registry.DroneSigner? Signer { get; init; }
    public bool EmitsRf { get; init; }

    /// <summary>
    /// Order key: the order every sensor visits targets in a scan, and so the order its random stream is
    /// consumed. It depends only on the scenario, never on when a target was materialised.
    /// </summary>
    public required (double StartS, int Source, int Serial) Order { get; init; }

    /// <summary>The identity it broadcasts, preferring ADS-B when it has both.</summary>
    public string? PrimaryCooperativeId =>
        AdsbIcao is not null ? "ICAO:" + AdsbIcao : RemoteId is not null ? "RID:" + RemoteId : null;
}
