using Straja.Engine.Picture;

namespace Straja.Engine.FieldReports;

/// <summary>
/// The field observations of one sector: what the picture shows besides its tracks. Reports come in,
/// age out <see cref="ObservationOptions.LiveFor"/> after their time, and link to the track their triage
/// matched while that track is in the picture. An observation is never given to the tracker: one
/// person's sighting is a lead for an operator, not a measurement.
/// </summary>
/// <remarks>Pure and single-writer like the engine that holds it: time comes in with each call.</remarks>
public sealed class ObservationBook(ObservationOptions options)
{
    private readonly ObservationOptions _options = options ?? throw new ArgumentNullException(nameof(options));
    private readonly Dictionary<string, FieldObservation> _byReport = new(StringComparer.Ordinal);

    public int Count => _byReport.Count;

    /// <summary>Adds a report; the same report added again (a restart's reload) replaces the first.</summary>
    public void Add(TriagedReport report)
    {
        var o = FieldObservation.From(report, _options);
        _byReport[o.ReportId] = o;
        if (_byReport.Count > _options.MaxLive)
        {
            foreach (var oldest in _byReport.Values.OrderBy(x => x.Time).ThenBy(x => x.ReportId, StringComparer.Ordinal)
                         .Take(_byReport.Count - _options.MaxLive).ToList())
                _byReport.Remove(oldest.ReportId);
        }
    }

    /// <summary>
    /// The observations live at <paramref name="now"/>, newest first, each linked to its matched track if
    /// that track is among <paramref name="tracks"/>. Forgets those that have aged out.
    /// </summary>
    public IReadOnlyList<FieldObservation> Current(DateTimeOffset now, IReadOnlyList<AirTrack> tracks)
    {
        ArgumentNullException.ThrowIfNull(tracks);
        if (_byReport.Count == 0)
            return [];
        foreach (var id in _byReport.Values.Where(o => o.ExpiresAt <= now).Select(o => o.ReportId).ToList())
            _byReport.Remove(id);

        var live = new HashSet<string>(tracks.Select(t => t.Id), StringComparer.Ordinal);
        return _byReport.Values
            .Where(o => o.Time <= now + _options.ClockSkew)
            .OrderByDescending(o => o.Time).ThenBy(o => o.ReportId, StringComparer.Ordinal)
            .Select(o => o.BestMatch is { Kind: TriageMatchKind.Track or TriageMatchKind.TranspondingAircraft, TrackId: { } id } && live.Contains(id)
                ? o with { LinkedTrackId = id }
                : o)
            .ToList();
    }
}
