namespace Straja.Tracking;

/// <summary>
/// Global nearest neighbour: the one joint assignment of measurements to tracks with the least total cost,
/// solved optimally by <see cref="Assignment"/>. Leaving a track or a measurement unassigned has a price
/// (half its cheapest gate-edge cost each), added as dummy columns and rows, so a pair is only taken when
/// it beats leaving both sides free — a single isolated pair is taken exactly when it is inside the gate.
/// </summary>
internal sealed class GlobalNearestNeighbour
{
    private readonly Dictionary<int, int> _rowOfTrack = [];
    private readonly Dictionary<int, int> _colOfMeasurement = [];
    private readonly List<int> _tracks = [];
    private readonly List<int> _measurements = [];

    /// <summary>Fills <paramref name="trackToHypothesis"/> with the index of each track's chosen hypothesis, or −1.</summary>
    public void Associate(IReadOnlyList<Hypothesis> hypotheses, Span<int> trackToHypothesis)
    {
        trackToHypothesis.Fill(-1);
        if (hypotheses.Count == 0)
            return;
        IndexParticipants(hypotheses);
        int t = _tracks.Count, m = _measurements.Count, size = t + m;

        // Rows: tracks, then one dummy row per measurement ("measurement unassigned").
        // Columns: measurements, then one dummy column per track ("track unassigned").
        var cost = new double[size * size];
        Array.Fill(cost, double.PositiveInfinity);
        var pairOf = new int[t * m];
        Array.Fill(pairOf, -1);
        Span<double> trackMiss = t <= 128 ? stackalloc double[t] : new double[t];
        Span<double> measurementMiss = m <= 128 ? stackalloc double[m] : new double[m];
        trackMiss.Fill(double.PositiveInfinity);
        measurementMiss.Fill(double.PositiveInfinity);
        for (var h = 0; h < hypotheses.Count; h++)
        {
            var hypothesis = hypotheses[h];
            var row = _rowOfTrack[hypothesis.TrackIndex];
            var col = _colOfMeasurement[hypothesis.MeasurementIndex];
            cost[(row * size) + col] = hypothesis.Cost;
            pairOf[(row * m) + col] = h;
            trackMiss[row] = Math.Min(trackMiss[row], hypothesis.GateCost / 2);
            measurementMiss[col] = Math.Min(measurementMiss[col], hypothesis.GateCost / 2);
        }

        for (var row = 0; row < t; row++)
            cost[(row * size) + m + row] = trackMiss[row];
        for (var col = 0; col < m; col++)
        {
            var dummyRow = t + col;
            cost[(dummyRow * size) + col] = measurementMiss[col];
            for (var dummyCol = m; dummyCol < size; dummyCol++)
                cost[(dummyRow * size) + dummyCol] = 0;
        }

        Span<int> rowToCol = size <= 256 ? stackalloc int[size] : new int[size];
        Assignment.Solve(cost, size, size, rowToCol);
        for (var row = 0; row < t; row++)
        {
            var col = rowToCol[row];
            if (col >= 0 && col < m)
                trackToHypothesis[_tracks[row]] = pairOf[(row * m) + col];
        }
    }

    // Only tracks and measurements that appear in some hypothesis enter the matrix; in the order first seen,
    // which is deterministic because hypotheses are generated in (track, measurement) order.
    private void IndexParticipants(IReadOnlyList<Hypothesis> hypotheses)
    {
        _rowOfTrack.Clear();
        _colOfMeasurement.Clear();
        _tracks.Clear();
        _measurements.Clear();
        foreach (var hypothesis in hypotheses)
        {
            if (_rowOfTrack.TryAdd(hypothesis.TrackIndex, _tracks.Count))
                _tracks.Add(hypothesis.TrackIndex);
            if (_colOfMeasurement.TryAdd(hypothesis.MeasurementIndex, _measurements.Count))
                _measurements.Add(hypothesis.MeasurementIndex);
        }
    }
}
