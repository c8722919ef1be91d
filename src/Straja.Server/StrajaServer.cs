using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Straja.Engine.Fusion;
using Straja.Engine.Runtime;
using Straja.Geo.Zones;
using Straja.Registry;
using Straja.Server.Apis;
using Straja.Server.Auth;
using Straja.Server.Hosting;
using Straja.Sim;
using Straja.Storage;

namespace Straja.Server;

/// <summary>
/// One Straja process as a library: the `straja` command, the tests and the benchmarks all host
/// this same class. It composes store, journal, bus, engine, simulator, API, live feed and console.
/// </summary>
public sealed class StrajaServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StrajaServer(WebApplication app, string? initialAdminPassword)
    {
        _app = app;
        InitialAdminPassword = initialAdminPassword;
    }

    /// <summary>
    /// The password of the "admin" account created on this start because the store had no account; null
    /// on every later start. The caller shows it once: it is not stored anywhere but as a hash.
    /// </summary>
    public string? InitialAdminPassword { get; }

    /// <summary>The addresses Kestrel actually bound (a port of 0 becomes the real port).</summary>
    public IReadOnlyList<string> Addresses =>
        _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the server. A bad scenario throws <see cref="ScenarioException"/> before anything starts.</summary>
    public static async Task<StrajaServer> StartAsync(StrajaServerOptions options, CancellationToken cancellationToken = default)
    {
        var scenario = !options.Simulate ? null
            : File.Exists(options.Scenario) ? Scenario.Load(options.Scenario) : Scenario.BuiltIn(options.Scenario);
        Directory.CreateDirectory(options.DataDirectory);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = Environments.Production,
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.ConfigureHttpJsonOptions(_ => { });
        builder.Services.AddRequestProblems();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Straja";
            doc.Info.Description = "Counter-drone situational awareness: air picture, alerts, zones, sensors, the registry of friendly drones.";
            return Task.CompletedTask;
        }));

        var start = options.StartTime ?? TimeProvider.System.GetUtcNow();
        var clock = new ScenarioClock(start, options.Speed, TimeProvider.System);
        var simulation = scenario is null ? null : new Simulation(scenario, start, options.Seed);
        var store = new SqliteStore(Path.Combine(options.DataDirectory, "straja.db"));
        // Each simulated radar speaks ASTERIX as SAC 25 (an arbitrary system area code) with its own SIC;
        // RF, acoustic and camera sensors are SAPIENT nodes with a node_id derived from their sensor id.
        var sensors = simulation is null ? [.. options.Sensors] : simulation.Sensors
            .Select((s, i) => s.Kind == SensorKind.Radar ? s with { AsterixSource = (25, (byte)(i + 1)) } : s)
            .Select(s => Straja.Sim.Emitters.SapientNodeEmitter.SpeaksSapient(s.Kind) && s.SapientNodeId is null
                ? s with { SapientNodeId = Straja.Sim.Emitters.SapientNodeEmitter.NodeIdFor(s.Id) } : s)
            .ToList();
        options = options with
        {
            AdsbSensorId = options.AdsbSensorId ?? sensors.FirstOrDefault(s => s.Kind == SensorKind.Cooperative)?.Id ?? "adsb",
        };
        var origin = SectorOrigin(sensors);
        // Zones live in their own zones_* tables; the default sites and refuelling area are seeded once (docs/zones.md).
        var zoneStore = new ZoneStore(Path.Combine(options.DataDirectory, "straja.db"),
            ZoneCatalog.Defaults(options.InnerZoneRadiusM, options.OuterZoneRadiusM), start);
        // The registry keeps its own registry_* tables in the same file (docs/registry.md, Persistence).
        var registryStore = new RegistryStore(Path.Combine(options.DataDirectory, "straja.db"));
        DemoRegistry.Seed(registryStore, scenario?.RegisteredUnits ?? [], start);
        var registry = new RegistryService(registryStore);
        var (ruleSource, rules) = RuleSource.Load(options.RulesFile);
        if (options.Webhook is not null && string.IsNullOrEmpty(options.WebhookSecret))
            throw new ArgumentException("a webhook needs a signing secret (--webhook-secret or STRAJA_WEBHOOK_SECRET)");
        var engine = new FusionEngine(origin, sensors, start, FusionOptions.Default with
        {
            Rules = rules,
            FriendlyIds = (scenario?.FriendlyIds ?? options.FriendlyIds).ToArray(),
            InnerZoneRadiusM = options.InnerZoneRadiusM,
            OuterZoneRadiusM = options.OuterZoneRadiusM,
            TrackNumberBase = store.MaxTrackNumber(),
            Zones = zoneStore.Snapshot(),
            Registry = RegistryRefresh.ViewOf(registry),
            Observations = Straja.Engine.FieldReports.ObservationOptions.Default with { LiveFor = options.FieldReportLiveFor },
        });
        var journal = new DetectionJournal(Path.Combine(options.DataDirectory, "journal"));
        var service = new EngineService(engine, journal, store, new InProcessBus());
        // Accounts, tokens and the request audit keep their own auth_* tables in the same file (docs/security.md).
        var accountStore = new AccountStore(Path.Combine(options.DataDirectory, "straja.db"));
        var accounts = new AccountService(accountStore, options.Accounts, options.AccountClock ?? TimeProvider.System);
        string? initialAdminPassword = accounts.EnsureInitialAdmin(options.InitialAdminPassword);
        builder.Services.AddStrajaAuth(accounts, Path.Combine(options.DataDirectory, "keys"));

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(clock);
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddSingleton<Straja.Ingest.IngestCounters>();
        builder.Services.AddSingleton<IngestHost>();
        builder.Services.AddSingleton(new Straja.Ingest.Feeds.SapientNodes(sensors, options.SapientNodeId, options.Seed ?? 0));
        if (simulation is not null)
            builder.Services.AddSingleton(simulation);
        builder.Services.AddSingleton<IAirPictureStore>(store);
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton(zoneStore);
        builder.Services.AddSingleton(ruleSource);
        // Field reports keep their own field_reports table in the same file (docs/operations.md).
        var fieldReports = new FieldReportStore(Path.Combine(options.DataDirectory, "straja.db"));
        builder.Services.AddSingleton(fieldReports);
        // Reports still live go back into the picture; the loop takes them before any detection.
        await service.ReportAsync(FieldReportsApi.Recent(fieldReports, start, options.FieldReportLiveFor), start, cancellationToken).ConfigureAwait(false);
        var incidents = new IncidentStore(Path.Combine(options.DataDirectory, "straja.db"));
        builder.Services.AddSingleton(incidents);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = 429;
            // Anonymous reports: a few per address per window, so one phone cannot flood the picture.
            // Signed-in reporters are accountable and not limited.
            o.AddPolicy(FieldReportsApi.RateLimitPolicy, ctx => ctx.User.Identity?.IsAuthenticated == true
                ? System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("signed-in")
                : System.Threading.RateLimiting.RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new System.Threading.RateLimiting.FixedWindowRateLimiterOptions
                    {
                        PermitLimit = options.AnonymousReportsPerWindow,
                        Window = options.AnonymousReportWindow,
                        QueueLimit = 0,
                    }));
        });
        builder.Services.AddSingleton<LiveFeed>();
        builder.Services.AddHostedService<EngineLoop>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LiveFeed>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<IngestHost>());
        if (simulation is not null)
            builder.Services.AddHostedService<SimulationFeeder>();
        builder.Services.AddHostedService<CotOutput>();
        builder.Services.AddHostedService<RegistryRefresh>();
        builder.Services.AddHostedService<AlertEscalation>();
        builder.Services.AddSingleton<WebhookOutput>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookOutput>());
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        var app = builder.Build();
        app.UseRequestProblems();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(15) });
        var console = Path.Combine(AppContext.BaseDirectory, "console");
        if (Directory.Exists(console))
        {
            var files = new PhysicalFileProvider(console);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            var types = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider();
            types.Mappings[".js"] = "text/javascript";
            types.Mappings[".map"] = "application/json";
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = files,
                ContentTypeProvider = types,
                // Bundles keep their names between releases: make the browser revalidate.
                OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
            });
        }

        app.UseStrajaAuth();
        app.UseRateLimiter();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapAccountsApi();
        app.MapPictureApi();
        app.MapAlertsApi();
        app.MapGeoApi();
        app.MapRegistryApi();
        app.MapSensorsApi();
        app.MapZonesApi();
        app.MapRulesApi();
        app.MapFieldReportsApi();
        app.MapIncidentsApi();
        app.MapReplayApi();
        app.Map("/api/live", (Microsoft.AspNetCore.Http.HttpContext ctx, LiveFeed feed) => feed.AcceptAsync(ctx));
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            service.Dispose();
            store.Dispose();
            registryStore.Dispose();
            fieldReports.Dispose();
            incidents.Dispose();
            zoneStore.Dispose();
            accountStore.Dispose();
        });

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        return new StrajaServer(app, initialAdminPassword);
    }

    /// <summary>The sector's ENU origin: the centroid of its sensors, so no sensor is far off the tangent plane.</summary>
    internal static GeoPoint SectorOrigin(IReadOnlyList<SensorDescriptor> sensors) =>
        sensors.Count == 0
            ? new GeoPoint(45.0, 28.5)
            : new GeoPoint(sensors.Average(s => s.Position.LatDeg), sensors.Average(s => s.Position.LonDeg), 0);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => _app.WaitForShutdownAsync(cancellationToken);

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);
}
