using System.Buffers;
using System.Buffers.Binary;

namespace Straja.Protocols.RemoteId;

/// <summary>
/// What one advertisement or frame carried: its kind, the ODID message counter (which lets a receiver tell
/// a repeat from a new message), and the messages. A Bluetooth legacy advertisement's single message is
/// held as a one-message pack with <see cref="Packed"/> false, so every frame reads the same way.
/// </summary>
public readonly record struct RemoteIdFrame(CarrierKind Kind, byte Counter, MessagePack Pack, bool Packed)
{
    public int Count => Pack.Count;

    public RemoteIdMessage this[int index] => Pack[index];

    public static RemoteIdFrame Single(CarrierKind kind, byte counter, in RemoteIdMessage message) =>
        new(kind, counter, new MessagePack([message]), Packed: false);
}

/// <summary>
/// Finds and decodes the Open Drone ID content of a Bluetooth or Wi-Fi payload, and writes it back.
/// <list type="bullet">
/// <item>Bluetooth (legacy and long range): the advertising data, a sequence of AD structures; the ODID one is
/// service data (0x16) for UUID 0xFFFA with application code 0x0D, then the counter and a message or a pack.
/// An HCI packet (H4 type byte first: LE Set (Extended) Advertising Data command, or LE (Extended)
/// Advertising Report event) is also accepted, as captured by btmon or an nRF sniffer.</item>
/// <item>Wi-Fi beacon: the vendor-specific element 221 with OUI FA-0B-BC and type 0x0D, then the counter and a
/// pack; the payload may be the element list or the whole 802.11 beacon frame (no radiotap, no FCS).</item>
/// <item>Wi-Fi NAN: the Service Descriptor Attribute for service ID 88-69-19-9D-92-09 (the first 6 bytes of
/// SHA-256("org.opendroneid.remoteid")), whose service info is the counter and a pack; the payload may be the
/// attribute list, the public action frame body, or the whole 802.11 action frame.</item>
/// </list>
/// Which form a Bluetooth or Wi-Fi payload is, and whether a Bluetooth one holds a message or a pack, is read
/// from the bytes; the kind chooses the radio.
/// </summary>
public static class RemoteIdCarrier
{
    /// <summary>Bluetooth SIG 16-bit UUID assigned to ASTM Remote ID, little-endian on the air.</summary>
    public const ushort ServiceUuid = 0xFFFA;
    /// <summary>Application code of Open Drone ID in the Bluetooth service data and Wi-Fi vendor element.</summary>
    public const byte AppCode = 0x0D;
    public const byte VendorElementId = 221;
    public const byte NanServiceDescriptorAttribute = 0x03;

    /// <summary>Longest payload <see cref="TryWrite"/> produces (a NAN attribute with a full pack).</summary>
    public const int MaxWrittenLength = NanAttributeHeader + 6 + 4 + 1 + MessagePack.MaxBytes;

    private const byte AdServiceData16 = 0x16;
    private const int NanAttributeHeader = 3;

    private static ReadOnlySpan<byte> AstmOui => [0xFA, 0x0B, 0xBC];
    private static ReadOnlySpan<byte> NanServiceId => [0x88, 0x69, 0x19, 0x9D, 0x92, 0x09];
    private static ReadOnlySpan<byte> NanActionHeader => [0x04, 0x09, 0x50, 0x6F, 0x9A, 0x13];

    public static OperationStatus TryDecode(ReadOnlySpan<byte> payload, CarrierKind kind, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        frame = default;
        return kind switch
        {
            CarrierKind.None => DecodeBare(payload, out frame, out error),
            CarrierKind.BluetoothLegacy or CarrierKind.BluetoothLongRange => DecodeBluetooth(payload, kind, out frame, out error),
            CarrierKind.WifiBeacon => DecodeBeacon(payload, out frame, out error),
            CarrierKind.WifiNan => DecodeNan(payload, out frame, out error),
            _ => Fail(0, RemoteIdErrorReason.UnknownCarrier, out error),
        };
    }

