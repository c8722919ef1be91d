using System.Buffers;
using BenchmarkDotNet.Attributes;
using Google.Protobuf.WellKnownTypes;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using static Straja.Protocols.Sapient.Wire.DetectionReport.Types;

namespace Straja.Benchmarks.Protocols;

/// <summary>
/// A node's TCP stream of SAPIENT DetectionReports (range/bearing, a UAV classification with a sub-class,
/// ENU velocity), each framed with its 4-byte length. Baseline: the framing alone. Then framing plus
/// protobuf parse (which allocates the message objects by Google.Protobuf's design), then the whole
/// ingest path: parse, validate, turn into a Straja detection.
/// </summary>
[MemoryDiagnoser]
public class SapientBenchmarks
{
    private const int Reports = 1000;
    private const string NodeId = "a8654cdf-4328-47de-81fa-c495589e30c9";

    private byte[] _stream = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(5);
        var writer = new ArrayBufferWriter<byte>();
        var t0 = new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Reports; i++)
        {
            var report = new DetectionReport
            {
                ReportId = Ulid(rng),
                ObjectId = Ulid(rng),
                DetectionConfidence = 0.5f + (float)(rng.NextDouble() / 2),
                RangeBearing = new RangeBearing
                {
                    Azimuth = rng.NextDouble() * 360, Elevation = rng.NextDouble() * 10, Range = 200 + (rng.NextDouble() * 3000),
                    AzimuthError = 1, ElevationError = 2, RangeError = 10,
                    CoordinateSystem = RangeBearingCoordinateSystem.DegreesM, Datum = RangeBearingDatum.True,
                },
                EnuVelocity = new ENUVelocity { EastRate = rng.Next(-20, 20), NorthRate = rng.Next(-20, 20), UpRate = 0 },
            };
            var uav = new DetectionReportClassification { Type = "Air Vehicle", Confidence = 0.9f };
            uav.SubClass.Add(new SubClass { Type = "UAV", Confidence = 0.8f, Level = 1 });
            report.Classification.Add(uav);
            SapientFraming.Write(writer, new SapientMessage
            {
                Timestamp = Timestamp.FromDateTimeOffset(t0.AddMilliseconds(i * 100)),
                NodeId = NodeId,
                DetectionReport = report,
            });
        }

        _stream = writer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Reports)]
    public int Framing()
    {
        int bytes = 0;
        ReadOnlySpan<byte> rest = _stream;
        while (SapientFraming.TryRead(rest, SapientFraming.DefaultMaxMessageBytes, out var payload, out int consumed, out _) == OperationStatus.Done)
        {
            bytes += payload.Length;
            rest = rest[consumed..];
        }

        return bytes;
    }

    [Benchmark(OperationsPerInvoke = Reports)]
    public int FramingAndDecode() => ForEachMessage(static m => m.DetectionReport.RangeBearing.Range > 0);

    [Benchmark(OperationsPerInvoke = Reports)]
    public int DecodeValidateAdapt() => ForEachMessage(static m =>
        SapientValidator.Validate(m).IsValid
        && SapientAdapter.TryToDetection(m.DetectionReport, SensorContext.FromEnvelope(m), out _, out _));

    // A delegate call per message is noise next to a protobuf parse (microseconds), unlike in the framing baseline.
    private int ForEachMessage(Func<SapientMessage, bool> use)
    {
        int accepted = 0;
        ReadOnlySpan<byte> rest = _stream;
        while (SapientFraming.TryRead(rest, SapientFraming.DefaultMaxMessageBytes, out var payload, out int consumed, out _) == OperationStatus.Done)
        {
            if (SapientCodec.TryDecode(payload, out var message, out _) == OperationStatus.Done && use(message!))
            {
                accepted++;
            }

            rest = rest[consumed..];
        }

        return accepted;
    }

    private static string Ulid(Random rng)
    {
        const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
        Span<char> s = stackalloc char[26];
        s[0] = '0';
        for (int k = 1; k < 26; k++)
        {
            s[k] = Crockford[rng.Next(32)];
        }

        return new string(s);
    }
}
