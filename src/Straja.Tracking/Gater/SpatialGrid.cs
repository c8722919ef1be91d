namespace Straja.Tracking;

/// <summary>
/// A uniform grid over points in the horizontal plane, rebuilt once per scan and queried with discs: the
/// spatial index that makes gating cost grow with the number of objects instead of their product. Only the
/// occupied cells are stored (an open-addressing table from cell to a run of a counting-sorted point list),
/// so the plane is unbounded and the build is O(n). Buffers grow to the largest scan seen and are then
/// reused: in steady state neither <see cref="Build"/> nor <see cref="Query"/> allocates.
/// </summary>
/// <remarks>
/// Points inside one cell are listed in increasing index, cells in table order; callers that need a global
/// order sort what a query returns.
/// </remarks>
internal sealed class SpatialGrid
{
    // Past this many cells per query it is cheaper to hand back every point than to probe empty cells.
    private const long MaxCellsPerQuery = 4096;

    private long[] _cellKeys = new long[16];
    private int[] _cellStart = new int[16];
    private int[] _cellCount = new int[16];
    private int[] _slotOfPoint = new int[16];
    private int[] _sorted = new int[16];
    private int _mask;
    private int _points;
    private int _occupied;
    private double _inverseCell = 1;

    /// <summary>Points indexed by the last <see cref="Build"/>.</summary>
    public int Count => _points;

    /// <summary>Indexes points (xs[i], ys[i]) with square cells of side <paramref name="cellSizeM"/> (> 0, finite).</summary>
    public void Build(ReadOnlySpan<double> xs, ReadOnlySpan<double> ys, double cellSizeM)
    {
        if (xs.Length != ys.Length)
            throw new ArgumentException($"SpatialGrid.Build: {xs.Length} x values but {ys.Length} y values.", nameof(ys));
        if (!(cellSizeM > 0 && double.IsFinite(cellSizeM)))
            throw new ArgumentOutOfRangeException(nameof(cellSizeM), cellSizeM, "The cell size must be finite and > 0.");

        int n = xs.Length;
        _points = n;
        _inverseCell = 1 / cellSizeM;
        int capacity = 16;
        while (capacity < 2 * n)
            capacity <<= 1;
        EnsureTable(capacity);
        EnsurePoints(n);
        _mask = capacity - 1;
        _cellCount.AsSpan(0, capacity).Clear();
        _occupied = 0;

        for (int i = 0; i < n; i++)
        {
            long key = Key(Cell(xs[i]), Cell(ys[i]));
            int slot = FindOrAdd(key);
            _slotOfPoint[i] = slot;
            _cellCount[slot]++;
        }

        // Counting sort: prefix sums over the occupied slots, then place each point in its cell's run.
        int start = 0;
        for (int slot = 0; slot < capacity; slot++)
        {
            _cellStart[slot] = start;
            start += _cellCount[slot];
        }

        for (int i = 0; i < n; i++)
            _sorted[_cellStart[_slotOfPoint[i]]++] = i;
        for (int slot = 0; slot < capacity; slot++)
            _cellStart[slot] -= _cellCount[slot];
    }

    /// <summary>
    /// Appends to <paramref name="into"/> (from <paramref name="count"/>, growing it when needed) every point in a
    /// cell the disc of <paramref name="radiusM"/> around (x, y) touches — a superset of the points inside the disc.
    /// Returns the new count.
    /// </summary>
    public int Query(double x, double y, double radiusM, ref int[] into, int count)
    {
        if (_points == 0)
            return count;
        if (!(radiusM >= 0) || double.IsPositiveInfinity(radiusM))
            return All(ref into, count);
        long x0 = Cell(x - radiusM), x1 = Cell(x + radiusM), y0 = Cell(y - radiusM), y1 = Cell(y + radiusM);
        if ((x1 - x0 + 1) * (y1 - y0 + 1) > Math.Min(MaxCellsPerQuery, 4L * _occupied))
            return All(ref into, count);

        for (long cx = x0; cx <= x1; cx++)
        {
            for (long cy = y0; cy <= y1; cy++)
            {
                int slot = Find(Key(cx, cy));
                if (slot < 0)
                    continue;
                int n = _cellCount[slot];
                Ensure(ref into, count + n);
                _sorted.AsSpan(_cellStart[slot], n).CopyTo(into.AsSpan(count));
                count += n;
            }
        }

        return count;
    }

    private int All(ref int[] into, int count)
    {
        Ensure(ref into, count + _points);
        for (int i = 0; i < _points; i++)
            into[count + i] = i;
        return count + _points;
    }

    // Cells are clamped to ±2³⁰ so that far-away or huge coordinates still pack into one 64-bit key.
    private long Cell(double v) => (long)Math.Clamp(Math.Floor(v * _inverseCell), -(1L << 30), 1L << 30);

    private static long Key(long cx, long cy) => (cx << 32) ^ (cy & 0xFFFF_FFFFL);

    private static int Hash(long key)
    {
        ulong h = (ulong)key * 0x9E37_79B9_7F4A_7C15UL;
        return (int)(h >> 33);
    }

    private int FindOrAdd(long key)
    {
        int slot = Probe(key);
        if (_cellCount[slot] == 0)
        {
            _cellKeys[slot] = key;
            _occupied++;
        }

        return slot;
    }

    private int Find(long key)
    {
        int slot = Probe(key);
        return _cellCount[slot] != 0 ? slot : -1;
    }

    /// <summary>The slot holding <paramref name="key"/>, or the empty slot where it would go (linear probing).</summary>
    private int Probe(long key)
    {
        int slot = Hash(key) & _mask;
        while (_cellCount[slot] != 0 && _cellKeys[slot] != key)
            slot = (slot + 1) & _mask;
        return slot;
    }

    private void EnsureTable(int capacity)
    {
        if (_cellKeys.Length >= capacity)
            return;
        _cellKeys = new long[capacity];
        _cellStart = new int[capacity];
        _cellCount = new int[capacity];
    }

    private void EnsurePoints(int n)
    {
        if (_sorted.Length >= n)
            return;
        int size = Math.Max(n, 2 * _sorted.Length);
        _sorted = new int[size];
        _slotOfPoint = new int[size];
    }

    /// <summary>Grows <paramref name="buffer"/> to at least <paramref name="size"/>, doubling, keeping its contents.</summary>
    internal static void Ensure<T>(ref T[] buffer, int size)
    {
        if (buffer.Length < size)
            Array.Resize(ref buffer, Math.Max(size, 2 * buffer.Length));
    }
}
