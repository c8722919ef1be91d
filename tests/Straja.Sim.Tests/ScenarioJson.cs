using System.Globalization;

namespace Straja.Sim.Tests;

/// <summary>Small scenarios written inline, so each test shows the setup it depends on.</summary>
internal static class ScenarioJson
{
    public static readonly DateTimeOffset Start = new(2026, 4, 1, 12, 0, 0, TimeSpan.Zero);

    public static string Radar(
        string id = "r1", double lat = 45.0, double lon = 28.0, double altM = 50, double maxRangeM = 30000,
        double periodS = 1, double pd = 1, double clutter = 0, string extra = "") => F(
        $$"""
        { "id": "{{id}}", "kind": "radar", "lat": {{lat}}, "lon": {{lon}}, "altM": {{altM}},
          "maxRangeM": {{maxRangeM}}, "scanPeriodS": {{periodS}}, "pd": {{pd}}, "clutterPerScan": {{clutter}},
          "noise": { "rangeM": 15, "azimuthDeg": 0.3, "elevationDeg": 0.5 } {{extra}} }
        """);

    /// <summary>A target that barely moves, so every scan measures (almost) the same truth.</summary>
    public static string Hover(string id, double lat, double lon, double altM, string cls = "multirotor", string extra = "") => F(
        $$"""
        { "id": "{{id}}", "class": "{{cls}}", "speedMps": 0.0001 {{extra}},
          "waypoints": [ { "lat": {{lat}}, "lon": {{lon}}, "altM": {{altM}} }, { "lat": {{lat + 0.001}}, "lon": {{lon}}, "altM": {{altM}} } ] }
        """);

    public static string Scenario(IEnumerable<string> sensors, IEnumerable<string> targets, string extra = "", int seed = 7) =>
        $$"""
        { "name": "test", "seed": {{seed}},
          "sensors": [ {{string.Join(",\n", sensors)}} ],
          "targets": [ {{string.Join(",\n", targets)}} ] {{extra}} }
        """;

    public static Simulation Run(string json, out SimStep step, double seconds, int? seed = null)
    {
        var sim = new Simulation(Sim.Scenario.Parse(json, "test.json"), Start, seed);
        step = sim.AdvanceTo(Start.AddSeconds(seconds));
        return sim;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
