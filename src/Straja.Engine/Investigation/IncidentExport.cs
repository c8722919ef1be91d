using System.Globalization;
using System.Net;
using System.Text;
using Straja.Engine.Runtime;

namespace Straja.Engine.Investigation;

/// <summary>
/// The incident's evidence for people outside the watch room: a self-contained HTML report (map of the
/// tracks as inline SVG, timeline, evidence hashes; prints on A4) and the tracks as GeoJSON and KML.
/// Reproducible: the same incident and tracks give the same bytes — no clock, fixed number formats, a
/// fixed order — so a report's own hash can be quoted and checked later.
/// </summary>
public static class IncidentExport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static byte[] Html(Incident incident, IReadOnlyList<TrackPath> tracks, IReadOnlyList<BackTrackCandidate>? backTrack = null)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var ordered = Order(tracks);
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n");
        h.Append("<title>Incident ").Append(E(incident.Id)).Append("</title>\n");
        h.Append("<style>body{font:11pt/1.4 sans-serif;margin:2em;color:#111}h1{font-size:16pt}h2{font-size:13pt;border-bottom:1px solid #999}")
         .Append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:2px 6px;text-align:left;vertical-align:top}")
         .Append("code{font-size:9pt;word-break:break-all}svg{width:100%;height:auto;border:1px solid #999}")
         .Append("@page{size:A4;margin:15mm}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}</style>\n</head><body>\n");
        h.Append("<h1>Incident ").Append(E(incident.Id)).Append(": ").Append(E(incident.Title)).Append("</h1>\n<table>\n");
        Row(h, "Kind", Incidents.Wire(incident.Kind));
        Row(h, "State", Incidents.Wire(incident.State));
        Row(h, "Opened", $"{Time(incident.OpenedAt)} by {incident.OpenedBy}");
        Row(h, "Assignee", incident.Assignee ?? "—");
        Row(h, "Resolution", incident.Resolution ?? "—");
        Row(h, "Alerts", incident.AlertIds.Length == 0 ? "—" : string.Join(", ", incident.AlertIds));
        Row(h, "Tracks", incident.TrackIds.Length == 0 ? "—" : string.Join(", ", incident.TrackIds));
        if (incident.Find is { } f)
            Row(h, "Find", $"{Coord(f.Place.LatDeg)} N {Coord(f.Place.LonDeg)} E, {Time(f.From)} – {Time(f.To)}, radius {f.RadiusM.ToString("0", Inv)} m");
        h.Append("</table>\n");

        h.Append("<h2>Map</h2>\n").Append(Map(ordered, incident.Find, backTrack));
        if (backTrack is { Count: > 0 })
        {
            h.Append("<h2>Tracks that may have come down here</h2>\n<table><tr><th>#</th><th>Track</th><th>Lost</th><th>From find</th><th>Last speed / heading</th><th>Crossed into Romania</th><th>Sensors</th></tr>\n");
            foreach (var c in backTrack)
            {
                h.Append("<tr><td>").Append(c.Rank.ToString(Inv)).Append("</td><td>").Append(E(c.TrackId))
                 .Append("</td><td>").Append(Time(c.Last.Time)).Append("</td><td>").Append((c.EndDistanceM / 1000).ToString("0.00", Inv)).Append(" km")
                 .Append("</td><td>").Append(c.LastSpeedMps.ToString("0.0", Inv)).Append(" m/s, ").Append(c.LastHeadingDeg.ToString("0", Inv)).Append("°")
                 .Append("</td><td>").Append(c.BorderCrossing is { } b ? $"{Time(b.Time)} at {Coord(b.Position.LatDeg)} N {Coord(b.Position.LonDeg)} E" : "—")
                 .Append("</td><td>").Append(E(SensorsText(c.Sensors, c.SeenBy))).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        var seen = ordered.SelectMany(t => t.SeenBy.Where(x => x.TrackId == t.TrackId).OrderBy(x => x.SensorId, StringComparer.Ordinal)).ToList();
        if (seen.Count > 0)
        {
            h.Append("<h2>Sensors that saw the tracks</h2>\n<table><tr><th>Track</th><th>Sensor</th><th>First seen</th><th>Last seen</th></tr>\n");
            foreach (var x in seen)
            {
                h.Append("<tr><td>").Append(E(x.TrackId)).Append("</td><td>").Append(E(x.SensorId)).Append("</td><td>").Append(Time(x.First))
                 .Append("</td><td>").Append(Time(x.Last)).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<h2>Timeline</h2>\n<table><tr><th>Time (UTC)</th><th>Who</th><th>What</th><th>Detail</th></tr>\n");
        foreach (var t in incident.Timeline)
            h.Append("<tr><td>").Append(Time(t.Time)).Append("</td><td>").Append(E(t.Actor)).Append("</td><td>").Append(E(t.Action)).Append("</td><td>").Append(E(t.Detail)).Append("</td></tr>\n");
        h.Append("</table>\n<h2>Evidence</h2>\n");
        if (incident.Attachments.Length == 0)
        {
            h.Append("<p>No attachments.</p>\n");
        }
        else
        {
            h.Append("<table><tr><th>File</th><th>Type</th><th>Bytes</th><th>SHA-256</th><th>Added</th></tr>\n");
            foreach (var a in incident.Attachments)
            {
                h.Append("<tr><td>").Append(E(a.Name)).Append("</td><td>").Append(E(a.ContentType)).Append("</td><td>").Append(a.SizeBytes.ToString(Inv))
                 .Append("</td><td><code>").Append(a.Sha256Hex).Append("</code></td><td>").Append(Time(a.AddedAt)).Append(" by ").Append(E(a.AddedBy)).Append("</td></tr>\n");
            }

            h.Append("</table>\n");
        }

        h.Append("<p>Tracks: ").Append(ordered.Count.ToString(Inv)).Append(", points: ").Append(ordered.Sum(t => t.Points.Count).ToString(Inv))
         .Append(". Generated by Straja from the recorded picture; the GeoJSON and KML exports hold the same tracks.</p>\n</body></html>\n");
        return Encoding.UTF8.GetBytes(h.ToString());
    }

    public static byte[] GeoJson(IReadOnlyList<TrackPath> tracks)
    {
        var s = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
        bool first = true;
        foreach (var t in Order(tracks))
        {
            if (!first)
                s.Append(',');
            first = false;
            s.Append("{\"type\":\"Feature\",\"properties\":{\"track\":\"").Append(JsonEscape(t.TrackId)).Append("\",\"start\":\"").Append(Time(t.Points[0].Time))
             .Append("\",\"end\":\"").Append(Time(t.Points[^1].Time)).Append("\",\"sensors\":[")
             .Append(string.Join(",", t.Sensors.Order(StringComparer.Ordinal).Select(x => $"\"{JsonEscape(x)}\""))).Append("],\"times\":[")
             .Append(string.Join(",", t.Points.Select(p => $"\"{Time(p.Time)}\""))).Append("]},\"geometry\":{\"type\":\"LineString\",\"coordinates\":[")
             .Append(string.Join(",", t.Points.Select(p => $"[{Coord(p.Position.LonDeg)},{Coord(p.Position.LatDeg)},{p.Position.AltM.ToString("0.0", Inv)}]")))
             .Append("]}}");
        }

        return Encoding.UTF8.GetBytes(s.Append("]}\n").ToString());
    }

    public static byte[] Kml(string name, IReadOnlyList<TrackPath> tracks)
    {
        var s = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\" xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n<Document>\n");
        s.Append("<name>").Append(E(name)).Append("</name>\n");
        foreach (var t in Order(tracks))
        {
            s.Append("<Placemark><name>").Append(E(t.TrackId)).Append("</name><gx:Track><altitudeMode>absolute</altitudeMode>\n");
            foreach (var p in t.Points)
                s.Append("<when>").Append(Time(p.Time)).Append("</when>");
            s.Append('\n');
            foreach (var p in t.Points)
                s.Append("<gx:coord>").Append(Coord(p.Position.LonDeg)).Append(' ').Append(Coord(p.Position.LatDeg)).Append(' ').Append(p.Position.AltM.ToString("0.0", Inv)).Append("</gx:coord>\n");
            s.Append("</gx:Track></Placemark>\n");
        }

        return Encoding.UTF8.GetBytes(s.Append("</Document>\n</kml>\n").ToString());
    }

    /// <summary>The tracks as an inline SVG in an equirectangular projection scaled by cos(latitude), north up.</summary>
    private static string Map(IReadOnlyList<TrackPath> tracks, GroundFind? find, IReadOnlyList<BackTrackCandidate>? backTrack)
    {
        var points = tracks.SelectMany(t => t.Points.Select(p => p.Position)).ToList();
        if (find is not null)
            points.Add(find.Place);
        var ellipses = backTrack?.Take(3).Select(c => c.Debris.Outline()).ToList() ?? [];
        points.AddRange(ellipses.SelectMany(e => e));
        if (points.Count == 0)
            return "<p>No recorded positions.</p>\n";
        double minLat = points.Min(p => p.LatDeg), maxLat = points.Max(p => p.LatDeg);
        double minLon = points.Min(p => p.LonDeg), maxLon = points.Max(p => p.LonDeg);
        double k = Math.Cos((minLat + maxLat) / 2 * Math.PI / 180);
        double spanX = Math.Max((maxLon - minLon) * k, 1e-4), spanY = Math.Max(maxLat - minLat, 1e-4);
        const double W = 800, Pad = 20;
        double scale = (W - (2 * Pad)) / Math.Max(spanX, spanY);
        double height = (spanY * scale) + (2 * Pad);
        string X(GeoPoint p) => (Pad + ((p.LonDeg - minLon) * k * scale)).ToString("0.0", Inv);
        string Y(GeoPoint p) => (height - Pad - ((p.LatDeg - minLat) * scale)).ToString("0.0", Inv);
        var s = new StringBuilder();
        s.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").Append(W.ToString(Inv)).Append(' ').Append(height.ToString("0.0", Inv)).Append("\">\n");
        foreach (var e in ellipses)
            s.Append("<polygon fill=\"#f5a623\" fill-opacity=\"0.25\" stroke=\"#c47f00\" points=\"").Append(string.Join(" ", e.Select(p => $"{X(p)},{Y(p)}"))).Append("\"/>\n");
        foreach (var t in tracks)
        {
            s.Append("<polyline fill=\"none\" stroke=\"#c00\" stroke-width=\"1.5\" points=\"").Append(string.Join(" ", t.Points.Select(p => $"{X(p.Position)},{Y(p.Position)}"))).Append("\"/>\n");
            var end = t.Points[^1].Position;
            s.Append("<text font-size=\"11\" x=\"").Append(X(end)).Append("\" y=\"").Append(Y(end)).Append("\">").Append(E(t.TrackId)).Append("</text>\n");
        }

        if (find is not null)
            s.Append("<circle r=\"5\" fill=\"#000\" cx=\"").Append(X(find.Place)).Append("\" cy=\"").Append(Y(find.Place)).Append("\"/>\n");
        return s.Append("</svg>\n").ToString();
    }

    /// <summary>"radar-galati 03:12:05–03:18:40Z, rf-tulcea" — with the span where the store kept one; sensor order.</summary>
    private static string SensorsText(IReadOnlyList<string> sensors, IReadOnlyList<TrackSensorSeen> seenBy) =>
        string.Join(", ", sensors.Order(StringComparer.Ordinal).Select(id => seenBy.FirstOrDefault(x => x.SensorId == id) is { } x
            ? $"{id} {x.First.UtcDateTime.ToString("HH:mm:ss", Inv)}–{x.Last.UtcDateTime.ToString("HH:mm:ss", Inv)}Z"
            : id));

    private static List<TrackPath> Order(IReadOnlyList<TrackPath> tracks) =>
        [.. tracks.Where(t => t.Points.Count > 0).OrderBy(t => t.TrackId, StringComparer.Ordinal)];

    private static void Row(StringBuilder h, string key, string value) =>
        h.Append("<tr><th>").Append(E(key)).Append("</th><td>").Append(E(value)).Append("</td></tr>\n");

    private static string E(string s) => WebUtility.HtmlEncode(s);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", Inv);

    private static string Coord(double deg) => deg.ToString("0.000000", Inv);

    private static string JsonEscape(string s) => System.Text.Json.JsonEncodedText.Encode(s).ToString();
}
