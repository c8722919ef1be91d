using System.Globalization;
using Straja.Server;
using Straja.Sim;

namespace Straja.Cli;

/// <summary>The `straja` command line. Each verb parses its own flags and reports errors by name.</summary>
internal static class Commands
{
    private const string Usage = """
        usage: straja <command> [options]

        commands:
          demo      run the whole system on a simulated scenario with the web console
                      --urls URL        where to listen (default http://127.0.0.1:8080)
                      --data DIR        data directory: store, journal, ground truth (default ./data)
                      --scenario NAME   built-in scenario or scenario file (default eastern-border)
                      --speed N         simulated seconds per real second (default 1)
                      --seed N          override the scenario's random seed
                      --beast-listen A  accept Beast feeds from Mode S receivers (default 127.0.0.1:0, the simulator's)
                      --beast-connect A connect to receivers' Beast outputs, e.g. 192.0.2.7:30005 (comma-separated)
                      --asterix-listen A  receive ASTERIX CAT048/034 (radars) and CAT062 (trackers) over UDP (default 127.0.0.1:0, the simulator's)
                      --remoteid-listen A receive the Remote ID receiver feed over UDP (default 127.0.0.1:0, the simulator's)
                      --sapient-listen A  accept SAPIENT sensor nodes over TCP, e.g. 0.0.0.0:5020
                      --cot-udp A       send the picture as Cursor on Target over UDP, e.g. 239.2.3.1:6969
                      --cot-interface I the interface address for multicast CoT
                      --cot-tcp A       stream CoT XML to a TAK server, e.g. tak.example:8087
                      --rules FILE      alert rules (docs/alert-rules.md; default: the built-in ones)
                      --escalate-after S  escalate alerts unacknowledged for S seconds (default 300; 0: never)
                      --webhook URL     POST every alert change as signed JSON; the secret comes from
                                        STRAJA_WEBHOOK_SECRET (docs/alert-rules.md)
                    At the first start (no account in the data directory) it creates the account
                    'admin' and prints its random password once; set STRAJA_ADMIN_PASSWORD to
                    choose that password instead (scripted runs; it is not printed then).
          serve     the server for a real deployment: sensors from a file, real listeners, no simulator (straja serve --help)
          replay    re-run a data directory's detection journal through a fresh engine; print the alerts (straja replay --help)
          sim       run the simulator offline to a detections CSV and a truth CSV for track and eval (straja sim --help)
          scenarios list the built-in scenarios
          track     run the tracker offline on a detections CSV (straja track --help)
          bench     scenario benchmark of the 2D tracker (straja bench tracking --help)
          eval      score tracks against ground truth: OSPA, GOSPA, ID switches (straja eval --help)
          decode    decode sensor messages to JSON lines: modes, beast, avr, asterix, sapient, remoteid, cot (straja decode --help)
          encode    the reverse of decode where it makes sense (straja encode --help)
          registry  the joint-production registry: verify, import, export, summary (straja registry --help)
        """;

    private const string AdminPasswordVariable = "STRAJA_ADMIN_PASSWORD";

