namespace Straja.Tracking;

/// <summary>
/// Starts tracks from bearings alone (passive RF, acoustic nodes) by crossing them. Unassociated bearings wait
/// here for <see cref="TrackerOptions.TriangulationWindowS"/>; when bearings from at least
/// <see cref="TrackerOptions.TriangulationMinSensors"/> different sensors pass through one point, that point
/// starts a track.
/// </summary>
/// <remarks>
/// Two bearings always cross, so with N targets two sensors give N² crossings of which N² − N are ghosts. A
/// third sensor's bearing through the same point, within the chi-square gate, is what tells a target from a
/// ghost (Bar-Shalom, Willett, Tian, <i>Tracking and Data Fusion</i>, YBS 2011, on the S-D assignment for
/// passive sensors). Candidates are formed from every pair's crossing and every other sensor's closest
/// consistent bearing, refined by Gauss–Newton least squares over all their bearings, and accepted greedily
/// (most sensors first, then least squared normalised residual), each bearing used at most once.
/// Without elevations the height is pinned by a prior at the sensors' mean height with
/// <see cref="TrackerOptions.UnknownHeightSigmaM"/>.
/// </remarks>
internal sealed class BearingTriangulator(TrackerOptions options, ChiSquareGate gate)
{
    private const int Iterations = 6;
    /// <summary>Bearings crossing at less than this angle fix no point along their length.</summary>
    private static readonly double MinCrossingSin = Math.Sin(5 * Math.PI / 180);

    private readonly List<PendingBearing> _pending = [];

    internal readonly record struct PendingBearing(string SensorId, double TimeS, Vec3 SensorPosition, double MaxRangeM, Measurement Measurement);

    /// <summary>A point where bearings cross: its initial state and the bearings that fixed it.</summary>
    internal sealed record Triangulation(GaussianState State, IReadOnlyList<PendingBearing> Bearings);

    private sealed record Candidate(Vec3 Point, Matrix3 Covariance, List<int> Members, double Cost);

    /// <summary>
    /// Adds the scan's unassociated bearings, forgets stale ones, and returns the points where enough
    /// sensors' bearings cross; their bearings leave the buffer.
    /// </summary>
    public List<Triangulation> Triangulate(Scan scan, IReadOnlyList<Measurement> measurements, bool[] used)
    {
        _pending.RemoveAll(b => b.TimeS < scan.TimeS - options.TriangulationWindowS);
        for (var j = 0; j < measurements.Count; j++)
        {
            if (!used[j] && measurements[j].Kind == MeasurementKind.Bearing)
                _pending.Add(new PendingBearing(scan.SensorId, scan.TimeS, scan.SensorPosition, scan.MaxRangeM, measurements[j]));
        }

        var found = new List<Triangulation>();
        if (_pending.Select(b => b.SensorId).Distinct(StringComparer.Ordinal).Count() < options.TriangulationMinSensors)
            return found;

        var candidates = new List<Candidate>();
        for (var a = 0; a < _pending.Count; a++)
        {
            for (var b = a + 1; b < _pending.Count; b++)
            {
                if (string.Equals(_pending[a].SensorId, _pending[b].SensorId, StringComparison.Ordinal))
                    continue;
                if (Cross(_pending[a], _pending[b]) is { } point && Grow(a, b, point) is { } candidate)
                    candidates.Add(candidate);
            }
        }

        candidates.Sort((x, y) => x.Members.Count != y.Members.Count ? y.Members.Count.CompareTo(x.Members.Count) : x.Cost.CompareTo(y.Cost));
        var taken = new bool[_pending.Count];
        foreach (var candidate in candidates)
        {
            if (candidate.Members.Any(i => taken[i]))
                continue;
            foreach (var i in candidate.Members)
                taken[i] = true;
            found.Add(new Triangulation(InitialState(candidate, scan.TimeS), [.. candidate.Members.Select(i => _pending[i])]));
        }

        for (var i = _pending.Count - 1; i >= 0; i--)
        {
            if (taken[i])
                _pending.RemoveAt(i);
        }

        return found;
    }

    /// <summary>Where two bearings' horizontal rays meet, ahead of both sensors and within their ranges; null if they do not.</summary>
    private static Vec3? Cross(in PendingBearing a, in PendingBearing b)
    {
        var (sa, ca) = Math.SinCos(a.Measurement.Z0);
        var (sb, cb) = Math.SinCos(b.Measurement.Z0);
        // a.S + ta·(sa, ca) = b.S + tb·(sb, cb)
        var det = (sa * -cb) - (ca * -sb);
        if (Math.Abs(det) < MinCrossingSin)
            return null;
        double dx = b.SensorPosition.X - a.SensorPosition.X, dy = b.SensorPosition.Y - a.SensorPosition.Y;
        var ta = ((dx * -cb) - (dy * -sb)) / det;
        var tb = ((sa * dy) - (ca * dx)) / det;
        if (ta <= 0 || tb <= 0 || ta > a.MaxRangeM || tb > b.MaxRangeM)
            return null;
        var height = 0.5 * (Height(a, ta) + Height(b, tb));
        return new Vec3(a.SensorPosition.X + (ta * sa), a.SensorPosition.Y + (ta * ca), height);
    }

    private static double Height(in PendingBearing bearing, double horizontalRange) =>
        double.IsNaN(bearing.Measurement.Z1)
            ? bearing.SensorPosition.Z
            : bearing.SensorPosition.Z + (horizontalRange * Math.Tan(bearing.Measurement.Z1));

