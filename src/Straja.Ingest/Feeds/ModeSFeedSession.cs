using System.Buffers;
using Straja.Protocols.ModeS;

namespace Straja.Ingest.Feeds;

public enum ModeSFeedFormat
{
    Beast = 1,
    Avr = 2,
}

/// <summary>
/// A Beast or AVR feed from a Mode S / ADS-B receiver (readsb, dump1090): framing → Mode S decode →
/// per-aircraft state (CPR pairing, speed gate) → a Position detection for each accepted position.
/// </summary>
public sealed class ModeSFeedSession(string sensorId, ModeSFeedFormat format, SensorCounters counters, DateTimeOffset epoch, GeoPoint? receiver = null)
    : IFeedSession
{
    private readonly AircraftTracker _aircraft = new(new AircraftTrackerOptions { ReceiverPosition = receiver });
    private byte[] _scratch = new byte[4096];
    private readonly DateTimeOffset _epoch = epoch;
    private DateTimeOffset _lastPrune = epoch;

    public int Aircraft => _aircraft.Count;

    public SequencePosition Consume(ReadOnlySequence<byte> buffer, DateTimeOffset receivedAt, List<Detection> detections)
    {
        // Frames are small; a contiguous copy of a multi-segment buffer's head keeps the readers on spans.
        ReadOnlySpan<byte> span;
        if (buffer.IsSingleSegment)
        {
            span = buffer.FirstSpan;
        }
        else
        {
            int n = (int)Math.Min(buffer.Length, 64 * 1024);
            if (_scratch.Length < n)
                _scratch = new byte[n];
            buffer.Slice(0, n).CopyTo(_scratch);
            span = _scratch.AsSpan(0, n);
        }

        double timeS = (receivedAt - _epoch).TotalSeconds;
        int offset = 0;
        while (offset < span.Length)
        {
            var status = format == ModeSFeedFormat.Beast
                ? BeastReader.TryRead(span[offset..], out var frame, out int consumed, out var error)
                : AvrReader.TryRead(span[offset..], out frame, out consumed, out error);
            if (status == OperationStatus.NeedMoreData)
                break;
            if (status != OperationStatus.Done)
            {
                counters.Reject($"{format} framing at byte {offset + error.Offset}: {error.Description}", receivedAt);
                offset += Math.Max(1, consumed);
                continue;
            }

            offset += consumed;
            if (frame.Type == FeedFrameType.ModeAC)
                continue;
            if (!ModeSDecoder.TryDecode(frame.Data, out var msg, out var decodeError))
            {
                if (decodeError.Reason != DecodeErrorReason.UnsupportedDownlinkFormat)
                    counters.Reject($"Mode S frame {Convert.ToHexString(frame.Data)}: {decodeError}", receivedAt);
                continue;
            }

            switch (_aircraft.Update(msg, timeS))
            {
                case TrackerOutcome.PositionUpdated when _aircraft.TryGet(msg.Icao, out var state)
                    && AdsbAdapter.ToDetection(state, sensorId, receivedAt) is { } d:
                    detections.Add(d);
                    counters.Accept();
                    break;
                case TrackerOutcome.PositionRejected:
                    counters.Reject($"ICAO {msg.Icao:X6}: position jump rejected by the speed gate", receivedAt);
                    break;
                case TrackerOutcome.Ignored:
                    break;
                default:
                    counters.Accept();
                    break;
            }
        }

        if ((receivedAt - _lastPrune).TotalSeconds > 30)
        {
            _aircraft.Prune(timeS, 300);
            _lastPrune = receivedAt;
        }

        return buffer.GetPosition(offset);
    }
}
