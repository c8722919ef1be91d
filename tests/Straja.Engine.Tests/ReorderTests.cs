using Straja.Engine.Fusion;
using Straja.Tracking;

namespace Straja.Engine.Tests;

public class ReorderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly SensorDescriptor Coop = new("coop", "coop", SensorKind.Cooperative, new GeoPoint(45.0, 28.5, 10), 200_000, 1);

    private static Detection At(double s, double lat) => new()
    {
        SensorId = "coop", Time = T0.AddSeconds(s), Kind = DetectionKind.Position, Position = new GeoPoint(lat, 28.5, 3000),
        SigmaHorizontalM = 30, SigmaVerticalM = 15, CooperativeId = "ICAO:4B1812",
    };

    [Fact]
    public void A_detection_arriving_after_a_later_one_within_the_window_is_still_used()
    {
        var engine = new FusionEngine(Coop.Position, [Coop], T0, FusionOptions.Default with { ReorderWindow = TimeSpan.FromSeconds(1) });
        var first = engine.Process([At(1.0, 45.100), At(2.0, 45.101)], T0.AddSeconds(2.2));
        // The 1.5 s report comes late (a slower path) but inside the window.
        var second = engine.Process([At(1.5, 45.1005)], T0.AddSeconds(2.4));
        var third = engine.Process([At(3.0, 45.102)], T0.AddSeconds(4.5));

        Assert.Empty(first.Rejected);
        Assert.Empty(second.Rejected);
        Assert.Empty(third.Rejected);
        Assert.Equal(0, engine.LateDetections);
        Assert.Equal(0, engine.Pending);
    }

    [Fact]
    public void A_detection_behind_the_last_processed_scan_is_refiltered_into_its_track()
    {
        var engine = new FusionEngine(Coop.Position, [Coop], T0, FusionOptions.Default with { ReorderWindow = TimeSpan.FromSeconds(0.5) });
        engine.Process([At(1.0, 45.100), At(2.0, 45.101)], T0.AddSeconds(3));
        var late = engine.Process([At(1.5, 45.1005)], T0.AddSeconds(3.2));

        Assert.Empty(late.Rejected);
        Assert.Equal(0, engine.LateDetections);
        Assert.Single(late.Picture.Tracks);
    }

    [Fact]
    public void A_detection_older_than_the_out_of_sequence_window_is_refused_as_late_by_name()
    {
        var engine = new FusionEngine(Coop.Position, [Coop], T0, FusionOptions.Default with
        {
            ReorderWindow = TimeSpan.FromSeconds(0.5),
            Tracker = TrackerOptions.Default with { OutOfSequenceWindowS = 0.2 },
        });
        engine.Process([At(1.0, 45.100), At(2.0, 45.101)], T0.AddSeconds(3));
        var late = engine.Process([At(1.5, 45.1005)], T0.AddSeconds(3.2));

        var r = Assert.Single(late.Rejected);
        Assert.Equal("Time", r.Field);
        Assert.Equal(1, engine.LateDetections);
    }
}
