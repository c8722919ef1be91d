using System.Text.Json;
using Straja.Protocols.RemoteId;

namespace Straja.Protocols.Tests.RemoteId;

/// <summary>The shared Remote ID vector file, copied into Vectors/ with its source notes.</summary>
internal static class RemoteIdVectors
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Vectors", "remoteid_opendroneid.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static JsonElement Message(int i) => Root.GetProperty("messages")[i];

    public static JsonElement Frame(int i) => Root.GetProperty("frames")[i];

    public static TheoryData<int> MessageIndices() => Indices("messages");

    public static TheoryData<int> FrameIndices() => Indices("frames");

    public static IEnumerable<byte[]> AllMessageBytes() =>
        Root.GetProperty("messages").EnumerateArray().Select(m => Convert.FromHexString(m.GetProperty("message_hex").GetString()!));

    public static IEnumerable<byte[]> AllPacks() =>
        Root.GetProperty("frames").EnumerateArray().Select(f => Convert.FromHexString(f.GetProperty("odid_payload_hex").GetString()!));

    /// <summary>The carrier a frame's transport names; HCI captures say in their variable name which Bluetooth.</summary>
    public static CarrierKind KindOf(JsonElement frame)
    {
        string transport = frame.GetProperty("transport").GetString()!;
        string variable = frame.GetProperty("source").TryGetProperty("variable", out var v) ? v.GetString()! : "";
        return transport switch
        {
            _ when transport.StartsWith("bluetooth", StringComparison.Ordinal) =>
                variable.Contains("bt4", StringComparison.Ordinal) ? CarrierKind.BluetoothLegacy : CarrierKind.BluetoothLongRange,
            _ when transport.StartsWith("wifi_beacon", StringComparison.Ordinal) => CarrierKind.WifiBeacon,
            _ when transport.StartsWith("wifi_nan", StringComparison.Ordinal) => CarrierKind.WifiNan,
            _ => throw new InvalidDataException($"unknown transport {transport}"),
        };
    }

    private static TheoryData<int> Indices(string name)
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Root.GetProperty(name).GetArrayLength(); i++)
        {
            data.Add(i);
        }

        return data;
    }
}
