namespace Straja.Registry;

/// <summary>
/// What a friendly aircraft (or the simulator playing one) runs: it attests each Location/Vector message it
/// broadcasts by signing it with its unit key and sends the signature as F3411 Authentication pages.
/// </summary>
public sealed class DroneSigner
{
    private readonly byte[] _seed;

    public DroneSigner(UnitPrivateKey key)
    {
        if (Validation.RemoteIdSerialProblem(key.RemoteIdSerial) is { } problem)
            throw new ArgumentException($"Remote ID serial {problem}", nameof(key));
        if (key.Seed.Length != Ed25519.SeedBytes)
            throw new ArgumentException($"an Ed25519 seed has 32 bytes, got {key.Seed.Length}", nameof(key));
        _seed = key.Seed.ToArray();
        RemoteIdSerial = key.RemoteIdSerial;
    }

    public string RemoteIdSerial { get; }

    /// <summary>
    /// Signs <paramref name="locationMessage"/> (25 bytes, F3411 Location/Vector) as broadcast at <paramref name="time"/>
    /// and returns the Authentication pages to broadcast next to it: 4 pages carrying 65 bytes (method byte + signature).
    /// Proof timestamps have 1 s resolution and the verifier refuses a timestamp it has already accepted, so sign
    /// at most once per second.
    /// </summary>
    public IReadOnlyList<byte[]> Sign(ReadOnlySpan<byte> locationMessage, DateTimeOffset time)
    {
        if (RemoteIdAuthentication.LocationProblem(locationMessage) is { } problem)
            throw new ArgumentException(problem, nameof(locationMessage));
        uint timestamp = RemoteIdAuthentication.ToAuthTimestamp(time);
        byte[] signature = Ed25519.Sign(_seed, RemoteIdAuthentication.SignedBytes(RemoteIdSerial, locationMessage, timestamp));
        var data = new byte[RemoteIdAuthentication.ProofDataBytes];
        data[0] = RemoteIdAuthentication.StrajaProofMethod;
        signature.CopyTo(data, 1);
        return RemoteIdAuthentication.ToPages(RemoteIdAuthentication.AuthTypeSpecificMethod, timestamp, data);
    }
}
