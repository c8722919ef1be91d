namespace Straja.Geo.Zones;

/// <summary>
/// A time of day window on some days of the week, in UTC (ED-269 schedules are UTC). An end at or before the start
/// runs past midnight into the next day; that night still belongs to the day it started on. No days: every day.
/// </summary>
public sealed record DailyWindow(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public bool Contains(DateTimeOffset time)
    {
        var utc = time.UtcDateTime;
        var now = TimeOnly.FromDateTime(utc);
        if (End > Start)
            return OnDay(utc.DayOfWeek) && now >= Start && now < End;
        // Past midnight: the evening part is on the start day, the morning part on the day after it.
        var previous = (DayOfWeek)(((int)utc.DayOfWeek + 6) % 7);
        return (OnDay(utc.DayOfWeek) && now >= Start) || (OnDay(previous) && now < End);
    }

    private bool OnDay(DayOfWeek d) => Days.Count == 0 || Days.Contains(d);
}

/// <summary>
/// When a zone is in force: between <see cref="From"/> (inclusive) and <see cref="Until"/> (exclusive), either
/// open-ended, and within one of the <see cref="Daily"/> windows if there are any. A zone with several windows is
/// active when any one is.
/// </summary>
public sealed record ActiveWindow(DateTimeOffset? From, DateTimeOffset? Until, IReadOnlyList<DailyWindow> Daily)
{
    public bool Contains(DateTimeOffset time) =>
        (From is not { } f || time >= f) && (Until is not { } u || time < u) && (Daily.Count == 0 || Daily.Any(d => d.Contains(time)));

    internal IEnumerable<string> Validate()
    {
        if (From is { } f && Until is { } u && u <= f)
            yield return $"until: {u:O} is not after from {f:O}";
        if (Daily.Any(d => d.Days.Any(x => !Enum.IsDefined(x))))
            yield return "daily: unknown day of week";
    }
}
