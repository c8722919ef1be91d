using Straja.Engine.Picture;

namespace Straja.Engine.Evaluation;

/// <summary>
/// Reads the picture and proposes alerts. Evaluators are pure: the same pictures in the same order
/// give the same proposals. Deduplication is the <see cref="AlertBook"/>'s job, keyed by
/// <see cref="AlertProposal.Key"/>.
/// </summary>
internal interface IEvaluator
{
    void Evaluate(PictureSnapshot picture, List<AlertProposal> proposals);

    /// <summary>Forgets per-track state for a track the tracker deleted.</summary>
    void Forget(string trackId);
}

internal readonly record struct AlertProposal(
    string Key, AlertKind Kind, AlertSeverity Severity, string? TrackId, string? Zone, string Message, GeoPoint Position);
