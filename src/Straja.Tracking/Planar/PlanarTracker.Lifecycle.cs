namespace Straja.Tracking.Planar;

/// <summary>JPDA per cluster, the Kalman update, scoring, and the birth and death of tracks.</summary>
public sealed partial class PlanarTracker
{
    private bool TryJpda(ReadOnlySpan<int> edges, int m)
    {
        if (!_jpda!.TrySolve(_graph, edges, _count, m, _missWeight))
            return false;
        for (int k = 0; k < edges.Length; k++)
            Accumulate(edges[k], _jpda.EdgeProbability(k));
        LastJpdaClusters++;
        return true;
    }

    /// <summary>
    /// An oversized cluster is split by keeping only its edges inside a tighter gate (P_G 0.99); each piece that
    /// now fits is solved by JPDA, the rest by GNN on the piece. The dropped edges are the least likely pairings,
    /// the ones whose β would be small anyway.
    /// </summary>
    private void SplitOrFallBack(ReadOnlySpan<int> edges, int m, Span<int> trackToEdge)
    {
        SpatialGrid.Ensure(ref _subset, edges.Length);
        int n = 0;
        foreach (int e in edges)
        {
            if (_d2[e] <= _splitGate)
                _subset[n++] = e;
        }

        if (n == 0)
            return;
        _split.Build(_graph, _count, m, _subset.AsSpan(0, n));
        for (int c = 0; c < _split.Count; c++)
        {
            var piece = _split.EdgesOf(c);
            if (TryJpda(piece, m))
                continue;
            _gnn.SolveCluster(_graph, piece, trackToEdge);
            LastGnnFallbacks++;
        }
    }

    /// <summary>Adds edge <paramref name="e"/> with probability <paramref name="beta"/> to its track's combined innovation.</summary>
    private void Accumulate(int e, double beta)
    {
        if (beta <= 0)
            return;
        int t = _graph.Track[e], j = _graph.Measurement[e];
        double nx = _mx[j] - _x[t], ny = _my[j] - _y[t];
        _accBeta[t] += beta;
        _accNuX[t] += beta * nx;
        _accNuY[t] += beta * ny;
        _accXX[t] += beta * nx * nx;
        _accXY[t] += beta * nx * ny;
        _accYY[t] += beta * ny * ny;
        _scoreGain[t] += beta * _logWeight[e];
        _claimed[j] += beta;
    }

    /// <summary>
    /// The (J)PDA update, of which GNN is the case β = 1 for one measurement: with ν = Σ βⱼ νⱼ and the spread
    /// D = Σ βⱼ νⱼ νⱼᵀ − ν νᵀ, x += K ν and P −= K ((1 − β₀) S − D) Kᵀ, K = P Hᵀ S⁻¹ (Bar-Shalom, Li,
    /// Kirubarajan 2001, §6.4 for the PDA form; D = 0 and 1 − β₀ = 1 give the Kalman update).
    /// </summary>
    private int Update()
    {
        int updated = 0;
        for (int t = 0; t < _count; t++)
        {
            // The expected log-likelihood ratio under the association probabilities: ln w for a GNN hit,
            // ln(1 − P_D P_G) for a miss, and for JPDA a track only earns the share of a detection it is given,
            // so a loose tentative track beside a confirmed one cannot live on the confirmed one's detections.
            double beta = _accBeta[t];
            _score[t] += _scoreGain[t] + ((1 - Math.Min(beta, 1)) * Math.Log(_missWeight));
            if (beta <= 0)
                continue;
            updated++;
            if (beta >= 0.5)
                _hits[t]++;
            double nx = _accNuX[t], ny = _accNuY[t];
            double mxx = (beta * _sxx[t]) - (_accXX[t] - (nx * nx));
            double mxy = (beta * _sxy[t]) - (_accXY[t] - (nx * ny));
            double myy = (beta * _syy[t]) - (_accYY[t] - (ny * ny));
            var c = _p.AsSpan(t * Cov, Cov);
            double ixx = _ixx[t], ixy = _ixy[t], iyy = _iyy[t];

            // Rows of P Hᵀ: (P_ix, P_iy) for i = x, y, vx, vy; K = P Hᵀ S⁻¹.
            double k0x = (c[0] * ixx) + (c[1] * ixy), k0y = (c[0] * ixy) + (c[1] * iyy);
            double k1x = (c[1] * ixx) + (c[4] * ixy), k1y = (c[1] * ixy) + (c[4] * iyy);
            double k2x = (c[2] * ixx) + (c[5] * ixy), k2y = (c[2] * ixy) + (c[5] * iyy);
            double k3x = (c[3] * ixx) + (c[6] * ixy), k3y = (c[3] * ixy) + (c[6] * iyy);

            _x[t] += (k0x * nx) + (k0y * ny);
            _y[t] += (k1x * nx) + (k1y * ny);
            _vx[t] += (k2x * nx) + (k2y * ny);
            _vy[t] += (k3x * nx) + (k3y * ny);

            // U = K M, then P −= U Kᵀ entry by entry (symmetric, 10 entries).
            double u0x = (k0x * mxx) + (k0y * mxy), u0y = (k0x * mxy) + (k0y * myy);
            double u1x = (k1x * mxx) + (k1y * mxy), u1y = (k1x * mxy) + (k1y * myy);
            double u2x = (k2x * mxx) + (k2y * mxy), u2y = (k2x * mxy) + (k2y * myy);
            double u3x = (k3x * mxx) + (k3y * mxy), u3y = (k3x * mxy) + (k3y * myy);
            c[0] -= (u0x * k0x) + (u0y * k0y);
            c[1] -= (u0x * k1x) + (u0y * k1y);
            c[2] -= (u0x * k2x) + (u0y * k2y);
            c[3] -= (u0x * k3x) + (u0y * k3y);
            c[4] -= (u1x * k1x) + (u1y * k1y);
            c[5] -= (u1x * k2x) + (u1y * k2y);
            c[6] -= (u1x * k3x) + (u1y * k3y);
            c[7] -= (u2x * k2x) + (u2y * k2y);
            c[8] -= (u2x * k3x) + (u2y * k3y);
            c[9] -= (u3x * k3x) + (u3y * k3y);
        }

        return updated;
    }

