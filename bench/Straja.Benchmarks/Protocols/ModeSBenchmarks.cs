using BenchmarkDotNet.Attributes;
using Straja.Protocols.ModeS;

namespace Straja.Benchmarks.Protocols;

/// <summary>
/// Mode S DF17 decoding, per message: identification, even and odd airborne position, velocity in equal
/// shares. Baseline: the CRC-24 alone, the least any decoder must do. Then the decode without reading any
/// content part (parity, DF fields, type code), then the decode with the content a
/// consumer reads (callsign, CPR fields, velocity), then that plus a CPR global decode of every
/// even/odd pair, then the per-aircraft tracker (which does the CPR decode and the speed gate itself).
/// </summary>
[MemoryDiagnoser]
public class ModeSBenchmarks
{
    private const int Aircraft = 256;
    private const int Messages = Aircraft * ModeSTraffic.FramesPerAircraft;

    private byte[] _frames = null!;
    private AircraftTracker _tracker = null!;
    private double _timeS;

    [GlobalSetup]
    public void Setup()
    {
        _frames = ModeSTraffic.Frames(Aircraft);
        _tracker = new AircraftTracker();
        TrackerPass(); // every aircraft known: the steady state, not the first sighting
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public uint CrcOnly()
    {
        uint acc = 0;
        for (int i = 0; i < _frames.Length; i += 14)
        {
            acc |= ModeSCrc.Remainder(_frames.AsSpan(i, 14));
        }

        return acc;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecodeHeader()
    {
        // TryDecode alone: parity, DF fields and the type code, no content part read.
        int acc = 0;
        for (int i = 0; i < _frames.Length; i += 14)
        {
            if (ModeSDecoder.TryDecode(_frames.AsSpan(i, 14), out var m, out _))
            {
                acc += m.TypeCode;
            }
        }

        return acc;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public double Decode()
    {
        double acc = 0;
        for (int i = 0; i < _frames.Length; i += 14)
        {
            if (ModeSDecoder.TryDecode(_frames.AsSpan(i, 14), out var m, out _))
            {
                acc += Content(m);
            }
        }

        return acc;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public double DecodeWithCprGlobal()
    {
        double acc = 0;
        int evenLat = 0, evenLon = 0;
        for (int i = 0; i < _frames.Length; i += 14)
        {
            if (!ModeSDecoder.TryDecode(_frames.AsSpan(i, 14), out var m, out _))
            {
                continue;
            }

            acc += Content(m);
            if (m.Content == MessageContent.AirbornePosition)
            {
                var p = m.Position;
                if (!p.OddFormat)
                {
                    (evenLat, evenLon) = (p.LatCpr, p.LonCpr);
                }
                else if (Cpr.DecodeAirborneGlobal(evenLat, evenLon, p.LatCpr, p.LonCpr, oddIsNewer: true, out double lat, out double lon) == CprStatus.Ok)
                {
                    acc += lat + lon;
                }
            }
        }

        return acc;
    }

    [Benchmark(OperationsPerInvoke = Messages)]
    public int DecodeAndTrack() => TrackerPass();

    private int TrackerPass()
    {
        int positions = 0;
        for (int i = 0; i < _frames.Length; i += 14)
        {
            _timeS += 0.05;
            if (ModeSDecoder.TryDecode(_frames.AsSpan(i, 14), out var m, out _)
                && _tracker.Update(m, _timeS) == TrackerOutcome.PositionUpdated)
            {
                positions++;
            }
        }

        return positions;
    }

    // What a consumer reads of each kind, so the lazy parts are paid for.
    private static double Content(in ModeSMessage m) => m.Content switch
    {
        MessageContent.Identification => m.Identification.Callsign.Packed,
        MessageContent.AirbornePosition => m.Position.LatCpr + (m.Position.AltitudeFt ?? 0),
        MessageContent.AirborneVelocity => m.Velocity.GroundSpeedKt ?? 0,
        _ => 0,
    };
}
