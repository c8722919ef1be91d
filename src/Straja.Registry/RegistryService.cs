using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Straja.Registry;

/// <summary>A unit as it leaves the production line (state produced); its model is its batch's model.</summary>
public sealed record NewUnit(string Serial, string BatchId, string RemoteIdSerial, IReadOnlyList<RadioIdentifier>? RadioIdentifiers = null);

/// <summary>The result of acceptance: the unit (now holding its public key) and its private key, returned this once only.</summary>
public sealed record AcceptedUnit(Unit Unit, UnitPrivateKey PrivateKey);

/// <summary>
/// Every change to the registry: validates it against the rules, writes it and appends its audit record in one
/// transaction, so the data and the chain never disagree. Calls are serialised (safe to share across requests).
/// Refusals throw <see cref="RegistryException"/> with a code and a message naming the entity and the rule.
/// </summary>
public sealed class RegistryService
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly RegistryStore _store;
    private readonly Action<Span<byte>> _fillKeySeed;
    private readonly Lock _lock = new();

    /// <param name="keySeedSource">Fills a 32-byte Ed25519 seed; the OS CSPRNG by default. Tests pass a seeded source.</param>
    public RegistryService(RegistryStore store, Action<Span<byte>>? keySeedSource = null)
    {
        _store = store;
        _fillKeySeed = keySeedSource ?? RandomNumberGenerator.Fill;
    }

    // ---------------- reference data ----------------

    public ProductionSite AddSite(ProductionSite site, ChangeBy by)
    {
        Require("site id", Validation.IdProblem(site.Id));
        RequireText("site name", site.Name);
        RequireText("site operator", site.Operator);
        if (!Enum.IsDefined(site.Country))
            Refuse(RegistryError.InvalidField, $"site {site.Id}: country must be RO or UA");
        return AddNew("site", site.Id, site, by, () => _store.Sites(site.Id).Count > 0, () => _store.InsertSite(site));
    }

    public DroneModel AddModel(DroneModel model, ChangeBy by)
    {
        Require("model id", Validation.IdProblem(model.Id));
        RequireText("model name", model.Name);
        if (!Enum.IsDefined(model.Kind))
            Refuse(RegistryError.InvalidField, $"model {model.Id}: kind must be multirotor, fixed-wing or vtol");
        if (!(model.MassKg > 0) || !(model.EnduranceMin > 0))
            Refuse(RegistryError.InvalidField, $"model {model.Id}: mass ({model.MassKg} kg) and endurance ({model.EnduranceMin} min) must be positive");
        foreach (var band in model.RadioBands)
        {
            if (!(band.MinMHz > 0) || !(band.MaxMHz >= band.MinMHz))
                Refuse(RegistryError.InvalidField, $"model {model.Id}: radio band {band.MinMHz}-{band.MaxMHz} MHz must be positive and ordered");
        }

        return AddNew("model", model.Id, model, by, () => _store.Models(model.Id).Count > 0, () => _store.InsertModel(model));
    }

    public ProductionBatch AddBatch(ProductionBatch batch, ChangeBy by)
    {
        Require("batch id", Validation.IdProblem(batch.Id));
        if (batch.Quantity <= 0)
            Refuse(RegistryError.InvalidField, $"batch {batch.Id}: quantity {batch.Quantity} must be positive");
        return AddNew("batch", batch.Id, batch, by, () => _store.Batches(batch.Id).Count > 0, () =>
        {
            if (_store.Models(batch.ModelId).Count == 0)
                Refuse(RegistryError.NotFound, $"batch {batch.Id}: model {batch.ModelId} is not registered");
            if (_store.Sites(batch.SiteId).Count == 0)
                Refuse(RegistryError.NotFound, $"batch {batch.Id}: site {batch.SiteId} is not registered");
            _store.InsertBatch(batch);
        });
    }

    // ---------------- unit lifecycle ----------------

    public Unit RegisterUnit(NewUnit unit, ChangeBy by)
    {
        Require("unit serial", Validation.IdProblem(unit.Serial));
        if (Validation.RemoteIdSerialProblem(unit.RemoteIdSerial) is { } ridProblem)
            Refuse(RegistryError.InvalidField, $"unit {unit.Serial}: Remote ID serial {ridProblem}");
        var radio = unit.RadioIdentifiers ?? [];
        foreach (var id in radio)
        {
            if (Validation.RadioIdentifierProblem(id) is { } p)
                Refuse(RegistryError.InvalidField, $"unit {unit.Serial}: radio identifier {p}");
        }

        return Locked(() => _store.Write(() =>
        {
            var batch = BatchOrThrow(unit.BatchId);
            var created = new Unit(unit.Serial, batch.ModelId, batch.Id, unit.RemoteIdSerial, radio, UnitState.Produced);
            CheckUnique(created);
            if (_store.CountUnits(batch.Id) >= batch.Quantity)
            {
                Refuse(RegistryError.QuantityExceeded,
                    $"unit {unit.Serial}: batch {batch.Id} already has all {batch.Quantity} units it produced registered");
            }

            _store.InsertUnit(created);
            Audit(by, "unit.registered", created);
            return created;
        }));
    }

    /// <summary>
    /// Quality inspection passed: the unit gets its Ed25519 key pair. The private key is in the result and
    /// nowhere else; the audit record holds only the public key.
    /// </summary>
    public AcceptedUnit Accept(string serial, string inspector, ChangeBy by)
    {
        RequireText("inspector", inspector);
        var seed = new byte[Ed25519.SeedBytes];
        _fillKeySeed(seed);
        byte[] publicKey = Ed25519.PublicKeyFromSeed(seed);
        var unit = Move(serial, UnitState.Accepted, by, u => u with { Acceptance = new Acceptance(inspector, by.At), PublicKey = publicKey });
        return new AcceptedUnit(unit, new UnitPrivateKey(unit.Serial, unit.RemoteIdSerial, seed));
    }

    public Unit Allocate(string serial, Allocation allocation, ChangeBy by) =>
        Move(serial, UnitState.Allocated, by, u =>
        {
            CheckAllocation(u.Serial, allocation, DateOnly.FromDateTime(by.At.UtcDateTime));
            return u with { Allocation = allocation, AllocatedAt = by.At };
        });

    /// <summary>Hands the unit over; for an export the licence must still be valid on the delivery date (UTC, inclusive).</summary>
    public Unit Deliver(string serial, ChangeBy by) =>
        Move(serial, UnitState.Delivered, by, u =>
        {
            CheckAllocation(u.Serial, u.Allocation!, DateOnly.FromDateTime(by.At.UtcDateTime));
            return u with { DeliveredAt = by.At };
        });

    public Unit PutInService(string serial, ChangeBy by) => Move(serial, UnitState.InService, by, u => u);

    /// <summary>Ends an in-service unit's life: <paramref name="end"/> is lost, destroyed or decommissioned.</summary>
    public Unit Retire(string serial, UnitState end, string reason, ChangeBy by)
    {
        if (!Lifecycle.IsTerminal(end))
            Refuse(RegistryError.InvalidField, $"unit {serial}: {Lifecycle.Name(end)} is not lost, destroyed or decommissioned");
        RequireText("reason", reason);
        return Move(serial, end, by, u => u, reason);
    }

    private Unit Move(string serial, UnitState to, ChangeBy by, Func<Unit, Unit> apply, string? reason = null) =>
        Locked(() => _store.Write(() =>
        {
            var unit = _store.Unit(serial) ?? throw new RegistryException(RegistryError.NotFound, $"unit {serial} is not registered");
            Lifecycle.Require(serial, unit.State, to);
            var moved = apply(unit) with { State = to };
            _store.UpdateUnit(moved);
            Audit(by, "unit." + Lifecycle.Name(to), moved, reason);
            return moved;
        }));

    // ---------------- alliance members ----------------

    public IReadOnlyList<string> Members() => Locked(_store.Members);

    public void AddMember(string code, ChangeBy by)
    {
        if (!Validation.IsCountryCode(code))
            Refuse(RegistryError.InvalidField, $"\"{code}\" is not an ISO 3166-1 alpha-2 code");
        Change(by, "member.added", $"member:{code}", new { code }, () =>
        {
            if (_store.Members().Contains(code))
                Refuse(RegistryError.AlreadyExists, $"{code} is already a member");
            _store.InsertMember(code);
            return 0;
        });
    }

    public void RemoveMember(string code, ChangeBy by) =>
        Change(by, "member.removed", $"member:{code}", new { code }, () =>
        {
            if (!_store.Members().Contains(code))
                Refuse(RegistryError.NotFound, $"{code} is not a member");
            _store.DeleteMember(code);
            return 0;
        });

    // ---------------- queries ----------------

    public IReadOnlyList<ProductionSite> Sites() => Locked(() => _store.Sites());

    public IReadOnlyList<DroneModel> Models() => Locked(() => _store.Models());

    public IReadOnlyList<ProductionBatch> Batches() => Locked(() => _store.Batches());

    public IReadOnlyList<Unit> Units(string? batchId = null) => Locked(() => _store.Units(batchId));

    public Unit? GetUnit(string serial) => Locked(() => _store.Unit(serial));

    /// <summary>What the identity evaluator and <see cref="ProofVerifier"/> need for a broadcast serial, or null if unregistered.</summary>
    public RegisteredIdentity? FindIdentity(string remoteIdSerial) =>
        Locked(() => _store.UnitByRemoteId(remoteIdSerial) is { } u
            ? new RegisteredIdentity(u.Serial, u.RemoteIdSerial, u.ModelId, u.State, u.Allocation?.Recipient, u.PublicKey)
            : null);

    public BatchReconciliation Reconcile(string batchId) =>
        Locked(() => BatchReconciliation.Of(BatchOrThrow(batchId), _store.Units(batchId)));

    public IReadOnlyList<SummaryRow> Summary() => Locked(_store.Summary);

    /// <summary>Audit records after <paramref name="afterId"/>, oldest first (for paging an audit view).</summary>
    public IReadOnlyList<AuditRecord> Audit(long afterId = 0, int max = 1000) => Locked(() => _store.Audit(afterId, max));

    /// <summary>Walks the whole audit chain (<c>straja registry verify</c>).</summary>
    public AuditVerification VerifyAudit() => Locked(() => AuditChain.Verify(_store.Audit()));

    // ---------------- CSV ----------------

    /// <summary>
    /// Imports units in the <see cref="UnitCsv"/> format. Every row is checked first (format, then against the
    /// registry and the other rows); if any is wrong nothing is written and every error is returned with its
    /// line and field. Progress is reported as a percentage 0-100 (checking is the first half, writing the second).
    /// </summary>
    public CsvImportResult ImportCsv(TextReader csv, ChangeBy by, IProgress<int>? progress = null)
    {
        var (rows, errors) = UnitCsv.Read(csv);
        progress = progress is null ? null : new OnChange(progress);
        return Locked(() =>
        {
            errors.AddRange(UnitCsv.CheckAgainst(rows, _store, progress));
            if (errors.Count > 0)
                return new CsvImportResult(0, errors.OrderBy(e => e.Line).ToList());
            int done = 0;
            _store.Write(() =>
            {
                foreach (var row in rows)
                {
                    _store.InsertUnit(row.Unit);
                    Audit(by, "unit.imported", row.Unit);
                    progress?.Report(50 + (50 * ++done / rows.Count));
                }

                return 0;
            });
            progress?.Report(100);
            return new CsvImportResult(rows.Count, []);
        });
    }

    public void ExportCsv(TextWriter csv) => UnitCsv.Write(csv, Units());

    /// <summary>Passes a percentage on only when it changes, so a large file does not flood a progress bar.</summary>
    private sealed class OnChange(IProgress<int> inner) : IProgress<int>
    {
        private int _last = -1;

        public void Report(int value)
        {
            if (value == _last)
                return;
            _last = value;
            inner.Report(value);
        }
    }

    // ---------------- rules and plumbing ----------------

    private void CheckAllocation(string serial, Allocation a, DateOnly onDate)
    {
        if (AllocationRules.Problem(a, _store.Members(), onDate) is { } problem)
            throw new RegistryException(problem.Code, $"unit {serial}: {problem.Message}");
    }

    private void CheckUnique(Unit unit)
    {
        if (_store.Unit(unit.Serial) is not null)
            Refuse(RegistryError.AlreadyExists, $"unit {unit.Serial} already exists");
        if (_store.UnitByRemoteId(unit.RemoteIdSerial) is { } other)
            Refuse(RegistryError.AlreadyExists, $"unit {unit.Serial}: Remote ID {unit.RemoteIdSerial} already belongs to unit {other.Serial}");
    }

    private ProductionBatch BatchOrThrow(string batchId) =>
        _store.Batches(batchId).FirstOrDefault() ?? throw new RegistryException(RegistryError.NotFound, $"batch {batchId} is not registered");

    /// <summary>Inserts a new reference entity (site, model, batch) unless its id is taken, audited as "{kind}.added".</summary>
    private T AddNew<T>(string kind, string id, T item, ChangeBy by, Func<bool> exists, Action insert) =>
        Change(by, $"{kind}.added", $"{kind}:{id}", item!, () =>
        {
            if (exists())
                Refuse(RegistryError.AlreadyExists, $"{kind} {id} already exists");
            insert();
            return item;
        });

    private T Change<T>(ChangeBy by, string action, string entity, object payload, Func<T> write) =>
        Locked(() => _store.Write(() =>
        {
            T result = write();
            AppendAudit(by, action, entity, payload);
            return result;
        }));

    private void Audit(ChangeBy by, string action, Unit unit, string? reason = null) =>
        AppendAudit(by, action, $"unit:{unit.Serial}", reason is null ? unit : new { unit, reason });

    private void AppendAudit(ChangeBy by, string action, string entity, object payload)
    {
        RequireText("actor", by.Actor);
        _store.AppendAudit(AuditChain.FormatTime(by.At), by.Actor, action, entity, JsonSerializer.Serialize(payload, Json));
    }

    private T Locked<T>(Func<T> f)
    {
        lock (_lock)
            return f();
    }

    private static void Require(string what, string? problem)
    {
        if (problem is not null)
            Refuse(RegistryError.InvalidField, $"{what} {problem}");
    }

    private static void RequireText(string what, string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(char.IsControl))
            Refuse(RegistryError.InvalidField, $"{what} must be non-empty text without control characters");
    }

    private static void Refuse(RegistryError code, string message) => throw new RegistryException(code, message);
}
