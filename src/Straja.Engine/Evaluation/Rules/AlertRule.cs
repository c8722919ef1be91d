using Straja.Engine.Picture;
using Straja.Registry;

namespace Straja.Engine.Evaluation.Rules;

/// <summary>An operator-defined alert rule: when its condition becomes true for a subject, one alert.</summary>
/// <param name="CooldownS">After firing for a subject, the rule stays quiet for that subject this long even if its condition falls and rises again.</param>
/// <param name="Enabled">A disabled rule stays in the file (checked like any other) but is not evaluated, so an operator can switch it off without losing it.</param>
public sealed record AlertRule(string Id, string Name, AlertSeverity Severity, double CooldownS, RuleCondition When, bool Enabled = true);

public enum ZoneRelation
{
    Inside = 1,
    Entering = 2,
    Leaving = 3,
}

/// <summary>A condition over one track (or, for <see cref="SensorSilent"/>, over one sensor).</summary>
public abstract record RuleCondition;

public sealed record AllOf(IReadOnlyList<RuleCondition> Conditions) : RuleCondition;

public sealed record AnyOf(IReadOnlyList<RuleCondition> Conditions) : RuleCondition;

public sealed record Not(RuleCondition Condition) : RuleCondition;

public sealed record ClassIs(IReadOnlySet<TargetClass> Classes) : RuleCondition;

public sealed record IdentityIs(IReadOnlySet<Identity> Identities) : RuleCondition;

/// <summary>Altitude above the WGS84 ellipsoid, m (either bound may be open).</summary>
public sealed record AltitudeBand(double? MinM, double? MaxM) : RuleCondition;

public sealed record SpeedBand(double? MinMps, double? MaxMps) : RuleCondition;

/// <summary>Inside, entering or leaving a zone; zone "*" means any zone.</summary>
public sealed record InZone(string Zone, ZoneRelation Relation) : RuleCondition;

/// <summary>Crossing a national border between two picture updates; null country means any.</summary>
public sealed record CrossesBorder(string? From, string? To) : RuleCondition;

/// <summary>Predicted to enter the zone within <see cref="MaxS"/> on its present course.</summary>
public sealed record TimeToZone(string Zone, double MaxS) : RuleCondition;

/// <summary>Closing on the zone at no less than <see cref="MinMps"/>.</summary>
public sealed record ClosingSpeed(string Zone, double MinMps) : RuleCondition;

/// <summary>Inside the zone for at least <see cref="MinS"/> without leaving.</summary>
public sealed record Loiter(string Zone, double MinS) : RuleCondition;

/// <summary>At least <see cref="MinTracks"/> confirmed tracks matching <see cref="Of"/> within <see cref="RadiusM"/> of this one (itself included).</summary>
public sealed record Swarm(int MinTracks, double RadiusM, RuleCondition? Of) : RuleCondition;

/// <summary>
/// The track flies under the Remote ID serial of a unit of the joint-production registry whose lifecycle state is one
/// of <see cref="States"/> (any state when null). It reads the track's identity evidence, so it holds for a lost unit
/// flying whether or not the unit proves itself, and for a serial broadcast without its proof.
/// </summary>
public sealed record RegisteredUnitIs(IReadOnlySet<UnitState>? States) : RuleCondition;

/// <summary>A sensor ("*" for any) has gone silent. A rule with this condition is about sensors, not tracks.</summary>
public sealed record SensorSilent(string Sensor) : RuleCondition;
