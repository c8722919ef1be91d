using System.Reflection;
using Straja.Sim.Parsing;

namespace Straja.Sim;

/// <summary>
/// A validated scenario: sensors, scripted targets, spawners and bird flocks. Immutable; run it
/// with <see cref="Simulation"/>. The file format is described in docs/scenarios.md.
/// </summary>
public sealed class Scenario
{
    private const string ResourcePrefix = "Straja.Sim.Scenarios.";

    internal Scenario(
        string name,
        int seed,
        IReadOnlyList<SensorSpec> sensors,
        IReadOnlyList<string> friendlyIds,
        IReadOnlyList<TargetSpec> targets,
        IReadOnlyList<SpawnerSpec> spawners,
        IReadOnlyList<FlockSpec> flocks)
    {
        Name = name;
        Seed = seed;
        SensorSpecs = sensors;
        Sensors = sensors.Select(s => s.Descriptor).ToArray();
        FriendlyIds = friendlyIds;
        Targets = targets;
        Spawners = spawners;
        Flocks = flocks;
    }

    public string Name { get; }
    public int Seed { get; }
    public IReadOnlyList<SensorDescriptor> Sensors { get; }

    /// <summary>Cooperative ids the scenario declares friendly: "RID:&lt;serial&gt;", "ICAO:&lt;hex&gt;".</summary>
    public IReadOnlyList<string> FriendlyIds { get; }

    /// <summary>
    /// Units of the joint-production programme the scenario flies, for the demo to register (docs/scenarios.md).
    /// A unit with a private key is one the simulator can sign for.
    /// </summary>
    public IReadOnlyList<RegisteredUnitSpec> RegisteredUnits { get; init; } = [];

    internal IReadOnlyList<SensorSpec> SensorSpecs { get; }
    internal IReadOnlyList<TargetSpec> Targets { get; }
    internal IReadOnlyList<SpawnerSpec> Spawners { get; }
    internal IReadOnlyList<FlockSpec> Flocks { get; }

    /// <summary>The scenarios shipped inside this assembly.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(Scenario).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>Parses scenario JSON. <paramref name="sourceName"/> is used in error messages.</summary>
    /// <exception cref="ScenarioException">The text is malformed or breaks a rule; the message names line and field.</exception>
    public static Scenario Parse(string json, string sourceName) => ScenarioReader.Read(json, sourceName);

    /// <summary>Reads and parses a scenario file.</summary>
    /// <exception cref="ScenarioException">The file cannot be read or is invalid; the message names the file.</exception>
    public static Scenario Load(string path)
    {
        string sourceName = Path.GetFileName(path);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ScenarioException(sourceName, null, null, "cannot read the file: " + e.Message, e);
        }

        return Parse(json, sourceName);
    }

    /// <summary>One of <see cref="BuiltInNames"/>, e.g. "eastern-border" or "single-crossing".</summary>
    /// <exception cref="ScenarioException">No built-in scenario has that name.</exception>
    public static Scenario BuiltIn(string name)
    {
        string sourceName = name + ".json";
        using var stream = typeof(Scenario).Assembly.GetManifestResourceStream(ResourcePrefix + sourceName)
            ?? throw new ScenarioException(sourceName, null, null,
                $"no built-in scenario named \"{name}\" (known: {string.Join(", ", BuiltInNames)})");
        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), sourceName);
    }
}
