namespace Straja;

/// <summary>
/// The one spelling of each <see cref="TargetClass"/> outside the process: API, store, truth files.
/// These strings are frozen; renaming one would orphan recorded data.
/// </summary>
public static class TargetClassNames
{
    public static string ToWire(this TargetClass c) => c switch
    {
        TargetClass.Multirotor => "multirotor",
        TargetClass.FixedWing => "fixed-wing",
        TargetClass.Manned => "manned",
        TargetClass.Bird => "bird",
        TargetClass.Clutter => "clutter",
        _ => "unknown",
    };

    /// <summary>The class a wire name stands for; anything unrecognised is <see cref="TargetClass.Unknown"/>.</summary>
    public static TargetClass Parse(string wire) => wire switch
    {
        "multirotor" => TargetClass.Multirotor,
        "fixed-wing" => TargetClass.FixedWing,
        "manned" => TargetClass.Manned,
        "bird" => TargetClass.Bird,
        "clutter" => TargetClass.Clutter,
        _ => TargetClass.Unknown,
    };
}
