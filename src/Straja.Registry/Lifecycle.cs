namespace Straja.Registry;

/// <summary>
/// The legal moves of a unit. Only in-service units can end (lost, destroyed, decommissioned), and an
/// ended unit stays ended: a "lost" unit that flies again is exactly what the air picture must alert on,
/// so the registry never quietly resurrects it.
/// </summary>
public static class Lifecycle
{
    public static IReadOnlyList<UnitState> Next(UnitState from) => from switch
    {
        UnitState.Produced => [UnitState.Accepted],
        UnitState.Accepted => [UnitState.Allocated],
        UnitState.Allocated => [UnitState.Delivered],
        UnitState.Delivered => [UnitState.InService],
        UnitState.InService => [UnitState.Lost, UnitState.Destroyed, UnitState.Decommissioned],
        _ => [],
    };

    public static bool CanMove(UnitState from, UnitState to) => Next(from).Contains(to);

    public static bool IsTerminal(UnitState state) => state is UnitState.Lost or UnitState.Destroyed or UnitState.Decommissioned;

    /// <summary>True when a unit in <paramref name="state"/> has passed through <paramref name="milestone"/> (the states are ordered).</summary>
    public static bool HasReached(UnitState state, UnitState milestone) => state >= milestone;

    /// <summary>Refuses an illegal move with a message naming the unit and both states.</summary>
    internal static void Require(string serial, UnitState from, UnitState to)
    {
        if (CanMove(from, to))
            return;
        var next = Next(from);
        string allowed = next.Count == 0 ? "none: it is a final state" : string.Join(", ", next.Select(Name));
        throw new RegistryException(RegistryError.IllegalTransition,
            $"unit {serial} cannot go from {Name(from)} to {Name(to)} (allowed from {Name(from)}: {allowed})");
    }

    /// <summary>The lowercase names used in CSV, audit payloads and messages.</summary>
    public static string Name(UnitState state) => state switch
    {
        UnitState.Produced => "produced",
        UnitState.Accepted => "accepted",
        UnitState.Allocated => "allocated",
        UnitState.Delivered => "delivered",
        UnitState.InService => "in-service",
        UnitState.Lost => "lost",
        UnitState.Destroyed => "destroyed",
        UnitState.Decommissioned => "decommissioned",
        _ => state.ToString(),
    };

    public static bool TryParse(string text, out UnitState state)
    {
        foreach (var s in Enum.GetValues<UnitState>())
        {
            if (Name(s) == text)
            {
                state = s;
                return true;
            }
        }

        state = default;
        return false;
    }
}