    /// <summary>Adds every other sensor's bearing most consistent with the crossing, refines, and checks every member.</summary>
    private Candidate? Grow(int a, int b, Vec3 point)
    {
        var members = new List<int> { a, b };
        var bestBySensor = new Dictionary<string, (int Index, double Distance)>(StringComparer.Ordinal);
        for (var i = 0; i < _pending.Count; i++)
        {
            var bearing = _pending[i];
            if (i == a || i == b || string.Equals(bearing.SensorId, _pending[a].SensorId, StringComparison.Ordinal)
                || string.Equals(bearing.SensorId, _pending[b].SensorId, StringComparison.Ordinal))
                continue;
            if (!Normalised(point, bearing, out var distance, out _))
                continue;
            if (!bestBySensor.TryGetValue(bearing.SensorId, out var best) || distance < best.Distance)
                bestBySensor[bearing.SensorId] = (i, distance);
        }

        foreach (var (_, (index, _)) in bestBySensor.OrderBy(p => p.Key, StringComparer.Ordinal))
            members.Add(index);
        if (members.Count < options.TriangulationMinSensors)
            return null;

        var heightPrior = members.Average(i => _pending[i].SensorPosition.Z);
        if (!Refine(members, point, heightPrior, out var refined, out var covariance))
            return null;
        var cost = 0.0;
        foreach (var i in members)
        {
            if (!Normalised(refined, _pending[i], out var distance, out var dim) || distance > gate.Threshold(dim))
                return null;
            cost += distance;
        }

        return new Candidate(refined, covariance, members, cost);
    }

    /// <summary>The bearing's squared normalised residual against a point (its d² with no state uncertainty).</summary>
    private static bool Normalised(Vec3 point, in PendingBearing bearing, out double distance, out int dim)
    {
        var ok = MeasurementModel.TryInnovate(Certain(point), bearing.Measurement, bearing.SensorPosition, out var innovation);
        (distance, dim) = (innovation.DistanceSquared, innovation.Dim);
        return ok && InRange(point, bearing);
    }

    /// <summary>A state exactly at <paramref name="point"/>: its innovation's d² is the measurement's own normalised residual.</summary>
    private static GaussianState Certain(Vec3 point)
    {
        var state = default(GaussianState);
        state.Mean[0] = point.X;
        state.Mean[1] = point.Y;
        state.Mean[2] = point.Z;
        return state;
    }

    private static bool InRange(Vec3 point, in PendingBearing bearing) => (point - bearing.SensorPosition).Length() <= bearing.MaxRangeM;

    /// <summary>Gauss–Newton on Σ rᵀR⁻¹r over the members' bearings with a weak height prior; also returns (JᵀR⁻¹J)⁻¹.</summary>
    private bool Refine(List<int> members, Vec3 start, double heightPrior, out Vec3 point, out Matrix3 covariance)
    {
        point = start;
        covariance = default;
        var heightWeight = 1 / (options.UnknownHeightSigmaM * options.UnknownHeightSigmaM);
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var information = default(Matrix3);
            var gradient = default(Vector3);
            information.Set(2, 2, heightWeight);
            gradient[2] = heightWeight * (heightPrior - point.Z);
            var exact = Certain(point);
            foreach (var i in members)
            {
                var bearing = _pending[i];
                if (!MeasurementModel.TryInnovate(exact, bearing.Measurement, bearing.SensorPosition, out var innovation))
                    return false;
                Span<double> variance = [bearing.Measurement.Sigma0 * bearing.Measurement.Sigma0, bearing.Measurement.Sigma1 * bearing.Measurement.Sigma1];
                for (var r = 0; r < innovation.Dim; r++)
                {
                    for (var a = 0; a < 3; a++)
                    {
                        gradient[a] += innovation.H.Get(r, a) * innovation.Residual[r] / variance[r];
                        for (var b = 0; b < 3; b++)
                            information[(a * 3) + b] += innovation.H.Get(r, a) * innovation.H.Get(r, b) / variance[r];
                    }
                }
            }

            if (!SmallMatrix.TryCholesky(information, 3, out var l))
                return false;
            var step = gradient;
            SmallMatrix.CholeskySolve(l, 3, ref step);
            point = new Vec3(point.X + step[0], point.Y + step[1], point.Z + step[2]);
            for (var c = 0; c < 3; c++)
            {
                var column = default(Vector3);
                column[c] = 1;
                SmallMatrix.CholeskySolve(l, 3, ref column);
                for (var r = 0; r < 3; r++)
                    covariance.Set(r, c, column[r]);
            }
        }

        return double.IsFinite(point.X) && double.IsFinite(point.Y) && double.IsFinite(point.Z);
    }

    private GaussianState InitialState(Candidate candidate, double timeS)
    {
        var state = default(GaussianState);
        state.TimeS = timeS;
        state.Mean[0] = candidate.Point.X;
        state.Mean[1] = candidate.Point.Y;
        state.Mean[2] = candidate.Point.Z;
        for (var a = 0; a < 3; a++)
        {
            for (var b = 0; b < 3; b++)
                state.Covariance.Set(a, b, candidate.Covariance.Get(a, b));
        }

        MeasurementModel.SetUnknownVelocity(ref state, options);
        return state;
    }
}
