using System.Text.Json;

namespace Straja.Protocols.Tests.Asterix;

/// <summary>The shared ASTERIX vector file (Vectors/asterix.json, sources in Vectors/asterix.SOURCES.md).</summary>
internal static class AsterixVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "asterix.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static JsonElement Vector(int index) => Root.GetProperty("vectors")[index];

    public static TheoryData<int> All()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Root.GetProperty("vectors").GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    /// <summary>Every data block of the file as bytes (block_hex fields).</summary>
    public static IEnumerable<byte[]> Blocks() =>
        Root.GetProperty("vectors").EnumerateArray()
            .Where(v => v.TryGetProperty("block_hex", out _))
            .Select(v => Convert.FromHexString(v.GetProperty("block_hex").GetString()!));

    /// <summary>The first CAT048 record of the file (FSPEC onwards).</summary>
    public static byte[] FirstCat048Record() =>
        Convert.FromHexString(Root.GetProperty("vectors").EnumerateArray()
            .First(v => v.GetProperty("category").ValueKind == JsonValueKind.Number && v.GetProperty("category").GetInt32() == 48 && v.TryGetProperty("record_hex", out _))
            .GetProperty("record_hex")[0].GetString()!);
}
