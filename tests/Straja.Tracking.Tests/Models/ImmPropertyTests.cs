using CsCheck;

namespace Straja.Tracking.Tests.Models;

public sealed class ImmPropertyTests
{
    [Fact]
    public void Imm_cycles_keep_mode_probabilities_normalised_and_covariances_positive_definite()
    {
        var step = Gen.Select(Gen.Double[0, 3], Gen.Double[-3000, 3000], Gen.Double[-3000, 3000], Gen.Double[1, 100]);
        Gen.Select(step.Array[1, 12], Gen.Double[-0.5, 0.5], Gen.Bool).Sample(sample =>
        {
            var (steps, turnRate, polar) = sample;
            var options = TrackerOptions.Default;
            var predictor = ImmPredictor.From(options);
            var updater = new ImmUpdater(new MeasurementInnovator(polar ? PolarUpdate.Unscented : PolarUpdate.Extended));
            var start = default(GaussianState);
            start.Mean[1] = 2000;
            start.Mean[3] = 15;
            for (var i = 0; i < 6; i++)
                start.Covariance.Set(i, i, i < 3 ? 400 : 900);
            var imm = ImmState.Start(start, options.InitialTurnRateSigma, options.ImmInitialTurnProbability);
            imm.Modes[ImmState.CoordinatedTurn].Mean[CoordinatedTurnPredictor.TurnRate] = turnRate;
            var time = 0.0;
            foreach (var (dt, e, n, sigma) in steps)
            {
                time += dt;
                predictor.Predict(imm, time);
                var m = polar
                    ? TestScans.PolarOf(new Vec3(e, n, 100), new Vec3(-5000, 0, 0), sigma, sigma / 1000)
                    : TestScans.Position(e, n, 100, sigma, sigma);
                updater.Update(imm, m, new Vec3(-5000, 0, 0));
                Assert.Equal(1, imm.Probabilities.Sum(), 12);
                Assert.All(imm.Probabilities, p => Assert.InRange(p, 0, 1));
                foreach (var mode in imm.Modes)
                {
                    for (var i = 0; i < mode.Dim; i++)
                    {
                        for (var j = 0; j < mode.Dim; j++)
                            Assert.Equal(mode.Get(i, j), mode.Get(j, i));
                    }

                    Assert.True(Dense.TryCholesky(mode.Covariance, mode.Dim, out _), "a mode covariance lost positive definiteness");
                }

                var combined = default(GaussianState);
                imm.Combine(ref combined);
                var p6 = new double[36];
                for (var i = 0; i < 36; i++)
                    p6[i] = combined.Covariance[i];
                Assert.True(Dense.TryCholesky(p6, 6, out _), "the combined covariance lost positive definiteness");
            }
        }, iter: 200);
    }
}
