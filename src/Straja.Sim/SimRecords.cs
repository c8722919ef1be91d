namespace Straja.Sim;

/// <summary>Where a simulated object really was: the reference the air picture is scored against.</summary>
public sealed record TruthSample(
    DateTimeOffset Time,
    string TargetId,
    TargetClass Class,
    GeoPoint Position,
    double VelocityEastMps,
    double VelocityNorthMps,
    double VelocityUpMps,
    string? CooperativeId);

/// <summary>What one <see cref="Simulation.AdvanceTo"/> produced: detections in time order, and truth.</summary>
public sealed record SimStep(IReadOnlyList<Detection> Detections, IReadOnlyList<TruthSample> Truth);
