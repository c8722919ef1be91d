using Straja.Engine.Picture;
using Straja.Ingest.Feeds;
using static Straja.Ingest.Tests.Sapient.SapientLoopback;
using Task = System.Threading.Tasks.Task;

namespace Straja.Ingest.Tests.Sapient;

/// <summary>A registered node that stops reporting status is silent and alerts once; heard again, it is live.</summary>
public class SapientSilenceTests
{
    private static IEnumerable<Alert> SilentAlerts(SapientLoopback l) =>
        l.Fixture.Engine.Alerts(100).Where(a => a.Kind == AlertKind.SensorSilent);

    [Fact]
    public async Task A_node_missing_three_status_intervals_is_silent_and_raises_one_alert_naming_it()
    {
        await using var l = Open();
        var (client, s, node) = await l.Register(Rf, statusIntervalS: 2);
        using (client)
        {
            Assert.Equal(TimeSpan.FromSeconds(2), l.Nodes.State(Rf.Id)!.StatusInterval);
            l.Clock.Advance(TimeSpan.FromSeconds(5.9));
            Assert.Empty(l.Watch.CheckNow());
            Assert.False(l.Nodes.State(Rf.Id)!.Silent);

            l.Clock.Advance(TimeSpan.FromSeconds(0.2));
            var change = Assert.Single(l.Watch.CheckNow());
            Assert.True(change.Silent);
            Assert.True(l.Nodes.State(Rf.Id)!.Silent);
            var alert = Assert.Single(SilentAlerts(l));
            Assert.Equal("sensor-silent", alert.Kind.ToWire());
            Assert.Contains(Rf.Name, alert.Message, StringComparison.Ordinal);
            Assert.Contains(Rf.SapientNodeId!, alert.Message, StringComparison.Ordinal);
            Assert.Equal(Rf.Position, alert.Position);

            l.Clock.Advance(TimeSpan.FromSeconds(30));
            Assert.Empty(l.Watch.CheckNow());
            Assert.Single(SilentAlerts(l));
        }
    }

    [Fact]
    public async Task A_silent_node_that_reports_again_is_live_and_a_later_silence_is_a_new_alert()
    {
        await using var l = Open();
        var (client, s, node) = await l.Register(Rf, statusIntervalS: 1);
        using (client)
        {
            l.Clock.Advance(TimeSpan.FromSeconds(4));
            Assert.True(Assert.Single(l.Watch.CheckNow()).Silent);

            await Send(s, node.Status(l.Clock.GetUtcNow()));
            await Until(() => !l.Nodes.State(Rf.Id)!.Silent, "the node was not marked live after its status report");
            var back = Assert.Single(l.Watch.CheckNow());
            Assert.False(back.Silent);
            Assert.Single(SilentAlerts(l));

            l.Clock.Advance(TimeSpan.FromSeconds(2.5));
            Assert.Empty(l.Watch.CheckNow());
            l.Clock.Advance(TimeSpan.FromSeconds(1));
            Assert.True(Assert.Single(l.Watch.CheckNow()).Silent);
            Assert.Equal(2, SilentAlerts(l).Count());
        }
    }

    [Fact]
    public async Task A_node_whose_connection_closes_is_silent_at_the_next_check()
    {
        await using var l = Open();
        var (client, _, _) = await l.Register(Rf, statusIntervalS: 60);
        client.Dispose();
        await Until(() => !l.Nodes.State(Rf.Id)!.Connected, "the closed connection was not noticed");

        var change = Assert.Single(l.Watch.CheckNow());
        Assert.True(change.Silent);
        Assert.Contains("connection closed", change.Reason, StringComparison.Ordinal);
        Assert.Single(SilentAlerts(l));
    }

    [Fact]
    public async Task A_node_that_says_goodbye_and_disconnects_raises_no_alert()
    {
        await using var l = Open();
        var (client, s, node) = await l.Register(Rf, statusIntervalS: 1);
        await Send(s, node.Goodbye(l.Clock.GetUtcNow()));
        await Until(() => !l.Nodes.State(Rf.Id)!.Registered, "the goodbye was not recorded");
        client.Dispose();
        l.Clock.Advance(TimeSpan.FromMinutes(5));

        Assert.Empty(l.Watch.CheckNow());
        Assert.Empty(SilentAlerts(l));
    }

    [Fact]
    public async Task A_node_that_never_registered_is_not_watched()
    {
        await using var l = Open();
        l.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Empty(l.Watch.CheckNow());
        Assert.False(l.Nodes.State(Rf.Id)!.Registered);
        Assert.Empty(SilentAlerts(l));
    }

    [Theory]
    [InlineData(Straja.Protocols.Sapient.Wire.Registration.Types.TimeUnits.Milliseconds, 500f, 0.5)]
    [InlineData(Straja.Protocols.Sapient.Wire.Registration.Types.TimeUnits.Minutes, 2f, 120)]
    [InlineData(Straja.Protocols.Sapient.Wire.Registration.Types.TimeUnits.Seconds, 0f, double.NaN)]
    public void The_declared_status_interval_is_read_in_its_units(Straja.Protocols.Sapient.Wire.Registration.Types.TimeUnits units, float value, double expectedS)
    {
        var reg = new Straja.Protocols.Sapient.Wire.Registration
        {
            StatusDefinition = new() { StatusInterval = new() { Units = units, Value = value } },
        };
        var interval = SapientNodes.StatusInterval(reg);
        if (double.IsNaN(expectedS))
            Assert.Null(interval);
        else
            Assert.Equal(expectedS, interval!.Value.TotalSeconds, 6);
    }
}
