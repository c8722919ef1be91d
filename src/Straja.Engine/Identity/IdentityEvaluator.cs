using Straja.Engine.Evaluation;
using Straja.Engine.Picture;

namespace Straja.Engine.Identification;

/// <summary>
/// Alerts on identities that do not hold up: a registered serial broadcast without its proof (possible
/// spoofing), and a registered unit flying while the registry says it is lost or otherwise not in service.
/// Once per track and cause.
/// </summary>
internal sealed class IdentityEvaluator : IEvaluator
{
    public const string SpoofingText = "registered identity broadcast without proof — possible spoofing";

    public void Evaluate(PictureSnapshot picture, List<AlertProposal> proposals)
    {
        foreach (var t in picture.Tracks)
        {
            if (!t.Confirmed || t.IdentityDetail is not { } d)
                continue;
            if (d.Basis == IdentityBasis.RegistryUnproven)
            {
                proposals.Add(new AlertProposal(
                    $"identity-spoofing:{t.Id}", AlertKind.IdentitySpoofing, AlertSeverity.Critical, t.Id, null,
                    $"{t.Id} {t.CooperativeId}: {SpoofingText} (the serial of unit {d.UnitSerial}, {d.Model})",
                    t.Position));
            }
            else if (d.Basis == IdentityBasis.RegistryNotInService)
            {
                proposals.Add(new AlertProposal(
                    $"unit-not-in-service:{t.Id}", AlertKind.UnitNotInService, AlertSeverity.Critical, t.Id, null,
                    $"{t.Id} {t.CooperativeId}: unit {d.UnitSerial} ({d.Model}) is marked {d.UnitState} in the registry, but it is flying",
                    t.Position));
            }
        }
    }

    public void Forget(string trackId)
    {
    }
}
