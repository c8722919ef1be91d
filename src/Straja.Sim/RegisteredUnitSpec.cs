using Straja.Registry;

namespace Straja.Sim;

/// <summary>
/// A programme unit a scenario needs in the registry: its serial, the Remote ID serial it broadcasts, who it is
/// allocated to (ISO 3166 code), the state it should be in, and its private key when the simulator flies it signed.
/// </summary>
public sealed record RegisteredUnitSpec(string Serial, string RemoteIdSerial, string Recipient, UnitState State, UnitPrivateKey? PrivateKey);
