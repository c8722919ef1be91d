namespace Straja.Server;

/// <summary>How to run one Straja process. Defaults are the demo's.</summary>
public sealed record StrajaServerOptions
{
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    public string DataDirectory { get; init; } = "data";
    /// <summary>A built-in scenario name or a path to a scenario file.</summary>
    public string Scenario { get; init; } = "eastern-border";
    /// <summary>Simulated seconds per wall-clock second.</summary>
    public double Speed { get; init; } = 1;
    public int? Seed { get; init; }
    /// <summary>Scenario start (UTC); now by default, so the picture clock shows the real time at 1×.</summary>
    public DateTimeOffset? StartTime { get; init; }
    public double InnerZoneRadiusM { get; init; } = 5_000;
    public double OuterZoneRadiusM { get; init; } = 15_000;
    /// <summary>How often the live feed pushes the whole picture.</summary>
    public TimeSpan PicturePeriod { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// Where to accept Beast feeds pushed by Mode S receivers ("127.0.0.1:30104"); port 0 picks one.
    /// The demo's simulated aircraft arrive this way. Null: no Beast port.
    /// </summary>
    public string? BeastListen { get; init; } = "127.0.0.1:0";
    /// <summary>
    /// Where to receive ASTERIX (CAT048 plots, CAT034 service messages) from radars over UDP
    /// ("0.0.0.0:8600"); port 0 picks one. The demo's simulated radars send here. Null: none.
    /// </summary>
    public string? AsterixListen { get; init; } = "127.0.0.1:0";
    /// <summary>
    /// Where to receive the Straja Remote ID receiver feed over UDP (docs/protocols/remoteid.md), e.g. "0.0.0.0:8700";
    /// port 0 picks one. The demo's simulated drones broadcast here. Null: none.
    /// </summary>
    public string? RemoteIdListen { get; init; } = "127.0.0.1:0";
    /// <summary>How often the engine's copy of the registry is refreshed from the registry store.</summary>
    public TimeSpan RegistryRefresh { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>
    /// Where SAPIENT sensor nodes connect (BSI Flex 335 v2.0 over TCP), e.g. "0.0.0.0:5020"; port 0 picks one;
    /// null: none. Nodes are accepted by the node_id configured for their sensor. The demo's simulated RF,
    /// acoustic and camera nodes connect here.
    /// </summary>
    public string? SapientListen { get; init; } = "127.0.0.1:0";
    /// <summary>This fusion node's SAPIENT node_id (a UUID).</summary>
    public string SapientNodeId { get; init; } = "5f3c8e0a-7d4b-4e21-9c6a-2b1d0e9f8a77";
    /// <summary>A multicast group to join for ASTERIX, when radars multicast (e.g. "239.1.1.1").</summary>
    public string? AsterixMulticastGroup { get; init; }
    /// <summary>Send the picture as Cursor on Target over UDP to this address:port (e.g. the TAK multicast "239.2.3.1:6969"); null: off.</summary>
    public string? CotUdp { get; init; }
    /// <summary>The interface address multicast CoT leaves by (e.g. "127.0.0.1" to keep it on this machine).</summary>
    public string? CotMulticastInterface { get; init; }
    /// <summary>Stream the picture as CoT XML to a TAK server's TCP input ("host:8087"); null: off.</summary>
    public string? CotTcp { get; init; }
    /// <summary>Receivers whose Beast output to connect to ("host:30005"), reconnecting with back-off.</summary>
    public IReadOnlyList<string> BeastConnect { get; init; } = [];
    /// <summary>The sensor id that Beast feeds report as; by default the scenario's first cooperative receiver.</summary>
    public string? AdsbSensorId { get; init; }
    /// <summary>Lock-out, session and password rules (docs/security.md).</summary>
    public Auth.AccountPolicy Accounts { get; init; } = Auth.AccountPolicy.Default;
    /// <summary>The clock of lock-outs, sessions and the audit: real UTC unless a test gives a fake one (never scenario time).</summary>
    public TimeProvider? AccountClock { get; init; }
    /// <summary>The first admin's password when the store has no account yet; null: a random one (see <see cref="StrajaServer.InitialAdminPassword"/>).</summary>
    public string? InitialAdminPassword { get; init; }
    /// <summary>An open alert left unacknowledged this long escalates once (severity up a step, sent again); zero: never.</summary>
    public TimeSpan EscalateAfter { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>POST every alert change as JSON to this URL (docs/alert-rules.md, Webhook); null: off.</summary>
    public string? Webhook { get; init; }
    /// <summary>The webhook's shared signing secret (required with <see cref="Webhook"/>).</summary>
    public string? WebhookSecret { get; init; }
    /// <summary>An alert-rules JSON file (docs/alert-rules.md); null: the built-in defaults. PUT /api/rules rewrites it.</summary>
    public string? RulesFile { get; init; }
    /// <summary>Anonymous field reports accepted per address per <see cref="AnonymousReportWindow"/>.</summary>
    public int AnonymousReportsPerWindow { get; init; } = 5;
    public TimeSpan AnonymousReportWindow { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>A field report shows in the live picture this long after its time (docs/operations.md, Observations).</summary>
    public TimeSpan FieldReportLiveFor { get; init; } = TimeSpan.FromMinutes(15);
    /// <summary>
    /// True (the demo): the scenario's simulated sensors feed the listeners. False (a real deployment, `straja serve`):
    /// no simulator and no scenario; the sensors are <see cref="Sensors"/> and only real feeds arrive.
    /// </summary>
    public bool Simulate { get; init; } = true;
    /// <summary>The deployment's sensors when <see cref="Simulate"/> is false (ignored otherwise: the scenario's are used).</summary>
    public IReadOnlyList<SensorDescriptor> Sensors { get; init; } = [];
    /// <summary>Cooperative ids trusted as friendly when <see cref="Simulate"/> is false ("ICAO:4B1812"); the scenario's otherwise.</summary>
    public IReadOnlyList<string> FriendlyIds { get; init; } = [];
    public static StrajaServerOptions Default { get; } = new();
}
