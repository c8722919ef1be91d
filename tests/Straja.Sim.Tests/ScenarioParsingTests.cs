using CsCheck;

namespace Straja.Sim.Tests;

public sealed class ScenarioParsingTests
{
    private const string ValidSensor = """
        { "id": "r1", "kind": "radar", "lat": 45, "lon": 28, "maxRangeM": 20000, "scanPeriodS": 2,
          "noise": { "rangeM": 10, "azimuthDeg": 0.3, "elevationDeg": 0.5 } }
        """;

    private static ScenarioException ParseFails(string json, string source = "eastern.json") =>
        Assert.Throws<ScenarioException>(() => Scenario.Parse(json, source));

    [Fact]
    public void Negative_range_names_file_line_field_and_value()
    {
        string json = "{\n  \"name\": \"x\",\n  \"seed\": 1,\n  \"sensors\": [\n" + ValidSensor + ",\n" + ValidSensor.Replace("\"r1\"", "\"r2\"").Replace("20000", "-5") + "\n] }";
        var e = ParseFails(json);

        int expectedLine = json.Split('\n').ToList().FindLastIndex(l => l.Contains("-5")) + 1;
        Assert.Equal("eastern.json", e.SourceName);
        Assert.Equal(expectedLine, e.Line);
        Assert.Equal("sensors[1].maxRangeM", e.Field);
        Assert.Equal($"eastern.json line {expectedLine}: sensors[1].maxRangeM: must be > 0 (got -5)", e.Message);
    }

