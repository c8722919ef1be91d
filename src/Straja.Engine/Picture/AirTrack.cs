namespace Straja.Engine.Picture;

public enum Identity
{
    Unknown = 0,
    Friendly = 1,
    /// <summary>Cooperative (transponding) but not on the friendly list: civil traffic.</summary>
    Neutral = 2,
    Hostile = 3,
    /// <summary>Claims an identity it cannot prove (APP-6 "suspect"): a registered serial without a valid signature, a lost unit flying.</summary>
    Suspect = 4,
}

/// <summary>Why a track has its identity, and what the registry or the broadcast says about it.</summary>
public enum IdentityBasis
{
    /// <summary>No cooperative identity at all.</summary>
    None = 0,
    /// <summary>A fresh, valid signature of an in-service unit of the programme.</summary>
    RegistryProof = 1,
    /// <summary>A registered Remote ID serial without a valid, fresh signature: possible spoofing.</summary>
    RegistryUnproven = 2,
    /// <summary>A registered unit that is not in service (lost, destroyed, decommissioned, or not yet in service) is flying.</summary>
    RegistryNotInService = 3,
    /// <summary>A Remote ID the registry does not know: a civil operator.</summary>
    CivilRemoteId = 4,
    /// <summary>A cooperative id on the configured friendly list (allied tanker and transport aircraft by ICAO address).</summary>
    FriendlyList = 5,
    /// <summary>A transponding aircraft not on the friendly list: civil traffic.</summary>
    CivilTransponder = 6,
}

/// <summary>
/// The identity evidence shown with a track. <see cref="Allied"/> is a friend allocated to an ally rather than to
/// Romania (still APP-6 friend). Unit, model and recipient come from the registry; the operator id from the broadcast.
/// </summary>
public sealed record IdentityDetail(
    IdentityBasis Basis,
    string? UnitSerial = null,
    string? Model = null,
    string? Recipient = null,
    string? UnitState = null,
    string? OperatorId = null)
{
    public bool Allied => Basis == IdentityBasis.RegistryProof && Recipient is not null && Recipient != "RO";

    public static IdentityDetail None { get; } = new(IdentityBasis.None);
}

/// <summary>One object in the air picture, in WGS84 at the boundary.</summary>
public sealed record AirTrack(
    string Id,
    bool Confirmed,
    DateTimeOffset LastUpdate,
    GeoPoint Position,
    double VelocityEastMps,
    double VelocityNorthMps,
    double VelocityUpMps,
    double PositionSigmaM,
    TargetClass Class,
    double ClassProbability,
    Identity Identity,
    string? CooperativeId,
    string? Callsign,
    IReadOnlyList<string> Sensors,
    IdentityDetail? IdentityDetail = null)
{
    /// <summary>Probability of each <see cref="TargetClass"/>, indexed by the enum's value; empty when not estimated.</summary>
    public IReadOnlyList<double> ClassProbabilities { get; init; } = [];

    /// <summary>What drove the class estimate, strongest first: sensor reports and motion cues with their weights.</summary>
    public IReadOnlyList<ClassSupport> ClassEvidence { get; init; } = [];

    /// <summary>When each of <see cref="Sensors"/> last updated the track, in the same order: what the store keeps of who saw it.</summary>
    public IReadOnlyList<DateTimeOffset> SensorLastSeen { get; init; } = [];

    public double SpeedMps => Math.Sqrt(VelocityEastMps * VelocityEastMps + VelocityNorthMps * VelocityNorthMps);

    /// <summary>Course over ground, degrees clockwise from true north in [0, 360).</summary>
    public double HeadingDeg
    {
        get
        {
            double deg = Math.Atan2(VelocityEastMps, VelocityNorthMps) * 180.0 / Math.PI;
            return deg < 0 ? deg + 360.0 : deg;
        }
    }
}

/// <summary>One piece of evidence for a track's class: its source (a sensor id or a motion cue), the class it favours, and its weight.</summary>
public sealed record ClassSupport(string Source, TargetClass Class, double Weight);

/// <summary>An immutable picture of one sector at one time; readers never see it change.</summary>
public sealed record PictureSnapshot(DateTimeOffset Time, IReadOnlyList<AirTrack> Tracks)
{
    /// <summary>Field reports live at <see cref="Time"/>, newest first: low-confidence observations, never tracks.</summary>
    public IReadOnlyList<FieldReports.FieldObservation> Observations { get; init; } = [];

    public static PictureSnapshot Empty(DateTimeOffset time) => new(time, []);
}
