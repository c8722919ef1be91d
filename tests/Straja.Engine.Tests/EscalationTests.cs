using Straja.Engine.Evaluation;
using Straja.Engine.Picture;

namespace Straja.Engine.Tests;

public sealed class EscalationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static AlertBook BookWith(params (string Key, AlertSeverity Severity)[] alerts)
    {
        var book = new AlertBook();
        var proposals = alerts.Select(a => new AlertProposal(a.Key, AlertKind.BorderCrossing, a.Severity, "T1", null, "crossed", new GeoPoint(45, 28))).ToList();
        book.Raise(T0, proposals, []);
        return book;
    }

    [Fact]
    public void An_alert_left_unacknowledged_escalates_once_one_severity_up_after_the_delay()
    {
        var book = BookWith(("a", AlertSeverity.Info), ("b", AlertSeverity.Warning), ("c", AlertSeverity.Critical));
        var escalated = new List<Alert>();

        book.Escalate(T0.AddMinutes(4), TimeSpan.FromMinutes(5), escalated);
        Assert.Empty(escalated);

        book.Escalate(T0.AddMinutes(5), TimeSpan.FromMinutes(5), escalated);
        Assert.Equal([AlertSeverity.Warning, AlertSeverity.Critical, AlertSeverity.Critical], escalated.Select(a => a.Severity).ToArray());
        Assert.All(escalated, a => Assert.Equal(T0.AddMinutes(5), a.EscalatedAt));

        escalated.Clear();
        book.Escalate(T0.AddMinutes(30), TimeSpan.FromMinutes(5), escalated);
        Assert.Empty(escalated); // once only
        Assert.Equal(AlertSeverity.Critical, book.Get("A2")!.Severity);
    }

    [Fact]
    public void An_acknowledged_alert_never_escalates()
    {
        var book = BookWith(("a", AlertSeverity.Warning));
        book.Acknowledge("A1", "op.ion", T0.AddMinutes(1));
        var escalated = new List<Alert>();
        book.Escalate(T0.AddHours(1), TimeSpan.FromMinutes(5), escalated);
        Assert.Empty(escalated);
        Assert.Null(book.Get("A1")!.EscalatedAt);
    }
}
