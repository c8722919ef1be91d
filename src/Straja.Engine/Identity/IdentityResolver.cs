using Straja.Engine.Picture;
using Straja.Registry;

namespace Straja.Engine.Identification;

/// <summary>Settings for <see cref="IdentityResolver"/>.</summary>
public sealed record IdentityOptions
{
    /// <summary>
    /// How far a proof's timestamp may be from the detection's time, and how long a proven identity stays proven
    /// without a new proof. Remote ID repeats Location at 1 Hz; a unit that signs each one is re-proven every second.
    /// </summary>
    public TimeSpan ProofWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A report of a proven serial without a proof of its own (a frame whose pages were not heard) still counts as
    /// the proven transmitter when it is this close to the last proven position, plus what <see cref="MaxSpeedMps"/>
    /// allows since. Anything further is another transmitter using the same serial.
    /// </summary>
    public double ContinuityM { get; init; } = 300;

    /// <summary>The fastest a programme drone flies, for <see cref="ContinuityM"/>.</summary>
    public double MaxSpeedMps { get; init; } = 80;

    public static IdentityOptions Default { get; } = new();
}

/// <summary>
/// Decides who a cooperative report is and who a track is. Pure and deterministic: it is fed detections in
/// time order by the fusion engine and checks proofs at the detection's own time, never a clock.
/// <para>
/// A registered serial is only worth something with its proof, so a report that carries a registered serial but
/// does not prove it is given a different tracker key (<c>RID:&lt;serial&gt;~unproven</c>): the tracker lets a
/// report join a track of the same cooperative id wherever it is, and a spoofer must neither drag the genuine
/// unit's track nor be kept from having a track of its own.
/// </para>
/// </summary>
public sealed class IdentityResolver
{
    internal const string UnprovenSuffix = "~unproven";
    private const string RemoteIdPrefix = "RID:";
    private const string IcaoPrefix = "ICAO:";

    private readonly IdentityOptions _options;
    private readonly ProofVerifier _verifier;
    private readonly HashSet<string> _friendlyList;
    private readonly Dictionary<string, Proven> _proven = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _operators = new(StringComparer.Ordinal);

    private readonly record struct Proven(DateTimeOffset At, GeoPoint Position);

