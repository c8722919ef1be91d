using Google.Protobuf;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Tests.Sapient;

public sealed class ErrorReplyTests
{
    private const string FusionNode = "5b2f6a57-8c1d-4e3a-9f00-1234567890ab";
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Error_reply_names_the_field_carries_the_packet_and_goes_back_to_the_sender()
    {
        var v = SapientVectors.Get("invalid_messages", "0098.StatusReport.ReportId.Missing.json");
        byte[] bytes = SapientVectors.Hex(v, "protobuf_hex")!;
        SapientCodec.TryDecode(bytes, out SapientMessage? bad, out _);

        SapientMessage reply = SapientValidator.ErrorFor(bad!, SapientValidator.Validate(bad!), FusionNode, T0);

        Assert.Equal(SapientMessage.ContentOneofCase.Error, reply.ContentCase);
        Assert.Equal(bytes, reply.Error.Packet.ToByteArray());
        Assert.Contains(reply.Error.ErrorMessage, e => e.StartsWith("status_report.report_id:", StringComparison.Ordinal));
        Assert.Equal(bad!.NodeId, reply.DestinationId);
        Assert.Equal(FusionNode, reply.NodeId);
        Assert.True(SapientValidator.Validate(reply).IsValid);
    }

    [Fact]
    public void Error_reply_for_undecodable_bytes_is_itself_valid()
    {
        SapientMessage reply = SapientValidator.ErrorFor([0xFF, 0x01], ["payload is not a valid protobuf SapientMessage"], FusionNode, null, T0);

        Assert.False(reply.HasDestinationId);
        Assert.Equal(ByteString.CopyFrom(0xFF, 0x01), reply.Error.Packet);
        Assert.True(SapientValidator.Validate(reply).IsValid);
    }

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", true)]
    [InlineData("01arz3ndektsv4rrffq69g5fav", true)]
    [InlineData("81ARZ3NDEKTSV4RRFFQ69G5FAV", false)] // more than 128 bits
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAU", false)] // U is not Crockford
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FA", false)]
    [InlineData("a8654cdf-4328-47de-81fa-c495589e30c9", false)]
    public void Ulid_check_follows_crockford_base32(string id, bool ok) => Assert.Equal(ok, SapientIds.IsUlid(id));

    [Theory]
    [InlineData("a8654cdf-4328-47de-81fa-c495589e30c9", true)]
    [InlineData("A8654CDF-4328-47DE-81FA-C495589E30C9", true)]
    [InlineData("a8654cdf4328-47de-81fa-c495589e30c9-", false)]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV", false)]
    public void Uuid_check_wants_the_dashed_hex_form(string id, bool ok) => Assert.Equal(ok, SapientIds.IsUuid(id));

    [Fact]
    public void Out_of_range_values_are_reported_with_their_path()
    {
        var m = new SapientMessage
        {
            Timestamp = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(T0),
            NodeId = FusionNode,
            DetectionReport = new DetectionReport
            {
                ReportId = "01ARZ3NDEKTSV4RRFFQ69G5FAV",
                ObjectId = "01ARZ3NDEKTSV4RRFFQ69G5FAW",
                DetectionConfidence = 1.5f,
                Location = new Location { X = 200, Y = 44, CoordinateSystem = LocationCoordinateSystem.LatLngDegM, Datum = (LocationDatum)9 },
            },
        };
        m.DetectionReport.Classification.Add(new DetectionReport.Types.DetectionReportClassification { Type = "UAV", Confidence = -0.1f });

        var paths = SapientValidator.Validate(m).Problems.Select(p => p.FieldPath).ToArray();

        Assert.Equal(
            ["detection_report.location.datum", "detection_report.location.x", "detection_report.detection_confidence", "detection_report.classification[0].confidence"],
            paths);
    }
}
