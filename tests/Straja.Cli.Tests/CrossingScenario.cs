using System.Globalization;
using System.Text;

namespace Straja.Cli.Tests;

/// <summary>
/// Two targets crossing in an X at 22 m/s, seen once a second with Gaussian noise, a detection probability and
/// uniform clutter; written as the offline commands' CSV files. Seeded, so every run is the same.
/// </summary>
internal static class CrossingScenario
{
    public const double NoiseStdM = 5;
    public const int Steps = 101;

    /// <summary>Target A or B at time t, m.</summary>
    public static (double X, double Y) Position(string id, double t) =>
        id == "A" ? (-1000 + (20 * t), -500 + (10 * t)) : (-1000 + (20 * t), 500 - (10 * t));

    public static (string Truth, string Detections) Write(int seed, double detectionProbability = 0.95, int clutterPerScan = 3)
    {
        var random = new Random(seed);
        var ci = CultureInfo.InvariantCulture;
        var truth = new StringBuilder("time_s,truth_id,x_m,y_m\n");
        var detections = new StringBuilder("time_s,x_m,y_m\n");
        for (int k = 0; k < Steps; k++)
        {
            double t = k;
            foreach (var id in new[] { "A", "B" })
            {
                var (x, y) = Position(id, t);
                truth.Append(ci, $"{t},{id},{x:F3},{y:F3}\n");
                if (random.NextDouble() < detectionProbability)
                    detections.Append(ci, $"{t},{x + (NoiseStdM * Gaussian(random)):F3},{y + (NoiseStdM * Gaussian(random)):F3}\n");
            }

            for (int c = 0; c < clutterPerScan; c++)
                detections.Append(ci, $"{t},{(random.NextDouble() * 3000) - 1500:F3},{(random.NextDouble() * 3000) - 1500:F3}\n");
        }

        return (truth.ToString(), detections.ToString());
    }

    /// <summary>Box–Muller.</summary>
    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
