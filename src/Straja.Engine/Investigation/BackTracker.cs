using Straja.Engine.Runtime;
using Straja.Geo;

namespace Straja.Engine.Investigation;

/// <summary>Something found on the ground — a drone, debris — and when it may have come down.</summary>
/// <param name="RadiusM">Tracks whose last position or predicted fall area comes within this of the place are considered.</param>
public sealed record GroundFind(GeoPoint Place, DateTimeOffset From, DateTimeOffset To, double RadiusM);

/// <summary>A recorded track: its points in time order and the sensors that saw it.</summary>
public sealed record TrackPath(string TrackId, IReadOnlyList<TrackPoint> Points, IReadOnlyList<string> Sensors)
{
    /// <summary>When each sensor saw the track, first to last, as the store recorded it (empty when not recorded).</summary>
    public IReadOnlyList<TrackSensorSeen> SeenBy { get; init; } = [];

    /// <summary>A path whose sensors are the recorded ones: <see cref="Sensors"/> named from <paramref name="seenBy"/>, both in sensor order.</summary>
    public static TrackPath Recorded(string trackId, IReadOnlyList<TrackPoint> points, IEnumerable<TrackSensorSeen> seenBy)
    {
        var seen = seenBy.Where(s => s.TrackId == trackId).OrderBy(s => s.SensorId, StringComparer.Ordinal).ToList();
        return new TrackPath(trackId, points, [.. seen.Select(s => s.SensorId).Distinct(StringComparer.Ordinal)]) { SeenBy = seen };
    }
}

/// <summary>
/// Where debris from a track's last state could lie: an ellipse on the ground.
/// </summary>
/// <param name="OrientationDeg">Direction of the major axis, degrees clockwise from true north (the last heading).</param>
public sealed record DebrisEllipse(GeoPoint Center, double SemiMajorM, double SemiMinorM, double OrientationDeg)
{
    /// <summary>Whether <paramref name="point"/> lies inside the ellipse.</summary>
    public bool Contains(GeoPoint point) => NormalizedDistance(point) <= 1;

    /// <summary>The ellipse's own distance: 1 on its boundary, 0 at its centre.</summary>
    public double NormalizedDistance(GeoPoint point)
    {
        var g = Geodesic.Inverse(Center, point);
        double rel = (g.InitialAzimuthDeg - OrientationDeg) * Math.PI / 180;
        double along = g.DistanceM * Math.Cos(rel);
        double across = g.DistanceM * Math.Sin(rel);
        return Math.Sqrt(((along / SemiMajorM) * (along / SemiMajorM)) + ((across / SemiMinorM) * (across / SemiMinorM)));
    }

    /// <summary>The boundary as <paramref name="n"/> points, for maps and reports.</summary>
    public IReadOnlyList<GeoPoint> Outline(int n = 48)
    {
        var points = new GeoPoint[n];
        for (int i = 0; i < n; i++)
        {
            double t = 2 * Math.PI * i / n;
            double along = SemiMajorM * Math.Cos(t), across = SemiMinorM * Math.Sin(t);
            double bearing = OrientationDeg + (Math.Atan2(across, along) * 180 / Math.PI);
            points[i] = Geodesic.Direct(Center, bearing, Math.Sqrt((along * along) + (across * across)));
        }

        return points;
    }
}

/// <summary>One track that may explain the find, with what an investigator needs to judge it.</summary>
/// <param name="EndDistanceM">From the track's last recorded position to the find.</param>
/// <param name="BorderCrossing">Where the track crossed from Ukraine or Moldova into Romania, if it did.</param>
public sealed record BackTrackCandidate(
    int Rank,
    string TrackId,
    double Score,
    double EndDistanceM,
    TimeSpan EndedBeforeFind,
    TrackPoint Last,
    double LastSpeedMps,
    double LastHeadingDeg,
    TrackPoint? BorderCrossing,
    IReadOnlyList<string> Sensors,
    IReadOnlyList<TrackPoint> Path,
    DebrisEllipse Debris)
{
    /// <summary>When each of <see cref="Sensors"/> saw the track, first to last (empty when the store kept no spans).</summary>
    public IReadOnlyList<TrackSensorSeen> SeenBy { get; init; } = [];
}

/// <summary>How a lost drone comes down; the defaults suit small multirotors and light fixed-wings.</summary>
public sealed record FallModel
{
    public static FallModel Default { get; } = new();

    /// <summary>The slowest plausible descent (a gliding airframe, a tumbling quadcopter with drag), m/s.</summary>
    public double SlowestDescentMps { get; init; } = 3;

    /// <summary>A fall is assumed to last no longer than this, s.</summary>
    public double LongestFallS { get; init; } = 120;

    /// <summary>The share of its last ground speed a falling airframe keeps on average (drag slows it).</summary>
    public double SpeedRetained { get; init; } = 0.8;

    /// <summary>One-sigma error of the last heading, degrees: it widens the ellipse across track.</summary>
    public double HeadingSigmaDeg { get; init; } = 10;

    /// <summary>One-sigma of the last recorded position, m (a track point carries no covariance).</summary>
    public double PositionSigmaM { get; init; } = 50;

