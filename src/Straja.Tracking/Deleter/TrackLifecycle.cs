namespace Straja.Tracking;

/// <summary>
/// M-of-N confirmation: a tentative track with at least M hits in its last N opportunities is confirmed.
/// An opportunity is a scan that hit the track or whose coverage held it.
/// </summary>
internal sealed class MOfNConfirmer(int hitsNeeded, int window)
{
    public bool Confirms(Track track) =>
        track.Status == TrackStatus.Tentative && track.InWindow(window).Hits >= hitsNeeded;
}

/// <summary>
/// Deletes a tentative track once its last N opportunities hold more than N − M misses (it can no longer
/// reach M of N), and a confirmed track after K consecutive in-coverage misses.
/// </summary>
internal sealed class MissDeleter(int hitsNeeded, int window, int maxConsecutiveMisses)
{
    public bool Deletes(Track track) => track.Status switch
    {
        TrackStatus.Tentative => track.InWindow(window).Misses > window - hitsNeeded,
        TrackStatus.Confirmed => track.ConsecutiveMisses >= maxConsecutiveMisses,
        _ => true,
    };
}

/// <summary>Deletes any track not updated for more than the maximum coast time.</summary>
internal sealed class CoastTimeDeleter(double maxCoastS)
{
    public bool Deletes(Track track, double timeS) => timeS - track.LastUpdateTimeS > maxCoastS;
}
