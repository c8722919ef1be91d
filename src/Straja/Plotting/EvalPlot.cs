using System.Globalization;
using ScottPlot;
using Straja.Tracking.Metrics;

namespace Straja.Cli.Plotting;

/// <summary>
/// The picture for <c>straja eval --plot</c>: GOSPA and OSPA over time above GOSPA's stacked parts, beside a
/// plan view of the tracks against the truth. Rendered headless to PNG by ScottPlot (SkiaSharp).
/// </summary>
internal static class EvalPlot
{
    private const int WidthPx = 1600;
    private const int HeightPx = 800;

    private static readonly Color LocalisationColour = Color.FromHex("#4C72B0");
    private static readonly Color MissedColour = Color.FromHex("#DD8452");
    private static readonly Color FalseColour = Color.FromHex("#C44E52");
    private static readonly Color TruthColour = Color.FromHex("#000000").WithAlpha(0.25);

    public static void Save(string path, EvalInput input, IReadOnlyList<StepScore> scores, ScoreSummary summary, MetricOptions options)
    {
        var ci = CultureInfo.InvariantCulture;
        string pow = Power(options.Order);
        double[] t = [.. scores.Select(s => s.TimeS)];

        var distances = new Plot();
        var gospa = distances.Add.ScatterLine(t, [.. scores.Select(s => s.Errors.GospaM)], Color.FromHex("#222222"));
        gospa.LegendText = "GOSPA";
        gospa.LineWidth = 2;
        var ospa = distances.Add.ScatterLine(t, [.. scores.Select(s => s.Errors.OspaM)], Color.FromHex("#8172B3"));
        ospa.LegendText = "OSPA";
        ospa.LinePattern = LinePattern.Dashed;
        distances.Title(string.Create(ci, $"GOSPA and OSPA per step (c = {options.CutoffM:0.###} m, p = {options.Order:0.##})"));
        distances.YLabel("m");
        distances.Axes.SetLimitsY(0, options.CutoffM * Math.Max(1.05, MaxRatio(scores, options)));
        distances.ShowLegend(Alignment.UpperRight);

        var parts = new Plot();
        double[] loc = [.. scores.Select(s => s.Errors.Localisation)];
        double[] missTop = [.. scores.Select(s => s.Errors.Localisation + s.Errors.Missed)];
        double[] falseTop = [.. scores.Select(s => s.Errors.Localisation + s.Errors.Missed + s.Errors.False)];
        Band(parts, t, new double[t.Length], loc, LocalisationColour, "localisation");
        Band(parts, t, loc, missTop, MissedColour, "missed");
        Band(parts, t, missTop, falseTop, FalseColour, "false");
        parts.Title($"GOSPA{pow} split into its parts (stacked: they sum to GOSPA{pow})");
        parts.YLabel($"m{pow}");
        parts.XLabel("time (s)");
        parts.Axes.SetLimitsY(0, Math.Max(1, falseTop.DefaultIfEmpty(0).Max() * 1.08));
        parts.ShowLegend(Alignment.UpperRight);

        var map = new Plot();
        AddPaths(map, input, s => s.Truth, _ => TruthColour, 6, 0, "truth");
        var palette = new ScottPlot.Palettes.Category10();
        var falseIds = summary.TrackLives.Where(l => l.IsFalse).Select(l => l.TrackId).ToHashSet(StringComparer.Ordinal);
        AddPaths(map, input, s => [.. s.Tracks.Where(p => falseIds.Contains(p.Id))], _ => FalseColour.WithAlpha(0.6), 1.5f, 0, "false tracks");
        AddPaths(map, input, s => [.. s.Tracks.Where(p => !falseIds.Contains(p.Id))], k => palette.GetColor(k), 1.5f, 3, "tracks");
        map.Title(string.Create(ci, $"Plan view: {summary.Tracks - falseIds.Count} tracks (colour), {falseIds.Count} false (red) on {summary.Confirmations.Count} true objects (grey)"));
        LabelStarts(map, input);
        map.XLabel("x / east (m)");
        map.YLabel("y / north (m)");
        map.Axes.SquareUnits();
        map.ShowLegend(Alignment.UpperRight);

        // The same fixed margins keep the two time axes aligned whatever the width of their tick labels.
        var margins = new PixelPadding(left: 80, right: 20, bottom: 50, top: 45);
        distances.Layout.Fixed(margins);
        parts.Layout.Fixed(margins);

        var figure = new Multiplot();
        figure.AddPlot(distances);
        figure.AddPlot(parts);
        figure.AddPlot(map);
        var grid = new ScottPlot.MultiplotLayouts.CustomGrid();
        grid.Set(distances, new GridCell(0, 0, 2, 2, 1, 1));
        grid.Set(parts, new GridCell(1, 0, 2, 2, 1, 1));
        grid.Set(map, new GridCell(0, 1, 2, 2, 2, 1));
        figure.Layout = grid;
        figure.SharedAxes.ShareX([distances, parts]);
        figure.SavePng(path, WidthPx, HeightPx);
    }

    /// <summary>"²" for p = 2 and so on; "^p" where no superscript glyph fits.</summary>
    private static string Power(double p) => p switch
    {
        1 => "",
        2 => "²",
        3 => "³",
        _ => "^" + p.ToString("0.##", CultureInfo.InvariantCulture),
    };

    /// <summary>Each true object's id at its first position, so the map can be read against the per-truth lines.</summary>
    private static void LabelStarts(Plot plot, EvalInput input)
    {
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in input.Steps)
        {
            foreach (var p in step.Truth)
            {
                if (!labelled.Add(p.Id))
                    continue;
                var text = plot.Add.Text(p.Id, p.Position.X, p.Position.Y);
                text.LabelFontSize = 13;
                text.LabelBold = true;
                text.LabelAlignment = Alignment.LowerRight;
                text.LabelFontColor = Color.FromHex("#444444");
            }
        }
    }

    /// <summary>Headroom for the distance panel: GOSPA can exceed c when several objects are missed.</summary>
    private static double MaxRatio(IReadOnlyList<StepScore> scores, MetricOptions options) =>
        scores.Count == 0 ? 1 : scores.Max(s => Math.Max(s.Errors.GospaM, s.Errors.OspaM)) / options.CutoffM * 1.05;

    private static void Band(Plot plot, double[] t, double[] lower, double[] upper, Color colour, string label)
    {
        var band = plot.Add.FillY(t, lower, upper);
        band.FillColor = colour.WithAlpha(0.8);
        band.LineWidth = 0;
        band.LegendText = label;
    }

    /// <summary>One polyline per id, in step order; only the first carries the legend label.</summary>
    private static void AddPaths(Plot plot, EvalInput input, Func<EvalStep, LabelledPoint[]> select, Func<int, Color> colour, float widthPx, float markerPx, string label)
    {
        var paths = new Dictionary<string, (List<double> X, List<double> Y)>(StringComparer.Ordinal);
        foreach (var step in input.Steps)
        {
            foreach (var p in select(step))
            {
                if (!paths.TryGetValue(p.Id, out var path))
                    paths[p.Id] = path = ([], []);
                path.X.Add(p.Position.X);
                path.Y.Add(p.Position.Y);
            }
        }

        int k = 0;
        foreach (var (_, (xs, ys)) in paths)
        {
            var line = plot.Add.Scatter(xs, ys, colour(k));
            line.LineWidth = widthPx;
            line.MarkerSize = markerPx;
            if (k++ == 0)
                line.LegendText = label;
        }
    }
}