    /// <summary>
    /// For input of unknown origin (<c>straja decode remoteid</c>): a bare message or pack, else Bluetooth,
    /// else a Wi-Fi beacon, else NAN. On failure the error is the one that got furthest into the bytes.
    /// </summary>
    public static OperationStatus TryDecodeAny(ReadOnlySpan<byte> payload, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        error = default;
        OperationStatus worst = OperationStatus.InvalidData;
        ReadOnlySpan<CarrierKind> order = [CarrierKind.None, CarrierKind.BluetoothLongRange, CarrierKind.WifiBeacon, CarrierKind.WifiNan];
        foreach (var kind in order)
        {
            var status = TryDecode(payload, kind, out frame, out var e);
            if (status == OperationStatus.Done)
            {
                error = default;
                return status;
            }

            if (e.Offset >= error.Offset)
            {
                (error, worst) = (e, status);
            }
        }

        frame = default;
        return worst;
    }

    /// <summary>Writes <paramref name="frame"/> as its kind's ODID structure (AD structure, vendor element, NAN attribute, or bare).</summary>
    public static bool TryWrite(in RemoteIdFrame frame, Span<byte> destination, out int written)
    {
        written = 0;
        int body = 1 + (frame.Packed ? frame.Pack.EncodedLength : RemoteIdMessage.Size);
        if (!frame.Packed && frame.Pack.Count != 1)
        {
            return false;
        }

        int header = frame.Kind switch
        {
            CarrierKind.None => 0,
            CarrierKind.BluetoothLegacy or CarrierKind.BluetoothLongRange => 5,
            CarrierKind.WifiBeacon => 6,
            CarrierKind.WifiNan => NanAttributeHeader + NanServiceId.Length + 4,
            _ => -1,
        };
        if (header < 0 || destination.Length < header + body)
        {
            return false;
        }

        var d = destination;
        switch (frame.Kind)
        {
            case CarrierKind.None:
                WriteContent(frame, d);
                written = body - 1;
                return true;
            case CarrierKind.BluetoothLegacy or CarrierKind.BluetoothLongRange:
                d[0] = (byte)(4 + body);
                d[1] = AdServiceData16;
                BinaryPrimitives.WriteUInt16LittleEndian(d[2..], ServiceUuid);
                d[4] = AppCode;
                break;
            case CarrierKind.WifiBeacon:
                d[0] = VendorElementId;
                d[1] = (byte)(4 + body);
                AstmOui.CopyTo(d[2..]);
                d[5] = AppCode;
                break;
            default:
                d[0] = NanServiceDescriptorAttribute;
                BinaryPrimitives.WriteUInt16LittleEndian(d[1..], (ushort)(NanServiceId.Length + 4 + body));
                NanServiceId.CopyTo(d[3..]);
                d[9] = 1;    // instance ID
                d[10] = 0;   // requestor instance ID
                d[11] = 0x10; // service control: publish, service info present
                d[12] = (byte)body;
                break;
        }

        d[header] = frame.Counter;
        WriteContent(frame, d[(header + 1)..]);
        written = header + body;
        return true;
    }

    private static void WriteContent(in RemoteIdFrame frame, Span<byte> d)
    {
        if (frame.Packed)
        {
            frame.Pack.TryWrite(d, out _);
        }
        else
        {
            frame.Pack[0].CopyTo(d);
        }
    }

    private static OperationStatus DecodeBare(ReadOnlySpan<byte> payload, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        frame = default;
        if (payload.Length == RemoteIdMessage.Size && payload[0] >> 4 != (int)MessageType.MessagePack)
        {
            var s = RemoteIdMessage.TryDecode(payload, out var m, out error);
            frame = RemoteIdFrame.Single(CarrierKind.None, 0, m);
            return s;
        }

        var status = MessagePack.TryDecode(payload, out var pack, out _, out error);
        frame = new RemoteIdFrame(CarrierKind.None, 0, pack, Packed: true);
        return status;
    }

