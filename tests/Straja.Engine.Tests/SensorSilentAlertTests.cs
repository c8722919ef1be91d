using Straja.Engine.Fusion;
using Straja.Engine.Picture;

namespace Straja.Engine.Tests;

public class SensorSilentAlertTests
{
    private static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SensorDescriptor Rf = new("rf-1", "RF one", SensorKind.PassiveRf, new GeoPoint(45.27, 28.46, 30), 10_000, 1);

    private static FusionEngine Engine() => new(Rf.Position, [Rf], T0);

    [Fact]
    public void A_silence_raises_one_sensor_silent_alert_at_the_sensor_however_often_it_is_reported()
    {
        var engine = Engine();
        var first = engine.RaiseSensorSilent(Rf.Id, T0, "RF one is silent", T0.AddSeconds(15));
        var again = engine.RaiseSensorSilent(Rf.Id, T0, "RF one is silent", T0.AddSeconds(16));

        Assert.NotNull(first);
        Assert.Null(again);
        Assert.Equal(AlertKind.SensorSilent, first.Kind);
        Assert.Null(first.TrackId);
        Assert.Equal(Rf.Position, first.Position);
        Assert.Equal(T0.AddSeconds(15), first.Time);
        Assert.Single(engine.Alerts);
    }

    [Fact]
    public void A_later_silence_of_the_same_sensor_is_a_new_alert()
    {
        var engine = Engine();
        var a = engine.RaiseSensorSilent(Rf.Id, T0, "silent", T0.AddSeconds(15));
        var b = engine.RaiseSensorSilent(Rf.Id, T0.AddMinutes(5), "silent again", T0.AddMinutes(5).AddSeconds(15));
        Assert.NotEqual(a!.Id, b!.Id);
        Assert.Equal(2, engine.Alerts.Count());
    }

    [Fact]
    public void An_unknown_sensor_is_refused_with_its_name()
    {
        var e = Assert.Throws<ArgumentException>(() => Engine().RaiseSensorSilent("nobody", T0, "x", T0));
        Assert.Contains("nobody", e.Message, StringComparison.Ordinal);
    }
}
