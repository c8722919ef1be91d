using System.Text;
using System.Text.Json;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>straja encode &lt;protocol&gt; &lt;file|-&gt; [--format hex|raw]</c>: the reverse of <c>decode</c>. Reads JSON objects
/// one per line in the shape <c>decode</c> prints and writes each message as a hex line that <c>decode --format hex</c>
/// reads back, or (raw) the messages' bytes back to back.
/// Lines that cannot be encoded are reported on stderr by line and field. What each protocol encodes: docs/decode.md.
/// </summary>
internal static class EncodeCommand
{
    private static string Usage => $"""
        usage: straja encode <protocol> <file|-> [--format hex|raw]

        reads one JSON object per line, in the shape `straja decode` prints, and writes one hex line per message
        (--format raw: the messages' bytes back to back on stdout, nothing else):
        {WireProtocols.Describe(encodableOnly: true)}
        error objects and blank lines are skipped; "offset", "line", "packet", "time", "src", "dst" are ignored.
        exit code: 0 all encoded; 1 some lines could not be encoded (listed on stderr); 2 usage error or unreadable file
        """;

    public static int Run(string[] args) => Run(args, Console.OpenStandardInput, Console.Out, Console.Error, Console.OpenStandardOutput);

    internal static int Run(string[] args, Func<Stream> stdin, TextWriter stdout, TextWriter stderr) =>
        Run(args, stdin, stdout, stderr, () => throw new UsageException("--format raw needs a binary stdout"));

    internal static int Run(string[] args, Func<Stream> stdin, TextWriter stdout, TextWriter stderr, Func<Stream> binaryStdout) =>
        OfflineVerb.Run("encode", Usage, args, stdout, stderr, () =>
        {
            var (positional, flags) = Arguments.Split(args, "format");
            if (positional.Count != 2)
            {
                throw new UsageException("encode needs a protocol and a file (or - for stdin)");
            }

            bool raw = flags.Get("format") switch
            {
                null or "hex" => false,
                "raw" => true,
                var other => throw new UsageException($"unknown output format '{other}' (hex, raw)"),
            };
            // Raw bytes go to the stream itself: a TextWriter would re-encode them as characters.
            using var rawOut = raw ? binaryStdout() : null;

            var protocol = Arguments.Protocol(positional[0], encodeOnly: true);
            string name = positional[1] == "-" ? "stdin" : positional[1];
            var problems = new List<CsvProblem>();
            int number = 0;
            using var reader = new StringReader(Encoding.UTF8.GetString(Arguments.ReadInput(positional[1], stdin)));
            for (string? line; (line = reader.ReadLine()) is not null;)
            {
                number++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                if (!TryEncodeLine(protocol, line, out var bytes, out string field, out string error))
                {
                    problems.Add(new CsvProblem(name, number, field, error));
                }
                else if (rawOut is not null)
                {
                    rawOut.Write(bytes);
                }
                else if (bytes.Length > 0)
                {
                    stdout.WriteLine(protocol.EncodesText ? Encoding.UTF8.GetString(bytes).TrimEnd('\n') : Convert.ToHexString(bytes));
                }
            }

            OfflineVerb.Report("encode", problems, stderr);
            return problems.Count == 0 ? 0 : 1;
        });

    /// <summary>One line; an error object from <c>decode</c> gives no bytes and no problem.</summary>
    internal static bool TryEncodeLine(WireProtocol protocol, string line, out byte[] bytes, out string field, out string error)
    {
        bytes = [];
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            field = "(line)";
            error = $"not JSON: {e.Message}";
            return false;
        }

        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                field = "(line)";
                error = "not a JSON object";
                return false;
            }

            // decode's error objects carry a string; a SAPIENT Error message has an "error" object and is encoded.
            if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
            {
                field = error = "";
                return true;
            }

            return protocol.TryEncode(root, out bytes, out field, out error);
        }
    }
}
