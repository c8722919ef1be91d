using System.Buffers;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Fuzz;

/// <summary>
/// SAPIENT: the input is a TCP stream from a node (length-prefixed protobuf messages). Each message takes
/// the path the fusion node gives it: decode, validate, answer an invalid one with an Error, turn a valid
/// DetectionReport into a detection, and print it as JSON the way `straja decode` does.
/// </summary>
internal static class SapientTarget
{
    private const int MaxMessageBytes = 64 * 1024;
    private const string FusionNodeId = "8c1e9f7a-4a44-4d7e-9b0e-2f6f2a1d3c55";
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    public static void Fuzz(ReadOnlySpan<byte> input)
    {
        while (true)
        {
            var status = SapientFraming.TryRead(input, MaxMessageBytes, out var payload, out int consumed, out var error);
            Invariant.InRange(consumed, 0, input.Length, $"consumed ({status})");
            if (status == OperationStatus.NeedMoreData)
            {
                Invariant.Check(consumed == 0, $"NeedMoreData consumed {consumed} bytes");
                return;
            }

            if (status == OperationStatus.InvalidData)
            {
                // The stream has no resync point: a listener closes the connection here.
                Invariant.Check(consumed > 0 && error.Reason != SapientDecodeErrorReason.None, "InvalidData without progress or reason");
                _ = error.Description;
                return;
            }

            Invariant.Check(status == OperationStatus.Done && consumed == SapientFraming.HeaderBytes + payload.Length, $"{status}: consumed {consumed} for a {payload.Length}-byte payload");
            Message(payload);
            input = input[consumed..];
        }
    }

    private static void Message(ReadOnlySpan<byte> payload)
    {
        if (SapientCodec.TryDecode(payload, out var decoded, out var error) != OperationStatus.Done)
        {
            Invariant.Check(error.Reason != SapientDecodeErrorReason.None, "a failed decode without a reason");
            _ = error.Description;
            return;
        }

        var message = decoded ?? throw new InvariantViolationException("Done without a message");
        var result = SapientValidator.Validate(message);
        _ = result.ToString();
        if (!result.IsValid)
        {
            _ = SapientValidator.ErrorFor(message, result, FusionNodeId, Now);
        }
        else if (message.ContentCase == SapientMessage.ContentOneofCase.DetectionReport)
        {
            var context = SensorContext.FromEnvelope(message);
            if (SapientAdapter.TryToDetection(message.DetectionReport, context, out var detection, out _))
            {
                Invariant.Check(detection.Detection.SensorId == context.SensorId, "detection lost its sensor id");
            }
        }

        _ = SapientCodec.ToJson(message);
    }
}
