using Straja.Tracking.Metrics;

namespace Straja.Tracking.Planar;

/// <summary>
/// GOSPA (α = 2) of a large scene, computed exactly by parts. Under GOSPA a pair at or beyond the cut-off c
/// costs cᵖ, the same as leaving both ends unassigned, so the optimal assignment never links two groups of
/// objects that have no pair closer than c: it splits into the connected components of the "closer than c"
/// graph, each solved by <see cref="SubPatternMetrics.Compute"/>, and the parts add up. Found with a
/// <see cref="SpatialGrid"/> of cell c, this is near-linear where one assignment over 10,000 objects would
/// not finish. For scoring benchmark runs; reuses its buffers.
/// </summary>
public sealed class LargeSceneGospa
{
    private readonly SpatialGrid _grid = new();
    private readonly GatingGraph _graph = new();
    private readonly EdgeClusters _clusters = new();
    private double[] _xs = new double[64], _ys = new double[64];
    private int[] _candidates = new int[64];
    private bool[] _truthLinked = new bool[64], _trackLinked = new bool[64];
    private int[] _truthSlot = new int[64], _trackSlot = new int[64];
    private Vec3[] _truthPart = new Vec3[16], _trackPart = new Vec3[16];

    /// <summary>GOSPA (α = 2) of order <paramref name="order"/> and cut-off <paramref name="cutoffM"/> between the two sets (2D: z is ignored).</summary>
    public SubPatternErrors Compute(ReadOnlySpan<Vec3> truth, ReadOnlySpan<Vec3> tracks, double cutoffM, double order)
    {
        if (!(cutoffM > 0 && double.IsFinite(cutoffM)))
            throw new ArgumentOutOfRangeException(nameof(cutoffM), cutoffM, "The cut-off must be finite and > 0.");
        int m = truth.Length, n = tracks.Length;
        SpatialGrid.Ensure(ref _xs, n);
        SpatialGrid.Ensure(ref _ys, n);
        SpatialGrid.Ensure(ref _truthLinked, m);
        SpatialGrid.Ensure(ref _trackLinked, n);
        SpatialGrid.Ensure(ref _truthSlot, m);
        SpatialGrid.Ensure(ref _trackSlot, n);
        for (int j = 0; j < n; j++)
        {
            _xs[j] = tracks[j].X;
            _ys[j] = tracks[j].Y;
        }

        _grid.Build(_xs.AsSpan(0, n), _ys.AsSpan(0, n), cutoffM);
        _graph.Clear();
        for (int i = 0; i < m; i++)
        {
            int count = _grid.Query(truth[i].X, truth[i].Y, cutoffM, ref _candidates, 0);
            for (int k = 0; k < count; k++)
            {
                int j = _candidates[k];
                double dx = tracks[j].X - truth[i].X, dy = tracks[j].Y - truth[i].Y;
                if ((dx * dx) + (dy * dy) < cutoffM * cutoffM)
                    _graph.Add(i, j, 0, 0);
            }
        }

        double cP = Math.Pow(cutoffM, order), localisation = 0, missed = 0, falses = 0;
        int assigned = 0;
        _truthLinked.AsSpan(0, m).Clear();
        _trackLinked.AsSpan(0, n).Clear();
        _clusters.Build(_graph, m, n);
        for (int c = 0; c < _clusters.Count; c++)
        {
            int a = 0, b = 0;
            foreach (int e in _clusters.EdgesOf(c))
            {
                int i = _graph.Track[e], j = _graph.Measurement[e];
                if (!_truthLinked[i])
                {
                    _truthLinked[i] = true;
                    SpatialGrid.Ensure(ref _truthPart, a + 1);
                    _truthPart[a++] = truth[i] with { Z = 0 };
                }

                if (!_trackLinked[j])
                {
                    _trackLinked[j] = true;
                    SpatialGrid.Ensure(ref _trackPart, b + 1);
                    _trackPart[b++] = tracks[j] with { Z = 0 };
                }
            }

            var part = SubPatternMetrics.Compute(_truthPart.AsSpan(0, a), _trackPart.AsSpan(0, b), cutoffM, order);
            localisation += part.Localisation;
            missed += part.Missed;
            falses += part.False;
            assigned += part.Assigned;
        }

        for (int i = 0; i < m; i++)
            missed += _truthLinked[i] ? 0 : cP / 2;
        for (int j = 0; j < n; j++)
            falses += _trackLinked[j] ? 0 : cP / 2;
        double gospa = Math.Pow(localisation + missed + falses, 1 / order);
        return new SubPatternErrors(double.NaN, gospa, localisation, missed, falses, assigned);
    }
}
