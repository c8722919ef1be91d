using Straja.Protocols.ModeS;

namespace Straja.Sim.Emitters;

/// <summary>
/// What a Mode S receiver would put on its Beast output for the simulated aircraft it hears: each
/// cooperative position report becomes an extended squitter, alternating even and odd CPR formats
/// per aircraft as transponders do, with an identification squitter now and then. Pure: the caller
/// sends the bytes.
/// </summary>
public sealed class BeastEmitter
{
    private const double MetresToFeet = 1 / 0.3048;
    private readonly Dictionary<uint, int> _count = [];
    private ulong _timestamp;

    /// <summary>Whether <paramref name="d"/> is an ADS-B report this emitter turns into frames.</summary>
    public static bool Carries(Detection d) =>
        d.Kind == DetectionKind.Position && d.CooperativeId is { } id && id.StartsWith("ICAO:", StringComparison.Ordinal) && id.Length == 11;

    /// <summary>Appends the Beast frames for one report to <paramref name="output"/>.</summary>
    public void Emit(Detection d, List<byte> output)
    {
        if (!Carries(d) || !uint.TryParse(d.CooperativeId.AsSpan(5), System.Globalization.NumberStyles.HexNumber, null, out uint icao))
            return;
        int n = _count.TryGetValue(icao, out int c) ? c : 0;
        _count[icao] = n + 1;
        Span<byte> frame = stackalloc byte[14];
        if (n % 10 == 0 && d.Callsign is { } cs && Callsign.TryCreate(cs, out var callsign) && ModeSEncoder.TryIdentification(frame, icao, callsign))
            Append(frame, output);
        int altFt = (int)Math.Round(d.Position.AltM * MetresToFeet / 25) * 25;
        if (ModeSEncoder.TryAirbornePosition(frame, icao, d.Position.LatDeg, d.Position.LonDeg, altFt, odd: n % 2 == 1))
            Append(frame, output);
    }

    private void Append(ReadOnlySpan<byte> modeS, List<byte> output)
    {
        // A free-running 12 MHz counter, as a receiver's; 1 ms apart is plenty for distinct stamps.
        _timestamp += 12_000;
        Span<byte> buffer = stackalloc byte[BeastWriter.MaxFrameLength];
        if (BeastWriter.TryWrite(new FeedFrame(modeS, _timestamp & 0xFFFF_FFFF_FFFF, 180), buffer, out int written))
            output.AddRange(buffer[..written]);
    }
}
