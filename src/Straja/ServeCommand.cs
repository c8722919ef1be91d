using System.Net;
using Straja.Server;

namespace Straja.Cli;

/// <summary>
/// <c>straja serve</c>: the server for a real deployment: the sensors of a sensors file, the real listeners, no
/// simulator and no scenario. Everything else (console, API, store, journal, outputs, rules) is the demo's. Docs: docs/cli.md.
/// </summary>
internal static class ServeCommand
{
    private const string Usage = """
        usage: straja serve --sensors FILE [--urls URL] [--data DIR] [listeners] [outputs]

          --sensors FILE      the deployment's sensors and friendly ids (JSON; format in docs/cli.md)
          --urls URL          where the console and API listen (default http://127.0.0.1:8080)
          --data DIR          data directory: store, journal (default ./data)
        listeners (each off unless given; 0.0.0.0 listens on every interface):
          --beast-listen A    accept Beast feeds pushed by Mode S receivers, e.g. 0.0.0.0:30104
          --beast-connect A   connect to receivers' Beast outputs, e.g. 192.0.2.7:30005 (comma-separated)
          --asterix-listen A  receive ASTERIX CAT048/034 from radars over UDP, e.g. 0.0.0.0:8600
          --sapient-listen A  accept SAPIENT sensor nodes over TCP, e.g. 0.0.0.0:5020
          --remoteid-listen A receive the Remote ID receiver feed over UDP, e.g. 0.0.0.0:8700
        outputs and alerting, as for demo:
          --cot-udp A, --cot-interface I, --cot-tcp A, --rules FILE, --escalate-after S, --webhook URL
        The first start creates the account 'admin' and prints its password once (STRAJA_ADMIN_PASSWORD chooses it).
        exit code: 0 stopped cleanly; 2 could not start
        """;

    private static readonly string[] Listeners = ["beast-listen", "asterix-listen", "sapient-listen", "remoteid-listen"];

    public static int Run(string[] args) => Run(args, Console.Out, Console.Error, CancellationToken.None);

    /// <summary>Runs until Ctrl-C or until <paramref name="stop"/> is cancelled, then shuts down cleanly.</summary>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken stop) =>
        OfflineVerb.Run("serve", Usage, args, stdout, stderr, () =>
        {
            var flags = Flags.Parse(args, [.. Listeners, "sensors", "urls", "data", "beast-connect", "cot-udp", "cot-tcp", "cot-interface", "rules", "escalate-after", "webhook"]);
            string sensorsPath = flags.Get("sensors") ?? throw new UsageException("serve needs --sensors FILE (a real deployment's sensors; `straja demo` simulates its own)");
            var deployment = DeploymentFile.Load(sensorsPath);
            foreach (var name in Listeners)
            {
                // Port 0 (or none) would pick a port nobody is told of: a real sensor needs a fixed one.
                if (flags.Get(name) is { } address && !(IPEndPoint.TryParse(address, out var endpoint) && endpoint.Port > 0))
                    throw new UsageException($"option '--{name}': '{address}' is not an address:port such as 0.0.0.0:30104");
            }

            if (Listeners.All(n => flags.Get(n) is null) && flags.Get("beast-connect") is null)
                stderr.WriteLine("straja serve: no listener given: no sensor can reach this server (see --beast-listen, --asterix-listen, --sapient-listen, --remoteid-listen)");
            var options = Commands.ServerOptions(flags) with
            {
                Simulate = false,
                Scenario = "live",
                Sensors = deployment.Sensors,
                FriendlyIds = deployment.FriendlyIds,
                AdsbSensorId = deployment.AdsbSensorId,
                BeastListen = flags.Get("beast-listen"),
                AsterixListen = flags.Get("asterix-listen"),
                SapientListen = flags.Get("sapient-listen"),
                RemoteIdListen = flags.Get("remoteid-listen"),
            };
            return Commands.Host(options, $"{deployment.Sensors.Count} sensors from {sensorsPath}", stdout, stop);
        });
}
