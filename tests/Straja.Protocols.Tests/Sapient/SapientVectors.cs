using System.Text.Json;

namespace Straja.Protocols.Tests.Sapient;

/// <summary>
/// The shared SAPIENT vector file (dstl/BSI-Flex-335-v2-Test-Harness samples, Apache-2.0, Crown copyright;
/// source and commit recorded inside it), copied into Vectors/.
/// </summary>
internal static class SapientVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "sapient_bsi_flex_335_v2.json"))));

    private static JsonElement Section(string name) => Doc.Value.RootElement.GetProperty(name);

    public static TheoryData<string> Names(string section) => new(AllNames(section));

    public static IEnumerable<string> AllNames(string section) =>
        Section(section).EnumerateArray().Select(e => e.GetProperty("name").GetString()!);

    public static JsonElement Get(string section, string name)
    {
        foreach (JsonElement e in Section(section).EnumerateArray())
        {
            if (e.GetProperty("name").GetString() == name)
            {
                return e;
            }
        }

        throw new KeyNotFoundException(name);
    }

    public static string MessageJson(JsonElement vector)
    {
        JsonElement m = vector.GetProperty("message_json");
        return m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText();
    }

    public static byte[]? Hex(JsonElement vector, string property) =>
        vector.TryGetProperty(property, out JsonElement h) && h.ValueKind == JsonValueKind.String
            ? Convert.FromHexString(h.GetString()!)
            : null;
}
