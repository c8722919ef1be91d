namespace Straja.Registry.Tests;

public sealed class LifecycleTests : IDisposable
{
    private readonly RegistryFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public void A_registered_unit_starts_produced_with_its_batch_model_and_no_key()
    {
        var unit = _f.Register(1);

        Assert.Equal(UnitState.Produced, unit.State);
        Assert.Equal("hawk-4", unit.ModelId);
        Assert.Null(unit.PublicKey);
        Assert.Equal(unit, _f.Service.GetUnit("U0001"));
    }

    [Fact]
    public void The_legal_path_reaches_in_service_and_records_who_accepted_it()
    {
        _f.Advance(1, UnitState.InService, "PL");

        var unit = _f.Service.GetUnit("U0001")!;
        Assert.Equal(UnitState.InService, unit.State);
        Assert.Equal(new Acceptance("qa.ion", RegistryFixture.T0.AddMinutes(1)), unit.Acceptance);
        Assert.Equal("PL", unit.Allocation!.Recipient);
        Assert.Equal(RegistryFixture.T0.AddMinutes(3), unit.DeliveredAt);
    }

    [Theory]
    [InlineData(UnitState.Lost)]
    [InlineData(UnitState.Destroyed)]
    [InlineData(UnitState.Decommissioned)]
    public void An_in_service_unit_can_end_in_each_final_state(UnitState end)
    {
        _f.Advance(1, end);

        Assert.Equal(end, _f.Service.GetUnit("U0001")!.State);
    }

