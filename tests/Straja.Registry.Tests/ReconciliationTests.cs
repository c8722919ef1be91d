namespace Straja.Registry.Tests;

public sealed class ReconciliationTests : IDisposable
{
    private readonly RegistryFixture _f = new(batchQuantity: 3);

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_batch_never_holds_more_units_than_it_produced()
    {
        _f.Register(1);
        _f.Register(2);
        _f.Register(3);

        var e = Assert.Throws<RegistryException>(() => _f.Register(4));

        Assert.Equal(RegistryError.QuantityExceeded, e.Code);
        Assert.Contains("B-2026-01", e.Message, StringComparison.Ordinal);
        Assert.Equal(3, _f.Service.Units().Count);
    }

    [Fact]
    public void Counts_are_cumulative_and_ordered_produced_accepted_allocated_delivered()
    {
        _f.Advance(1, UnitState.Lost);
        _f.Advance(2, UnitState.Allocated);
        _f.Advance(3, UnitState.Accepted);

        var r = _f.Service.Reconcile("B-2026-01");

        Assert.True(r.Ok);
        Assert.Equal((3, 3, 3, 2, 1), (r.Quantity, r.Registered, r.Accepted, r.Allocated, r.Delivered));
    }

    [Fact]
    public void A_batch_quantity_cut_behind_the_registry_is_reported()
    {
        _f.Register(1);
        _f.Register(2);
        _f.Tamper("UPDATE registry_batches SET quantity = 1 WHERE id = 'B-2026-01'");

        var r = _f.Service.Reconcile("B-2026-01");

        Assert.False(r.Ok);
        Assert.Equal("batch B-2026-01: 2 units registered but only 1 produced (batch quantity)", Assert.Single(r.Violations));
    }

    [Fact]
    public void A_unit_marked_delivered_without_an_allocation_breaks_reconciliation()
    {
        _f.Advance(1, UnitState.Accepted);
        _f.Tamper("UPDATE registry_units SET state = 4, delivered_utc = '2026-03-11T00:00:00.0000000Z' WHERE serial = 'U0001'");

        var r = _f.Service.Reconcile("B-2026-01");

        Assert.Equal("batch B-2026-01: 1 delivered but only 0 allocated", Assert.Single(r.Violations));
    }

    [Fact]
    public void A_unit_allocated_without_inspection_breaks_reconciliation()
    {
        _f.Register(1);
        _f.Tamper("UPDATE registry_units SET state = 3, recipient = 'RO', allocated_utc = '2026-03-11T00:00:00.0000000Z' WHERE serial = 'U0001'");

        var r = _f.Service.Reconcile("B-2026-01");

        Assert.Equal("batch B-2026-01: 1 allocated but only 0 accepted", Assert.Single(r.Violations));
    }

    [Fact]
    public void Reconciling_an_unknown_batch_is_not_found()
    {
        Assert.Equal(RegistryError.NotFound, Assert.Throws<RegistryException>(() => _f.Service.Reconcile("nope")).Code);
    }
}
