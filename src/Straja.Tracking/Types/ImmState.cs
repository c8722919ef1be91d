namespace Straja.Tracking;

/// <summary>
/// An interacting-multiple-model belief: one Gaussian per motion mode and the probability of each. Both
/// modes share the 7-state [E, N, U, vE, vN, vU, ω] so mixing is a plain moment match; the CV mode carries
/// ω without using it.
/// </summary>
internal sealed class ImmState
{
    public const int ConstantVelocity = 0;
    public const int CoordinatedTurn = 1;
    public const int ModeCount = 2;

    private ImmState(DenseGaussian[] modes, double[] probabilities)
    {
        Modes = modes;
        Probabilities = probabilities;
    }

    public DenseGaussian[] Modes { get; }
    public double[] Probabilities { get; }
    public double TimeS => Modes[0].TimeS;

    /// <summary>Starts both modes at <paramref name="state"/> with ω = 0 ± <paramref name="turnRateSigma"/>.</summary>
    public static ImmState Start(in GaussianState state, double turnRateSigma, double turnProbability)
    {
        Span<double> extra = [turnRateSigma * turnRateSigma];
        var modes = new DenseGaussian[ModeCount];
        for (var j = 0; j < ModeCount; j++)
            modes[j] = DenseGaussian.From(state, CoordinatedTurnPredictor.Dim, extra);
        return new ImmState(modes, [1 - turnProbability, turnProbability]);
    }

    public ImmState Clone() => new([Modes[0].Clone(), Modes[1].Clone()], (double[])Probabilities.Clone());

    /// <summary>Probability-weighted turn rate, rad/s.</summary>
    public double TurnRate => (Probabilities[0] * Modes[0].Mean[CoordinatedTurnPredictor.TurnRate])
        + (Probabilities[1] * Modes[1].Mean[CoordinatedTurnPredictor.TurnRate]);

    /// <summary>Writes the moment-matched position-velocity Gaussian of the mixture into <paramref name="into"/>.</summary>
    public void Combine(ref GaussianState into)
    {
        into = default;
        into.TimeS = TimeS;
        for (var j = 0; j < ModeCount; j++)
        {
            for (var i = 0; i < 6; i++)
                into.Mean[i] += Probabilities[j] * Modes[j].Mean[i];
        }

        for (var j = 0; j < ModeCount; j++)
        {
            var mode = Modes[j];
            for (var a = 0; a < 6; a++)
            {
                var da = mode.Mean[a] - into.Mean[a];
                for (var b = 0; b < 6; b++)
                    into.Covariance[(a * 6) + b] += Probabilities[j] * (mode.Get(a, b) + (da * (mode.Mean[b] - into.Mean[b])));
            }
        }

        SmallMatrix.Symmetrise(ref into.Covariance);
    }
}
