namespace Straja.Protocols.RemoteId;

/// <summary>The two F3411 clocks: tenths of a second after the UTC hour, and whole seconds since 2019.</summary>
public static class RemoteIdTime
{
    public static readonly DateTimeOffset Epoch2019 = new(2019, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>System and Authentication timestamps: seconds since 2019-01-01T00:00:00Z.</summary>
    public static DateTimeOffset FromSeconds2019(uint seconds) => Epoch2019.AddSeconds(seconds);

    public static uint ToSeconds2019(DateTimeOffset time) =>
        (uint)Math.Clamp(Math.Floor((time - Epoch2019).TotalSeconds), 0, uint.MaxValue);

    /// <summary>
    /// The UTC instant of a Location timestamp (seconds after the hour) heard at <paramref name="reference"/>:
    /// the hour is chosen so the result lies within half an hour of the reference, which keeps a message
    /// stamped 3599.9 s and heard just after the hour in the hour before.
    /// </summary>
    public static DateTimeOffset ResolveAfterHour(double secondsAfterHour, DateTimeOffset reference)
    {
        var utc = reference.ToUniversalTime();
        var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        var t = hour.AddSeconds(secondsAfterHour);
        var diff = t - utc;
        return diff > TimeSpan.FromMinutes(30) ? t.AddHours(-1)
            : diff < TimeSpan.FromMinutes(-30) ? t.AddHours(1)
            : t;
    }
}
