using Straja.Engine.Picture;
using Straja.Geo.Zones;

namespace Straja.Engine.Evaluation;

/// <summary>
/// The operator's zones: an alert when an unknown or hostile track is inside an active zone (at the zone's own
/// severity), and an earlier warning when its straight-line course will take it into one within the warning horizon.
/// An air-to-air refuelling area expects friendly tankers (they never alert here) and raises an unknown track inside
/// it one severity step. Each (track, zone, cause) alerts once. Time is the picture's time, never a clock.
/// </summary>
/// <remarks>
/// The zone set is an immutable snapshot that another thread may swap at any moment (<see cref="Zones"/>); one
/// evaluation reads the reference once, so it sees one consistent set.
/// </remarks>
internal sealed class ZoneEvaluator(ZoneSet zones, double approachHorizonS = 300) : IEvaluator
{
    private readonly List<ZoneContainment> _hits = [];
    private readonly List<ZoneEntryForecast> _forecasts = [];
    private ZoneSet _zones = zones;

    public ZoneSet Zones
    {
        get => Volatile.Read(ref _zones);
        set => Volatile.Write(ref _zones, value ?? throw new ArgumentNullException(nameof(value)));
    }

    public void Evaluate(PictureSnapshot picture, List<AlertProposal> proposals)
    {
        var set = Zones;
        foreach (var t in picture.Tracks)
        {
            if (!t.Confirmed || !BorderCrossingEvaluator.ShouldAlert(t))
                continue;

            _hits.Clear();
            set.Query(t.Position, picture.Time, _hits);
            foreach (var hit in _hits)
            {
                var z = hit.Zone;
                bool refuelling = z.Kind == ZoneKind.AirRefuelling;
                string what = refuelling
                    ? $"is inside the air-to-air refuelling area {z.Name}, where only friendly tankers are expected"
                    : $"entered {Describe(z)}";
                proposals.Add(new AlertProposal(
                    $"zone-entry:{t.Id}:{z.Id}", AlertKind.ZoneEntry, SeverityOf(z), t.Id, z.Id,
                    $"{BorderCrossingEvaluator.Describe(t)} {t.Id} {what}", t.Position));
            }

            if (t.SpeedMps < 1)
                continue;
            _forecasts.Clear();
            set.PredictEntries(t.Position, t.VelocityEastMps, t.VelocityNorthMps, t.VelocityUpMps, picture.Time, approachHorizonS, _forecasts);
            foreach (var f in _forecasts)
            {
                if (f.TimeToEntryS <= 0 || f.Zone.Kind == ZoneKind.Border)
                    continue;
                proposals.Add(new AlertProposal(
                    $"zone-approach:{t.Id}:{f.Zone.Id}", AlertKind.ZoneApproach, AlertSeverity.Warning, t.Id, f.Zone.Id,
                    $"{BorderCrossingEvaluator.Describe(t)} {t.Id} is heading for {Describe(f.Zone)}: inside in {f.TimeToEntryS / 60:F1} min at {t.SpeedMps:F0} m/s",
                    t.Position));
            }
        }
    }

    public void Forget(string trackId)
    {
    }

    /// <summary>The zone's own severity, one step higher in a refuelling area: an unknown there endangers the tankers.</summary>
    internal static AlertSeverity SeverityOf(Zone z)
    {
        var s = z.Severity switch
        {
            ZoneSeverity.Info => AlertSeverity.Info,
            ZoneSeverity.Critical => AlertSeverity.Critical,
            _ => AlertSeverity.Warning,
        };
        return z.Kind == ZoneKind.AirRefuelling && s < AlertSeverity.Critical ? s + 1 : s;
    }

    private static string Describe(Zone z) => z.Kind switch
    {
        ZoneKind.ProtectedSite => $"the protected zone {z.Name}",
        ZoneKind.Border => $"the border zone {z.Name}",
        ZoneKind.AirRefuelling => $"the air-to-air refuelling area {z.Name}",
        _ => $"the restricted zone {z.Name}",
    };
}
