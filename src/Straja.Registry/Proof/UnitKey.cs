using NSec.Cryptography;

namespace Straja.Registry;

/// <summary>
/// A unit's Ed25519 private key as the 32-byte RFC 8032 seed. The registry hands it out exactly once, at
/// acceptance, for loading onto the aircraft, and never stores it; only the public key is kept.
/// </summary>
public sealed record UnitPrivateKey(string Serial, string RemoteIdSerial, byte[] Seed)
{
    public string ToBase64() => Convert.ToBase64String(Seed);

    public string ToHex() => Convert.ToHexStringLower(Seed);

    /// <summary>Reads a seed written by <see cref="ToBase64"/> or <see cref="ToHex"/> (64 hex digits or 44 base64 characters).</summary>
    public static UnitPrivateKey Parse(string serial, string remoteIdSerial, string text)
    {
        byte[] seed;
        try
        {
            seed = text.Length == 64 ? Convert.FromHexString(text) : Convert.FromBase64String(text);
        }
        catch (FormatException e)
        {
            throw new RegistryException(RegistryError.InvalidField, $"private key of unit {serial} is neither 64 hex digits nor base64: {e.Message}");
        }

        return seed.Length == Ed25519.SeedBytes
            ? new UnitPrivateKey(serial, remoteIdSerial, seed)
            : throw new RegistryException(RegistryError.InvalidField, $"private key of unit {serial} has {seed.Length} bytes; an Ed25519 seed has 32");
    }

    // The seed is secret: keep it out of logs and exception messages that print records.
    public override string ToString() => $"UnitPrivateKey {{ Serial = {Serial}, RemoteIdSerial = {RemoteIdSerial} }}";
}

/// <summary>The few Ed25519 operations the registry needs, over NSec (libsodium).</summary>
internal static class Ed25519
{
    public const int SeedBytes = 32;
    public const int PublicKeyBytes = 32;
    public const int SignatureBytes = 64;

    private static SignatureAlgorithm Algorithm => SignatureAlgorithm.Ed25519;

    public static byte[] PublicKeyFromSeed(ReadOnlySpan<byte> seed)
    {
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }

    public static byte[] Sign(ReadOnlySpan<byte> seed, ReadOnlySpan<byte> message)
    {
        using var key = Key.Import(Algorithm, seed, KeyBlobFormat.RawPrivateKey);
        return Algorithm.Sign(key, message);
    }

    public static bool Verify(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        PublicKey.TryImport(Algorithm, publicKey, KeyBlobFormat.RawPublicKey, out var key)
        && key is not null
        && Algorithm.Verify(key, message, signature);
}
