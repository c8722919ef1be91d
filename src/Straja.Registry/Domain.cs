namespace Straja.Registry;

/// <summary>The two countries of the joint programme; production happens on Romanian territory but a site may be run by either.</summary>
public enum ProductionCountry
{
    RO = 1,
    UA = 2,
}

public enum DroneKind
{
    Multirotor = 1,
    FixedWing = 2,
    Vtol = 3,
}

/// <summary>
/// A unit's life. The numeric values are persisted and must never change.
/// produced → accepted → allocated → delivered → in-service → lost | destroyed | decommissioned.
/// </summary>
public enum UnitState
{
    Produced = 1,
    Accepted = 2,
    Allocated = 3,
    Delivered = 4,
    InService = 5,
    Lost = 6,
    Destroyed = 7,
    Decommissioned = 8,
}

public sealed record ProductionSite(string Id, string Name, ProductionCountry Country, string Operator);

/// <summary>A radio band a model's links use, in MHz (e.g. 2400–2483.5 for a 2.4 GHz link).</summary>
public sealed record RadioBand(double MinMHz, double MaxMHz);

public sealed record DroneModel(
    string Id,
    string Name,
    DroneKind Kind,
    double MassKg,
    double EnduranceMin,
    IReadOnlyList<RadioBand> RadioBands,
    bool BroadcastsRemoteId)
{
    // Records compare lists by reference; a model read back from the store must equal the one written.
    public bool Equals(DroneModel? other) =>
        other is not null && Id == other.Id && Name == other.Name && Kind == other.Kind
        && MassKg.Equals(other.MassKg) && EnduranceMin.Equals(other.EnduranceMin)
        && RadioBands.SequenceEqual(other.RadioBands) && BroadcastsRemoteId == other.BroadcastsRemoteId;

    public override int GetHashCode() => HashCode.Combine(Id, Name, Kind);
}

public sealed record ProductionBatch(string Id, string ModelId, string SiteId, DateOnly ProducedOn, int Quantity);

/// <summary>A radio identifier a detector can observe besides Remote ID, e.g. ("wifi-mac", "AA:BB:CC:DD:EE:FF").</summary>
public sealed record RadioIdentifier(string Kind, string Value);

/// <summary>Quality inspection passed: by whom and when.</summary>
public sealed record Acceptance(string Inspector, DateTimeOffset At);

/// <summary>
/// Where a unit goes. <see cref="Recipient"/> is an ISO 3166-1 alpha-2 code; anything other than RO
/// needs the export licence (with its expiry, checked at delivery) and the end-user certificate.
/// </summary>
public sealed record Allocation(
    string Recipient,
    string? ExportLicence = null,
    DateOnly? LicenceExpiresOn = null,
    string? EndUserCertificate = null);

/// <summary>
/// One aircraft of the programme. <see cref="PublicKey"/> (32-byte Ed25519) exists from acceptance on;
/// the private key is never stored.
/// </summary>
public sealed record Unit(
    string Serial,
    string ModelId,
    string BatchId,
    string RemoteIdSerial,
    IReadOnlyList<RadioIdentifier> RadioIdentifiers,
    UnitState State,
    Acceptance? Acceptance = null,
    Allocation? Allocation = null,
    byte[]? PublicKey = null,
    DateTimeOffset? AllocatedAt = null,
    DateTimeOffset? DeliveredAt = null)
{
    public bool Equals(Unit? other) =>
        other is not null && Serial == other.Serial && ModelId == other.ModelId && BatchId == other.BatchId
        && RemoteIdSerial == other.RemoteIdSerial && RadioIdentifiers.SequenceEqual(other.RadioIdentifiers)
        && State == other.State && Acceptance == other.Acceptance && Allocation == other.Allocation
        && AllocatedAt == other.AllocatedAt && DeliveredAt == other.DeliveredAt
        && (PublicKey ?? []).AsSpan().SequenceEqual(other.PublicKey ?? []);

    public override int GetHashCode() => HashCode.Combine(Serial, State);
}

/// <summary>Who makes a change and when; time is data, never read from a clock inside the registry.</summary>
public sealed record ChangeBy(string Actor, DateTimeOffset At);
