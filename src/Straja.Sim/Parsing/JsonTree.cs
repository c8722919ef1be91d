using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Straja.Sim.Parsing;

internal enum JKind
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
}

/// <summary>
/// A parsed JSON value that remembers its line and path. JsonDocument keeps neither in a public
/// form, and a scenario author needs both to find a mistake.
/// </summary>
internal sealed class JNode
{
    public required JKind Kind { get; init; }
    public required long Line { get; init; }
    public required string Path { get; init; }

    /// <summary>Raw token text for scalars (numbers keep their spelling for messages).</summary>
    public string Text { get; init; } = "";
    public double Number { get; init; }
    public bool Bool { get; init; }
    public List<(string Name, JNode Value)> Members { get; } = [];
    public List<JNode> Items { get; } = [];

    public string Describe() => Kind switch
    {
        JKind.String => $"string \"{Text}\"",
        JKind.Number => $"number {Text}",
        JKind.Bool => Bool ? "true" : "false",
        JKind.Null => "null",
        JKind.Array => "an array",
        _ => "an object",
    };
}

internal static class JsonTree
{
    private static readonly JsonReaderOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Parses <paramref name="json"/>; malformed text becomes a <see cref="ScenarioException"/> with its line.</summary>
    public static JNode Parse(string json, string sourceName)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, Options);
        try
        {
            if (!reader.Read())
            {
                throw new ScenarioException(sourceName, 1, null, "the file is empty");
            }

            var root = ReadValue(ref reader, "", lineStarts, sourceName);
            if (reader.Read())
            {
                throw new ScenarioException(sourceName, LineOf(reader.TokenStartIndex, lineStarts), null, "unexpected content after the top-level object");
            }

            return root;
        }
        catch (JsonException e)
        {
            // JsonException.LineNumber is zero-based; people count from one.
            long? line = e.LineNumber is { } l ? l + 1 : null;
            throw new ScenarioException(sourceName, line, null, "malformed JSON: " + FirstSentence(e.Message), e);
        }
    }

    private static JNode ReadValue(ref Utf8JsonReader reader, string path, List<long> lineStarts, string sourceName)
    {
        long line = LineOf(reader.TokenStartIndex, lineStarts);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
            {
                var node = new JNode { Kind = JKind.Object, Line = line, Path = path };
                var seen = new HashSet<string>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    string name = reader.GetString()!;
                    long nameLine = LineOf(reader.TokenStartIndex, lineStarts);
                    string childPath = path.Length == 0 ? name : path + "." + name;
                    if (!seen.Add(name))
                    {
                        throw new ScenarioException(sourceName, nameLine, childPath, "duplicate field");
                    }

                    reader.Read();
                    node.Members.Add((name, ReadValue(ref reader, childPath, lineStarts, sourceName)));
                }

                return node;
            }

            case JsonTokenType.StartArray:
            {
                var node = new JNode { Kind = JKind.Array, Line = line, Path = path };
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    string childPath = string.Create(CultureInfo.InvariantCulture, $"{path}[{node.Items.Count}]");
                    node.Items.Add(ReadValue(ref reader, childPath, lineStarts, sourceName));
                }

                return node;
            }

            case JsonTokenType.String:
                return new JNode { Kind = JKind.String, Line = line, Path = path, Text = reader.GetString()! };
            case JsonTokenType.Number:
            {
                string text = Encoding.UTF8.GetString(reader.ValueSpan);
                if (!reader.TryGetDouble(out double value) || !double.IsFinite(value))
                {
                    throw new ScenarioException(sourceName, line, path, $"number out of range (got {text})");
                }

                return new JNode { Kind = JKind.Number, Line = line, Path = path, Text = text, Number = value };
            }

            case JsonTokenType.True:
            case JsonTokenType.False:
                return new JNode { Kind = JKind.Bool, Line = line, Path = path, Bool = reader.TokenType == JsonTokenType.True };
            default:
                return new JNode { Kind = JKind.Null, Line = line, Path = path };
        }
    }

    private static List<long> LineStarts(byte[] bytes)
    {
        var starts = new List<long> { 0 };
        for (int i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                starts.Add(i + 1);
            }
        }

        return starts;
    }

    private static long LineOf(long byteOffset, List<long> lineStarts)
    {
        int i = lineStarts.BinarySearch(byteOffset);
        return (i >= 0 ? i : ~i - 1) + 1;
    }

    private static string FirstSentence(string message)
    {
        // The reader's message repeats the position ("LineNumber: 3 | BytePositionInLine: 7."); our prefix says it already.
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd();
    }
}
