namespace Straja.Tracking;

/// <summary>
/// A Gaussian over a state whose first six components are [E, N, U, vE, vN, vU] and whose further
/// components are model-specific (turn rate for the coordinated-turn model, accelerations for the
/// constant-acceleration model). Row-major covariance.
/// </summary>
internal sealed class DenseGaussian
{
    public DenseGaussian(int dim)
    {
        if (dim < 6)
            throw new ArgumentOutOfRangeException(nameof(dim), dim, "A dense state holds at least position and velocity (6).");
        Dim = dim;
        Mean = new double[dim];
        Covariance = new double[dim * dim];
    }

    public int Dim { get; }
    public double[] Mean { get; private set; }
    public double[] Covariance { get; set; }
    public double TimeS { get; set; }

    public DenseGaussian Clone() => new(Dim) { Mean = (double[])Mean.Clone(), Covariance = (double[])Covariance.Clone(), TimeS = TimeS };

    /// <summary>Embeds a 6-state Gaussian; the extra components get mean 0 and the given variances, uncorrelated.</summary>
    public static DenseGaussian From(in GaussianState state, int dim, ReadOnlySpan<double> extraVariances)
    {
        var g = new DenseGaussian(dim) { TimeS = state.TimeS };
        for (var i = 0; i < 6; i++)
        {
            g.Mean[i] = state.Mean[i];
            for (var j = 0; j < 6; j++)
                g.Covariance[(i * dim) + j] = state.Covariance.Get(i, j);
        }

        for (var k = 6; k < dim; k++)
            g.Covariance[(k * dim) + k] = extraVariances[k - 6];
        return g;
    }

    /// <summary>The position-velocity marginal, the part every measurement model reads.</summary>
    public GaussianState Marginal()
    {
        var state = default(GaussianState);
        state.TimeS = TimeS;
        for (var i = 0; i < 6; i++)
        {
            state.Mean[i] = Mean[i];
            for (var j = 0; j < 6; j++)
                state.Covariance.Set(i, j, Covariance[(i * Dim) + j]);
        }

        return state;
    }

    public double Get(int row, int col) => Covariance[(row * Dim) + col];
}