    /// <param name="friendlyList">Cooperative ids trusted without proof: the allied tanker and transport aircraft by ICAO address.</param>
    public IdentityResolver(RegistryView registry, IEnumerable<string> friendlyList, IdentityOptions? options = null)
    {
        Registry = registry;
        _options = options ?? IdentityOptions.Default;
        _verifier = new ProofVerifier(_options.ProofWindow);
        _friendlyList = new HashSet<string>(friendlyList, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The registry as of the last refresh; replaced whole, never edited.</summary>
    public RegistryView Registry { get; set; }

    /// <summary>
    /// The cooperative id the tracker should associate <paramref name="d"/> by: its own, or the unproven form for a
    /// registered serial it does not prove. Checks and remembers any proof it carries; call in time order.
    /// </summary>
    public string? TrackerKey(Detection d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.CooperativeId is not { } id)
            return null;
        if (d.OperatorId is { } op)
            _operators[id] = op;
        if (RegisteredSerial(id) is not { } serial || Registry.Find(serial) is not { } unit)
            return id;
        // A unit that is not in service is reported whether or not it proves itself (docs/identity.md).
        if (unit.State != UnitState.InService)
            return id;
        return ProvedBy(d, unit, serial) ? id : id + UnprovenSuffix;
    }

    /// <summary>What a track whose tracker key is <paramref name="trackerKey"/> is, at <paramref name="now"/>.</summary>
    public (string? CooperativeId, Identity Identity, IdentityDetail Detail) Describe(string? trackerKey, DateTimeOffset now)
    {
        if (trackerKey is null)
            return (null, Identity.Unknown, IdentityDetail.None);
        bool unproven = trackerKey.EndsWith(UnprovenSuffix, StringComparison.Ordinal);
        string id = unproven ? trackerKey[..^UnprovenSuffix.Length] : trackerKey;
        string? op = _operators.GetValueOrDefault(id);
        if (RegisteredSerial(id) is { } serial && Registry.Find(serial) is { } unit)
        {
            if (unit.State != UnitState.InService)
                return (id, Identity.Suspect, Detail(IdentityBasis.RegistryNotInService, unit, op));
            bool fresh = !unproven && _proven.TryGetValue(serial, out var p) && now - p.At <= _options.ProofWindow;
            return fresh
                ? (id, Identity.Friendly, Detail(IdentityBasis.RegistryProof, unit, op))
                : (id, Identity.Suspect, Detail(IdentityBasis.RegistryUnproven, unit, op));
        }

        if (_friendlyList.Contains(id))
            return (id, Identity.Friendly, new IdentityDetail(IdentityBasis.FriendlyList, OperatorId: op));
        if (id.StartsWith(IcaoPrefix, StringComparison.OrdinalIgnoreCase))
            return (id, Identity.Neutral, new IdentityDetail(IdentityBasis.CivilTransponder));
        if (id.StartsWith(RemoteIdPrefix, StringComparison.OrdinalIgnoreCase))
            return (id, Identity.Neutral, new IdentityDetail(IdentityBasis.CivilRemoteId, OperatorId: op));
        return (id, Identity.Unknown, new IdentityDetail(IdentityBasis.None, OperatorId: op));
    }

    /// <summary>Forgets what was learnt about cooperative ids no live track holds any more.</summary>
    public void Forget(IEnumerable<string?> liveTrackerKeys)
    {
        var live = new HashSet<string>(StringComparer.Ordinal);
        foreach (var k in liveTrackerKeys)
        {
            if (k is not null)
                live.Add(k.EndsWith(UnprovenSuffix, StringComparison.Ordinal) ? k[..^UnprovenSuffix.Length] : k);
        }

        foreach (var id in _operators.Keys.Where(k => !live.Contains(k)).ToList())
            _operators.Remove(id);
    }

    private bool ProvedBy(Detection d, RegisteredUnit unit, string serial)
    {
        if (CooperativeProofText.TryParse(d.CooperativeProof, out var location, out var pages))
        {
            var result = _verifier.Verify(Registry.ToIdentity(unit), unit.RemoteIdSerial, pages, location, d.Time);
            if (result.Status == ProofStatus.Valid)
            {
                _proven[serial] = new Proven(d.Time, d.Position);
                return true;
            }
        }

        // No proof of its own (or a failed one): the proven transmitter only if it is where that one could be.
        if (!_proven.TryGetValue(serial, out var last))
            return false;
        double dt = (d.Time - last.At).TotalSeconds;
        return dt >= 0 && dt <= _options.ProofWindow.TotalSeconds
            && FlatDistanceM(last.Position, d.Position) <= _options.ContinuityM + (_options.MaxSpeedMps * dt);
    }

    /// <summary>The serial of a Remote ID serial-number identity ("RID:&lt;serial&gt;"); null for other kinds.</summary>
    private static string? RegisteredSerial(string id) =>
        id.StartsWith(RemoteIdPrefix, StringComparison.OrdinalIgnoreCase) && id.IndexOf(':', RemoteIdPrefix.Length) < 0
            ? id[RemoteIdPrefix.Length..]
            : null;

    private static IdentityDetail Detail(IdentityBasis basis, RegisteredUnit unit, string? op) =>
        new(basis, unit.Serial, unit.Model, unit.Recipient, Lifecycle.Name(unit.State), op);

    /// <summary>Equirectangular distance: exact enough over the few kilometres a continuity check spans.</summary>
    private static double FlatDistanceM(GeoPoint a, GeoPoint b)
    {
        const double MetresPerDeg = 111_195.0;
        double n = (b.LatDeg - a.LatDeg) * MetresPerDeg;
        double e = (b.LonDeg - a.LonDeg) * MetresPerDeg * Math.Cos(Geo.Wgs84.DegToRad((a.LatDeg + b.LatDeg) / 2));
        return Math.Sqrt((n * n) + (e * e));
    }
}
