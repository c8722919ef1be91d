using Straja.Geo;
using Straja.Protocols.Asterix;

namespace Straja.Ingest.Feeds;

/// <summary>
/// ASTERIX from surveillance radars and trackers, one UDP datagram at a time: CAT048 target reports
/// become Polar detections of the radar their SAC/SIC names; CAT034 service messages (north marker,
/// sector crossing) are counted as the radar's heartbeat; CAT062 system tracks become track-level
/// Position detections of the <see cref="SensorKind.Tracker"/> their SAC/SIC names. One port takes
/// all three: the category byte of each data block tells them apart. Pure: the time of receipt comes
/// in, and dates the reports' time of day (which wraps at midnight).
/// </summary>
public sealed class AsterixRadarSession
{
    private const double MetresPerNm = 1852;
    private const double MetresPerFt = 0.3048;

    private readonly Dictionary<(byte, byte), SensorDescriptor> _sources = [];
    private readonly IngestCounters _counters;

    public AsterixRadarSession(IEnumerable<SensorDescriptor> sensors, IngestCounters counters)
    {
        _counters = counters;
        foreach (var s in sensors)
        {
            if (s.AsterixSource is { } src)
                _sources[src] = s;
        }
    }

    public long NorthMarkers { get; private set; }

    /// <summary>Decodes one datagram; bad blocks or records are counted against their source and skipped.</summary>
    public void Consume(ReadOnlySpan<byte> datagram, DateTimeOffset receivedAt, List<Detection> detections)
    {
        var blocks = new AsterixBlockReader(datagram);
        AsterixDecodeError error;
        while (blocks.TryReadBlock(out var block, out error))
        {
            switch (block.Category)
            {
                case 48:
                    ReadCat048(block.Records, block.RecordsOffset, receivedAt, detections);
                    break;
                case 34:
                    ReadCat034(block.Records, block.RecordsOffset, receivedAt);
                    break;
                case 62:
                    ReadCat062(block.Records, block.RecordsOffset, receivedAt, detections);
                    break;
                default:
                    _counters.For("asterix").Reject($"CAT{block.Category:D3} at byte {block.Offset}: not a category this listener takes (048, 034, 062)", receivedAt);
                    break;
            }
        }

        if (error.IsError)
            _counters.For("asterix").Reject($"datagram: {error.Description} at byte {error.Offset}", receivedAt);
    }

    private void ReadCat048(ReadOnlySpan<byte> records, int baseOffset, DateTimeOffset receivedAt, List<Detection> detections)
    {
        int offset = 0;
        while (offset < records.Length)
        {
            var status = Cat048.TryDecode(records[offset..], out var r, out int consumed, out var error);
            if (status != System.Buffers.OperationStatus.Done)
            {
                // The record's length is lost with its error: the rest of the block cannot be trusted.
                _counters.For("asterix").Reject($"CAT048 record at byte {baseOffset + offset + error.Offset}: {error.Description}", receivedAt);
                return;
            }

            offset += consumed;
            if (!TryConfigured(r.Source, "CAT048", receivedAt, out var radar))
                continue;

            var counters = _counters.For(radar.Id);
            if (r.MeasuredPosition is not { } polar || r.TimeOfDay128 is not { } tod)
            {
                counters.Reject("CAT048 record without I048/040 (measured position) or I048/140 (time of day)", receivedAt);
                continue;
            }

            double range = polar.RhoNm * MetresPerNm;
            var noise = radar.Noise ?? new SensorNoise(50, 0.002, 0.01);
            double? heightM = r.Height3DFt is { } ft ? ft * MetresPerFt : null;
            double elevation = heightM is { } h ? RadarGeometry.ElevationRad(range, radar.Position.AltM, h) : double.NaN;
            detections.Add(new Detection
            {
                SensorId = radar.Id,
                Time = AsterixTime.Resolve(tod, receivedAt),
                Kind = DetectionKind.Polar,
                RangeM = range,
                AzimuthRad = polar.ThetaDeg * (Math.PI / 180),
                ElevationRad = elevation,
                SigmaRangeM = noise.RangeM,
                SigmaAzimuthRad = noise.AzimuthRad,
                SigmaElevationRad = double.IsNaN(elevation) ? double.NaN : noise.ElevationRad,
            });
            counters.Accept();
        }
    }

    private void ReadCat062(ReadOnlySpan<byte> records, int baseOffset, DateTimeOffset receivedAt, List<Detection> detections)
    {
        int offset = 0;
        while (offset < records.Length)
        {
            if (Cat062.TryDecode(records[offset..], out var r, out int consumed, out var error) != System.Buffers.OperationStatus.Done)
            {
                _counters.For("asterix").Reject($"CAT062 record at byte {baseOffset + offset + error.Offset}: {error.Description}", receivedAt);
                return;
            }

            offset += consumed;
            if (!TryConfigured(r.Source, "CAT062", receivedAt, out var tracker))
                continue;

            var counters = _counters.For(tracker.Id);
            if (tracker.Kind != SensorKind.Tracker)
            {
                // System tracks under a radar's identity would be fused as if the radar had filtered them.
                counters.Reject($"CAT062 from SAC/SIC {tracker.AsterixSource?.Sac}/{tracker.AsterixSource?.Sic}, which is configured as a {tracker.Kind.ToString().ToLowerInvariant()}, not a tracker", receivedAt);
                continue;
            }

            if (Cat062TrackAdapter.TryToDetection(r, tracker, receivedAt, out var detection, out string why))
            {
                detections.Add(detection);
                counters.Accept();
            }
            else
            {
                counters.Reject(why, receivedAt);
            }
        }
    }

    /// <summary>The sensor a record's I0xx/010 names; a record without one, or from an unknown source, is counted against "asterix".</summary>
    private bool TryConfigured(DataSource? source, string category, DateTimeOffset receivedAt, out SensorDescriptor sensor)
    {
        if (source is { } s && _sources.TryGetValue((s.Sac, s.Sic), out var found))
        {
            sensor = found;
            return true;
        }

        _counters.For("asterix").Reject($"{category} from SAC/SIC {source?.Sac}/{source?.Sic}: no such sensor configured", receivedAt);
        sensor = null!;
        return false;
    }

    private void ReadCat034(ReadOnlySpan<byte> records, int baseOffset, DateTimeOffset receivedAt)
    {
        int offset = 0;
        while (offset < records.Length)
        {
            if (Cat034.TryDecode(records[offset..], out var r, out int consumed, out var error) != System.Buffers.OperationStatus.Done)
            {
                _counters.For("asterix").Reject($"CAT034 record at byte {baseOffset + offset + error.Offset}: {error.Description}", receivedAt);
                return;
            }

            offset += consumed;
            if (r.Source is { } src && _sources.TryGetValue((src.Sac, src.Sic), out var radar))
            {
                _counters.For(radar.Id).Accept();
                if (r.MessageType == Cat034MessageType.NorthMarker)
                    NorthMarkers++;
            }
        }
    }
}
