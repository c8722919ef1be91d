using System.Globalization;
using Straja.Engine.Picture;
using Straja.Protocols.Cot;

namespace Straja.Ingest.Outputs;

/// <summary>
/// Straja's picture in CoT terms: which tracks and alerts go out and what they are called. Pure; the caller
/// picks the outputs and how often to send.
/// </summary>
public static class CotPictureAdapter
{
    /// <summary>Prefixed so Straja's uids cannot collide with other systems' on a shared TAK network.</summary>
    public const string UidPrefix = "STRAJA-";

    public static CotIdentity ToCot(Identity identity) => identity switch
    {
        Identity.Friendly => CotIdentity.Friendly,
        Identity.Neutral => CotIdentity.Neutral,
        Identity.Suspect => CotIdentity.Suspect,
        Identity.Hostile => CotIdentity.Hostile,
        _ => CotIdentity.Unknown,
    };

    /// <summary>
    /// The CoT track for a confirmed track with a valid position, otherwise null (tentative tracks would flicker
    /// on every TAK map). ce and le are the track's <see cref="AirTrack.PositionSigmaM"/>: the one-sigma error along
    /// its worst axis, so a conservative one-sigma bound both horizontally and vertically.
    /// </summary>
    public static CotTrack? ToCotTrack(AirTrack track, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(track);
        if (!track.Confirmed || !track.Position.IsValid)
        {
            return null;
        }

        string kind = track.Class.ToWire();
        return new CotTrack(
            UidPrefix + track.Id,
            track.Position.LatDeg,
            track.Position.LonDeg,
            track.Position.AltM,
            track.PositionSigmaM,
            track.PositionSigmaM,
            track.HeadingDeg,
            track.SpeedMps,
            ToCot(track.Identity),
            track.Class,
            track.LastUpdate)
        {
            StaleAfter = staleAfter,
            Callsign = track.Callsign ?? track.CooperativeId ?? $"{track.Identity.ToWire()} {kind} {track.Id}",
            Remarks = string.Create(CultureInfo.InvariantCulture, $"{kind} (p={track.ClassProbability:F2}); sensors: {string.Join(", ", track.Sensors)}")
                + (track.CooperativeId is { } id ? $"; id {id}" : ""),
        };
    }

    /// <summary>The CoT alert for an alert with a valid position (null otherwise); an acknowledged alert is sent cleared.</summary>
    public static CotAlert? ToCotAlert(Alert alert, TimeSpan staleAfter)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!alert.Position.IsValid)
        {
            return null;
        }

        string title = alert.Zone is { } zone ? $"{alert.Kind.ToWire()} {zone}" : alert.Kind.ToWire();
        return new CotAlert(UidPrefix + "ALERT-" + alert.Id, alert.Position.LatDeg, alert.Position.LonDeg, alert.Time,
            $"{alert.Severity.ToWire().ToUpperInvariant()}: {title}", alert.Message)
        {
            StaleAfter = staleAfter,
            AltHaeM = alert.Position.AltM,
            TrackUid = alert.TrackId is { } t ? UidPrefix + t : null,
            Cleared = alert.Acknowledged,
        };
    }
}
