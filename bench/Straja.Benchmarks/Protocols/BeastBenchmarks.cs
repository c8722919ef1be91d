using System.Buffers;
using BenchmarkDotNet.Attributes;
using Straja.Protocols.ModeS;

namespace Straja.Benchmarks.Protocols;

/// <summary>
/// A Beast binary feed buffer of many frames (the DF17 traffic of <see cref="ModeSTraffic"/>, with 12 MHz
/// timestamps and signal bytes, 0x1A escaping where it falls). Baseline: a naive byte loop that only finds
/// the frame starts. Then the reader alone, and the reader plus the Mode S decode.
/// </summary>
[MemoryDiagnoser]
public class BeastBenchmarks
{
    private const int Aircraft = 256;
    private const int Frames = Aircraft * ModeSTraffic.FramesPerAircraft;

    private byte[] _feed = null!;

    [GlobalSetup]
    public void Setup()
    {
        byte[] frames = ModeSTraffic.Frames(Aircraft);
        var feed = new byte[Frames * BeastWriter.MaxFrameLength];
        int pos = 0;
        ulong ts = 0x1A_0000_0000;
        for (int i = 0; i < frames.Length; i += 14)
        {
            ts += 6_000 + (ulong)(i % 97);
            var frame = new FeedFrame(frames.AsSpan(i, 14), ts, (byte)(40 + (i % 200)));
            BeastWriter.TryWrite(frame, feed.AsSpan(pos), out int n);
            pos += n;
        }

        _feed = feed[..pos];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Frames)]
    public int NaiveFrameScan()
    {
        // Counts unescaped 0x1A: what any Beast reader must at least look at.
        int starts = 0;
        byte[] b = _feed;
        for (int i = 0; i < b.Length; i++)
        {
            if (b[i] == 0x1A)
            {
                if (i + 1 < b.Length && b[i + 1] == 0x1A)
                {
                    i++;
                }
                else
                {
                    starts++;
                }
            }
        }

        return starts;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long Read()
    {
        long acc = 0;
        ReadOnlySpan<byte> rest = _feed;
        while (BeastReader.TryRead(rest, out var frame, out int consumed) != OperationStatus.NeedMoreData)
        {
            acc += frame.Signal;
            rest = rest[consumed..];
        }

        return acc;
    }

    [Benchmark(OperationsPerInvoke = Frames)]
    public long ReadAndDecode()
    {
        long acc = 0;
        ReadOnlySpan<byte> rest = _feed;
        while (BeastReader.TryRead(rest, out var frame, out int consumed) != OperationStatus.NeedMoreData)
        {
            if (ModeSDecoder.TryDecode(frame.Data, out var m, out _))
            {
                acc += m.TypeCode;
            }

            rest = rest[consumed..];
        }

        return acc;
    }
}
