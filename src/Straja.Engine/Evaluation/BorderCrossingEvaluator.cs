using Straja.Engine.Picture;
using Straja.Geo;

namespace Straja.Engine.Evaluation;

/// <summary>
/// Raises one alert when a track that was seen outside Romania is next seen inside it.
/// A track's country only changes when it is clearly on one side: a noisy track sitting on the
/// border line would otherwise cross back and forth on every update.
/// </summary>
internal sealed class BorderCrossingEvaluator(BorderMap borders, double hysteresisM = 150) : IEvaluator
{
    private readonly Dictionary<string, Watch> _watch = new(StringComparer.Ordinal);

    private sealed class Watch
    {
        public string? Country;
        public string? CrossedFrom;
    }

    public void Evaluate(PictureSnapshot picture, List<AlertProposal> proposals)
    {
        foreach (var t in picture.Tracks)
        {
            if (!_watch.TryGetValue(t.Id, out var w))
                _watch[t.Id] = w = new Watch();

            // Country lookup is cheap (prepared polygons); the distance to the boundary is not, so it
            // is only asked when the track seems to have changed side, or has no side yet.
            string country = borders.CountryAt(t.Position.LatDeg, t.Position.LonDeg) ?? "sea";
            if (country != w.Country)
            {
                double margin = Math.Max(hysteresisM, 2 * t.PositionSigmaM);
                if (borders.DistanceToRomaniaBoundaryM(t.Position.LatDeg, t.Position.LonDeg) >= margin)
                {
                    if (w.Country is not null && w.Country != "RO" && country == "RO")
                        w.CrossedFrom = w.Country;
                    w.Country = country;
                }
            }

            // A crossing seen while the track was still tentative is raised once it confirms, so an
            // intruder that confirms just after the river is not missed.
            if (w.CrossedFrom is { } from && t.Confirmed && ShouldAlert(t))
            {
                proposals.Add(new AlertProposal(
                    $"border-crossing:{t.Id}", AlertKind.BorderCrossing, AlertSeverity.Warning, t.Id, null,
                    $"{Describe(t)} {t.Id} crossed into Romania from {CountryName(from)}, heading {t.HeadingDeg:F0}° at {t.SpeedMps:F0} m/s",
                    t.Position));
                w.CrossedFrom = null;
            }
        }
    }

    public void Forget(string trackId) => _watch.Remove(trackId);

    /// <summary>Friendly and cooperative civil traffic never alert (a suspect does: its claim to be ours failed); neither does what is most likely a bird or clutter.</summary>
    internal static bool ShouldAlert(AirTrack t) =>
        t.Identity is Identity.Unknown or Identity.Hostile or Identity.Suspect
        && !(t.Class is TargetClass.Bird or TargetClass.Clutter && t.ClassProbability >= 0.5);

    internal static string Describe(AirTrack t) => $"{t.Identity switch { Identity.Hostile => "Hostile", Identity.Suspect => "Suspect", _ => "Unknown" }} {t.Class.ToWire()}";

    private static string CountryName(string iso) => iso switch
    {
        "UA" => "Ukraine",
        "MD" => "Moldova",
        "BG" => "Bulgaria",
        "RS" => "Serbia",
        "HU" => "Hungary",
        "sea" => "the sea",
        _ => iso,
    };
}
