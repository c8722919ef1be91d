using System.Text;
using Straja.Protocols.RemoteId;

namespace Straja.Sim.Emitters;

/// <summary>
/// What a Remote ID receiver would send on the Straja receiver feed (docs/protocols/remoteid.md) for the
/// simulated drones it hears: each report becomes one Bluetooth 5 long-range advertisement carrying a message
/// pack — Basic ID, Location/Vector, System, Operator ID and, for a drone that signs, the Authentication pages
/// of its unit proof — wrapped in one feed record per UDP datagram. Pure: the caller sends the datagrams.
/// </summary>
public sealed class RemoteIdEmitter
{
    private readonly Dictionary<ulong, byte> _counters = [];

    /// <summary>Whether <paramref name="d"/> is a Remote ID report (a serial-number identity) this emitter broadcasts.</summary>
    public static bool Carries(Detection d) =>
        d.Kind == DetectionKind.Position && d.CooperativeId is { } id && id.StartsWith("RID:", StringComparison.Ordinal)
        && id.IndexOf(':', 4) < 0 && id.Length is > 4 and <= 4 + BasicId.UasIdBytes;

    /// <summary>The datagrams for <paramref name="detections"/>, one per Remote ID report, in order.</summary>
    public IEnumerable<byte[]> Emit(IEnumerable<Detection> detections)
    {
        ArgumentNullException.ThrowIfNull(detections);
        foreach (var d in detections)
        {
            if (Emit(d) is { } datagram)
                yield return datagram;
        }
    }

    /// <summary>The feed datagram for one report, or null when it is not one this emitter carries.</summary>
    public byte[]? Emit(Detection d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!Carries(d))
            return null;
        string serial = d.CooperativeId![4..];
        var messages = new List<RemoteIdMessage>(MessagePack.MaxMessages)
        {
            RemoteIdMessage.From(BasicId.Ascii(IdType.SerialNumber, UaTypeOf(d.ClassHint), serial)),
        };
        bool signed = CooperativeProofText.TryParse(d.CooperativeProof, out var location, out var pages);
        // A signed report broadcasts exactly the Location message its unit signed.
        messages.Add(Decode(signed ? location : LocationMessage(d)));
        messages.Add(RemoteIdMessage.From(new SystemInfo
        {
            OperatorLocationType = OperatorLocationType.TakeOff,
            ClassificationType = ClassificationType.EuropeanUnion,
            AreaCount = 1,
            UaCategory = UaCategory.Specific,
            Timestamp = RemoteIdTime.ToSeconds2019(d.Time),
        }));
        if (d.OperatorId is { } op)
            messages.Add(RemoteIdMessage.From(OperatorId.Ascii(op)));
        if (signed)
        {
            foreach (var page in pages)
                messages.Add(Decode(page));
        }

        // A spoofer that copies a serial still has its own radio: its transmitter address differs from the genuine unit's.
        ulong address = TransmitterAddress(serial, signed);
        byte counter = _counters.TryGetValue(address, out byte c) ? c : (byte)0;
        _counters[address] = (byte)(counter + 1);
        var frame = new RemoteIdFrame(CarrierKind.BluetoothLongRange, counter, new MessagePack(messages.ToArray()), Packed: true);
        Span<byte> payload = stackalloc byte[RemoteIdCarrier.MaxWrittenLength];
        if (!RemoteIdCarrier.TryWrite(frame, payload, out int payloadLength))
            return null;
        var record = new RemoteIdFeedRecord
        {
            Kind = CarrierKind.BluetoothLongRange,
            ReceiverId = Encoding.ASCII.GetBytes(d.SensorId),
            RssiDbm = -70,
            ReceivedUnixUs = RemoteIdFeed.ToUnixUs(d.Time),
            TransmitterAddress = address,
            Payload = payload[..payloadLength],
        };
        var datagram = new byte[RemoteIdFeed.MaxRecordBytes];
        return RemoteIdFeed.TryWrite(record, datagram, out int written) ? datagram[..written] : null;
    }

    /// <summary>The 25-byte Location/Vector message a drone broadcasts for report <paramref name="d"/> (what a unit signs).</summary>
    public static byte[] LocationMessage(Detection d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var utc = d.Time.ToUniversalTime();
        var hour = new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, 0, 0, TimeSpan.Zero);
        return RemoteIdMessage.From(new LocationVector
        {
            Status = OperationalStatus.Airborne,
            LatitudeDeg = d.Position.LatDeg,
            LongitudeDeg = d.Position.LonDeg,
            GeodeticAltitudeM = d.Position.AltM,
            HorizontalAccuracy = HorizontalAccuracy.Under10m,
            VerticalAccuracy = VerticalAccuracy.Under45m,
            TimestampS = Math.Round((utc - hour).TotalSeconds, 1),
            TimestampAccuracyS = 0.1,
        }).ToArray();
    }

    private static RemoteIdMessage Decode(ReadOnlySpan<byte> bytes) =>
        RemoteIdMessage.TryDecode(bytes, out var m, out var error) == System.Buffers.OperationStatus.Done
            ? m
            : throw new InvalidOperationException($"a simulated Remote ID message did not decode: {error}");

    private static UaType UaTypeOf(TargetClass c) => c switch
    {
        TargetClass.Multirotor => UaType.HelicopterOrMultirotor,
        TargetClass.FixedWing => UaType.Aeroplane,
        _ => UaType.Other,
    };

    /// <summary>A stable, locally administered 48-bit address per (serial, signing or not): FNV-1a of the serial.</summary>
    private static ulong TransmitterAddress(string serial, bool signed)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in serial)
            h = (h ^ ch) * 1099511628211UL;
        h ^= signed ? 0UL : 0x5A5A5AUL;
        return (h & 0xFCFF_FFFF_FFFFUL) | 0x0200_0000_0000UL;
    }
}
