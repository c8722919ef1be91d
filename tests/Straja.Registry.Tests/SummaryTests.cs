namespace Straja.Registry.Tests;

public sealed class SummaryTests : IDisposable
{
    private readonly RegistryFixture _f = new(batchQuantity: 10);

    public void Dispose() => _f.Dispose();

    [Fact]
    public void Each_milestone_is_counted_in_its_own_month_with_site_model_and_recipient()
    {
        _f.Service.AddBatch(new ProductionBatch("B-2026-02", "hawk-4", "brasov-1", new DateOnly(2026, 2, 20), 5), RegistryFixture.By());
        _f.Advance(1, UnitState.Delivered, "PL");            // produced Jan, accepted/allocated/delivered Mar, PL
        _f.Advance(2, UnitState.Allocated, "RO");            // produced Jan, accepted/allocated Mar, RO
        _f.Register(3);                                       // produced Jan, no recipient
        _f.Service.RegisterUnit(new NewUnit("U0100", "B-2026-02", RegistryFixture.RemoteId(100)), RegistryFixture.By()); // produced Feb

        var rows = _f.Service.Summary();

        Assert.Equal(
            [
                new SummaryRow("2026-01", "brasov-1", "hawk-4", null, 1, 0, 0, 0),
                new SummaryRow("2026-01", "brasov-1", "hawk-4", "PL", 1, 0, 0, 0),
                new SummaryRow("2026-01", "brasov-1", "hawk-4", "RO", 1, 0, 0, 0),
                new SummaryRow("2026-02", "brasov-1", "hawk-4", null, 1, 0, 0, 0),
                new SummaryRow("2026-03", "brasov-1", "hawk-4", "PL", 0, 1, 1, 1),
                new SummaryRow("2026-03", "brasov-1", "hawk-4", "RO", 0, 1, 1, 0),
            ],
            rows);
        Assert.Equal(4, rows.Sum(r => r.Produced));
    }
}
