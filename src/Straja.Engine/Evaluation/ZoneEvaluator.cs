using Straja.Engine.Picture;
using Straja.Geo;

namespace Straja.Engine.Evaluation;

/// <summary>
/// Protected sites: an alert when a track enters a ring (critical for the inner ring), and an
/// earlier one when its straight-line course will bring it into the outer ring within the warning
/// horizon. Each (track, site, cause) alerts once.
/// </summary>
internal sealed class ZoneEvaluator(ZoneIndex zones, IReadOnlyList<ProtectedSite> sites, double approachHorizonS = 300) : IEvaluator
{
    private readonly List<ZoneHit> _hits = [];

    public void Evaluate(PictureSnapshot picture, List<AlertProposal> proposals)
    {
        foreach (var t in picture.Tracks)
        {
            if (!t.Confirmed || !BorderCrossingEvaluator.ShouldAlert(t))
                continue;

            _hits.Clear();
            zones.Query(t.Position, _hits);
            foreach (var hit in _hits)
            {
                bool inner = hit.Ring == ZoneRing.Inner;
                proposals.Add(new AlertProposal(
                    $"zone-entry:{t.Id}:{hit.Site.Id}:{(inner ? "inner" : "outer")}", AlertKind.ZoneEntry,
                    inner ? AlertSeverity.Critical : AlertSeverity.Warning, t.Id, hit.Site.Id,
                    $"{BorderCrossingEvaluator.Describe(t)} {t.Id} entered the {(inner ? "inner" : "outer")} zone of {hit.Site.Name}, {hit.DistanceM / 1000:F1} km from the site",
                    t.Position));
            }

            if (t.SpeedMps < 1)
                continue;
            foreach (var site in sites)
            {
                var entry = ZoneIndex.PredictEntry(t.Position, t.VelocityEastMps, t.VelocityNorthMps, site, site.OuterRadiusM);
                if (entry is { } e && e.TimeToEntryS > 0 && e.TimeToEntryS <= approachHorizonS)
                {
                    proposals.Add(new AlertProposal(
                        $"zone-approach:{t.Id}:{site.Id}", AlertKind.ZoneApproach, AlertSeverity.Warning, t.Id, site.Id,
                        $"{BorderCrossingEvaluator.Describe(t)} {t.Id} is heading for {site.Name}: outer zone in {e.TimeToEntryS / 60:F1} min at {t.SpeedMps:F0} m/s",
                        t.Position));
                }
            }
        }
    }

    public void Forget(string trackId)
    {
    }
}