    /// <summary>Lateral drift allowance (wind during the fall), m.</summary>
    public double DriftM { get; init; } = 60;

    /// <summary>Height of the last point over the ground when its altitude is unknown or below the ground, m.</summary>
    public double DefaultHeightM { get; init; } = 100;

    /// <summary>The ground's height above the WGS84 ellipsoid where the tracks end, m (the Danube delta is near 0; a DEM would be better).</summary>
    public double GroundAltM { get; init; }
}

/// <summary>
/// Forensic back-tracking: given where and when something was found on the ground, list the recorded
/// tracks that ended or were lost near it, best first, each with its path, its border crossing, its last
/// motion, the sensors that saw it, and the ellipse its debris could lie in. Pure: the recorded paths
/// come in as data.
/// </summary>
/// <remarks>
/// A track ends where the sensors lost it, not where it hit the ground: from its last state it flew on
/// while falling. The fall lasts between a free fall from its height (√(2h/g)) and a slow descent
/// (h / <see cref="FallModel.SlowestDescentMps"/>), carrying it <see cref="FallModel.SpeedRetained"/> of its
/// speed along its heading: that gives the ellipse's extent along track; heading error, position error
/// and drift give its width. Candidates are ranked by the ellipse's normalised distance to the find
/// (inside the ellipse is best), then by how long before the find's window ended the track was lost.
/// </remarks>
public static class BackTracker
{
    private const double G = 9.80665;

    public static IReadOnlyList<BackTrackCandidate> Rank(GroundFind find, IEnumerable<TrackPath> paths, FallModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(find);
        ArgumentNullException.ThrowIfNull(paths);
        model ??= FallModel.Default;
        var found = new List<(BackTrackCandidate Candidate, double Key)>();
        foreach (var path in paths)
        {
            if (path.Points.Count == 0)
                continue;
            var last = path.Points[^1];
            if (last.Time < find.From || last.Time > find.To)
                continue;
            var debris = Debris(last, model);
            double endDistance = Geodesic.Inverse(last.Position, find.Place).DistanceM;
            double normalized = debris.NormalizedDistance(find.Place);
            // Beyond the ellipse, how far beyond it in metres (roughly) must still be within the radius.
            double beyondM = Math.Max(0, normalized - 1) * debris.SemiMajorM;
            if (endDistance > find.RadiusM && beyondM > find.RadiusM)
                continue;
            double hoursBefore = (find.To - last.Time).TotalHours;
            double score = Math.Exp(-0.5 * normalized * normalized) / (1 + (0.1 * hoursBefore));
            found.Add((new BackTrackCandidate(0, path.TrackId, score, endDistance, find.To - last.Time, last,
                last.SpeedMps, last.HeadingDeg, BorderCrossing(path.Points), path.Sensors, path.Points, debris) { SeenBy = path.SeenBy }, normalized));
        }

        return found
            .OrderByDescending(f => f.Candidate.Score)
            .ThenBy(f => f.Candidate.EndDistanceM)
            .ThenBy(f => f.Candidate.TrackId, StringComparer.Ordinal)
            .Select((f, i) => f.Candidate with { Rank = i + 1 })
            .ToList();
    }

    /// <summary>The ground area a track's debris could lie in, from its last recorded state.</summary>
    public static DebrisEllipse Debris(TrackPoint last, FallModel? model = null)
    {
        model ??= FallModel.Default;
        double height = last.Position.AltM - model.GroundAltM;
        if (!(height > 1))
            height = model.DefaultHeightM;
        double shortest = Math.Sqrt(2 * height / G);
        double longest = Math.Min(model.LongestFallS, Math.Max(shortest, height / model.SlowestDescentMps));
        double speed = Math.Max(0, last.SpeedMps) * model.SpeedRetained;
        double near = speed * shortest * 0.5; // drag bleeds speed fastest in the short, steep fall
        double far = speed * longest;
        double sigma = model.PositionSigmaM;
        double middle = 0.5 * (near + far);
        double semiMajor = (0.5 * (far - near)) + (2 * sigma) + model.DriftM;
        double semiMinor = (2 * sigma) + model.DriftM + (far * Math.Sin(2 * model.HeadingSigmaDeg * Math.PI / 180));
        var center = middle > 0 ? Geodesic.Direct(last.Position, last.HeadingDeg, middle) : last.Position;
        return new DebrisEllipse(center with { AltM = model.GroundAltM }, Math.Max(semiMajor, semiMinor), Math.Min(semiMajor, semiMinor),
            semiMajor >= semiMinor ? last.HeadingDeg : (last.HeadingDeg + 90) % 360);
    }

    /// <summary>The first recorded point inside Romania that follows a point outside it.</summary>
    private static TrackPoint? BorderCrossing(IReadOnlyList<TrackPoint> points)
    {
        for (int i = 1; i < points.Count; i++)
        {
            if (!BorderMap.Embedded.IsInRomania(points[i - 1].Position.LatDeg, points[i - 1].Position.LonDeg) && BorderMap.Embedded.IsInRomania(points[i].Position.LatDeg, points[i].Position.LonDeg))
                return points[i];
        }

        return null;
    }
}
