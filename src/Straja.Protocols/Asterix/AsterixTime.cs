namespace Straja.Protocols.Asterix;

/// <summary>
/// ASTERIX time of day: 1/128 s counts since midnight UTC, wrapping at 86400 × 128. The date is not sent, so
/// it is taken from a reference instant (normally the reception time): the result is the instant with that
/// time of day nearest to the reference, which places a 23:59:59.9 report received at 00:00:00.2 on the
/// previous day and a 00:00:00.1 report received at 23:59:59.8 (receiver clock behind) on the next.
/// </summary>
public static class AsterixTime
{
    /// <summary>Counts per day: 86400 × 128.</summary>
    public const uint CountsPerDay = 86400 * 128;

    private const long TicksPerCount = TimeSpan.TicksPerSecond / 128;

    /// <summary>The UTC instant whose time of day is <paramref name="tod128"/> (taken modulo a day) nearest to <paramref name="referenceUtc"/>.</summary>
    public static DateTimeOffset Resolve(uint tod128, DateTimeOffset referenceUtc)
    {
        var reference = referenceUtc.ToUniversalTime();
        long todTicks = (tod128 % CountsPerDay) * TicksPerCount;
        var midnight = new DateTimeOffset(reference.UtcDateTime.Date, TimeSpan.Zero);
        var candidate = midnight.AddTicks(todTicks);
        var diff = candidate - reference;
        // At the ends of the DateTimeOffset range there is no other day to move to; stay on the reference's day.
        if (diff > TimeSpan.FromHours(12) && candidate.UtcTicks >= TimeSpan.TicksPerDay)
        {
            candidate = candidate.AddDays(-1);
        }
        else if (diff <= TimeSpan.FromHours(-12) && DateTimeOffset.MaxValue.UtcTicks - candidate.UtcTicks >= TimeSpan.TicksPerDay)
        {
            candidate = candidate.AddDays(1);
        }

        return candidate;
    }

    /// <summary>The time of day of <paramref name="utc"/> in 1/128 s (rounded down).</summary>
    public static uint ToTimeOfDay128(DateTimeOffset utc) =>
        (uint)(utc.UtcDateTime.TimeOfDay.Ticks / TicksPerCount);
}