    [Fact]
    public void Every_move_not_in_the_lifecycle_is_refused_naming_unit_and_states()
    {
        var states = Enum.GetValues<UnitState>();
        foreach (var from in states)
        {
            foreach (var to in states.Where(to => !Lifecycle.CanMove(from, to)))
            {
                var e = Assert.Throws<RegistryException>(() => Lifecycle.Require("U9", from, to));
                Assert.Equal(RegistryError.IllegalTransition, e.Code);
                Assert.Contains("U9", e.Message, StringComparison.Ordinal);
                Assert.Contains($"from {Lifecycle.Name(from)} to {Lifecycle.Name(to)}", e.Message, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Only_the_documented_moves_are_legal()
    {
        var legal = Enum.GetValues<UnitState>()
            .SelectMany(from => Lifecycle.Next(from).Select(to => $"{Lifecycle.Name(from)}>{Lifecycle.Name(to)}"))
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            ["accepted>allocated", "allocated>delivered", "delivered>in-service", "in-service>decommissioned",
             "in-service>destroyed", "in-service>lost", "produced>accepted"],
            legal);
    }

    [Fact]
    public void Allocating_a_unit_that_has_not_passed_inspection_is_refused()
    {
        _f.Register(1);

        var e = Assert.Throws<RegistryException>(() => _f.Service.Allocate("U0001", new Allocation("RO"), RegistryFixture.By(1)));

        Assert.Equal(RegistryError.IllegalTransition, e.Code);
        Assert.Equal("unit U0001 cannot go from produced to allocated (allowed from produced: accepted)", e.Message);
        Assert.Equal(UnitState.Produced, _f.Service.GetUnit("U0001")!.State);
    }

    [Fact]
    public void Accepting_twice_is_refused_and_keeps_the_first_key()
    {
        _f.Advance(1, UnitState.Accepted);
        var key = _f.Service.GetUnit("U0001")!.PublicKey;

        Assert.Throws<RegistryException>(() => _f.Service.Accept("U0001", "qa.other", RegistryFixture.By(9)));
        Assert.Equal(key, _f.Service.GetUnit("U0001")!.PublicKey);
    }

    [Fact]
    public void Delivering_before_allocation_and_service_before_delivery_are_refused()
    {
        _f.Advance(1, UnitState.Accepted);
        Assert.Equal(RegistryError.IllegalTransition, Assert.Throws<RegistryException>(() => _f.Service.Deliver("U0001", RegistryFixture.By(5))).Code);
        Assert.Equal(RegistryError.IllegalTransition, Assert.Throws<RegistryException>(() => _f.Service.PutInService("U0001", RegistryFixture.By(5))).Code);
    }

    [Fact]
    public void A_lost_unit_cannot_return_to_service()
    {
        _f.Advance(1, UnitState.Lost);

        var e = Assert.Throws<RegistryException>(() => _f.Service.PutInService("U0001", RegistryFixture.By(9)));

        Assert.Equal("unit U0001 cannot go from lost to in-service (allowed from lost: none: it is a final state)", e.Message);
    }

    [Fact]
    public void Retiring_to_a_state_that_is_not_final_is_refused()
    {
        _f.Advance(1, UnitState.InService);

        var e = Assert.Throws<RegistryException>(() => _f.Service.Retire("U0001", UnitState.Produced, "oops", RegistryFixture.By(9)));

        Assert.Equal(RegistryError.InvalidField, e.Code);
    }

    [Fact]
    public void An_unknown_unit_is_reported_not_found()
    {
        var e = Assert.Throws<RegistryException>(() => _f.Service.Accept("U0404", "qa.ion", RegistryFixture.By()));

        Assert.Equal(RegistryError.NotFound, e.Code);
        Assert.Contains("U0404", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_remote_id_serial_belongs_to_one_unit_only()
    {
        _f.Register(1);

        var e = Assert.Throws<RegistryException>(() =>
            _f.Service.RegisterUnit(new NewUnit("U0002", "B-2026-01", RegistryFixture.RemoteId(1)), RegistryFixture.By()));

        Assert.Equal(RegistryError.AlreadyExists, e.Code);
        Assert.Contains("U0001", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_private_key_is_returned_once_and_the_registry_keeps_only_the_public_key()
    {
        _f.Register(1);
        var accepted = _f.Service.Accept("U0001", "qa.ion", RegistryFixture.By(1));

        Assert.Equal(32, accepted.PrivateKey.Seed.Length);
        Assert.Equal(Ed25519.PublicKeyFromSeed(accepted.PrivateKey.Seed), _f.Service.GetUnit("U0001")!.PublicKey);
        string seedB64 = accepted.PrivateKey.ToBase64();
        string seedHex = accepted.PrivateKey.ToHex();
        Assert.DoesNotContain(_f.Service.Audit(), r => r.PayloadJson.Contains(seedB64, StringComparison.Ordinal)
            || r.PayloadJson.Contains(seedHex, StringComparison.OrdinalIgnoreCase));
        var dbBytes = File.ReadAllBytes(_f.Path);
        Assert.Equal(-1, dbBytes.AsSpan().IndexOf(accepted.PrivateKey.Seed));
        Assert.Equal(accepted.PrivateKey.Seed, UnitPrivateKey.Parse("U0001", RegistryFixture.RemoteId(1), seedHex).Seed);
    }

    [Fact]
    public void Reference_data_ids_are_unique_and_batches_need_a_known_model_and_site()
    {
        var dup = Assert.Throws<RegistryException>(() =>
            _f.Service.AddSite(new ProductionSite("brasov-1", "Again", ProductionCountry.UA, "x"), RegistryFixture.By()));
        var orphan = Assert.Throws<RegistryException>(() =>
            _f.Service.AddBatch(new ProductionBatch("B-9", "hawk-9", "brasov-1", new DateOnly(2026, 1, 1), 1), RegistryFixture.By()));

        Assert.Equal((RegistryError.AlreadyExists, "site brasov-1 already exists"), (dup.Code, dup.Message));
        Assert.Equal((RegistryError.NotFound, "batch B-9: model hawk-9 is not registered"), (orphan.Code, orphan.Message));
        Assert.Equal(["brasov-1"], _f.Service.Sites().Select(s => s.Id));
        Assert.Equal(
            new DroneModel("hawk-4", "Hawk 4", DroneKind.Multirotor, 6.5, 45, [new RadioBand(2400, 2483.5), new RadioBand(5725, 5850)], true),
            Assert.Single(_f.Service.Models()));
    }
}