    [Fact]
    public void Missing_field_names_the_field_and_the_object_line()
    {
        string json = "{ \"name\": \"x\", \"seed\": 1,\n \"sensors\": [\n" + ValidSensor.Replace("\"scanPeriodS\": 2,", "") + "] }";
        var e = ParseFails(json);

        Assert.Equal("sensors[0].scanPeriodS", e.Field);
        Assert.Equal(3, e.Line);
        Assert.Contains("required field is missing", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"lat\": 45", "\"lat\": \"north\"", "sensors[0].lat", "expected a number (got string \"north\")")]
    [InlineData("\"radar\"", "\"lidar\"", "sensors[0].kind", "unknown sensor kind \"lidar\" (expected radar, passive-rf, acoustic, camera or cooperative)")]
    [InlineData("\"scanPeriodS\": 2", "\"scanPeriodS\": 2, \"clutterPerscan\": 3", "sensors[0].clutterPerscan", "unknown field")]
    [InlineData("\"azimuthDeg\": 0.3", "\"azimuthDeg\": -0.3", "sensors[0].noise.azimuthDeg", "must be > 0 (got -0.3)")]
    [InlineData("\"maxRangeM\": 20000", "\"maxRangeM\": true", "sensors[0].maxRangeM", "expected a number (got true)")]
    public void Bad_sensor_field_names_line_field_and_problem(string valid, string broken, string field, string problem)
    {
        string json = "{ \"name\": \"x\", \"seed\": 1, \"sensors\": [\n" + ValidSensor.Replace(valid, broken, StringComparison.Ordinal) + "] }";
        var e = ParseFails(json);

        int line = json.Split('\n').ToList().FindIndex(l => l.Contains(broken, StringComparison.Ordinal)) + 1;
        Assert.Equal($"eastern.json line {line}: {field}: {problem}", e.Message);
        Assert.Equal(field, e.Field);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void Malformed_json_reports_the_line_of_the_break()
    {
        string json = "{\n  \"name\": \"x\",\n  \"seed\": 1\n  \"sensors\": []\n}";
        var e = ParseFails(json, "broken.json");

        Assert.Equal(4, e.Line);
        Assert.Null(e.Field);
        Assert.StartsWith("broken.json line 4: malformed JSON", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"remoteId\": \"1596F35\"", "targets[0].remoteId")]
    [InlineData("\"adsbIcao\": \"4B18\"", "targets[0].adsbIcao")]
    [InlineData("\"speedMps\": 0", "targets[0].speedMps")]
    [InlineData("\"class\": \"balloon\"", "targets[0].class")]
    public void Bad_target_fields_are_located(string badField, string expectedField)
    {
        string target = """{ "id": "t", "class": "multirotor", "speedMps": 10, "waypoints": [ { "lat": 45, "lon": 28, "altM": 100 }, { "lat": 45.1, "lon": 28, "altM": 100 } ] }""";
        string name = badField.Split(':')[0];
        string mutated = target.Contains(name, StringComparison.Ordinal)
            ? System.Text.RegularExpressions.Regex.Replace(target, name + ": [^,]+", badField)
            : target.Replace("\"id\": \"t\"", "\"id\": \"t\", " + badField, StringComparison.Ordinal);
        string json = "{ \"name\": \"x\", \"seed\": 1, \"sensors\": [" + ValidSensor + "],\n\"targets\": [\n" + mutated + "] }";
        var e = ParseFails(json);

        Assert.Equal(expectedField, e.Field);
        Assert.Equal(json.Split('\n').ToList().FindIndex(l => l.Contains(badField, StringComparison.Ordinal)) + 1, e.Line);
    }

    [Fact]
    public void Friendly_ids_must_carry_a_known_prefix()
    {
        var e = ParseFails("{ \"name\": \"x\", \"seed\": 1,\n \"friendlyIds\": [\"RID:1596F350457A8C2E1234\", \"4B1812\"],\n \"sensors\": [" + ValidSensor + "] }");

        Assert.Equal("friendlyIds[1]", e.Field);
        Assert.Equal(2, e.Line);
    }

    [Fact]
    public void Duplicate_sensor_ids_are_rejected()
    {
        var e = ParseFails("{ \"name\": \"x\", \"seed\": 1, \"sensors\": [" + ValidSensor + ",\n" + ValidSensor + "] }");

        Assert.Equal("sensors[1]", e.Field);
        Assert.Contains("duplicate sensor id \"r1\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_names_the_file_when_it_cannot_be_read()
    {
        string path = Path.Combine(Path.GetTempPath(), "straja-no-such-dir-" + Guid.NewGuid().ToString("N"), "missing.json");
        var e = Assert.Throws<ScenarioException>(() => Scenario.Load(path));

        Assert.Equal("missing.json", e.SourceName);
        Assert.StartsWith("missing.json: cannot read the file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_reports_errors_with_the_file_name()
    {
        string path = Path.Combine(Path.GetTempPath(), "straja-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, "{ \"name\": \"x\" }");
        try
        {
            var e = Assert.Throws<ScenarioException>(() => Scenario.Load(path));
            Assert.Equal(Path.GetFileName(path), e.SourceName);
            Assert.Equal("seed", e.Field);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Built_in_scenarios_are_listed_and_load()
    {
        Assert.Contains("eastern-border", Scenario.BuiltInNames);
        Assert.Contains("single-crossing", Scenario.BuiltInNames);
        foreach (string name in Scenario.BuiltInNames)
        {
            var s = Scenario.BuiltIn(name);
            Assert.Equal(name, s.Name);
            Assert.NotEmpty(s.Sensors);
        }
    }

    [Fact]
    public void Eastern_border_declares_its_sensors_and_friendly_drone()
    {
        var s = Scenario.BuiltIn("eastern-border");

        Assert.Contains(s.Sensors, d => d.Kind == SensorKind.Cooperative && d.MaxRangeM >= 250_000);
        Assert.Equal(4, s.Sensors.Count(d => d.Kind == SensorKind.Radar));
        Assert.All(s.Sensors.Where(d => d.Kind == SensorKind.Radar), d => Assert.InRange(d.MaxRangeM, 20_000, 60_000));
        Assert.Contains("RID:1596F350457A8C2E1234", s.FriendlyIds);
    }

    [Fact]
    public void Unknown_built_in_lists_the_known_ones()
    {
        var e = Assert.Throws<ScenarioException>(() => Scenario.BuiltIn("nowhere"));

        Assert.Contains("eastern-border", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_scenario_text_gives_a_located_scenario_error_never_a_crash()
    {
        using var stream = typeof(Scenario).Assembly.GetManifestResourceStream("Straja.Sim.Scenarios.single-crossing.json")!;
        string original = new StreamReader(stream).ReadToEnd();

        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Int[0, 40], Gen.Char["{}[]\",:-0123456789aez \n"])
            .Sample((at, cut, c) =>
            {
                string damaged = original[..at] + c + original[Math.Min(original.Length, at + cut)..];
                try
                {
                    Scenario.Parse(damaged, "damaged.json");
                    return true;
                }
                catch (ScenarioException e)
                {
                    return e.SourceName == "damaged.json" && e.Line is >= 1 && e.Line <= damaged.Count(ch => ch == '\n') + 1;
                }
            },
            iter: 2000);
    }
}