    public static int Run(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.Out.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            return args[0] switch
            {
                "demo" => Demo(Flags.Parse(args.AsSpan(1), "urls", "data", "scenario", "speed", "seed", "beast-listen", "beast-connect", "asterix-listen", "remoteid-listen", "sapient-listen", "cot-udp", "cot-tcp", "cot-interface", "rules", "escalate-after", "webhook")),
                "scenarios" => ListScenarios(),
                "eval" => EvalCommand.Run(args[1..]),
                "track" => TrackCommand.Run(args[1..]),
                "replay" => ReplayCommand.Run(args[1..]),
                "sim" => SimCommand.Run(args[1..]),
                "serve" => ServeCommand.Run(args[1..]),
                "bench" => BenchCommand.Run(args[1..]),
                "registry" => RegistryCommand.Run(args[1..]),
                "decode" => Straja.Cli.Decode.DecodeCommand.Run(args[1..]),
                "encode" => Straja.Cli.Decode.EncodeCommand.Run(args[1..]),
                _ => Fail($"unknown command '{args[0]}'\n\n{Usage}"),
            };
        }
        catch (UsageException e)
        {
            return Fail(e.Message);
        }
        catch (ScenarioException e)
        {
            return Fail($"scenario error: {e.Message}");
        }
        catch (Straja.Engine.Evaluation.Rules.RuleFileException e)
        {
            return Fail($"alert rules error: {e.Message}");
        }
        catch (ArgumentException e) when (e.Message.StartsWith("a webhook", StringComparison.Ordinal))
        {
            return Fail(e.Message);
        }
        catch (IOException e)
        {
            // Typically the port is taken or the data directory is not writable.
            return Fail(e.Message);
        }
    }

    private static int ListScenarios()
    {
        foreach (var name in Scenario.BuiltInNames)
            Console.Out.WriteLine(name);
        return 0;
    }

    private static int Demo(Flags flags)
    {
        var options = ServerOptions(flags) with
        {
            Scenario = flags.Get("scenario") ?? StrajaServerOptions.Default.Scenario,
            Speed = flags.GetDouble("speed", 1, min: 0.01, max: 1000),
            Seed = flags.Get("seed") is null ? null : (int)flags.GetDouble("seed", 0, int.MinValue, int.MaxValue),
            BeastListen = flags.Get("beast-listen") ?? StrajaServerOptions.Default.BeastListen,
            AsterixListen = flags.Get("asterix-listen") ?? StrajaServerOptions.Default.AsterixListen,
            RemoteIdListen = flags.Get("remoteid-listen") ?? StrajaServerOptions.Default.RemoteIdListen,
            SapientListen = flags.Get("sapient-listen") ?? StrajaServerOptions.Default.SapientListen,
        };
        return Host(options, $"scenario {options.Scenario}, {options.Speed.ToString(CultureInfo.InvariantCulture)}x", Console.Out, CancellationToken.None);
    }

    /// <summary>The options <c>demo</c> and <c>serve</c> share: where to listen and store, outputs, rules, escalation, webhook, first admin.</summary>
    internal static StrajaServerOptions ServerOptions(Flags flags) => StrajaServerOptions.Default with
    {
        Urls = flags.Get("urls") ?? StrajaServerOptions.Default.Urls,
        DataDirectory = flags.Get("data") ?? StrajaServerOptions.Default.DataDirectory,
        BeastConnect = flags.Get("beast-connect") is { } c ? [.. c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(HostAndPort)] : [],
        CotUdp = flags.Get("cot-udp"),
        CotTcp = flags.Get("cot-tcp"),
        CotMulticastInterface = flags.Get("cot-interface"),
        RulesFile = flags.Get("rules"),
        EscalateAfter = TimeSpan.FromSeconds(flags.GetDouble("escalate-after", 300, min: 0, max: 7 * 86_400)),
        Webhook = flags.Get("webhook"),
        // Like the admin password: a secret on the command line would show in `ps`.
        WebhookSecret = Environment.GetEnvironmentVariable("STRAJA_WEBHOOK_SECRET"),
        // An environment variable, not a flag: a flag's value is visible to every user in `ps` and shell history.
        InitialAdminPassword = AdminPasswordFromEnvironment(),
    };

    private static string HostAndPort(string target)
    {
        int colon = target.LastIndexOf(':');
        return colon > 0 && int.TryParse(target.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out int port) && port is > 0 and < 65536
            ? target
            : throw new UsageException($"option '--beast-connect': '{target}' is not host:port such as 192.0.2.7:30005");
    }

    /// <summary>Starts the server, prints the first admin's password (once) and the console address, and runs until Ctrl-C or <paramref name="stop"/>.</summary>
    internal static int Host(StrajaServerOptions options, string what, TextWriter stdout, CancellationToken stop)
    {
        var server = StrajaServer.StartAsync(options, stop).GetAwaiter().GetResult();
        if (server.InitialAdminPassword is { } password)
        {
            stdout.WriteLine(options.InitialAdminPassword is null
                ? $"First start: created account 'admin' with password {password}\n  (shown this once only: sign in and change it, or create named accounts)"
                : $"First start: created account 'admin' with the password from {AdminPasswordVariable}");
        }

        foreach (var url in server.Addresses)
            stdout.WriteLine($"Straja console: {url}   ({what}; Ctrl-C to stop)");
        server.WaitForShutdownAsync(stop).GetAwaiter().GetResult();
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static string? AdminPasswordFromEnvironment()
    {
        var password = Environment.GetEnvironmentVariable(AdminPasswordVariable);
        int min = Straja.Server.Auth.AccountPolicy.Default.MinPasswordLength;
        return string.IsNullOrEmpty(password) ? null
            : password.Length >= min ? password
            : throw new UsageException($"{AdminPasswordVariable}: at least {min} characters");
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"straja: {message}");
        return 2;
    }
}

internal sealed class UsageException(string message) : Exception(message);

/// <summary>`--name value` flags; an unknown flag or a missing value is a usage error naming it.</summary>
internal sealed class Flags
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Flags Parse(ReadOnlySpan<string> args, params string[] known)
    {
        var f = new Flags();
        for (int i = 0; i < args.Length; i++)
        {
            var a = args[i];
            if (!a.StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"unexpected argument '{a}'");
            var name = a[2..];
            string? value = null;
            int eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }

            if (Array.IndexOf(known, name) < 0)
                throw new UsageException($"unknown option '--{name}' (known: {string.Join(", ", known.Select(k => "--" + k))})");
            if (value is null)
            {
                if (i + 1 >= args.Length)
                    throw new UsageException($"option '--{name}' needs a value");
                value = args[++i];
            }

            f._values[name] = value;
        }

        return f;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    /// <summary>An ISO-8601 time; without an offset it is taken as UTC.</summary>
    public DateTimeOffset? GetTime(string name)
    {
        if (!_values.TryGetValue(name, out var s))
            return null;
        return DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t)
            ? t
            : throw new UsageException($"option '--{name}': '{s}' is not an ISO-8601 time such as 2026-11-27T10:00:00Z");
    }

    public double GetDouble(string name, double fallback, double min, double max)
    {
        if (!_values.TryGetValue(name, out var s))
            return fallback;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new UsageException($"option '--{name}': '{s}' is not a number");
        if (v < min || v > max)
            throw new UsageException($"option '--{name}': {s} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
        return v;
    }
}
