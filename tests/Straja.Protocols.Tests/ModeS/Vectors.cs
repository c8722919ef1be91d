using System.Text.Json;

namespace Straja.Protocols.Tests.ModeS;

/// <summary>The shared Mode S vector file, copied into Vectors/ with its source notes.</summary>
internal static class Vectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "modes_adsb_1090es.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);

    public static TheoryData<int> Indices(params string[] path)
    {
        JsonElement e = Root;
        foreach (string p in path)
        {
            e = e.GetProperty(p);
        }

        var data = new TheoryData<int>();
        for (int i = 0; i < e.GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }

    public static JsonElement At(int index, params string[] path)
    {
        JsonElement e = Root;
        foreach (string p in path)
        {
            e = e.GetProperty(p);
        }

        return e[index];
    }
}
