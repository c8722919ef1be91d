namespace Straja.Server.Hosting;

/// <summary>
/// The demo's ingest clock: scenario time, which runs <c>speed</c> times faster than the wall
/// clock from the scenario's start. Listeners stamp what they receive with it, so detections that
/// travel over loopback sockets and those handed over in-process share one timeline at any speed.
/// Timers stay on wall time (a 1 s live-feed period is 1 s for the operator).
/// </summary>
internal sealed class ScenarioClock(DateTimeOffset start, double speed, TimeProvider wall) : TimeProvider
{
    private readonly long _wallStart = wall.GetTimestamp();

    public DateTimeOffset Start { get; } = start;

    public override DateTimeOffset GetUtcNow() => Start + wall.GetElapsedTime(_wallStart) * speed;

    public override long GetTimestamp() => wall.GetTimestamp();

    public override long TimestampFrequency => wall.TimestampFrequency;
}
