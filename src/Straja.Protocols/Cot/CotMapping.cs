using System.Buffers;

namespace Straja.Protocols.Cot;

/// <summary>Straja's picture to CoT events: pure functions, the time of the event is the track's own.</summary>
public static class CotMapping
{
    /// <summary>
    /// The CoT type (MIL-STD-2525 function path) for an identity and class: drones as UAVs
    /// (<c>A-M-H-Q</c> rotary, <c>A-M-F-Q</c> fixed-wing; a neutral fixed-wing drone as a civil RPV <c>A-C-F-q</c>),
    /// manned aircraft as civil fixed-wing <c>A-C-F</c> unless friendly, hostile or suspect (then military <c>A-M-F</c>),
    /// and anything else as a plain air track <c>A</c>.
    /// </summary>
    public static string TypeFor(CotIdentity identity, TargetClass kind)
    {
        string affiliation = identity switch
        {
            CotIdentity.Pending => "a-p-A",
            CotIdentity.Friendly => "a-f-A",
            CotIdentity.Neutral => "a-n-A",
            CotIdentity.Suspect => "a-s-A",
            CotIdentity.Hostile => "a-h-A",
            _ => "a-u-A",
        };
        bool military = identity is CotIdentity.Friendly or CotIdentity.Hostile or CotIdentity.Suspect;
        string function = kind switch
        {
            TargetClass.Multirotor => "-M-H-Q",
            TargetClass.FixedWing => identity == CotIdentity.Neutral ? "-C-F-q" : "-M-F-Q",
            TargetClass.Manned => military ? "-M-F" : "-C-F",
            _ => "",
        };
        return affiliation + function;
    }

    /// <summary>
    /// The event for a track. Unknown altitude or errors become 9999999 (CoT's "unknown"); an unknown course or
    /// speed leaves out <c>&lt;track&gt;</c>. Throws <see cref="ArgumentException"/> naming the field when the track has no
    /// id or no valid position: there is nothing a TAK client could draw.
    /// </summary>
    public static CotEvent ToEvent(CotTrack track)
    {
        ArgumentNullException.ThrowIfNull(track);
        RequireDrawable(track.Id, track.LatDeg, track.LonDeg, nameof(track));
        bool moving = double.IsFinite(track.CourseDeg) && double.IsFinite(track.SpeedMps);
        return new CotEvent(
            track.Id,
            TypeFor(track.Identity, track.Kind),
            track.How,
            track.Time,
            track.Time,
            track.Time + track.StaleAfter,
            new CotPoint(track.LatDeg, track.LonDeg, OrUnknown(track.AltHaeM), OrUnknownError(track.CeM), OrUnknownError(track.LeM)),
            new CotDetail
            {
                Contact = new CotContact(string.IsNullOrEmpty(track.Callsign) ? track.Id : track.Callsign),
                Track = moving ? new CotMotion(NormaliseCourse(track.CourseDeg), Math.Max(0, track.SpeedMps)) : null,
                Remarks = track.Remarks,
            });
    }

    /// <summary>The event for an alert, in the chosen <paramref name="style"/>.</summary>
    public static CotEvent ToEvent(CotAlert alert, CotAlertStyle style = CotAlertStyle.Marker)
    {
        ArgumentNullException.ThrowIfNull(alert);
        RequireDrawable(alert.Id, alert.LatDeg, alert.LonDeg, nameof(alert));
        string type = (style, alert.Cleared) switch
        {
            (CotAlertStyle.Emergency, false) => "b-a-o-tbl",
            (CotAlertStyle.Emergency, true) => "b-a-o-can",
            _ => "b-m-p-s-m",
        };

        // A cleared marker goes stale at once, which is how CoT removes a point from every client's map.
        DateTimeOffset stale = alert.Cleared ? alert.Time : alert.Time + alert.StaleAfter;
        var extra = new ArrayBufferWriter<byte>(128);
        var w = new CotUtf8Writer(extra, (byte)'"');
        if (alert.TrackUid is { } trackUid)
        {
            w.Raw("<link"u8);
            w.Attribute("uid"u8, trackUid);
            w.Raw(" relation=\"p-p\" />"u8);
        }

        if (style == CotAlertStyle.Emergency)
        {
            w.Raw(alert.Cleared ? "<emergency cancel=\"true\">"u8 : "<emergency type=\"911 Alert\">"u8);
            w.Escaped(alert.Title, inAttribute: false);
            w.Raw("</emergency>"u8);
        }

        return new CotEvent(
            alert.Id,
            type,
            CotHow.Fused,
            alert.Time,
            alert.Time,
            stale,
            new CotPoint(alert.LatDeg, alert.LonDeg, OrUnknown(alert.AltHaeM), OrUnknownError(alert.CeM), CotPoint.Unknown),
            new CotDetail
            {
                Contact = new CotContact(alert.Title),
                Remarks = alert.Message,
                XmlDetail = CotUtf8Writer.ToText(extra),
            });
    }

    private static void RequireDrawable(string id, double latDeg, double lonDeg, string what)
    {
        if (string.IsNullOrEmpty(id))
        {
            throw new ArgumentException($"{what}.Id is empty; CoT needs a uid", what);
        }

        if (!(latDeg is >= -90 and <= 90) || !(lonDeg is >= -180 and <= 180))
        {
            throw new ArgumentException($"{what} '{id}' has no valid position (lat {latDeg}, lon {lonDeg})", what);
        }
    }

    private static double OrUnknown(double v) => double.IsFinite(v) ? v : CotPoint.Unknown;

    private static double OrUnknownError(double v) => double.IsFinite(v) && v >= 0 && v < CotPoint.Unknown ? v : CotPoint.Unknown;

    private static double NormaliseCourse(double deg)
    {
        double c = deg % 360.0;
        return c < 0 ? c + 360.0 : c;
    }
}
