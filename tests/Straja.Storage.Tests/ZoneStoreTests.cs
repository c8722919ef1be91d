using Microsoft.Data.Sqlite;
using Straja.Geo.Zones;

namespace Straja.Storage.Tests;

public sealed class ZoneStoreTests : IDisposable
{
    private static readonly DateTimeOffset T = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"straja-zones-{Guid.NewGuid():N}");
    private string Db => Path.Combine(_dir, "straja.db");

    private static Zone Disc(string id, double radiusM = 1000, string name = "Disc") =>
        new(id, name, ZoneKind.Restricted, ZoneSeverity.Warning, [new ZoneVolume(new CircleShape(new GeoPoint(45, 28), radiusM))], []);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Seeds_are_written_once_so_a_deleted_seed_stays_deleted()
    {
        using (var store = new ZoneStore(Db, [Disc("a"), Disc("b")], T))
        {
            Assert.Equal(["a", "b"], store.All().Select(z => z.Zone.Id));
            store.Delete("a", "ana", T.AddMinutes(1));
        }

        using var reopened = new ZoneStore(Db, [Disc("a"), Disc("b")], T.AddHours(1));
        Assert.Equal(["b"], reopened.All().Select(z => z.Zone.Id));
        Assert.Equal(["delete", "seed", "seed"], reopened.AuditTrail().Select(e => e.Action));
    }

    [Fact]
    public void Every_change_is_audited_with_who_when_and_the_zone_before_and_after()
    {
        using var store = new ZoneStore(Db, [], T);
        store.Create(Disc("z"), "ana", T);
        var updated = store.Update(Disc("z", 2000, "Bigger"), "ion", T.AddMinutes(5));
        Assert.Equal((2L, "ion"), (updated.Version, updated.UpdatedBy));

        var trail = store.AuditTrail("z");
        Assert.Equal([("update", "ion", T.AddMinutes(5)), ("create", "ana", T)], trail.Select(e => (e.Action, e.Actor, e.Time)));
        Assert.Null(trail[1].Before);
        Assert.Equal(1000, ((CircleShape)ZoneGeoJson.Read(trail[0].Before!)[0].Volumes[0].Shape).RadiusM);
        Assert.Equal("Bigger", ZoneGeoJson.Read(trail[0].After!)[0].Name);
    }

    [Fact]
    public void Creating_an_existing_zone_or_changing_a_missing_one_is_refused()
    {
        using var store = new ZoneStore(Db, [Disc("z")], T);
        Assert.Equal(ZoneStoreError.Conflict, Assert.Throws<ZoneStoreException>(() => store.Create(Disc("z"), "ana", T)).Error);
        Assert.Equal(ZoneStoreError.NotFound, Assert.Throws<ZoneStoreException>(() => store.Update(Disc("y"), "ana", T)).Error);
        Assert.Equal(ZoneStoreError.NotFound, Assert.Throws<ZoneStoreException>(() => store.Delete("y", "ana", T)).Error);
    }

    [Fact]
    public void An_import_with_one_invalid_zone_stores_none_of_it()
    {
        using var store = new ZoneStore(Db, [Disc("z")], T);
        Assert.Throws<ArgumentException>(() => store.Import([Disc("new-1"), Disc("z", 5000), Disc("bad", -1)], "ana", T));
        Assert.Equal(["z"], store.All().Select(z => z.Zone.Id));
        Assert.Equal(1000, ((CircleShape)store.Get("z")!.Zone.Volumes[0].Shape).RadiusM);

        store.Import([Disc("new-1"), Disc("z", 5000)], "ana", T);
        Assert.Equal(["z", "new-1"], store.All().Select(z => z.Zone.Id));
        Assert.Equal(2L, store.Get("z")!.Version);
        Assert.Equal(2, store.Snapshot().Zones.Count);
    }
}
