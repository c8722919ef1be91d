namespace Straja.Registry;

public enum ProofStatus
{
    Valid,
    /// <summary>The pages or the location message are not well-formed F3411, or not a Straja proof.</summary>
    Malformed,
    /// <summary>No registered unit broadcasts this Remote ID serial.</summary>
    UnknownSerial,
    /// <summary>The signature does not verify under the registered public key: a spoofer, or altered bytes.</summary>
    InvalidSignature,
    /// <summary>Genuine, but its timestamp is further from now than the freshness window (an old recording, or a wrong clock).</summary>
    Stale,
    /// <summary>Genuine and fresh, but not newer than the last proof accepted for this unit.</summary>
    Replay,
    /// <summary>Genuinely signed by the unit, but the unit is not in service (e.g. lost): the picture should alert.</summary>
    UnitNotInService,
}

public sealed record ProofResult(ProofStatus Status, string Detail, uint? AuthTimestamp = null);

/// <summary>What the verifier needs to know about the unit that claims a serial; from <see cref="RegistryService.FindIdentity"/>.</summary>
public sealed record RegisteredIdentity(string Serial, string RemoteIdSerial, string ModelId, UnitState State, string? Recipient, byte[]? PublicKey);

/// <summary>
/// Checks unit proofs. Pure apart from its memory of the last accepted timestamp per Remote ID serial, which is
/// what stops a recorded proof being replayed within the freshness window. One instance per single-writer loop
/// (not thread-safe). Checks run in this order: unknown serial, malformed, signature, freshness, replay, service state.
/// </summary>
public sealed class ProofVerifier
{
    private readonly Dictionary<string, uint> _lastAccepted = new(StringComparer.Ordinal);

    /// <param name="freshnessWindow">How far a proof's timestamp may be from now, either way; default 10 s.</param>
    public ProofVerifier(TimeSpan? freshnessWindow = null)
    {
        FreshnessWindow = freshnessWindow ?? TimeSpan.FromSeconds(10);
        if (FreshnessWindow <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(freshnessWindow), FreshnessWindow, "freshness window must be positive");
    }

    public TimeSpan FreshnessWindow { get; }

    /// <param name="identity">The registry's record for <paramref name="claimedRemoteIdSerial"/>, or null if none.</param>
    /// <param name="claimedRemoteIdSerial">The serial the aircraft broadcasts in its Basic ID message.</param>
    /// <param name="pages">The Authentication message pages received, any order.</param>
    /// <param name="locationMessage">The 25-byte Location/Vector message the pages attest.</param>
    /// <param name="now">Receive time.</param>
    public ProofResult Verify(
        RegisteredIdentity? identity, string claimedRemoteIdSerial, IEnumerable<byte[]> pages, ReadOnlySpan<byte> locationMessage, DateTimeOffset now)
    {
        if (identity is null || identity.RemoteIdSerial != claimedRemoteIdSerial)
            return new(ProofStatus.UnknownSerial, $"Remote ID {claimedRemoteIdSerial} is not a registered unit");
        if (identity.PublicKey is not { Length: Ed25519.PublicKeyBytes } publicKey)
        {
            return new(ProofStatus.UnitNotInService,
                $"unit {identity.Serial} ({claimedRemoteIdSerial}) is {Lifecycle.Name(identity.State)} and has no key yet");
        }

        if (RemoteIdAuthentication.LocationProblem(locationMessage) is { } locationProblem)
            return new(ProofStatus.Malformed, locationProblem);
        var payload = RemoteIdAuthentication.Reassemble(pages, out string? pageProblem);
        if (payload is null)
            return new(ProofStatus.Malformed, pageProblem!);
        if (payload.AuthType != RemoteIdAuthentication.AuthTypeSpecificMethod
            || payload.Data.Length != RemoteIdAuthentication.ProofDataBytes
            || payload.Data[0] != RemoteIdAuthentication.StrajaProofMethod)
        {
            return new(ProofStatus.Malformed,
                $"auth type {payload.AuthType} with {payload.Data.Length} data bytes is not a Straja unit proof (type 5, method 0xF0, 65 bytes)");
        }

        uint ts = payload.AuthTimestamp;
        byte[] signed = RemoteIdAuthentication.SignedBytes(claimedRemoteIdSerial, locationMessage, ts);
        if (!Ed25519.Verify(publicKey, signed, payload.Data.AsSpan(1)))
            return new(ProofStatus.InvalidSignature, $"signature does not verify under the registered key of unit {identity.Serial}", ts);

        var age = now - RemoteIdAuthentication.FromAuthTimestamp(ts);
        if (age.Duration() > FreshnessWindow)
            return new(ProofStatus.Stale, $"proof time is {age.TotalSeconds:F0} s from now; the window is {FreshnessWindow.TotalSeconds:F0} s", ts);
        if (_lastAccepted.TryGetValue(claimedRemoteIdSerial, out uint last) && ts <= last)
            return new(ProofStatus.Replay, $"proof timestamp {ts} is not newer than the last accepted {last} for {claimedRemoteIdSerial}", ts);
        if (identity.State != UnitState.InService)
            return new(ProofStatus.UnitNotInService, $"unit {identity.Serial} signed, but it is {Lifecycle.Name(identity.State)}", ts);

        _lastAccepted[claimedRemoteIdSerial] = ts;
        return new(ProofStatus.Valid, $"unit {identity.Serial} proved {claimedRemoteIdSerial}", ts);
    }
}
