using System.Text;
using System.Text.Json;

namespace Straja.Protocols.Tests.Cot;

/// <summary>
/// The shared CoT/TAK vector file (snstac/takproto upstream vector, authored UAV events, CoTtypes.xml extracts;
/// sources in Vectors/cot_tak.SOURCES.md), copied into Vectors/.
/// </summary>
internal static class CotVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "cot_tak.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static JsonElement Upstream => Root.GetProperty("upstream_vector");

    public static IEnumerable<JsonElement> UavEvents => Root.GetProperty("authored_uav_examples").GetProperty("events").EnumerateArray();

    public static JsonElement UavEvent(string uid) => UavEvents.Single(e => e.GetProperty("expected").GetProperty("uid").GetString() == uid);

    public static TheoryData<string> UavUids() => new(UavEvents.Select(e => e.GetProperty("expected").GetProperty("uid").GetString()!));

    public static byte[] Utf8(JsonElement e, string property) => Encoding.UTF8.GetBytes(e.GetProperty(property).GetString()!);

    public static byte[] Hex(JsonElement e, string property) => Convert.FromHexString(e.GetProperty(property).GetString()!);
}
