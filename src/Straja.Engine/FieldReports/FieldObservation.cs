using Straja.Geo;

namespace Straja.Engine.FieldReports;

/// <summary>How far the picture trusts the person who filed a report.</summary>
public enum ReporterTrust
{
    /// <summary>No account: anyone with the report page.</summary>
    Anonymous = 0,

    /// <summary>A signed-in account without a reporting role: accountable, not trained.</summary>
    SignedIn = 1,

    /// <summary>Border police (investigator) or an operator: trained observers.</summary>
    Trusted = 2,
}

/// <summary>A report with its triage and its reporter's trust, as it is handed to the sector loop.</summary>
public sealed record TriagedReport(FieldReport Report, ReporterTrust Trust, TriageResult Triage);

/// <summary>How field reports become observations in the picture.</summary>
public sealed record ObservationOptions
{
    public static ObservationOptions Default { get; } = new();

    /// <summary>An observation leaves the live picture this long after the time it reports.</summary>
    public TimeSpan LiveFor { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How far ahead of the picture a report's time may be and still show: phones' clocks drift. A report
    /// further ahead waits until the picture reaches its time.
    /// </summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Confidence (0..1) by reporter trust; all stay well below a sensor track's so a report never outranks one.</summary>
    public double AnonymousConfidence { get; init; } = 0.2;
    public double SignedInConfidence { get; init; } = 0.35;
    public double TrustedConfidence { get; init; } = 0.6;

    /// <summary>How far from the reporter the thing may be when seen / heard, m: the uncertainty circle and the sight line's length.</summary>
    public double SeenRangeM { get; init; } = TriageOptions.Default.DroneSeenRangeM;
    public double HeardRangeM { get; init; } = TriageOptions.Default.DroneHeardRangeM;

    /// <summary>Half the width of the sector drawn around a reported direction, degrees.</summary>
    public double BearingHalfWidthDeg { get; init; } = TriageOptions.Default.BearingSigmaDeg;

    /// <summary>At most this many observations are kept; the oldest go first (signed-in reporters are not rate-limited).</summary>
    public int MaxLive { get; init; } = 1000;
}

/// <summary>The reported direction of sight: a line from the reporter, with the sector around it.</summary>
/// <param name="End">Where the line ends, <see cref="LengthM"/> along <see cref="BearingDeg"/>.</param>
public sealed record SightLine(double BearingDeg, double HalfWidthDeg, double LengthM, GeoPoint End);

/// <summary>The triage's best explanation, kept with the observation.</summary>
public sealed record ObservationMatch(TriageMatchKind Kind, string Name, string? TrackId, double Score, string Reason);

/// <summary>
/// A field report as the picture holds it: a low-confidence observation at the reporter's place, never a
/// track. <see cref="LinkedTrackId"/> is set while the track the triage matched is in the picture: the
/// report corroborates that track.
/// </summary>
/// <param name="Observer">Where the reporter was; the thing is somewhere within <see cref="UncertaintyRadiusM"/> of it.</param>
/// <param name="Sight">The reported direction, when one was given.</param>
/// <param name="HeadingDeg">Which way the thing went, degrees clockwise from true north.</param>
public sealed record FieldObservation(
    string ReportId,
    DateTimeOffset Time,
    GeoPoint Observer,
    ReportSense Sense,
    int Count,
    double? HeadingDeg,
    double? ElevationDeg,
    string? Description,
    ReporterTrust Trust,
    double Confidence,
    double UncertaintyRadiusM,
    SightLine? Sight,
    string Verdict,
    ObservationMatch? BestMatch,
    DateTimeOffset ExpiresAt)
{
    public string? LinkedTrackId { get; init; }

    /// <summary>Makes the observation a report stands for. Pure: the result depends only on the arguments.</summary>
    public static FieldObservation From(TriagedReport triaged, ObservationOptions options)
    {
        ArgumentNullException.ThrowIfNull(triaged);
        ArgumentNullException.ThrowIfNull(options);
        var (report, trust, triage) = triaged;
        double range = report.Sense == ReportSense.Heard ? options.HeardRangeM : options.SeenRangeM;
        var sight = report.BearingDeg is { } bearing
            ? new SightLine(bearing, options.BearingHalfWidthDeg, range, Geodesic.Direct(report.Observer, bearing, range))
            : null;
        var best = triage.Best is { } b ? new ObservationMatch(b.Kind, b.Name, b.TrackId, b.Score, b.Reason) : null;
        double confidence = trust switch
        {
            ReporterTrust.Trusted => options.TrustedConfidence,
            ReporterTrust.SignedIn => options.SignedInConfidence,
            _ => options.AnonymousConfidence,
        };
        return new FieldObservation(report.Id, report.Time, report.Observer, report.Sense, report.Count, report.HeadingDeg,
            report.ElevationDeg, report.Description, trust, confidence, range, sight, triage.Verdict, best, report.Time + options.LiveFor);
    }
}