    /// <summary>Counter then a message or a pack, whichever the type nibble says.</summary>
    private static OperationStatus DecodeCounted(ReadOnlySpan<byte> body, int offset, CarrierKind kind, bool packOnly, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        frame = default;
        if (body.Length < 2)
        {
            return Fail(offset + body.Length, RemoteIdErrorReason.Truncated, out error);
        }

        byte counter = body[0];
        var content = body[1..];
        OperationStatus status;
        if (!packOnly && content[0] >> 4 != (int)MessageType.MessagePack)
        {
            status = content.Length < RemoteIdMessage.Size
                ? RemoteIdMessage.TryDecode(content, out var m, out error)
                : RemoteIdMessage.TryDecode(content[..RemoteIdMessage.Size], out m, out error);
            frame = RemoteIdFrame.Single(kind, counter, m);
        }
        else
        {
            status = MessagePack.TryDecode(content, out var pack, out _, out error);
            frame = new RemoteIdFrame(kind, counter, pack, Packed: true);
        }

        if (status != OperationStatus.Done)
        {
            error = error.Shift(offset + 1);
            frame = default;
            return OperationStatus.InvalidData;
        }

        return status;
    }

    private static OperationStatus DecodeBluetooth(ReadOnlySpan<byte> payload, CarrierKind kind, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        var status = DecodeAdvertisingData(payload, 0, kind, out frame, out error);
        if (status == OperationStatus.Done || error.Reason != RemoteIdErrorReason.NoRemoteIdContent && error.Reason != RemoteIdErrorReason.BadStructureLength)
        {
            return status;
        }

        if (HciAdvertisingData(payload, out int start, out int length))
        {
            var hci = DecodeAdvertisingData(payload.Slice(start, length), start, kind, out frame, out var hciError);
            if (hci == OperationStatus.Done || hciError.Reason != RemoteIdErrorReason.NoRemoteIdContent)
            {
                error = hciError;
                return hci;
            }
        }

        return status;
    }

    private static OperationStatus DecodeAdvertisingData(ReadOnlySpan<byte> ad, int offset, CarrierKind kind, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        frame = default;
        int i = 0;
        while (i < ad.Length)
        {
            int len = ad[i];
            if (len == 0)
            {
                break; // the rest is padding (a legacy advertisement is always 31 bytes)
            }

            if (i + 1 + len > ad.Length)
            {
                return Fail(offset + i, RemoteIdErrorReason.BadStructureLength, out error);
            }

            var s = ad.Slice(i + 1, len);
            if (len >= 4 && s[0] == AdServiceData16 && BinaryPrimitives.ReadUInt16LittleEndian(s[1..]) == ServiceUuid && s[3] == AppCode)
            {
                return DecodeCounted(s[4..], offset + i + 5, kind, packOnly: false, out frame, out error);
            }

            i += 1 + len;
        }

        return Fail(offset, RemoteIdErrorReason.NoRemoteIdContent, out error);
    }

    /// <summary>Where the advertising data sits in an H4 HCI packet (first report only), if it is one.</summary>
    private static bool HciAdvertisingData(ReadOnlySpan<byte> p, out int start, out int length)
    {
        (start, length) = (0, 0);
        if (p.Length >= 5 && p[0] == 0x01)
        {
            ushort opcode = BinaryPrimitives.ReadUInt16LittleEndian(p[1..]);
            (start, length) = opcode switch
            {
                0x2037 when p.Length >= 8 => (8, p[7]), // LE Set Extended Advertising Data
                0x2008 => (5, p[4]),                    // LE Set Advertising Data
                _ => (0, 0),
            };
        }
        else if (p.Length >= 5 && p[0] == 0x04 && p[1] == 0x3E)
        {
            (start, length) = p[3] switch
            {
                0x0D when p.Length >= 29 => (29, p[28]), // LE Extended Advertising Report
                0x02 when p.Length >= 14 => (14, p[13]), // LE Advertising Report
                _ => (0, 0),
            };
        }

        return length > 0 && start + length <= p.Length;
    }

