using System.Globalization;
using System.Text;
using Straja.Geo;
using Xunit.Abstractions;

namespace Straja.Integration.Tests;

/// <summary>
/// How well the engine classifies the eastern-border demo's drones, birds, airliners and tanker: a confusion
/// matrix of truth class against track class, sampled every 10 s over 15 simulated minutes, each confirmed track
/// matched to the nearest truth object within 300 m.
/// </summary>
public sealed class ClassificationTests(ITestOutputHelper output)
{
    private static readonly TargetClass[] Classes = [TargetClass.Multirotor, TargetClass.FixedWing, TargetClass.Manned, TargetClass.Bird, TargetClass.Clutter, TargetClass.Unknown];

    [Fact]
    public void The_demo_scenarios_drones_birds_and_aircraft_are_classified_correctly_most_of_the_time()
    {
        var run = ScenarioRun.Execute("eastern-border", TimeSpan.FromMinutes(15));
        var counts = new int[Classes.Length, Classes.Length];
        var truthByTime = run.Truth.GroupBy(t => t.Time).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var picture in run.Pictures.Where(p => (p.Time - ScenarioRun.Start).TotalSeconds % 10 == 0))
        {
            if (!truthByTime.TryGetValue(picture.Time, out var truth))
                continue;
            foreach (var track in picture.Tracks.Where(t => t.Confirmed))
            {
                var nearest = truth.MinBy(s => Geodesic.Inverse(s.Position, track.Position).DistanceM);
                if (nearest is null || Geodesic.Inverse(nearest.Position, track.Position).DistanceM > 300)
                    continue;
                counts[Array.IndexOf(Classes, nearest.Class), Array.IndexOf(Classes, track.Class)]++;
            }
        }

        output.WriteLine(Table(counts));
        int total = 0, correct = 0;
        for (int i = 0; i < Classes.Length; i++)
        {
            for (int j = 0; j < Classes.Length; j++)
                total += counts[i, j];
            correct += counts[i, i];
        }

        Assert.True(total > 500, $"only {total} matched samples");
        double accuracy = (double)correct / total;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"overall: {correct}/{total} = {accuracy:P1}"));
        Assert.True(accuracy >= 0.7, $"accuracy {accuracy:P1}");
        foreach (var c in new[] { TargetClass.Multirotor, TargetClass.Manned })
        {
            int i = Array.IndexOf(Classes, c);
            int row = Enumerable.Range(0, Classes.Length).Sum(j => counts[i, j]);
            Assert.True(row > 0, $"no {c} samples");
            Assert.True(counts[i, i] >= 0.6 * row, $"{c}: {counts[i, i]}/{row} correct");
        }
    }

    private static string Table(int[,] counts)
    {
        var sb = new StringBuilder("truth \\ track".PadRight(14));
        foreach (var c in Classes)
            sb.Append(c.ToWire().PadLeft(11));
        sb.AppendLine();
        for (int i = 0; i < Classes.Length; i++)
        {
            sb.Append(Classes[i].ToWire().PadRight(14));
            for (int j = 0; j < Classes.Length; j++)
                sb.Append(counts[i, j].ToString(CultureInfo.InvariantCulture).PadLeft(11));
            sb.AppendLine();
        }

        return sb.ToString();
    }
}
