namespace Straja.Registry.Tests;

public sealed class AllocationTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public void Dispose() => _f.Dispose();

    private void Accepted(int n) => _f.Advance(n, UnitState.Accepted);

    [Fact]
    public void The_default_member_list_is_the_EU_and_NATO_union()
    {
        var members = _f.Service.Members();

        Assert.Equal(36, members.Count);
        Assert.Contains("RO", members);
        Assert.Contains("US", members);
        Assert.Contains("AT", members);
        Assert.DoesNotContain("UA", members);
        Assert.DoesNotContain("CH", members);
    }

    [Theory]
    [InlineData("UA")]
    [InlineData("CH")]
    [InlineData("RU")]
    public void A_recipient_outside_the_EU_and_NATO_is_refused(string recipient)
    {
        Accepted(1);

        var e = Assert.Throws<RegistryException>(() => _f.Service.Allocate("U0001", RegistryFixture.ExportTo(recipient), RegistryFixture.By(2)));

        Assert.Equal(RegistryError.RecipientNotMember, e.Code);
        Assert.Contains(recipient, e.Message, StringComparison.Ordinal);
        Assert.Equal(UnitState.Accepted, _f.Service.GetUnit("U0001")!.State);
    }

    [Fact]
    public void A_malformed_country_code_is_refused_as_a_bad_field()
    {
        Accepted(1);

        var e = Assert.Throws<RegistryException>(() => _f.Service.Allocate("U0001", new Allocation("Poland"), RegistryFixture.By(2)));

        Assert.Equal(RegistryError.InvalidField, e.Code);
    }

    [Fact]
    public void Romania_needs_no_export_papers()
    {
        Accepted(1);

        var unit = _f.Service.Allocate("U0001", new Allocation("RO"), RegistryFixture.By(2));

        Assert.Equal(UnitState.Allocated, unit.State);
    }

    [Theory]
    [InlineData(null, "2026-12-31", "EUC-1", "export licence number")]
    [InlineData("EXP-1", null, "EUC-1", "expiry date")]
    [InlineData("EXP-1", "2026-12-31", null, "end-user certificate")]
    [InlineData(" ", "2026-12-31", "EUC-1", "export licence number")]
    public void An_ally_without_complete_export_papers_is_refused(string? licence, string? expires, string? euc, string missing)
    {
        Accepted(1);
        var allocation = new Allocation("PL", licence, expires is null ? null : DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), euc);

        var e = Assert.Throws<RegistryException>(() => _f.Service.Allocate("U0001", allocation, RegistryFixture.By(2)));

        Assert.Equal(RegistryError.LicenceMissing, e.Code);
        Assert.Contains(missing, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_licence_that_expired_before_delivery_refuses_the_delivery()
    {
        Accepted(1);
        _f.Service.Allocate("U0001", RegistryFixture.ExportTo("PL", new DateOnly(2026, 3, 31)), RegistryFixture.By(2));

        var e = Assert.Throws<RegistryException>(() =>
            _f.Service.Deliver("U0001", new ChangeBy("logistics", new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero))));

        Assert.Equal(RegistryError.LicenceExpired, e.Code);
        Assert.Contains("U0001", e.Message, StringComparison.Ordinal);
        Assert.Contains("2026-03-31", e.Message, StringComparison.Ordinal);
        Assert.Equal(UnitState.Allocated, _f.Service.GetUnit("U0001")!.State);
    }

    [Fact]
    public void A_licence_is_valid_through_its_expiry_day()
    {
        Accepted(1);
        _f.Service.Allocate("U0001", RegistryFixture.ExportTo("PL", new DateOnly(2026, 3, 31)), RegistryFixture.By(2));

        var unit = _f.Service.Deliver("U0001", new ChangeBy("logistics", new DateTimeOffset(2026, 3, 31, 23, 59, 0, TimeSpan.Zero)));

        Assert.Equal(UnitState.Delivered, unit.State);
    }

    [Fact]
    public void A_licence_already_expired_at_allocation_is_refused()
    {
        Accepted(1);

        var e = Assert.Throws<RegistryException>(() =>
            _f.Service.Allocate("U0001", RegistryFixture.ExportTo("DE", new DateOnly(2026, 1, 1)), RegistryFixture.By(2)));

        Assert.Equal(RegistryError.LicenceExpired, e.Code);
    }

    [Fact]
    public void Adding_a_member_allows_it_and_the_change_is_audited()
    {
        Accepted(1);
        _f.Service.AddMember("UA", RegistryFixture.By(1, "registrar.dan"));

        _f.Service.Allocate("U0001", RegistryFixture.ExportTo("UA"), RegistryFixture.By(2));

        var record = Assert.Single(_f.Service.Audit(), r => r.Action == "member.added");
        Assert.Equal("member:UA", record.Entity);
        Assert.Equal("registrar.dan", record.Actor);
    }

    [Fact]
    public void Removing_a_member_blocks_delivery_to_it_and_is_audited()
    {
        Accepted(1);
        _f.Service.Allocate("U0001", RegistryFixture.ExportTo("TR"), RegistryFixture.By(2));
        _f.Service.RemoveMember("TR", RegistryFixture.By(3));

        var e = Assert.Throws<RegistryException>(() => _f.Service.Deliver("U0001", RegistryFixture.By(4)));

        Assert.Equal(RegistryError.RecipientNotMember, e.Code);
        Assert.Single(_f.Service.Audit(), r => r.Action == "member.removed" && r.Entity == "member:TR");
    }
}
