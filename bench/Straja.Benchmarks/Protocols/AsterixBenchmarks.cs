using System.Buffers;
using BenchmarkDotNet.Attributes;
using Straja.Protocols.Asterix;
using Straja.Protocols.ModeS;

namespace Straja.Benchmarks.Protocols;

/// <summary>
/// CAT048 target reports as a Mode S radar sends them: datagrams of 25 records (about 1 KB each), every
/// record with the items of a confirmed Mode S track (I010, 140, 020, 040, 070, 090, 130, 220, 240, 161,
/// 042, 200, 170). Baseline: the FSPEC walk alone, which frames every item but interprets none; then the
/// typed decode of every record. Both include the block framing.
/// </summary>
[MemoryDiagnoser]
public class AsterixBenchmarks
{
    private const int RecordsPerBlock = 25;
    private const int Blocks = 40;
    private const int Records = RecordsPerBlock * Blocks;

    private byte[] _datagrams = null!;
    private int[] _lengths = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(11);
        var buffer = new byte[Blocks * 4096];
        _lengths = new int[Blocks];
        int pos = 0;
        for (int b = 0; b < Blocks; b++)
        {
            var w = new AsterixWriter(buffer.AsSpan(pos, 4096));
            w.BeginBlock(48);
            for (int r = 0; r < RecordsPerBlock; r++)
            {
                if (!Cat048.Write(ref w, Report(rng)))
                {
                    throw new InvalidOperationException("a CAT048 record did not fit");
                }
            }

            _lengths[b] = w.EndBlock();
            pos += 4096;
        }

        _datagrams = buffer;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int FspecWalk()
    {
        int items = 0;
        for (int b = 0; b < Blocks; b++)
        {
            var blocks = new AsterixBlockReader(Datagram(b));
            while (blocks.TryReadBlock(out var block, out _))
            {
                ReadOnlySpan<byte> rest = block.Records;
                while (!rest.IsEmpty)
                {
                    var r = new AsterixRecordReader(AsterixUaps.Cat048, rest);
                    while (r.MoveNext())
                    {
                        items++;
                    }

                    if (r.Error.IsError || r.Consumed == 0)
                    {
                        break;
                    }

                    rest = rest[r.Consumed..];
                }
            }
        }

        return items;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public double Decode()
    {
        double acc = 0;
        for (int b = 0; b < Blocks; b++)
        {
            var blocks = new AsterixBlockReader(Datagram(b));
            while (blocks.TryReadBlock(out var block, out _))
            {
                ReadOnlySpan<byte> rest = block.Records;
                while (Cat048.TryDecode(rest, out var rec, out int consumed, out _) == OperationStatus.Done)
                {
                    acc += rec.MeasuredPosition?.RhoNm ?? 0;
                    rest = rest[consumed..];
                }
            }
        }

        return acc;
    }

    private ReadOnlySpan<byte> Datagram(int b) => _datagrams.AsSpan(b * 4096, _lengths[b]);

    private static Cat048Record Report(Random rng)
    {
        Callsign.TryCreate($"TAR{rng.Next(10_000):D4}", out var callsign);
        double x = (rng.NextDouble() * 200) - 100, y = (rng.NextDouble() * 200) - 100;
        return new Cat048Record
        {
            Source = new DataSource(25, 201),
            TimeOfDay128 = (uint)rng.Next(0, 86_400 * 128),
            Descriptor = new Cat048Descriptor(Typ: 5),
            MeasuredPosition = new PolarPosition(Math.Sqrt((x * x) + (y * y)), (Math.Atan2(x, y) * 180 / Math.PI + 360) % 360),
            Mode3A = new Mode3A((ushort)rng.Next(0, 4096)),
            FlightLevel = new FlightLevel(rng.Next(10, 400)),
            PlotCharacteristics = new RadarPlotCharacteristics(SsrRunLengthDeg: 0.5, SsrReplies: 6, SsrAmplitudeDbm: -70),
            AircraftAddress = 0x4A0000u + (uint)rng.Next(0x10000),
            AircraftId = callsign,
            TrackNumber = rng.Next(0, 4096),
            CalculatedPosition = new CartesianPositionNm(x, y),
            Velocity = new PolarVelocity(rng.Next(100, 480), rng.NextDouble() * 360),
            TrackStatus = new Cat048TrackStatus(Cnf: false, Rad: 2),
        };
    }
}
