using System.Security.Cryptography;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Straja.Registry;
using Straja.Server.Auth;

namespace Straja.Server.Apis;

/// <summary>
/// The joint-production registry over REST (docs/registry.md). Everyone signed in reads; only a registrar
/// changes (docs/security.md). Every change is recorded under the authenticated user's name and the server's time.
/// </summary>
internal static class RegistryApi
{

    public static IEndpointRouteBuilder MapRegistryApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/registry").WithTags("Registry").RequireRoles(Roles.Viewer, Roles.Registrar);
        // Refusals are RegistryExceptions thrown by the service; one filter turns them into problems so every
        // endpoint answers a broken rule the same way.
        api.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context).ConfigureAwait(false);
            }
            catch (RegistryException e)
            {
                return Problem(e);
            }
        });
        foreach (int status in new[] { StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status422UnprocessableEntity })
            api.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDetailsLite), ["application/problem+json"]));

        api.MapGet("/sites", (RegistryService r) => TypedResults.Ok(r.Sites().Select(SiteDto.From).ToArray()))
            .WithSummary("Production sites.");
        api.MapPost("/sites", AddSite).WithSummary("Add a production site (country RO or UA).");
        api.MapGet("/models", (RegistryService r) => TypedResults.Ok(r.Models().Select(ModelDto.From).ToArray()))
            .WithSummary("Drone models.");
        api.MapPost("/models", AddModel).WithSummary("Add a drone model (kind multirotor, fixed-wing or vtol).");
        api.MapGet("/batches", (RegistryService r) => TypedResults.Ok(r.Batches().ToArray())).WithSummary("Production batches.");
        api.MapPost("/batches", AddBatch).WithSummary("Add a production batch of a registered model at a registered site.");
        api.MapGet("/batches/reconciliation", (RegistryService r) => TypedResults.Ok(r.Batches().Select(b => r.Reconcile(b.Id)).ToArray()))
            .WithSummary("Every batch's reconciliation, in batch order (one call for the console's batch table).");
        api.MapGet("/batches/{id}/reconciliation", (string id, RegistryService r) => TypedResults.Ok(r.Reconcile(id)))
            .WithSummary("A batch's counts (quantity, registered, accepted, allocated, delivered) and any broken inequality.");

        api.MapGet("/units", GetUnits).WithSummary("Units, optionally of one batch and/or in one state (produced … decommissioned).");
        api.MapGet("/units/{serial}", GetUnit).WithSummary("One unit. Its private key is never shown here.");
        api.MapGet("/units/{serial}/history", UnitHistory)
            .WithSummary("A unit's audit records (registration, each lifecycle move, with who, when and the payload), oldest first.");
        api.MapPost("/units", RegisterUnit).WithSummary("Register a produced unit of a batch.");
        api.MapPost("/units/{serial}/accept", Accept)
            .WithSummary("Quality inspection passed: makes the unit's key pair and returns the private key this once only.");
        api.MapPost("/units/{serial}/allocate", Allocate)
            .WithSummary("Allocate to RO or an EU/NATO member (exports need licence, its expiry and end-user certificate).");
        api.MapPost("/units/{serial}/deliver", (string serial, RegistryService r, TimeProvider clock, ClaimsPrincipal user) =>
            TypedResults.Ok(UnitDto.From(r.Deliver(serial, By(user, clock))))).WithSummary("Deliver an allocated unit (the export licence must be valid today).");
        api.MapPost("/units/{serial}/in-service", (string serial, RegistryService r, TimeProvider clock, ClaimsPrincipal user) =>
            TypedResults.Ok(UnitDto.From(r.PutInService(serial, By(user, clock))))).WithSummary("Put a delivered unit in service.");
        api.MapPost("/units/{serial}/retire", Retire).WithSummary("End an in-service unit's life: lost, destroyed or decommissioned, with a reason.");
        api.MapPost("/units/import", Import).Accepts<string>("text/csv")
            .WithSummary("Import units from CSV (docs/registry.md). Any bad row: 400 listing every error by line and field, nothing imported.");
        api.MapGet("/units/export", (RegistryService r) =>
        {
            using var csv = new StringWriter();
            r.ExportCsv(csv);
            return TypedResults.Text(csv.ToString(), "text/csv", Encoding.UTF8);
        }).Produces<string>(StatusCodes.Status200OK, "text/csv").WithSummary("Every unit as CSV, ordered by serial.");

        api.MapGet("/summary", (RegistryService r) => TypedResults.Ok(r.Summary().ToArray()))
            .WithSummary("Produced, accepted, allocated, delivered by month, site, model and recipient.");
        api.MapGet("/audit", (RegistryService r, long? after, int? max) =>
            TypedResults.Ok(r.Audit(Math.Max(0, after ?? 0), Math.Clamp(max ?? 1000, 1, 10_000)).ToArray()))
            .WithSummary("Audit records after id 'after', oldest first, at most 'max'.");
        api.MapGet("/audit/verify", (RegistryService r) => TypedResults.Ok(r.VerifyAudit()))
            .WithSummary("Walk the hash chain: OK with count and head hash, or the first record altered or removed.");

        api.MapGet("/members", (RegistryService r) => TypedResults.Ok(r.Members().ToArray()))
            .WithSummary("Allowed recipients: ISO 3166-1 alpha-2 codes of EU and NATO members (configurable, audited).");
        api.MapPost("/members/{code}", (string code, RegistryService r, TimeProvider clock, ClaimsPrincipal user) =>
        {
            r.AddMember(code, By(user, clock));
            return TypedResults.Ok(r.Members().ToArray());
        }).WithSummary("Add a recipient country; returns the new list.");
        api.MapDelete("/members/{code}", (string code, RegistryService r, TimeProvider clock, ClaimsPrincipal user) =>
        {
            r.RemoveMember(code, By(user, clock));
            return TypedResults.Ok(r.Members().ToArray());
        }).WithSummary("Remove a recipient country; returns the new list.");
        return app;
    }

    private static Created<SiteDto> AddSite(SiteDto site, RegistryService r, TimeProvider clock, ClaimsPrincipal user) =>
        TypedResults.Created((string?)null, SiteDto.From(r.AddSite(site.ToSite(), By(user, clock))));

    private static Created<ModelDto> AddModel(ModelDto model, RegistryService r, TimeProvider clock, ClaimsPrincipal user) =>
        TypedResults.Created((string?)null, ModelDto.From(r.AddModel(model.ToModel(), By(user, clock))));

    private static Created<ProductionBatch> AddBatch(BatchRequest batch, RegistryService r, TimeProvider clock, ClaimsPrincipal user)
    {
        var b = new ProductionBatch(Required("batch", "id", batch.Id), Required("batch", "modelId", batch.ModelId), Required("batch", "siteId", batch.SiteId),
            batch.ProducedOn ?? throw Missing("batch", "producedOn"), batch.Quantity ?? throw Missing("batch", "quantity"));
        return TypedResults.Created((string?)null, r.AddBatch(b, By(user, clock)));
    }

    private static Ok<UnitDto[]> GetUnits(RegistryService r, string? batch, string? state)
    {
        UnitState? wanted = null;
        if (state is not null)
            wanted = Lifecycle.TryParse(state, out var s) ? s : throw InvalidState("state", state);
        var units = r.Units(string.IsNullOrEmpty(batch) ? null : batch).Where(u => wanted is null || u.State == wanted);
        return TypedResults.Ok(units.Select(UnitDto.From).ToArray());
    }

    private static Results<Ok<UnitDto>, NotFound<ProblemDetailsLite>> GetUnit(string serial, RegistryService r) =>
        r.GetUnit(serial) is { } u
            ? TypedResults.Ok(UnitDto.From(u))
            : TypedResults.NotFound(new ProblemDetailsLite("not found", $"unit {serial} is not registered"));

    /// <summary>
    /// The audit log is the unit's history: every change to it is a record there, so no second log can
    /// disagree with it. The log has no index by entity; a full walk is what verify does too.
    /// </summary>
    private static Results<Ok<AuditRecord[]>, NotFound<ProblemDetailsLite>> UnitHistory(string serial, RegistryService r)
    {
        if (r.GetUnit(serial) is null)
            return TypedResults.NotFound(new ProblemDetailsLite("not found", $"unit {serial} is not registered"));
        const int page = 10_000;
        string entity = "unit:" + serial;
        var history = new List<AuditRecord>();
        long after = 0;
        for (var batch = r.Audit(after, page); batch.Count > 0; batch = r.Audit(after, page))
        {
            history.AddRange(batch.Where(a => a.Entity == entity));
            after = batch[^1].Id;
        }

        return TypedResults.Ok(history.ToArray());
    }

    private static Created<UnitDto> RegisterUnit(NewUnitRequest unit, RegistryService r, TimeProvider clock, ClaimsPrincipal user)
    {
        var created = r.RegisterUnit(new NewUnit(Required("unit", "serial", unit.Serial), Required("unit", "batchId", unit.BatchId),
            Required("unit", "remoteIdSerial", unit.RemoteIdSerial), unit.RadioIdentifiers ?? []), By(user, clock));
        return TypedResults.Created($"/api/registry/units/{Uri.EscapeDataString(created.Serial)}", UnitDto.From(created));
    }

    private static Ok<AcceptedUnitDto> Accept(
        string serial, AcceptRequest request, HttpContext http, RegistryService r, TimeProvider clock, ClaimsPrincipal user)
    {
        var accepted = r.Accept(serial, Required("acceptance", "inspector", request.Inspector), By(user, clock));
        // The only copy of the private key is in this body: no cache or proxy may keep it.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new AcceptedUnitDto(
            UnitDto.From(accepted.Unit), accepted.PrivateKey.ToBase64(), accepted.PrivateKey.ToHex(),
            "This private key is shown once and is not stored: load it onto the aircraft now. The registry keeps only the public key; a lost key means a new acceptance is impossible."));
    }

    private static Ok<UnitDto> Allocate(string serial, AllocationRequest request, RegistryService r, TimeProvider clock, ClaimsPrincipal user)
    {
        var allocation = new Allocation(Required("allocation", "recipient", request.Recipient), request.ExportLicence, request.LicenceExpiresOn, request.EndUserCertificate);
        return TypedResults.Ok(UnitDto.From(r.Allocate(serial, allocation, By(user, clock))));
    }

    private static Ok<UnitDto> Retire(string serial, RetireRequest request, RegistryService r, TimeProvider clock, ClaimsPrincipal user)
    {
        string end = Required("retirement", "end", request.End);
        if (!Lifecycle.TryParse(end, out var state))
            throw InvalidState("end", end);
        return TypedResults.Ok(UnitDto.From(r.Retire(serial, state, Required("retirement", "reason", request.Reason), By(user, clock))));
    }

    private static async Task<Results<Ok<CsvImportResult>, BadRequest<CsvImportProblem>>> Import(
        HttpRequest request, RegistryService r, TimeProvider clock, ClaimsPrincipal user)
    {
        // The service reads synchronously; Kestrel forbids synchronous body reads, so buffer the text first.
        using var body = new StreamReader(request.Body, Encoding.UTF8);
        string text = await body.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        var result = r.ImportCsv(new StringReader(text), By(user, clock));
        return result.Ok
            ? TypedResults.Ok(result)
            : TypedResults.BadRequest(new CsvImportProblem("import rejected",
                $"{result.Errors.Count} error(s); nothing was imported. First: {result.Errors[0]}", result.Errors));
    }

    private static ChangeBy By(ClaimsPrincipal user, TimeProvider clock) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("registry change without a signed-in user"), clock.GetUtcNow());

    private static string Required(string what, string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? throw Missing(what, field) : value;

    private static RegistryException Missing(string what, string field) =>
        new(RegistryError.InvalidField, $"{what}: field '{field}' is required");

    private static RegistryException InvalidState(string field, string value) =>
        new(RegistryError.InvalidField, $"field '{field}': '{value}' is not a unit state ({string.Join(", ", Enum.GetValues<UnitState>().Select(Lifecycle.Name))})");

    /// <summary>
    /// Malformed input is 400; a name already taken, a move the unit's state does not allow and a full batch
    /// conflict with what is recorded (409); a well-formed allocation the export rules refuse is 422.
    /// </summary>
    internal static IResult Problem(RegistryException e)
    {
        var body = new ProblemDetailsLite(Title(e.Code), e.Message);
        return e.Code switch
        {
            RegistryError.NotFound => TypedResults.NotFound(body),
            RegistryError.AlreadyExists or RegistryError.IllegalTransition or RegistryError.QuantityExceeded => TypedResults.Conflict(body),
            RegistryError.RecipientNotMember or RegistryError.LicenceMissing or RegistryError.LicenceExpired => TypedResults.UnprocessableEntity(body),
            _ => TypedResults.BadRequest(body),
        };
    }

    private static string Title(RegistryError code) => code switch
    {
        RegistryError.InvalidField => "invalid field",
        RegistryError.NotFound => "not found",
        RegistryError.AlreadyExists => "already exists",
        RegistryError.IllegalTransition => "illegal transition",
        RegistryError.RecipientNotMember => "recipient not a member",
        RegistryError.LicenceMissing => "export licence missing",
        RegistryError.LicenceExpired => "export licence expired",
        RegistryError.QuantityExceeded => "batch quantity exceeded",
        RegistryError.ImportRejected => "import rejected",
        _ => code.ToString(),
    };
}

