namespace Straja.Server;

/// <summary>How to run one Straja process. Defaults are the demo's.</summary>
public sealed record StrajaServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    public string DataDirectory { get; init; } = "data";
    /// <summary>A built-in scenario name or a path to a scenario file.</summary>
    public string Scenario { get; init; } = "eastern-border";
    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double Speed { get; init; } = 1;
    public int? Seed { get; init; }
    /// <summary>Scenario start (UTC); now by default, so the picture clock shows the real time at 1×.</summary>
    public DateTimeOffset? StartTime { get; init; }
    public double InnerZoneRadiusM { get; init; } = 5_000;
    public double OuterZoneRadiusM { get; init; } = 15_000;
    /// <summary>How often the live feed pushes the whole picture.</summary>
    public TimeSpan PicturePeriod { get; init; } = TimeSpan.FromSeconds(1);
    public static StrajaServerOptions Default { get; } = new();
}