    private static OperationStatus DecodeBeacon(ReadOnlySpan<byte> payload, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        // A beacon frame: frame control 0x80 0x00, 24-byte header, timestamp, interval, capabilities.
        const int beaconHeader = 24 + 8 + 2 + 2;
        int offset = payload.Length >= beaconHeader && payload[0] == 0x80 && payload[1] == 0x00 ? beaconHeader : 0;
        var elements = payload[offset..];
        frame = default;
        int i = 0;
        while (i < elements.Length)
        {
            if (i + 2 > elements.Length || i + 2 + elements[i + 1] > elements.Length)
            {
                return Fail(offset + i, RemoteIdErrorReason.BadStructureLength, out error);
            }

            var body = elements.Slice(i + 2, elements[i + 1]);
            if (elements[i] == VendorElementId && body.Length >= 4 && body[..3].SequenceEqual(AstmOui) && body[3] == AppCode)
            {
                return DecodeCounted(body[4..], offset + i + 6, CarrierKind.WifiBeacon, packOnly: true, out frame, out error);
            }

            i += 2 + body.Length;
        }

        return Fail(offset, RemoteIdErrorReason.NoRemoteIdContent, out error);
    }

    private static OperationStatus DecodeNan(ReadOnlySpan<byte> payload, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        int offset = 0;
        if (payload.Length >= 24 + NanActionHeader.Length && payload[0] == 0xD0 && payload.Slice(24, NanActionHeader.Length).SequenceEqual(NanActionHeader))
        {
            offset = 24 + NanActionHeader.Length;
        }
        else if (payload.StartsWith(NanActionHeader))
        {
            offset = NanActionHeader.Length;
        }

        var attributes = payload[offset..];
        frame = default;
        int i = 0;
        while (i < attributes.Length)
        {
            if (i + NanAttributeHeader > attributes.Length
                || i + NanAttributeHeader + BinaryPrimitives.ReadUInt16LittleEndian(attributes[(i + 1)..]) > attributes.Length)
            {
                return Fail(offset + i, RemoteIdErrorReason.BadStructureLength, out error);
            }

            int len = BinaryPrimitives.ReadUInt16LittleEndian(attributes[(i + 1)..]);
            var body = attributes.Slice(i + NanAttributeHeader, len);
            if (attributes[i] == NanServiceDescriptorAttribute && body.StartsWith(NanServiceId))
            {
                return DecodeServiceDescriptor(body, offset + i + NanAttributeHeader, out frame, out error);
            }

            i += NanAttributeHeader + len;
        }

        return Fail(offset, RemoteIdErrorReason.NoRemoteIdContent, out error);
    }

    private static OperationStatus DecodeServiceDescriptor(ReadOnlySpan<byte> sda, int offset, out RemoteIdFrame frame, out RemoteIdDecodeError error)
    {
        frame = default;
        // Service ID (6), instance ID, requestor instance ID, service control, then the optional fields in order.
        int i = NanServiceId.Length + 2;
        if (i >= sda.Length)
        {
            return Fail(offset + sda.Length, RemoteIdErrorReason.Truncated, out error);
        }

        byte control = sda[i++];
        if ((control & 0x40) != 0)
        {
            i += 2; // binding bitmap
        }

        foreach (int bit in (ReadOnlySpan<int>)[0x04, 0x08])
        {
            // matching filter, then service response filter: length-prefixed, skipped
            if ((control & bit) != 0)
            {
                if (i >= sda.Length)
                {
                    return Fail(offset + sda.Length, RemoteIdErrorReason.Truncated, out error);
                }

                i += 1 + sda[i];
            }
        }

        if ((control & 0x10) == 0)
        {
            return Fail(offset + NanServiceId.Length + 2, RemoteIdErrorReason.NoRemoteIdContent, out error);
        }

        if (i >= sda.Length || i + 1 + sda[i] > sda.Length)
        {
            return Fail(offset + Math.Min(i, sda.Length), RemoteIdErrorReason.BadStructureLength, out error);
        }

        return DecodeCounted(sda.Slice(i + 1, sda[i]), offset + i + 1, CarrierKind.WifiNan, packOnly: true, out frame, out error);
    }

    private static OperationStatus Fail(int offset, RemoteIdErrorReason reason, out RemoteIdDecodeError error) =>
        RemoteIdDecodeError.Fail(offset, reason, OperationStatus.InvalidData, out error);
}
