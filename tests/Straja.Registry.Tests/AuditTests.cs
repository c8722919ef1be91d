namespace Straja.Registry.Tests;

public sealed class AuditTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public AuditTests()
    {
        // 3 setup records (site, model, batch) + 5 for unit 1 + 1 for unit 2 = 9 records.
        _f.Advance(1, UnitState.InService, "PL");
        _f.Register(2);
    }

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Every_change_appends_one_linked_record_with_who_when_and_what()
    {
        var records = _f.Service.Audit();

        Assert.Equal(
            ["site.added", "model.added", "batch.added", "unit.registered", "unit.accepted", "unit.allocated",
             "unit.delivered", "unit.in-service", "unit.registered"],
            records.Select(r => r.Action));
        Assert.Equal(AuditChain.Genesis, records[0].PreviousHash);
        Assert.All(records.Skip(1).Zip(records), pair => Assert.Equal(pair.Second.Hash, pair.First.PreviousHash));
        var allocated = records[5];
        Assert.Equal("unit:U0001", allocated.Entity);
        Assert.Equal("registrar.ana", allocated.Actor);
        Assert.Equal("2026-03-10T10:02:00.0000000Z", allocated.TimeUtc);
        Assert.Contains("\"recipient\":\"PL\"", allocated.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untouched_chain_verifies_with_its_count()
    {
        var v = _f.Service.VerifyAudit();

        Assert.True(v.Ok);
        Assert.Equal(9, v.Count);
        Assert.Equal(_f.Service.Audit()[^1].Hash, v.HeadHash);
    }

    [Fact]
    public void A_payload_edited_directly_in_the_database_is_caught_and_named()
    {
        _f.Tamper("UPDATE registry_audit SET payload = replace(payload, '\"PL\"', '\"RO\"') WHERE id = 6");

        var v = _f.Service.VerifyAudit();

        Assert.False(v.Ok);
        Assert.Equal(6, v.FirstBadId);
        Assert.Equal("record 6 was altered: its content does not match its hash", v.Problem);
    }

    [Fact]
    public void An_edit_that_also_recomputes_the_hash_is_caught_by_the_next_link()
    {
        var r = _f.Service.Audit()[3];
        var forged = AuditChain.Seal(r.Id, r.TimeUtc, "someone.else", r.Action, r.Entity, r.PayloadJson, r.PreviousHash);
        _f.Tamper($"UPDATE registry_audit SET actor = '{forged.Actor}', hash = '{forged.Hash}' WHERE id = {r.Id}");

        var v = _f.Service.VerifyAudit();

        Assert.False(v.Ok);
        Assert.Equal(4, v.FirstBadId);
        Assert.Contains("record 5 does not link to record 4", v.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_deleted_directly_in_the_database_is_caught_and_named()
    {
        _f.Tamper("DELETE FROM registry_audit WHERE id = 4");

        var v = _f.Service.VerifyAudit();

        Assert.False(v.Ok);
        Assert.Equal(4, v.FirstBadId);
        Assert.Equal("record 4 was removed (next present record is 5)", v.Problem);
        Assert.Equal(3, v.Count);
    }

    [Fact]
    public void The_encoding_is_length_prefixed_so_moving_text_between_fields_changes_the_hash()
    {
        string a = AuditChain.ComputeHash(1, "t", "ab", "c", "e", "{}", AuditChain.Genesis);
        string b = AuditChain.ComputeHash(1, "t", "a", "bc", "e", "{}", AuditChain.Genesis);

        Assert.NotEqual(a, b);
        Assert.Equal(64, a.Length);
    }

    [Fact]
    public void The_chain_survives_reopening_the_database()
    {
        _f.Store.Dispose();
        using var reopened = new RegistryStore(_f.Path);
        var service = new RegistryService(reopened);

        service.AddMember("UA", RegistryFixture.By(30));

        Assert.Equal(10, service.VerifyAudit().Count);
        Assert.Equal(2, reopened.SchemaVersion);
    }
}
