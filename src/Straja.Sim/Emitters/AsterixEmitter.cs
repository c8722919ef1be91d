using Straja.Geo;
using Straja.Protocols.Asterix;

namespace Straja.Sim.Emitters;

/// <summary>
/// What a surveillance radar's plot extractor puts on the network for the simulated radars: CAT048
/// target reports (I048/010 SAC/SIC, /140 time of day, /020 primary plot, /040 measured polar
/// position, /110 measured height) packed into datagrams, and a CAT034 north marker once a
/// revolution. Pure: the caller sends the datagrams. Only radars with an ASTERIX source are carried.
/// </summary>
public sealed class AsterixEmitter(IEnumerable<SensorDescriptor> sensors)
{
    private const int MaxDatagram = 1400;
    private const double MetresPerNm = 1852;
    private const double MetresPerFt = 0.3048;
    private readonly Dictionary<string, SensorDescriptor> _radars =
        sensors.Where(s => s.AsterixSource is not null).ToDictionary(s => s.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nextNorth = new(StringComparer.Ordinal);
    private readonly byte[] _buffer = new byte[MaxDatagram];

    public bool Carries(Detection d) => d.Kind == DetectionKind.Polar && _radars.ContainsKey(d.SensorId);

    /// <summary>The datagrams for <paramref name="detections"/> (those it carries) and the north markers due by <paramref name="until"/>.</summary>
    public List<byte[]> Emit(IEnumerable<Detection> detections, DateTimeOffset until)
    {
        var datagrams = new List<byte[]>();
        foreach (var group in detections.Where(Carries).GroupBy(d => d.SensorId, StringComparer.Ordinal))
        {
            var radar = _radars[group.Key];
            var pending = group.ToList();
            int i = 0;
            while (i < pending.Count)
            {
                var w = new AsterixWriter(_buffer);
                w.BeginBlock(48);
                int start = i;
                for (; i < pending.Count; i++)
                {
                    // Leave room for one more record (well under 40 bytes); start a new datagram after.
                    if (w.Written > MaxDatagram - 64)
                        break;
                    Cat048.Write(ref w, Plot(radar, pending[i]));
                }

                int n = w.EndBlock();
                if (w.Failed || i == start)
                    throw new InvalidOperationException($"CAT048 encoding failed for {radar.Id}");
                datagrams.Add(_buffer.AsSpan(0, n).ToArray());
            }
        }

        foreach (var radar in _radars.Values)
        {
            var next = _nextNorth.TryGetValue(radar.Id, out var t) ? t : until;
            while (next <= until)
            {
                datagrams.Add(NorthMarker(radar, next));
                next = next.AddSeconds(radar.ScanPeriodS);
            }

            _nextNorth[radar.Id] = next;
        }

        return datagrams;
    }

    private static Cat048Record Plot(SensorDescriptor radar, Detection d)
    {
        var (sac, sic) = radar.AsterixSource!.Value;
        return new Cat048Record
        {
            Source = new DataSource(sac, sic),
            TimeOfDay128 = AsterixTime.ToTimeOfDay128(d.Time),
            Descriptor = new Cat048Descriptor(Typ: 1), // single primary-surveillance plot: drones carry no transponder
            MeasuredPosition = new PolarPosition(d.RangeM / MetresPerNm, NormaliseDeg(d.AzimuthRad * 180 / Math.PI)),
            Height3DFt = double.IsNaN(d.ElevationRad) ? null : RadarGeometry.TargetHeightM(d.RangeM, radar.Position.AltM, d.ElevationRad) / MetresPerFt,
        };
    }

    private byte[] NorthMarker(SensorDescriptor radar, DateTimeOffset at)
    {
        var (sac, sic) = radar.AsterixSource!.Value;
        var w = new AsterixWriter(_buffer);
        w.BeginBlock(34);
        Cat034.Write(ref w, new Cat034Record
        {
            Source = new DataSource(sac, sic),
            MessageType = Cat034MessageType.NorthMarker,
            TimeOfDay128 = AsterixTime.ToTimeOfDay128(at),
            AntennaRotationPeriodS = radar.ScanPeriodS,
        });
        int n = w.EndBlock();
        return _buffer.AsSpan(0, n).ToArray();
    }

    private static double NormaliseDeg(double deg) => deg < 0 ? deg + 360 : deg >= 360 ? deg - 360 : deg;
}
