using System.Diagnostics.CodeAnalysis;

namespace Straja.Fuzz;

internal delegate void FuzzTarget(ReadOnlySpan<byte> input);

internal static class Targets
{
    public static readonly IReadOnlyDictionary<string, FuzzTarget> All = new Dictionary<string, FuzzTarget>
    {
        ["modes"] = ModeSTarget.Fuzz,
        ["beast"] = FeedTarget.Beast,
        ["avr"] = FeedTarget.Avr,
        ["asterix"] = AsterixTarget.Fuzz,
        ["sapient"] = SapientTarget.Fuzz,
    };

    public static bool TryGet(string name, [NotNullWhen(true)] out FuzzTarget? target) => All.TryGetValue(name, out target);
}
