using Straja.Protocols.ModeS;

namespace Straja.Benchmarks.Protocols;

/// <summary>
/// The DF17 traffic a 1090 MHz receiver on the border hears: aircraft each sending identification,
/// an even and an odd airborne position, and velocity, in that order, all parity-correct. Seeded.
/// </summary>
internal static class ModeSTraffic
{
    public const int FramesPerAircraft = 4;

    /// <summary><paramref name="aircraft"/> × 4 frames of 14 bytes, back to back.</summary>
    public static byte[] Frames(int aircraft, int seed = 7)
    {
        var rng = new Random(seed);
        var frames = new byte[aircraft * FramesPerAircraft * ModeSEncoder.LongFrameLength];
        for (int a = 0; a < aircraft; a++)
        {
            uint icao = 0x4A0000u + (uint)rng.Next(0x10000);
            double lat = 44.0 + (rng.NextDouble() * 4.0), lon = 22.0 + (rng.NextDouble() * 8.0);
            int altitudeFt = 1_000 + (rng.Next(0, 1_400) * 25);
            Callsign.TryCreate($"ROT{rng.Next(10_000):D4}", out var callsign);
            Span<byte> f = frames.AsSpan(a * FramesPerAircraft * 14, FramesPerAircraft * 14);
            bool ok = ModeSEncoder.TryIdentification(f[..14], icao, callsign)
                && ModeSEncoder.TryAirbornePosition(f[14..28], icao, lat, lon, altitudeFt, odd: false)
                && ModeSEncoder.TryAirbornePosition(f[28..42], icao, lat + 0.001, lon + 0.001, altitudeFt, odd: true)
                && ModeSEncoder.TryAirborneVelocity(f[42..56], icao, rng.Next(-400, 400), rng.Next(-400, 400), rng.Next(-20, 20) * 64);
            if (!ok)
            {
                throw new InvalidOperationException($"could not encode aircraft {a}");
            }
        }

        return frames;
    }
}
