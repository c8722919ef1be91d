using System.Buffers;
using CsCheck;
using Google.Protobuf.WellKnownTypes;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;
using static Straja.Protocols.Sapient.Wire.DetectionReport.Types;

namespace Straja.Protocols.Tests.Sapient;

public sealed class PropertyTests
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    private static readonly Gen<string> Ulid =
        Gen.Select(Gen.Char["01234567"], Gen.Char[Crockford].Array[25]).Select((first, rest) => first + new string(rest));

    private static readonly Gen<string> Uuid = Gen.Byte.Array[16].Select(b => new Guid(b).ToString());

    private static readonly Gen<Location> LatLon =
        Gen.Select(Gen.Double[-180, 180], Gen.Double[-90, 90], Gen.Double[-100, 10_000], Gen.Double[0, 50], Gen.Bool)
            .Select((lon, lat, alt, err, geoid) => new Location
            {
                X = lon, Y = lat, Z = alt, XError = err / 1e5, YError = err / 1e5, ZError = err,
                CoordinateSystem = LocationCoordinateSystem.LatLngDegM,
                Datum = geoid ? LocationDatum.Wgs84G : LocationDatum.Wgs84E,
            });

    private static readonly Gen<RangeBearing> Polar =
        Gen.Select(Gen.Double[0, 360], Gen.Double[-90, 90], Gen.Double[0, 20_000], Gen.Bool, Gen.Int[1, 4])
            .Select((az, el, range, hasRange, datum) =>
            {
                var rb = new RangeBearing
                {
                    Azimuth = az, Elevation = el, AzimuthError = 0.5, ElevationError = 1,
                    CoordinateSystem = RangeBearingCoordinateSystem.DegreesM, Datum = (RangeBearingDatum)datum,
                };
                if (hasRange)
                {
                    rb.Range = range;
                    rb.RangeError = range / 100;
                }

                return rb;
            });

    private static readonly Gen<DetectionReportClassification> Classification =
        Gen.Select(Gen.OneOf<string>("Air Vehicle", "Animal", "Human", "UAV"), Gen.Float[0, 1], Gen.OneOf<string>("Rotary Wing", "Fixed Wing", "Bird"), Gen.Float[0, 1])
            .Select((type, p, sub, q) =>
            {
                var c = new DetectionReportClassification { Type = type, Confidence = p };
                c.SubClass.Add(new SubClass { Type = sub, Level = 1, Confidence = q });
                return c;
            });

    private static readonly Gen<SapientMessage> DetectionMessages =
        Gen.Select(Gen.Select(Ulid, Ulid, Uuid, Gen.Long[0, 4_000_000_000], Gen.Int[0, 999_999_999]),
                   Gen.Bool, LatLon, Polar, Classification.List[0, 3],
                   Gen.Select(Gen.Bool, Gen.Double[-80, 80], Gen.Double[-80, 80], Gen.Float[0, 1]))
            .Select((ids, useLocation, loc, rb, classes, extra) =>
            {
                var (reportId, objectId, node, seconds, nanos) = ids;
                var (hasVelocity, east, north, confidence) = extra;
                var report = new DetectionReport { ReportId = reportId, ObjectId = objectId, DetectionConfidence = confidence };
                if (useLocation)
                {
                    report.Location = loc;
                }
                else
                {
                    report.RangeBearing = rb;
                }

                report.Classification.AddRange(classes);
                if (hasVelocity)
                {
                    report.EnuVelocity = new ENUVelocity { EastRate = east, NorthRate = north };
                }

                report.Signal.Add(new Signal { Amplitude = -60, CentreFrequency = 2.4e9f });
                return new SapientMessage
                {
                    Timestamp = new Timestamp { Seconds = seconds, Nanos = nanos },
                    NodeId = node,
                    DetectionReport = report,
                };
            });

    [Fact]
    public void Random_valid_detection_reports_survive_encode_frame_read_decode()
    {
        DetectionMessages.Sample(m =>
        {
            Assert.True(SapientValidator.Validate(m).IsValid, SapientValidator.Validate(m).ToString());
            var writer = new ArrayBufferWriter<byte>();
            SapientFraming.Write(writer, m);

            Assert.Equal(OperationStatus.Done, SapientFraming.TryRead(writer.WrittenSpan, SapientFraming.DefaultMaxMessageBytes, out var payload, out int consumed, out _));
            Assert.Equal(writer.WrittenCount, consumed);
            Assert.Equal(OperationStatus.Done, SapientCodec.TryDecode(payload, out SapientMessage? back, out _));
            Assert.Equal(m, back);
        }, iter: 500);
    }

    [Fact]
    public void Random_valid_detection_reports_survive_proto3_json()
    {
        DetectionMessages.Sample(m =>
        {
            Assert.True(SapientCodec.TryParseJson(SapientCodec.ToJson(m), out SapientMessage? back, out string? error), error);
            Assert.Equal(m, back);
        }, iter: 200);
    }

    [Fact]
    public void Adapter_never_throws_and_keeps_object_id_on_random_reports()
    {
        var ctx = new SensorContext("node", DateTimeOffset.UnixEpoch) { MagneticDeclinationRad = 0.1, GridConvergenceRad = 0, PlatformHeadingRad = 1 };
        DetectionMessages.Sample(m =>
        {
            bool ok = SapientAdapter.TryToDetection(m.DetectionReport, ctx, out SapientDetection? d, out string? error);
            bool geoid = m.DetectionReport.Location?.Datum == LocationDatum.Wgs84G;
            Assert.Equal(!geoid, ok);
            if (ok)
            {
                Assert.Equal(m.DetectionReport.ObjectId, d!.ObjectId);
                Assert.InRange(d.Detection.ClassConfidence, 0, 1);
            }
            else
            {
                Assert.Contains("geoid", error, StringComparison.Ordinal);
            }
        }, iter: 500);
    }
}