/// <summary>A production site on the wire; country is "RO" or "UA".</summary>
public sealed record SiteDto(string? Id, string? Name, string? Country, string? Operator)
{
    public static SiteDto From(ProductionSite s) => new(s.Id, s.Name, s.Country.ToString(), s.Operator);

    internal ProductionSite ToSite() => new(Id ?? "", Name ?? "", Country switch
    {
        "RO" => ProductionCountry.RO,
        "UA" => ProductionCountry.UA,
        _ => throw new RegistryException(RegistryError.InvalidField, $"site {Id}: field 'country': '{Country}' must be RO or UA"),
    }, Operator ?? "");
}

/// <summary>A drone model on the wire; kind is "multirotor", "fixed-wing" or "vtol".</summary>
public sealed record ModelDto(string? Id, string? Name, string? Kind, double MassKg, double EnduranceMin, RadioBand[]? RadioBands, bool BroadcastsRemoteId)
{
    private static readonly (DroneKind Kind, string Name)[] Kinds =
        [(DroneKind.Multirotor, "multirotor"), (DroneKind.FixedWing, "fixed-wing"), (DroneKind.Vtol, "vtol")];

    public static ModelDto From(DroneModel m) =>
        new(m.Id, m.Name, Kinds.Single(k => k.Kind == m.Kind).Name, m.MassKg, m.EnduranceMin, [.. m.RadioBands], m.BroadcastsRemoteId);

