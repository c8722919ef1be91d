using System.Buffers;
using System.Text;
using Straja.Protocols.RemoteId;

namespace Straja.Ingest.Feeds;

/// <summary>
/// The Straja Remote ID receiver feed (UDP datagrams of feed records, docs/protocols/remoteid.md): feed record →
/// carrier → F3411 messages → one drone state per receiver and transmitter → a Position detection for each
/// Location heard, with the transmitter's Operator ID and, when a complete Authentication in the same frame
/// signs that very Location message, the unit proof for the engine to check against the registry.
/// A receiver is accepted by its id, which must be a configured cooperative sensor. Pure: the listener
/// passes the time of receipt.
/// </summary>
public sealed class RemoteIdFeedSession
{
    /// <summary>The counters that record datagrams no receiver can be blamed for (bad framing, unknown receiver).</summary>
    public const string FeedCountersId = "remoteid";

    private readonly HashSet<string> _receivers;
    private readonly IngestCounters _counters;
    private readonly DateTimeOffset _epoch;
    private readonly RemoteIdAggregatorOptions _options;
    private readonly Dictionary<string, RemoteIdAggregator> _byReceiver = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPrune;

    public RemoteIdFeedSession(IEnumerable<SensorDescriptor> sensors, IngestCounters counters, DateTimeOffset epoch, RemoteIdAggregatorOptions? options = null)
    {
        _receivers = sensors.Where(s => s.Kind == SensorKind.Cooperative).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        _counters = counters;
        _epoch = epoch;
        _lastPrune = epoch;
        _options = options ?? new RemoteIdAggregatorOptions();
    }

    /// <summary>Transmitters currently tracked, over all receivers.</summary>
    public int Transmitters => _byReceiver.Values.Sum(a => a.Count);

    /// <summary>Consumes one datagram: every record in it, each on its own (one bad record costs itself only).</summary>
    public void Consume(ReadOnlySpan<byte> datagram, DateTimeOffset receivedAt, List<Detection> detections)
    {
        int offset = 0;
        while (offset < datagram.Length)
        {
            if (RemoteIdFeed.TryRead(datagram[offset..], out var record, out int consumed, out var error) != OperationStatus.Done)
            {
                // A record's length is only known once its header is read: nothing after a broken one can be trusted.
                _counters.For(FeedCountersId).Reject($"Remote ID feed record at byte {offset + error.Offset}: {error.Description}", receivedAt);
                return;
            }

            offset += consumed;
            Record(record, receivedAt, detections);
        }

        if ((receivedAt - _lastPrune).TotalSeconds > 30)
        {
            double nowS = (receivedAt - _epoch).TotalSeconds;
            foreach (var a in _byReceiver.Values)
                a.Prune(nowS);
            _lastPrune = receivedAt;
        }
    }

    private void Record(in RemoteIdFeedRecord record, DateTimeOffset receivedAt, List<Detection> detections)
    {
        string receiver = Encoding.ASCII.GetString(record.ReceiverId);
        if (!_receivers.Contains(receiver))
        {
            _counters.For(FeedCountersId).Reject($"Remote ID receiver \"{receiver}\" is not a configured cooperative sensor", receivedAt);
            return;
        }

        var counters = _counters.For(receiver);
        if (RemoteIdCarrier.TryDecode(record.Payload, record.Kind, out var frame, out var error) != OperationStatus.Done)
        {
            counters.Reject($"Remote ID {record.Kind} payload from {record.TransmitterAddress:X12}: {error}", receivedAt);
            return;
        }

        if (!_byReceiver.TryGetValue(receiver, out var aggregator))
            _byReceiver[receiver] = aggregator = new RemoteIdAggregator(_options);
        double timeS = (receivedAt - _epoch).TotalSeconds;
        if (aggregator.Update(record.TransmitterAddress, frame, timeS, record.RssiDbm) is not { } state)
        {
            counters.Reject("Remote ID frame with neither a transmitter address nor a Basic ID cannot be attributed", receivedAt);
            return;
        }

        counters.Accept();
        if (!CarriesLocation(frame) || RemoteIdAdapter.ToDetection(state, receiver, receivedAt) is not { } d)
            return;
        detections.Add(d with
        {
            OperatorId = state.OperatorId is { } op ? op.Id.ToString().TrimEnd('\0').Trim() : null,
            CooperativeProof = ProofOf(state, timeS),
        });
    }

    private static bool CarriesLocation(in RemoteIdFrame frame)
    {
        for (int i = 0; i < frame.Count; i++)
        {
            if (frame[i].Type == MessageType.Location)
                return true;
        }

        return false;
    }

    /// <summary>The proof text when an authentication completed just now over the Location message just heard; else null.</summary>
    private static string? ProofOf(DroneState state, double timeS)
    {
        if (state.Authentication is not { } auth || auth.CompletedS != timeS || state.LocationMessage is not { } location
            || auth.LocationMessages.Count == 0 || !auth.LocationMessages[0].AsSpan().SequenceEqual(location.Bytes))
        {
            return null;
        }

        return CooperativeProofText.Format(location.Bytes, auth.Pages);
    }
}
