using Straja.Registry;

namespace Straja.Engine.Identification;

/// <summary>What the air picture needs to know about one unit of the joint-production programme.</summary>
public sealed record RegisteredUnit(string Serial, string RemoteIdSerial, string Model, UnitState State, string? Recipient, byte[]? PublicKey);

/// <summary>
/// An immutable copy of the registry as the engine sees it: units by the Remote ID serial they broadcast. The
/// server builds a new one when the registry changes and hands it to the engine, so the engine never reads the
/// database and a picture is always computed against one consistent registry.
/// </summary>
public sealed class RegistryView
{
    private readonly Dictionary<string, RegisteredUnit> _byRemoteId;

    public RegistryView(IEnumerable<RegisteredUnit> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        _byRemoteId = new Dictionary<string, RegisteredUnit>(StringComparer.Ordinal);
        foreach (var u in units)
            _byRemoteId[u.RemoteIdSerial.ToUpperInvariant()] = u;
    }

    public static RegistryView Empty { get; } = new([]);

    public int Count => _byRemoteId.Count;

    public IEnumerable<RegisteredUnit> Units => _byRemoteId.Values;

    /// <summary>The unit that broadcasts <paramref name="remoteIdSerial"/>, or null when no registered unit does.</summary>
    public RegisteredUnit? Find(string remoteIdSerial) => _byRemoteId.GetValueOrDefault(remoteIdSerial.ToUpperInvariant());

    /// <summary>A view of the registry's units, with each unit's model named (its id when the model is unknown).</summary>
    public static RegistryView From(IEnumerable<Unit> units, IEnumerable<DroneModel> models)
    {
        var names = models.ToDictionary(m => m.Id, m => m.Name, StringComparer.Ordinal);
        return new RegistryView(units.Select(u => new RegisteredUnit(
            u.Serial, u.RemoteIdSerial, names.GetValueOrDefault(u.ModelId, u.ModelId), u.State, u.Allocation?.Recipient, u.PublicKey)));
    }

    internal RegisteredIdentity ToIdentity(RegisteredUnit u) => new(u.Serial, u.RemoteIdSerial, u.Model, u.State, u.Recipient, u.PublicKey);
}
