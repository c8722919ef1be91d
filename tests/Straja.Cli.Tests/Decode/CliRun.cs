using System.Text;
using System.Text.Json;
using Straja.Cli.Decode;

namespace Straja.Cli.Tests.Decode;

/// <summary>What one run of a verb printed.</summary>
internal sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>Every stdout line parsed as JSON (each must be one object).</summary>
    public IReadOnlyList<JsonElement> Objects =>
    [
        .. Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement),
    ];

    public IReadOnlyList<JsonElement> Messages => [.. Objects.Where(o => !IsError(o))];

    // A SAPIENT Error message has an "error" object of its own; decode's error objects carry a string.
    public IReadOnlyList<JsonElement> Errors => [.. Objects.Where(IsError)];

    private static bool IsError(JsonElement o) => o.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String;

    public string[] Lines => Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

/// <summary>Runs <c>decode</c> and <c>encode</c> through their command-line entry points, input on stdin.</summary>
internal static class CliRun
{
    public static CliResult Decode(byte[] input, params string[] args) => Run(DecodeCommand.Run, input, args);

    public static CliResult Decode(string text, params string[] args) => Decode(Encoding.UTF8.GetBytes(text), args);

    public static CliResult Encode(string text, params string[] args) => Run(EncodeCommand.Run, Encoding.UTF8.GetBytes(text), args);

    /// <summary>Decodes <paramref name="input"/> and encodes the result again: decode's output is encode's input.</summary>
    public static CliResult DecodeThenEncode(string protocol, string hexLines)
    {
        var decoded = Decode(hexLines, protocol, "-");
        Assert.Equal(0, decoded.ExitCode);
        return Encode(decoded.Stdout, protocol, "-");
    }

    private static CliResult Run(Func<string[], Func<Stream>, TextWriter, TextWriter, int> verb, byte[] input, string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = verb(args, () => new MemoryStream(input), stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>The shared vectors as copied into the protocol tests (tests/Straja.Protocols.Tests/Vectors), read in place.</summary>
internal static class VectorFiles
{
    private static readonly Lazy<string> Directory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "tests", "Straja.Protocols.Tests", "Vectors");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("tests/Straja.Protocols.Tests/Vectors not found above " + AppContext.BaseDirectory);
    });

    public static JsonElement Load(string name) => JsonDocument.Parse(File.ReadAllText(Path.Combine(Directory.Value, name))).RootElement;
}
