using Microsoft.Data.Sqlite;

namespace Straja.Registry.Tests;

/// <summary>A registry in a temporary SQLite file with one site, one model and one batch; deleted on dispose.</summary>
internal sealed class RegistryFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private readonly Random _keys = new(20260310);

    public RegistryFixture(int batchQuantity = 5)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"straja-registry-{Guid.NewGuid():N}.db");
        Store = new RegistryStore(Path);
        Service = new RegistryService(Store, span => _keys.NextBytes(span));
        Service.AddSite(new ProductionSite("brasov-1", "Brasov line 1", ProductionCountry.RO, "Aerostar-UA JV"), By());
        Service.AddModel(new DroneModel("hawk-4", "Hawk 4", DroneKind.Multirotor, 6.5, 45,
            [new RadioBand(2400, 2483.5), new RadioBand(5725, 5850)], true), By());
        Service.AddBatch(new ProductionBatch("B-2026-01", "hawk-4", "brasov-1", new DateOnly(2026, 1, 15), batchQuantity), By());
    }

    public string Path { get; }

    public RegistryStore Store { get; }

    public RegistryService Service { get; }

    public static ChangeBy By(int minutesAfterT0 = 0, string actor = "registrar.ana") => new(actor, T0.AddMinutes(minutesAfterT0));

    public static string RemoteId(int n) => $"STRJ8{n:D8}";

    public Unit Register(int n, string batch = "B-2026-01") =>
        Service.RegisterUnit(new NewUnit($"U{n:D4}", batch, RemoteId(n), [new RadioIdentifier("wifi-mac", $"02:00:00:00:00:{n:X2}")]), By());

    /// <summary>Registers unit n and walks it to <paramref name="state"/> along the legal path; returns its private key if accepted.</summary>
    public UnitPrivateKey? Advance(int n, UnitState state, string recipient = "RO", DateOnly? licenceExpires = null)
    {
        var unit = Register(n);
        UnitPrivateKey? key = null;
        if (state >= UnitState.Accepted)
            key = Service.Accept(unit.Serial, "qa.ion", By(1)).PrivateKey;
        if (state >= UnitState.Allocated)
            Service.Allocate(unit.Serial, ExportTo(recipient, licenceExpires), By(2));
        if (state >= UnitState.Delivered)
            Service.Deliver(unit.Serial, By(3));
        if (state >= UnitState.InService)
            Service.PutInService(unit.Serial, By(4));
        if (Lifecycle.IsTerminal(state))
            Service.Retire(unit.Serial, state, "test", By(5));
        return key;
    }

    public static Allocation ExportTo(string recipient, DateOnly? licenceExpires = null) =>
        recipient == "RO"
            ? new Allocation("RO")
            : new Allocation(recipient, "EXP-2026-0042", licenceExpires ?? new DateOnly(2026, 12, 31), "EUC-PL-7781");

    /// <summary>Runs SQL on a separate connection, as someone editing the file behind the registry's back would.</summary>
    public void Tamper(string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    public void Dispose()
    {
        Store.Dispose();
        File.Delete(Path);
    }
}
