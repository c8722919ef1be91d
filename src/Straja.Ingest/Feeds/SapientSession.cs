using System.Buffers;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Ingest.Feeds;

/// <summary>
/// Straja as a SAPIENT (BSI Flex 335 v2.0) fusion node, for one sensor node's TCP connection:
/// Registration → RegistrationAck (accepted only for a node configured as a sensor), StatusReport as
/// the node's heartbeat, DetectionReport → detections of that sensor, Alert → AlertAck, and an Error
/// naming the field for anything invalid, TaskAck into the task book. Registrations, status reports,
/// acknowledgements and the connection's end go to the shared <see cref="SapientNodes"/> (liveness and
/// tasking); a Task the fusion node sends is queued here and the connection is woken to send it.
/// Pure: replies are queued for the connection to send.
/// </summary>
public sealed class SapientSession(
    IEnumerable<SensorDescriptor> sensors, string fusionNodeId, IngestCounters counters, int maxMessageBytes = SapientFraming.DefaultMaxMessageBytes,
    SapientNodes? nodes = null)
    : IPushingFeedSession, ISapientLink
{
    private readonly Dictionary<string, SensorDescriptor> _nodes =
        sensors.Where(s => s.SapientNodeId is not null).ToDictionary(s => s.SapientNodeId!, StringComparer.OrdinalIgnoreCase);
    private readonly SapientNodes _book = nodes ?? new SapientNodes(sensors, fusionNodeId);
    private readonly List<SapientMessage> _replies = [];
    private readonly Lock _repliesLock = new();
    private readonly HashSet<string> _registered = new(StringComparer.OrdinalIgnoreCase);
    private byte[] _scratch = new byte[16 * 1024];
    private Action? _wake;

    public DateTimeOffset? LastStatus { get; private set; }

    public bool Closed { get; private set; }

    public SequencePosition Consume(ReadOnlySequence<byte> buffer, DateTimeOffset receivedAt, List<Detection> detections)
    {
        long offset = 0;
        while (true)
        {
            var rest = buffer.Slice(offset);
            if (rest.Length < SapientFraming.HeaderBytes)
                break;
            // Frames may straddle pipe segments: copy the header, and then the frame, when they do.
            ReadOnlySpan<byte> span = rest.FirstSpan;
            if (span.Length < rest.Length && span.Length < SapientFraming.HeaderBytes + 1)
                span = Copy(rest, (int)Math.Min(rest.Length, SapientFraming.HeaderBytes));
            var status = SapientFraming.TryRead(span, maxMessageBytes, out var payload, out int consumed, out var error);
            if (status == OperationStatus.NeedMoreData && span.Length < rest.Length)
            {
                int need = SapientFraming.HeaderBytes + (int)BitConverter.ToUInt32(Copy(rest, SapientFraming.HeaderBytes));
                if (need > rest.Length)
                    break;
                span = Copy(rest, need);
                status = SapientFraming.TryRead(span, maxMessageBytes, out payload, out consumed, out error);
            }

            if (status == OperationStatus.NeedMoreData)
                break;
            if (status != OperationStatus.Done)
            {
                counters.For("sapient").Reject($"SAPIENT framing at byte {offset + error.Offset}: {error.Reason} {error.Detail}", receivedAt);
                Reply(SapientValidator.ErrorFor(ReadOnlySpan<byte>.Empty, [$"framing: {error.Reason}"], fusionNodeId, null, receivedAt));
                // A length we refuse leaves no way to find the next frame: answer, then drop the connection.
                Closed = true;
                return buffer.End;
            }

            Handle(payload, receivedAt, detections);
            offset += consumed;
        }

        return buffer.GetPosition(offset);
    }

    private void Handle(ReadOnlySpan<byte> payload, DateTimeOffset receivedAt, List<Detection> detections)
    {
        if (SapientCodec.TryDecode(payload, out var message, out var decodeError) != OperationStatus.Done || message is null)
        {
            counters.For("sapient").Reject($"SAPIENT message does not decode: {decodeError.Reason} {decodeError.Detail}", receivedAt);
            Reply(SapientValidator.ErrorFor(payload, [$"decode: {decodeError.Reason} {decodeError.Detail}"], fusionNodeId, null, receivedAt));
            return;
        }

        var validation = SapientValidator.Validate(message);
        if (!validation.IsValid)
        {
            var first = validation.Problems[0];
            Count(message.NodeId).Reject($"SAPIENT {message.ContentCase}: {first.FieldPath}: {first.Reason}", receivedAt);
            Reply(SapientValidator.ErrorFor(message, validation, fusionNodeId, receivedAt));
            return;
        }

        switch (message.ContentCase)
        {
            case SapientMessage.ContentOneofCase.Registration:
                bool known = _nodes.ContainsKey(message.NodeId);
                if (known)
                {
                    _registered.Add(message.NodeId);
                    _book.Registered(message.NodeId, message.Registration, this, receivedAt);
                }

                var ack = new RegistrationAck { Acceptance = known };
                if (!known)
                    ack.AckResponseReason.Add($"node {message.NodeId} is not configured as a sensor of this fusion node");
                Reply(Envelope(message.NodeId, receivedAt, m => m.RegistrationAck = ack));
                if (known)
                    Count(message.NodeId).Accept();
                else
                    counters.For("sapient").Reject($"registration from unconfigured node {message.NodeId}", receivedAt);
                break;
            case SapientMessage.ContentOneofCase.StatusReport when Registered(message, receivedAt):
                LastStatus = receivedAt;
                if (message.StatusReport.System == StatusReport.Types.System.Goodbye)
                    _book.Left(message.NodeId, receivedAt);
                else
                    _book.StatusReported(message.NodeId, receivedAt);
                Count(message.NodeId).Accept();
                break;
            case SapientMessage.ContentOneofCase.DetectionReport when Registered(message, receivedAt):
                var sensor = _nodes[message.NodeId];
                var context = SensorContext.FromEnvelope(message) with { SensorId = sensor.Id };
                if (SapientAdapter.TryToDetection(message.DetectionReport, context, out var detection, out var why))
                {
                    detections.Add(detection.Detection.Kind == DetectionKind.Position && detection.ObjectId.Length > 0
                        ? detection.Detection with { SourceTrackId = detection.ObjectId }
                        : detection.Detection);
                    Count(message.NodeId).Accept();
                }
                else
                {
                    Count(message.NodeId).Reject($"DetectionReport {message.DetectionReport.ReportId}: {why}", receivedAt);
                    Reply(SapientValidator.ErrorFor(payload, [why], fusionNodeId, message.NodeId, receivedAt));
                }

                break;
            case SapientMessage.ContentOneofCase.Alert when Registered(message, receivedAt):
                Reply(Envelope(message.NodeId, receivedAt, m => m.AlertAck = new AlertAck
                {
                    AlertId = message.Alert.AlertId,
                    AlertAckStatus = AlertAck.Types.AlertAckStatus.Accepted,
                }));
                Count(message.NodeId).Accept();
                break;
            case SapientMessage.ContentOneofCase.TaskAck when Registered(message, receivedAt):
                _book.TaskAnswered(message.NodeId, message.TaskAck, receivedAt);
                Count(message.NodeId).Accept();
                break;
            case SapientMessage.ContentOneofCase.Error:
                Count(message.NodeId).Accept();
                break;
            case SapientMessage.ContentOneofCase.StatusReport or SapientMessage.ContentOneofCase.DetectionReport or SapientMessage.ContentOneofCase.Alert
                or SapientMessage.ContentOneofCase.TaskAck:
                break; // not registered: Registered() has replied
            default:
                Count(message.NodeId).Reject($"SAPIENT {message.ContentCase} is not something a sensor node sends to a fusion node", receivedAt);
                Reply(SapientValidator.ErrorFor(payload, [$"unexpected {message.ContentCase} from a sensor node"], fusionNodeId, message.NodeId, receivedAt));
                break;
        }
    }

    private bool Registered(SapientMessage message, DateTimeOffset receivedAt)
    {
        if (_registered.Contains(message.NodeId))
            return true;
        counters.For("sapient").Reject($"{message.ContentCase} from node {message.NodeId} before its registration", receivedAt);
        Reply(SapientValidator.ErrorFor(message.ToByteArray(), [$"node {message.NodeId} has not registered"], fusionNodeId, message.NodeId, receivedAt));
        return false;
    }

    private SensorCounters Count(string nodeId) => counters.For(_nodes.TryGetValue(nodeId, out var s) ? s.Id : "sapient");

    private SapientMessage Envelope(string destination, DateTimeOffset time, Action<SapientMessage> fill)
    {
        var m = new SapientMessage { Timestamp = Timestamp.FromDateTimeOffset(time), NodeId = fusionNodeId, DestinationId = destination };
        fill(m);
        return m;
    }

    private void Reply(SapientMessage message)
    {
        lock (_repliesLock)
            _replies.Add(message);
    }

    public void TakeReplies(IBufferWriter<byte> writer)
    {
        lock (_repliesLock)
        {
            foreach (var r in _replies)
                SapientFraming.Write(writer, r);
            _replies.Clear();
        }
    }

    /// <summary>Queues a message from the fusion node (a Task) and wakes the connection to send it.</summary>
    public void Send(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Reply(message);
        Volatile.Read(ref _wake)?.Invoke();
    }

    public void Attach(Action wake) => Volatile.Write(ref _wake, wake);

    public void Detach(DateTimeOffset at)
    {
        Volatile.Write(ref _wake, null);
        foreach (var node in _registered)
            _book.Disconnected(node, this, at);
    }

    private ReadOnlySpan<byte> Copy(ReadOnlySequence<byte> seq, int n)
    {
        if (_scratch.Length < n)
            _scratch = new byte[n];
        seq.Slice(0, n).CopyTo(_scratch);
        return _scratch.AsSpan(0, n);
    }
}
