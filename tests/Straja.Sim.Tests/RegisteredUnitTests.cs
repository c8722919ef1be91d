using Straja.Registry;

namespace Straja.Sim.Tests;

public sealed class RegisteredUnitTests
{
    private const string Sensor = """
        { "id": "coop", "kind": "cooperative", "lat": 45.2, "lon": 28.5, "maxRangeM": 60000, "scanPeriodS": 1,
          "noise": { "horizontalM": 8, "verticalM": 12 }, "pd": 1 }
        """;

    private const string Key = "c63c3969f7d50c1b61f8212cb6c7c8482da497416ea9d81d543068c0e2908a01";

    private static string Json(string units, string targets) =>
        "{ \"name\": \"x\", \"seed\": 1,\n \"registeredUnits\": [" + units + "],\n \"sensors\": [" + Sensor + "],\n \"targets\": [" + targets + "] }";

    private static string Target(string id, string extra) =>
        "{ \"id\": \"" + id + "\", \"class\": \"multirotor\", \"speedMps\": 10, \"remoteId\": \"1596F350457A8C2E1234\"" + extra
        + ", \"waypoints\": [ { \"lat\": 45.2, \"lon\": 28.5, \"altM\": 100 }, { \"lat\": 45.1, \"lon\": 28.5, \"altM\": 100 } ] }";

    private const string Unit = "{ \"serial\": \"RU-1\", \"remoteId\": \"1596F350457A8C2E1234\", \"recipient\": \"RO\", \"privateKey\": \"" + Key + "\" }";

    [Fact]
    public void Registered_units_are_read_with_their_state_and_key()
    {
        var s = Scenario.Parse(Json(Unit + ", { \"serial\": \"RU-2\", \"remoteId\": \"15967B5X8Y2Z\", \"recipient\": \"PL\", \"state\": \"lost\" }", Target("f", "")), "x.json");

        Assert.Equal(2, s.RegisteredUnits.Count);
        Assert.Equal(UnitState.InService, s.RegisteredUnits[0].State);
        Assert.Equal(Key, s.RegisteredUnits[0].PrivateKey!.ToHex());
        Assert.Equal((UnitState.Lost, "PL", (UnitPrivateKey?)null), (s.RegisteredUnits[1].State, s.RegisteredUnits[1].Recipient, s.RegisteredUnits[1].PrivateKey));
    }

    [Fact]
    public void A_target_that_signs_without_a_registered_key_is_refused_by_name_and_line()
    {
        var e = Assert.Throws<ScenarioException>(() => Scenario.Parse(Json("", Target("ghost", ", \"signs\": true")), "x.json"));

        Assert.Contains("ghost", e.Message, StringComparison.Ordinal);
        Assert.Contains("privateKey", e.Message, StringComparison.Ordinal);
        Assert.NotNull(e.Line);
    }

    [Theory]
    [InlineData("\"recipient\": \"Romania\"", "recipient")]
    [InlineData("\"recipient\": \"RO\", \"state\": \"stolen\"", "state")]
    [InlineData("\"recipient\": \"RO\", \"privateKey\": \"abc\"", "privateKey")]
    public void A_bad_registered_unit_field_is_named(string fields, string field)
    {
        string unit = "{ \"serial\": \"RU-1\", \"remoteId\": \"1596F350457A8C2E1234\", " + fields + " }";

        var e = Assert.Throws<ScenarioException>(() => Scenario.Parse(Json(unit, ""), "x.json"));

        Assert.Contains(field, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signing_drone_reports_with_a_proof_and_its_spoofer_without()
    {
        var s = Scenario.Parse(Json(Unit, Target("friend", ", \"signs\": true, \"operatorId\": \"ROU-OP-1\"") + ", " + Target("spoofer", "")), "x.json");
        var step = new Simulation(s, new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero)).AdvanceTo(new DateTimeOffset(2026, 11, 27, 12, 0, 5, TimeSpan.Zero));

        var signed = step.Detections.Where(d => d.CooperativeProof is not null).ToList();
        var unsigned = step.Detections.Where(d => d.CooperativeProof is null).ToList();
        Assert.Equal(5, signed.Count);
        Assert.Equal(5, unsigned.Count);
        Assert.All(signed, d => Assert.Equal("ROU-OP-1", d.OperatorId));
        Assert.All(step.Detections, d => Assert.Equal("RID:1596F350457A8C2E1234", d.CooperativeId));
    }
}
