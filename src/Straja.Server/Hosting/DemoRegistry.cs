using Straja.Registry;
using Straja.Sim;

namespace Straja.Server.Hosting;

/// <summary>
/// Puts the scenario's programme units into the registry the first time a data directory is used: one production
/// site, model and batch, then each unit through its real lifecycle (registered, accepted with its key, allocated,
/// delivered, in service, and lost where the scenario says so). Idempotent: a unit already registered is left as it is.
/// </summary>
internal static class DemoRegistry
{
    public const string SiteId = "site-ro-bacau";
    public const string ModelId = "model-sokil-4";
    public const string BatchId = "batch-2026-01";
    private const string Actor = "demo-seed";

    public static void Seed(RegistryStore store, IReadOnlyList<RegisteredUnitSpec> units, DateTimeOffset at)
    {
        if (units.Count == 0)
            return;
        var registry = new RegistryService(store);
        var by = new ChangeBy(Actor, at);
        if (!registry.Sites().Any(s => s.Id == SiteId))
            registry.AddSite(new ProductionSite(SiteId, "Bacău joint production line", ProductionCountry.RO, "RO-UA joint venture"), by);
        if (!registry.Models().Any(m => m.Id == ModelId))
        {
            registry.AddModel(new DroneModel(ModelId, "Sokil-4", DroneKind.Multirotor, 6.5, 45,
                [new RadioBand(2400, 2483.5), new RadioBand(5725, 5850)], BroadcastsRemoteId: true), by);
        }

        if (!registry.Batches().Any(b => b.Id == BatchId))
            registry.AddBatch(new ProductionBatch(BatchId, ModelId, SiteId, DateOnly.FromDateTime(at.UtcDateTime.AddDays(-60)), Math.Max(10, units.Count)), by);

        foreach (var u in units)
        {
            if (registry.GetUnit(u.Serial) is not null)
                continue;
            registry.RegisterUnit(new NewUnit(u.Serial, BatchId, u.RemoteIdSerial), by);
            // The simulator flies with the scenario's key, so acceptance must issue exactly that key pair.
            var accepting = u.PrivateKey is { } key ? new RegistryService(store, seed => key.Seed.CopyTo(seed)) : registry;
            accepting.Accept(u.Serial, "demo inspector", by);
            var allocation = u.Recipient == "RO"
                ? new Allocation("RO")
                : new Allocation(u.Recipient, $"EL-DEMO-{u.Serial}", DateOnly.FromDateTime(at.UtcDateTime.AddYears(1)), $"EUC-DEMO-{u.Serial}");
            registry.Allocate(u.Serial, allocation, by);
            registry.Deliver(u.Serial, by);
            registry.PutInService(u.Serial, by);
            if (Lifecycle.IsTerminal(u.State))
                registry.Retire(u.Serial, u.State, "demo scenario: reported missing after a flight near the border", by);
        }
    }
}
