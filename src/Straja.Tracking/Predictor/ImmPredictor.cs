namespace Straja.Tracking;

/// <summary>
/// The IMM's interaction and prediction steps (Blom, Bar-Shalom, "The interacting multiple model algorithm
/// for systems with Markovian switching coefficients", IEEE TAC 33(8), 1988): mix the mode Gaussians with
/// the Markov transition probabilities, then predict each with its own model.
/// </summary>
/// <remarks>
/// Scans reach a track at irregular intervals, so the switching probabilities are given per second and
/// turned into the interval's: P(stay) over T = (1 − p)ᵀ. A zero interval neither mixes nor switches.
/// </remarks>
/// <para>The CV mode does not move ω, but it must not carry it either: a turn rate it kept from the last turn
/// would be mixed back into the CT mode at the next, sign and all. So the CV mode's ω is "straight flight,
/// turn rate unknown": 0 ± <see cref="TrackerOptions.InitialTurnRateSigma"/>, uncorrelated.</para>
internal sealed class ImmPredictor(ConstantVelocityPredictor cv, CoordinatedTurnPredictor ct, double cvToCtPerS, double ctToCvPerS, double turnRateSigma)
{
    public static ImmPredictor From(TrackerOptions options) => new(
        ConstantVelocityPredictor.From(options with
        {
            AccelerationSigmaHorizontal = options.ImmAccelerationSigmaHorizontal,
        }),
        CoordinatedTurnPredictor.From(options with
        {
            AccelerationSigmaHorizontal = options.ImmAccelerationSigmaHorizontal,
        }),
        options.ImmCvToCtPerS,
        options.ImmCtToCvPerS,
        options.InitialTurnRateSigma);

    public void Predict(ImmState state, double timeS)
    {
        var dt = timeS - state.TimeS;
        if (dt > 0)
            Mix(state, dt);
        var straight = state.Modes[ImmState.ConstantVelocity];
        cv.Predict(straight, timeS);
        ForgetTurnRate(straight);
        ct.Predict(state.Modes[ImmState.CoordinatedTurn], timeS);
    }

    private void ForgetTurnRate(DenseGaussian mode)
    {
        const int w = CoordinatedTurnPredictor.TurnRate;
        var n = mode.Dim;
        mode.Mean[w] = 0;
        for (var i = 0; i < n; i++)
        {
            mode.Covariance[(i * n) + w] = 0;
            mode.Covariance[(w * n) + i] = 0;
        }

        mode.Covariance[(w * n) + w] = turnRateSigma * turnRateSigma;
    }

    private void Mix(ImmState state, double dt)
    {
        var toCt = 1 - Math.Pow(1 - cvToCtPerS, dt);
        var toCv = 1 - Math.Pow(1 - ctToCvPerS, dt);
        Span<double> pi = [1 - toCt, toCt, toCv, 1 - toCv]; // pi[i, j] = P(mode j next | mode i now)
        var mu = state.Probabilities;
        Span<double> predicted = stackalloc double[ImmState.ModeCount];
        for (var j = 0; j < ImmState.ModeCount; j++)
            predicted[j] = (pi[j] * mu[0]) + (pi[2 + j] * mu[1]);

        var mixed = new DenseGaussian[ImmState.ModeCount];
        var n = CoordinatedTurnPredictor.Dim;
        for (var j = 0; j < ImmState.ModeCount; j++)
        {
            var g = new DenseGaussian(n) { TimeS = state.TimeS };
            Span<double> weight = [pi[j] * mu[0] / predicted[j], pi[2 + j] * mu[1] / predicted[j]];
            for (var i = 0; i < ImmState.ModeCount; i++)
            {
                for (var a = 0; a < n; a++)
                    g.Mean[a] += weight[i] * state.Modes[i].Mean[a];
            }

            for (var i = 0; i < ImmState.ModeCount; i++)
            {
                var mode = state.Modes[i];
                for (var a = 0; a < n; a++)
                {
                    var da = mode.Mean[a] - g.Mean[a];
                    for (var b = 0; b < n; b++)
                        g.Covariance[(a * n) + b] += weight[i] * (mode.Get(a, b) + (da * (mode.Mean[b] - g.Mean[b])));
                }
            }

            Dense.Symmetrise(g.Covariance, n);
            mixed[j] = g;
        }

        for (var j = 0; j < ImmState.ModeCount; j++)
        {
            state.Modes[j] = mixed[j];
            mu[j] = predicted[j];
        }
    }
}
