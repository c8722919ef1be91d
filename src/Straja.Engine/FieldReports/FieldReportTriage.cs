using System.Globalization;
using Straja.Geo;
using Straja.Geo.Sky;

namespace Straja.Engine.FieldReports;

/// <summary>The tolerances of triage; defaults suit a person pointing with an arm at dusk.</summary>
public sealed record TriageOptions
{
    public static TriageOptions Default { get; } = new();

    /// <summary>One-sigma error of a reported direction, degrees (people point to within 10–20°).</summary>
    public double BearingSigmaDeg { get; init; } = 10;

    /// <summary>A candidate further off the reported direction than this is no match, degrees.</summary>
    public double MaxBearingErrorDeg { get; init; } = 30;

    /// <summary>How far a small drone can be seen / heard, m.</summary>
    public double DroneSeenRangeM { get; init; } = 5_000;
    public double DroneHeardRangeM { get; init; } = 1_500;

    /// <summary>How far an aircraft can be seen / heard, m.</summary>
    public double AircraftSeenRangeM { get; init; } = 60_000;
    public double AircraftHeardRangeM { get; init; } = 15_000;

    /// <summary>A track sighting further from the report's time than this is ignored.</summary>
    public TimeSpan TimeWindow { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>A sky object higher than this is not "a light low over the horizon", degrees.</summary>
    public double MaxSkyAltitudeDeg { get; init; } = 40;

    /// <summary>Sky objects fainter than this are not mistaken for anything.</summary>
    public double FaintestMagnitude { get; init; } = 1.5;

    /// <summary>The Sun must be this far below the horizon for stars to show; Venus and Jupiter show earlier.</summary>
    public double StarsVisibleSunAltitudeDeg { get; init; } = -6;
    public double BrightPlanetsVisibleSunAltitudeDeg { get; init; } = -3;
}

/// <summary>
/// Explains a field report by what Straja already knows: a live or recent track, a transponding
/// aircraft, or a bright planet or star low in the direction the reporter looked. Pure: the tracks near
/// the report's time come in as data, the sky is computed from time and place.
/// </summary>
/// <remarks>
/// Each candidate is scored by how far it lies off the reported direction (a Gaussian of
/// <see cref="TriageOptions.BearingSigmaDeg"/>), how far it is compared to the range at which such a thing
/// can be seen or heard, and how far in time. A report with no direction matches tracks by distance alone
/// and never a sky object: a light in an unknown direction explains nothing.
/// </remarks>
public static class FieldReportTriage
{
    public static TriageResult Triage(FieldReport report, IReadOnlyList<TrackSighting> sightings, TriageOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(sightings);
        options ??= TriageOptions.Default;
        var matches = new List<TriageMatch>();
        foreach (var best in ClosestInTime(report, sightings, options))
        {
            if (ScoreTrack(report, best, options) is { } m)
                matches.Add(m);
        }

        if (report.Sense == ReportSense.Seen && report.BearingDeg is not null)
            AddSky(report, options, matches);

        matches.Sort(static (a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : string.CompareOrdinal(a.Name, b.Name));
        return new TriageResult(report.Id, Verdict(matches), matches);
    }

    /// <summary>Per track, the sighting nearest the report's time within the window.</summary>
    private static IEnumerable<TrackSighting> ClosestInTime(FieldReport report, IReadOnlyList<TrackSighting> sightings, TriageOptions options)
    {
        var best = new Dictionary<string, TrackSighting>(StringComparer.Ordinal);
        foreach (var s in sightings)
        {
            var dt = (s.Time - report.Time).Duration();
            if (dt > options.TimeWindow)
                continue;
            if (!best.TryGetValue(s.TrackId, out var current) || dt < (current.Time - report.Time).Duration())
                best[s.TrackId] = s;
        }

        return best.Values.OrderBy(s => s.TrackId, StringComparer.Ordinal);
    }

    private static TriageMatch? ScoreTrack(FieldReport report, TrackSighting s, TriageOptions options)
    {
        bool transponding = s.CooperativeId?.StartsWith("ICAO:", StringComparison.OrdinalIgnoreCase) == true;
        double range = (transponding, report.Sense) switch
        {
            (true, ReportSense.Seen) => options.AircraftSeenRangeM,
            (true, _) => options.AircraftHeardRangeM,
            (false, ReportSense.Seen) => options.DroneSeenRangeM,
            _ => options.DroneHeardRangeM,
        };
        var g = Geodesic.Inverse(report.Observer, s.Position);
        if (g.DistanceM > range)
            return null;

        double score = 1 - (0.5 * g.DistanceM / range);
        double? separation = null;
        if (report.BearingDeg is { } bearing && g.DistanceM > 1)
        {
            double elevation = Math.Atan2(s.Position.AltM - report.Observer.AltM, g.DistanceM) * 180 / Math.PI;
            var seen = new HorizontalDirection(g.InitialAzimuthDeg, elevation);
            separation = report.ElevationDeg is { } el
                ? SkyCalculator.SeparationDeg(seen, new HorizontalDirection(bearing, el))
                : AzimuthDifference(g.InitialAzimuthDeg, bearing);
            if (separation > options.MaxBearingErrorDeg)
                return null;
            score *= Gaussian(separation.Value, options.BearingSigmaDeg);
        }

        double minutes = (s.Time - report.Time).Duration().TotalMinutes;
        score *= 1 / (1 + (minutes / 5));
        var kind = transponding ? TriageMatchKind.TranspondingAircraft : TriageMatchKind.Track;
        string name = transponding && s.Callsign is { Length: > 0 } cs ? $"{s.TrackId} ({cs.Trim()})" : s.TrackId;
        string reason = string.Create(CultureInfo.InvariantCulture,
            $"{(s.Live ? "live" : "recorded")} {(transponding ? "transponding aircraft" : "track")} {g.DistanceM / 1000:0.0} km away{(separation is { } sep ? $", {sep:0}° off the reported direction" : "")}{(minutes >= 1 ? $", {minutes:0} min from the report" : "")}");
        return new TriageMatch(kind, name, score, separation, g.DistanceM, reason, s.TrackId);
    }

    private static void AddSky(FieldReport report, TriageOptions options, List<TriageMatch> matches)
    {
        double bearing = report.BearingDeg!.Value;
        double sun = SkyCalculator.SunAltitudeDeg(report.Observer, report.Time);
        foreach (var o in SkyCalculator.Objects(report.Observer, report.Time))
        {
            if (o.Kind == SkyObjectKind.Sun || o.Magnitude > options.FaintestMagnitude)
                continue;
            double needSun = o.Kind == SkyObjectKind.Planet && o.Magnitude < -1.5 ? options.BrightPlanetsVisibleSunAltitudeDeg : options.StarsVisibleSunAltitudeDeg;
            if (sun > needSun || o.Direction.AltitudeDeg < -0.5 || o.Direction.AltitudeDeg > options.MaxSkyAltitudeDeg)
                continue;
            double separation = report.ElevationDeg is { } el
                ? SkyCalculator.SeparationDeg(o.Direction, new HorizontalDirection(bearing, el))
                : AzimuthDifference(o.Direction.AzimuthDeg, bearing);
            if (separation > options.MaxBearingErrorDeg)
                continue;
            // Brighter objects fool more people: Venus at −4 counts fully, a first-magnitude star a third.
            double brightness = Math.Clamp((options.FaintestMagnitude + 1 - o.Magnitude) / 6.5, 0.2, 1);
            double score = 0.9 * Gaussian(separation, options.BearingSigmaDeg) * brightness;
            var kind = o.Kind == SkyObjectKind.Planet ? TriageMatchKind.Planet : TriageMatchKind.Star;
            string reason = string.Create(CultureInfo.InvariantCulture,
                $"{o.Name} (magnitude {o.Magnitude:0.0}) at azimuth {o.Direction.AzimuthDeg:0}°, {o.Direction.AltitudeDeg:0}° above the horizon, {separation:0}° off the reported direction");
            matches.Add(new TriageMatch(kind, o.Name, score, separation, null, reason));
        }
    }

    private static string Verdict(List<TriageMatch> matches) => matches.Count == 0
        ? "no match: nothing known explains it; a new observation to look into"
        : matches[0].Kind switch
        {
            TriageMatchKind.Planet or TriageMatchKind.Star => $"probably {matches[0].Name}: {matches[0].Reason}",
            TriageMatchKind.TranspondingAircraft => $"probably aircraft {matches[0].Name}: {matches[0].Reason}",
            _ => $"matches track {matches[0].Name}: {matches[0].Reason}",
        };

    private static double Gaussian(double x, double sigma) => Math.Exp(-0.5 * (x / sigma) * (x / sigma));

    private static double AzimuthDifference(double a, double b) => Math.Abs(((a - b + 540) % 360) - 180);
}
