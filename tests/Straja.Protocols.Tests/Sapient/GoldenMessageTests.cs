using System.Buffers;
using Google.Protobuf;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Tests.Sapient;

public sealed class GoldenMessageTests
{
    public static TheoryData<string> Valid => SapientVectors.Names("valid_messages");

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_vector_json_serialises_to_the_given_protobuf_bytes(string name)
    {
        var v = SapientVectors.Get("valid_messages", name);
        Assert.True(SapientCodec.TryParseJson(SapientVectors.MessageJson(v), out SapientMessage? fromJson, out string? error), error);

        // Google.Protobuf writes fields in number order like the reference encoder, so bytes match exactly.
        Assert.Equal(Convert.ToHexString(SapientVectors.Hex(v, "protobuf_hex")!), Convert.ToHexString(SapientCodec.Encode(fromJson)));
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_vector_bytes_decode_to_the_json_message_and_re_encode_byte_identical(string name)
    {
        var v = SapientVectors.Get("valid_messages", name);
        byte[] bytes = SapientVectors.Hex(v, "protobuf_hex")!;
        Assert.Equal(OperationStatus.Done, SapientCodec.TryDecode(bytes, out SapientMessage? decoded, out _));
        Assert.True(SapientCodec.TryParseJson(SapientVectors.MessageJson(v), out SapientMessage? fromJson, out _));

        Assert.Equal(fromJson, decoded);
        Assert.Equal(v.GetProperty("content").GetString(), ContentName(decoded!));
        Assert.Equal(bytes, decoded!.ToByteArray());
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_vector_passes_validation(string name)
    {
        var v = SapientVectors.Get("valid_messages", name);
        SapientCodec.TryDecode(SapientVectors.Hex(v, "protobuf_hex")!, out SapientMessage? m, out _);

        ValidationResult result = SapientValidator.Validate(m!);

        Assert.True(result.IsValid, result.ToString());
    }

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_vector_tcp_frame_reads_back_and_is_written_identically(string name)
    {
        var v = SapientVectors.Get("valid_messages", name);
        byte[] frame = SapientVectors.Hex(v, "tcp_frame_hex")!;

        Assert.Equal(OperationStatus.Done, SapientFraming.TryRead(frame, SapientFraming.DefaultMaxMessageBytes, out ReadOnlySpan<byte> payload, out int consumed, out _));
        Assert.Equal(frame.Length, consumed);
        Assert.Equal(SapientVectors.Hex(v, "protobuf_hex"), payload.ToArray());

        SapientCodec.TryDecode(payload, out SapientMessage? m, out _);
        var writer = new ArrayBufferWriter<byte>();
        SapientFraming.Write(writer, m!);
        Assert.Equal(frame, writer.WrittenSpan.ToArray());
    }

    [Fact]
    public void Json_round_trip_keeps_the_message()
    {
        foreach (string name in SapientVectors.AllNames("valid_messages"))
        {
            var v = SapientVectors.Get("valid_messages", name);
            SapientCodec.TryParseJson(SapientVectors.MessageJson(v), out SapientMessage? m, out _);
            Assert.True(SapientCodec.TryParseJson(SapientCodec.ToJson(m!), out SapientMessage? again, out string? error), error);
            Assert.Equal(m, again);
        }
    }

    private static string ContentName(SapientMessage m) => m.ContentCase switch
    {
        SapientMessage.ContentOneofCase.Registration => "registration",
        SapientMessage.ContentOneofCase.RegistrationAck => "registration_ack",
        SapientMessage.ContentOneofCase.StatusReport => "status_report",
        SapientMessage.ContentOneofCase.DetectionReport => "detection_report",
        SapientMessage.ContentOneofCase.Task => "task",
        SapientMessage.ContentOneofCase.TaskAck => "task_ack",
        SapientMessage.ContentOneofCase.Alert => "alert",
        SapientMessage.ContentOneofCase.AlertAck => "alert_ack",
        SapientMessage.ContentOneofCase.Error => "error",
        _ => "none",
    };
}