    internal DroneModel ToModel()
    {
        var kind = Kinds.Where(k => k.Name == Kind).Select(k => (DroneKind?)k.Kind).FirstOrDefault()
            ?? throw new RegistryException(RegistryError.InvalidField, $"model {Id}: field 'kind': '{Kind}' must be multirotor, fixed-wing or vtol");
        return new DroneModel(Id ?? "", Name ?? "", kind, MassKg, EnduranceMin, RadioBands ?? [], BroadcastsRemoteId);
    }
}

public sealed record BatchRequest(string? Id, string? ModelId, string? SiteId, DateOnly? ProducedOn, int? Quantity);

public sealed record NewUnitRequest(string? Serial, string? BatchId, string? RemoteIdSerial, RadioIdentifier[]? RadioIdentifiers);

public sealed record AcceptRequest(string? Inspector);

/// <summary>recipient: ISO 3166-1 alpha-2; anything but RO needs the three export fields.</summary>
public sealed record AllocationRequest(string? Recipient, string? ExportLicence, DateOnly? LicenceExpiresOn, string? EndUserCertificate);

/// <summary>end: lost, destroyed or decommissioned.</summary>
public sealed record RetireRequest(string? End, string? Reason);

/// <summary>
/// A unit on the wire: state by its lifecycle name, the public key as base64 and its fingerprint (lowercase hex
/// SHA-256 of the 32 key bytes, for people to compare against the key loaded on the aircraft). Never carries a private key.
/// </summary>
public sealed record UnitDto(
    string Serial, string ModelId, string BatchId, string RemoteIdSerial, IReadOnlyList<RadioIdentifier> RadioIdentifiers, string State,
    string? Inspector, DateTimeOffset? AcceptedAt, string? Recipient, string? ExportLicence, DateOnly? LicenceExpiresOn,
    string? EndUserCertificate, DateTimeOffset? AllocatedAt, DateTimeOffset? DeliveredAt, string? PublicKey, string? PublicKeyFingerprint)
{
    public static UnitDto From(Unit u) => new(
        u.Serial, u.ModelId, u.BatchId, u.RemoteIdSerial, u.RadioIdentifiers, Lifecycle.Name(u.State),
        u.Acceptance?.Inspector, u.Acceptance?.At, u.Allocation?.Recipient, u.Allocation?.ExportLicence, u.Allocation?.LicenceExpiresOn,
        u.Allocation?.EndUserCertificate, u.AllocatedAt, u.DeliveredAt, u.PublicKey is null ? null : Convert.ToBase64String(u.PublicKey),
        u.PublicKey is null ? null : Convert.ToHexStringLower(SHA256.HashData(u.PublicKey)));
}

/// <summary>The answer to acceptance, the one place the private key (32-byte Ed25519 seed) ever appears.</summary>
public sealed record AcceptedUnitDto(UnitDto Unit, string PrivateKeyBase64, string PrivateKeyHex, string Warning);

/// <summary>A refused import: every row error with its line (header = 1) and field.</summary>
public sealed record CsvImportProblem(string Title, string Detail, IReadOnlyList<CsvError> Errors);
