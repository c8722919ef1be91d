using Straja.Cli.Decode.Pcap;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>straja decode &lt;protocol&gt; &lt;file|-&gt;</c>: prints every message of a file or stdin as one JSON object a
/// line, and every bad message as an error object, going on with the next. Formats and examples: docs/decode.md.
/// </summary>
internal static class DecodeCommand
{
    private static string Usage => $"""
        usage: straja decode <protocol> <file|-> [--format hex|raw|pcap] [--port N]

        protocols and formats (the first is the default):
        {WireProtocols.Describe(encodableOnly: false)}

          --format hex    one message per line as hexadecimal ('#' lines and blank lines skipped)
          --format raw    the bytes as the protocol sends them
          --format pcap   a libpcap capture (Ethernet, raw IP, Linux cooked; IPv4/IPv6; UDP or TCP)
          --port N        with pcap: only traffic to or from this UDP/TCP port
        output: one JSON object per message, then "offset" (and "line", or "packet", "time", "src", "dst");
                errors as objects with "error" and the same context fields
        exit code: 0 all decoded; 1 some input was bad (error objects printed); 2 usage error or unreadable file
        """;

    public static int Run(string[] args) => Run(args, Console.OpenStandardInput, Console.Out, Console.Error);

    internal static int Run(string[] args, Func<Stream> stdin, TextWriter stdout, TextWriter stderr) =>
        OfflineVerb.Run("decode", Usage, args, stdout, stderr, () =>
        {
            var (positional, flags) = Arguments.Split(args, "format", "port");
            if (positional.Count != 2)
            {
                throw new UsageException("decode needs a protocol and a file (or - for stdin)");
            }

            var protocol = Arguments.Protocol(positional[0], encodeOnly: false);
            var format = protocol.Formats[0];
            if (flags.Get("format") is { } f)
            {
                format = Enum.TryParse<InputFormat>(f, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(f, out _)
                    ? parsed
                    : throw new UsageException($"unknown format '{f}' (hex, raw, pcap)");
                if (!protocol.Formats.Contains(format))
                {
                    throw new UsageException($"{protocol.Name} does not read --format {f}; it reads {string.Join(", ", protocol.Formats.Select(WireProtocols.FormatName))}");
                }
            }

            int? port = flags.Get("port") is null ? null : (int)flags.GetDouble("port", 0, 0, 65535);
            if (port is not null && format != InputFormat.Pcap)
            {
                throw new UsageException("--port applies to --format pcap only");
            }

            byte[] input = Arguments.ReadInput(positional[1], stdin);
            var output = new JsonLines(stdout);
            Decode(protocol, format, port, input, output);
            return output.Errors == 0 ? 0 : 1;
        });

    internal static void Decode(WireProtocol protocol, InputFormat format, int? port, byte[] input, JsonLines output)
    {
        switch (format)
        {
            case InputFormat.Hex:
                foreach (var line in HexLines.Read(input))
                {
                    output.Origin = new Origin(0, Line: line.Number);
                    if (line.Bytes is null)
                    {
                        output.Error(0, line.Error!);
                    }
                    else
                    {
                        protocol.DecodeUnit(line.Bytes, output);
                    }
                }

                break;
            case InputFormat.Raw:
                output.Origin = new Origin(0);
                protocol.DecodeStream(input, final: true, output, out _);
                break;
            case InputFormat.Pcap:
                CaptureInput.Decode(input, protocol, port, output);
                break;
        }
    }
}

/// <summary>Command-line pieces that <c>decode</c> and <c>encode</c> share.</summary>
internal static class Arguments
{
    /// <summary>Separates positional arguments from <c>--name value</c> flags, which may come in any order.</summary>
    public static (List<string> Positional, Flags Flags) Split(string[] args, params string[] known)
    {
        var positional = new List<string>();
        var flagArgs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                flagArgs.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                {
                    flagArgs.Add(args[++i]);
                }
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return (positional, Flags.Parse(flagArgs.ToArray(), known));
    }

    public static WireProtocol Protocol(string name, bool encodeOnly)
    {
        var protocol = WireProtocols.Create(name);
        if (protocol is null || (encodeOnly && !protocol.CanEncode))
        {
            throw new UsageException($"unknown protocol '{name}'");
        }

        return protocol;
    }

    /// <summary>The whole input: offline files are small next to memory, and a capture must be seen whole to reorder TCP.</summary>
    public static byte[] ReadInput(string path, Func<Stream> stdin)
    {
        if (path != "-")
        {
            return File.ReadAllBytes(path);
        }

        using var s = stdin();
        using var copy = new MemoryStream();
        s.CopyTo(copy);
        return copy.ToArray();
    }

}