    /// <summary>Confirms tracks whose score reached the threshold; deletes, keeping id order, those that fell too far.</summary>
    private int Judge(ref int confirmed)
    {
        int kept = 0;
        for (int t = 0; t < _count; t++)
        {
            _bestScore[t] = Math.Max(_bestScore[t], _score[t]);
            if (!_confirmed[t] && _score[t] >= _options.ConfirmScore)
            {
                _confirmed[t] = true;
                confirmed++;
            }

            double drop = _confirmed[t] ? _options.ConfirmedDeleteDrop : _options.TentativeDeleteDrop;
            if (_score[t] < _bestScore[t] - drop)
                continue;
            if (kept != t)
                Move(t, kept);
            kept++;
        }

        int deleted = _count - kept;
        _count = kept;
        return deleted;
    }

    private void Move(int from, int to)
    {
        _id[to] = _id[from];
        _x[to] = _x[from];
        _y[to] = _y[from];
        _vx[to] = _vx[from];
        _vy[to] = _vy[from];
        _p.AsSpan(from * Cov, Cov).CopyTo(_p.AsSpan(to * Cov, Cov));
        _score[to] = _score[from];
        _bestScore[to] = _bestScore[from];
        _confirmed[to] = _confirmed[from];
        _hits[to] = _hits[from];
    }

    /// <summary>One tentative track per detection nothing claimed: at the detection, at rest, with the initial velocity sigma.</summary>
    private int Initiate(int m, ref int confirmed)
    {
        int initiated = 0;
        double v2 = _options.InitialVelocitySigmaMps * _options.InitialVelocitySigmaMps;
        for (int j = 0; j < m; j++)
        {
            if (_used[j])
                continue;
            EnsureTracks(_count + 1);
            int t = _count++;
            _id[t] = _nextId++;
            _x[t] = _mx[j];
            _y[t] = _my[j];
            _vx[t] = _vy[t] = 0;
            var c = _p.AsSpan(t * Cov, Cov);
            c.Clear();
            c[0] = c[4] = _r2;
            c[7] = c[9] = v2;
            _score[t] = _bestScore[t] = _newScore;
            _confirmed[t] = _newScore >= _options.ConfirmScore;
            confirmed += _confirmed[t] ? 1 : 0;
            _hits[t] = 1;
            initiated++;
        }

        return initiated;
    }

    private void EnsureTracks(int n)
    {
        if (_id.Length >= n)
            return;
        int size = Math.Max(n, 2 * _id.Length);
        Array.Resize(ref _id, size);
        Array.Resize(ref _x, size);
        Array.Resize(ref _y, size);
        Array.Resize(ref _vx, size);
        Array.Resize(ref _vy, size);
        Array.Resize(ref _p, size * Cov);
        Array.Resize(ref _score, size);
        Array.Resize(ref _bestScore, size);
        Array.Resize(ref _confirmed, size);
        Array.Resize(ref _hits, size);
        _sxx = new double[size];
        _sxy = new double[size];
        _syy = new double[size];
        _ixx = new double[size];
        _ixy = new double[size];
        _iyy = new double[size];
        _logNorm = new double[size];
        _radius = new double[size];
        _accBeta = new double[size];
        _accNuX = new double[size];
        _accNuY = new double[size];
        _accXX = new double[size];
        _accXY = new double[size];
        _accYY = new double[size];
        _scoreGain = new double[size];
        _trackToEdge = new int[size];
    }
}
