using Straja.Engine.Picture;

namespace Straja.Engine.Evaluation;

/// <summary>
/// Turns proposals into alerts, once per key. Alert ids are sequential so that the same inputs
/// give the same alerts. Acknowledgement is recorded here and survives re-proposal.
/// </summary>
internal sealed class AlertBook
{
    private readonly Dictionary<string, Alert> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Alert> _byId = new(StringComparer.Ordinal);
    private long _next;

    public AlertBook(long firstId = 1) => _next = firstId;

    public IEnumerable<Alert> All => _byId.Values;

    /// <summary>Adds the proposals not seen before; returns how many were new.</summary>
    public int Raise(DateTimeOffset time, IReadOnlyList<AlertProposal> proposals, List<Alert> raised)
    {
        int count = 0;
        foreach (var p in proposals)
        {
            if (_byKey.ContainsKey(p.Key))
                continue;
            var alert = new Alert($"A{_next++}", p.Key, time, p.Kind, p.Severity, p.TrackId, p.Zone, p.Message, p.Position);
            _byKey[p.Key] = alert;
            _byId[alert.Id] = alert;
            raised.Add(alert);
            count++;
        }

        return count;
    }

    /// <summary>Restores alerts from the store after a restart, so keys stay deduplicated and ids keep counting.</summary>
    public void Restore(Alert alert)
    {
        _byKey[alert.Key] = alert;
        _byId[alert.Id] = alert;
        if (alert.Id.Length > 1 && long.TryParse(alert.Id.AsSpan(1), out long n) && n >= _next)
            _next = n + 1;
    }

    public Alert? Get(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// Escalates every open alert raised at least <paramref name="after"/> before <paramref name="now"/>
    /// and not escalated yet: its severity goes up one step (critical stays critical) and it is marked,
    /// so it escalates once. Returns the escalated alerts in id order.
    /// </summary>
    public void Escalate(DateTimeOffset now, TimeSpan after, List<Alert> escalated)
    {
        foreach (var a in _byId.Values.OrderBy(a => a.Id.Length).ThenBy(a => a.Id, StringComparer.Ordinal).ToList())
        {
            if (a.Acknowledged || a.EscalatedAt is not null || now - a.Time < after)
                continue;
            var up = a with
            {
                EscalatedAt = now,
                Severity = a.Severity == AlertSeverity.Info ? AlertSeverity.Warning : AlertSeverity.Critical,
            };
            _byId[a.Id] = up;
            _byKey[a.Key] = up;
            escalated.Add(up);
        }
    }

    public Alert? Acknowledge(string id, string by, DateTimeOffset at)
    {
        if (!_byId.TryGetValue(id, out var a))
            return null;
        if (a.Acknowledged)
            return a;
        var acked = a with { Acknowledged = true, AcknowledgedAt = at, AcknowledgedBy = by };
        _byId[id] = acked;
        _byKey[a.Key] = acked;
        return acked;
    }
}
