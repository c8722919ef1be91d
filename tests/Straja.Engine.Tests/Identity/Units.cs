using NSec.Cryptography;
using Straja.Engine.Identification;
using Straja.Registry;

namespace Straja.Engine.Tests.Identification;

/// <summary>Programme units with real Ed25519 keys, and Remote ID reports that carry (or lack) their proofs.</summary>
internal static class Units
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    public const string FriendSerial = "1596F350457A8C2E1234";
    public const string AllySerial = "15969A4K7M2P9Q";
    public const string LostSerial = "15967B5X8Y2Z";

    public static readonly byte[] FriendSeed = Seed(1);
    public static readonly byte[] AllySeed = Seed(2);
    public static readonly byte[] LostSeed = Seed(3);

    public static RegistryView TestRegistry() => new(
    [
        new RegisteredUnit("RU-0007", FriendSerial, "Sokil-4 multirotor", UnitState.InService, "RO", PublicKey(FriendSeed)),
        new RegisteredUnit("RU-0011", AllySerial, "Sokil-4 multirotor", UnitState.InService, "PL", PublicKey(AllySeed)),
        new RegisteredUnit("RU-0003", LostSerial, "Sokil-4 multirotor", UnitState.Lost, "RO", PublicKey(LostSeed)),
    ]);

    public static DroneSigner Signer(string serial, byte[] seed) => new(new UnitPrivateKey("unit", serial, seed));

    /// <summary>A 25-byte Location/Vector message; its content only needs to differ from one report to the next.</summary>
    public static byte[] Location(double s, GeoPoint p)
    {
        var m = new byte[25];
        m[0] = 0x12;
        BitConverter.TryWriteBytes(m.AsSpan(2), (float)p.LatDeg);
        BitConverter.TryWriteBytes(m.AsSpan(6), (float)p.LonDeg);
        BitConverter.TryWriteBytes(m.AsSpan(10), (float)s);
        return m;
    }

    /// <summary>A Remote ID report at <paramref name="s"/> seconds; signed by <paramref name="signer"/> at <paramref name="signedAtS"/> (default: then).</summary>
    public static Detection Report(string serial, double s, GeoPoint p, DroneSigner? signer = null, double? signedAtS = null, string? operatorId = null)
    {
        var location = Location(s, p);
        return new Detection
        {
            SensorId = "coop", Time = T0.AddSeconds(s), Kind = DetectionKind.Position, Position = p,
            SigmaHorizontalM = 10, SigmaVerticalM = 15, CooperativeId = "RID:" + serial, OperatorId = operatorId,
            CooperativeProof = signer is null ? null : CooperativeProofText.Format(location, signer.Sign(location, T0.AddSeconds(signedAtS ?? s))),
        };
    }

    private static byte[] Seed(byte b) => Enumerable.Range(0, 32).Select(i => (byte)(b * 37 + i)).ToArray();

    private static byte[] PublicKey(byte[] seed)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        return key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
    }
}
