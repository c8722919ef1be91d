using Straja.Engine.Evaluation;
using Straja.Engine.Picture;

namespace Straja.Engine.Tests;

public class AlertBookTests
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static AlertProposal Crossing(string track) =>
        new($"border-crossing:{track}", AlertKind.BorderCrossing, AlertSeverity.Warning, track, null, "crossed", new GeoPoint(45.2, 28.4));

    [Fact]
    public void The_same_cause_for_the_same_track_alerts_once()
    {
        var book = new AlertBook();
        var raised = new List<Alert>();
        book.Raise(T, [Crossing("T1")], raised);
        book.Raise(T.AddSeconds(1), [Crossing("T1"), Crossing("T2")], raised);

        Assert.Equal(["T1", "T2"], raised.Select(a => a.TrackId));
        Assert.Equal(["A1", "A2"], raised.Select(a => a.Id));
    }

    [Fact]
    public void Acknowledging_keeps_the_first_acknowledgement()
    {
        var book = new AlertBook();
        var raised = new List<Alert>();
        book.Raise(T, [Crossing("T1")], raised);

        var first = book.Acknowledge("A1", "ana", T.AddSeconds(5));
        var second = book.Acknowledge("A1", "ion", T.AddSeconds(9));

        Assert.True(first!.Acknowledged);
        Assert.Equal("ana", second!.AcknowledgedBy);
        Assert.Equal(T.AddSeconds(5), second.AcknowledgedAt);
        Assert.Null(book.Acknowledge("A99", "ana", T));
    }

    [Fact]
    public void Restored_alerts_stay_deduplicated_and_ids_keep_counting()
    {
        var book = new AlertBook();
        book.Restore(new Alert("A7", "border-crossing:T1", T, AlertKind.BorderCrossing, AlertSeverity.Warning, "T1", null, "x", default));
        var raised = new List<Alert>();
        book.Raise(T, [Crossing("T1"), Crossing("T3")], raised);

        var only = Assert.Single(raised);
        Assert.Equal("A8", only.Id);
    }
}
