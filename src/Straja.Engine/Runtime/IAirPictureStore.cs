using Straja.Engine.Picture;

namespace Straja.Engine.Runtime;

/// <summary>One point of a track's recorded path (decimated: about one per track per second).</summary>
/// <param name="Confirmed">Whether the tracker had confirmed the track at this point (replay draws tentative ones as live does).</param>
public sealed record TrackPoint(
    string TrackId, DateTimeOffset Time, GeoPoint Position, double SpeedMps, double HeadingDeg, TargetClass Class, Identity Identity,
    bool Confirmed = true);

/// <summary>One sensor's part in one track: the first and the last time it updated the track (one span per track and sensor).</summary>
public sealed record TrackSensorSeen(string TrackId, string SensorId, DateTimeOffset First, DateTimeOffset Last);

/// <summary>The span of recorded track history: the first and the last recorded point's time.</summary>
public sealed record RecordedPeriod(DateTimeOffset First, DateTimeOffset Last);

/// <summary>
/// What the engine keeps: sensors, track history, alerts. SQLite today; a server-database store for the
/// scaled deployment (DESIGN.md) would implement the same seam. Implementations are called from the single engine loop, except
/// the read methods, which the API calls concurrently.
/// </summary>
public interface IAirPictureStore : IDisposable
{
    void SaveSensors(IEnumerable<SensorDescriptor> sensors);
    void AppendTrackPoints(IReadOnlyList<TrackPoint> points);
    void SaveAlert(Alert alert);
    IReadOnlyList<Alert> LoadAlerts(int limit);
    IReadOnlyList<TrackPoint> TrackHistory(string trackId, int limit);
    /// <summary>Every recorded track point between two instants, in time order (field-report triage, back-tracking).</summary>
    IReadOnlyList<TrackPoint> TrackPointsBetween(DateTimeOffset from, DateTimeOffset to, int limit = 200_000);
    /// <summary>The first and last recorded track-point times; null while nothing is recorded (replay's period).</summary>
    RecordedPeriod? RecordedRange();
    /// <summary>Alerts raised between two instants (inclusive), oldest first, as stored now (replay).</summary>
    IReadOnlyList<Alert> AlertsRaisedBetween(DateTimeOffset from, DateTimeOffset to, int limit = 10_000);
    /// <summary>The highest track number ever recorded, so a restarted engine does not reuse ids.</summary>
    long MaxTrackNumber();

    // The two members below have defaults so that a store which does not (yet) keep sensors still builds
    // and simply answers that no sensor is known; SqliteStore keeps them.

    /// <summary>
    /// Widens each track's span per sensor to cover the given one (first = earliest, last = latest): one row per
    /// track and sensor, however often it is called.
    /// </summary>
    void RecordTrackSensors(IReadOnlyList<TrackSensorSeen> seen);

    /// <summary>The sensors that saw each of <paramref name="trackIds"/>, ordered by track id, then sensor id (ordinal); tracks no sensor is recorded for are absent.</summary>
    IReadOnlyList<TrackSensorSeen> TrackSensors(IReadOnlyCollection<string> trackIds);
}
