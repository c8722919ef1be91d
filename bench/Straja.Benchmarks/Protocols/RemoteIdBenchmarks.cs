using System.Buffers;
using BenchmarkDotNet.Attributes;
using Straja.Protocols.RemoteId;

namespace Straja.Benchmarks.Protocols;

/// <summary>
/// Remote ID message packs as a receiver hears them from a drone: Basic ID, Location/Vector and Operator ID
/// in one pack (3 + 3 × 25 bytes). Baseline: the pack framing and message split alone; then every message's
/// fields read (the serial, the position and velocity, the operator) as the ingest session does.
/// </summary>
[MemoryDiagnoser]
public class RemoteIdBenchmarks
{
    private const int Packs = 1000;
    private byte[] _packs = null!;
    private int _packLength;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(17);
        _packLength = MessagePack.HeaderBytes + (3 * RemoteIdMessage.Size);
        _packs = new byte[Packs * _packLength];
        for (int i = 0; i < Packs; i++)
        {
            var location = new LocationVector
            {
                Status = OperationalStatus.Airborne,
                LatitudeDeg = 45 + rng.NextDouble(),
                LongitudeDeg = 28 + rng.NextDouble(),
                GeodeticAltitudeM = 100 + (rng.NextDouble() * 200),
                SpeedMps = rng.NextDouble() * 30,
                TrackDeg = rng.NextDouble() * 359,
                VerticalSpeedMps = 0,
                TimestampS = rng.Next(0, 3600),
            };
            RemoteIdMessage[] messages =
            [
                RemoteIdMessage.From(BasicId.Ascii(IdType.SerialNumber, UaType.HelicopterOrMultirotor, $"1596F3{i:D14}")),
                RemoteIdMessage.From(location),
                RemoteIdMessage.From(new OperatorId(OperatorIdType.OperatorId, RemoteIdBytes.FromAscii($"ROU{i:D12}xyz", OperatorId.IdBytes))),
            ];
            if (!new MessagePack(messages).TryWrite(_packs.AsSpan(i * _packLength, _packLength), out _))
                throw new InvalidOperationException("a message pack did not fit");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Packs)]
    public int Unpack()
    {
        int messages = 0;
        for (int i = 0; i < Packs; i++)
        {
            if (MessagePack.TryDecode(_packs.AsSpan(i * _packLength, _packLength), out var pack, out _, out _) == OperationStatus.Done)
                messages += pack.Count;
        }

        return messages;
    }

    [Benchmark(OperationsPerInvoke = Packs)]
    public double UnpackAndRead()
    {
        double acc = 0;
        for (int i = 0; i < Packs; i++)
        {
            if (MessagePack.TryDecode(_packs.AsSpan(i * _packLength, _packLength), out var pack, out _, out _) != OperationStatus.Done)
                continue;
            foreach (var m in pack.Messages)
            {
                if (m.TryGet(out LocationVector loc))
                    acc += loc.LatitudeDeg ?? 0;
                else if (m.TryGet(out BasicId id))
                    acc += id.UasId.Length;
                else if (m.TryGet(out OperatorId op))
                    acc += op.Id.Length;
            }
        }

        return acc;
    }
}
