using System.Text.Json;
using Straja.Protocols.RemoteId;
using OdidPack = Straja.Protocols.RemoteId.MessagePack;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>encode remoteid</c>: one object as <c>decode remoteid</c> prints it back into bytes. A bare message
/// (Basic ID, Location/Vector, Authentication, Self-ID, System, Operator ID, or <c>data</c> for a reserved type)
/// gives its 25 bytes; an object with <c>messages</c> gives a message pack (carrier <c>none</c>) or that pack or
/// message inside a Bluetooth AD structure, Wi-Fi vendor element or NAN attribute. The receiver-feed fields
/// decode adds (receiver_id, rssi_dbm, received_at, transmitter_address) are not the message's and are ignored.
/// </summary>
internal static class RemoteIdEncoding
{
    private static readonly Dictionary<string, MessageType> MessageNames = new(StringComparer.Ordinal)
    {
        ["basic_id"] = MessageType.BasicId,
        ["location"] = MessageType.Location,
        ["authentication"] = MessageType.Authentication,
        ["self_id"] = MessageType.SelfId,
        ["system"] = MessageType.System,
        ["operator_id"] = MessageType.OperatorId,
        ["message_pack"] = MessageType.MessagePack,
    };

    private static readonly Dictionary<string, CarrierKind> Carriers = new(StringComparer.Ordinal)
    {
        ["none"] = CarrierKind.None,
        ["bluetooth_legacy"] = CarrierKind.BluetoothLegacy,
        ["bluetooth_long_range"] = CarrierKind.BluetoothLongRange,
        ["wifi_beacon"] = CarrierKind.WifiBeacon,
        ["wifi_nan"] = CarrierKind.WifiNan,
    };

    public static bool TryEncode(JsonElement json, out byte[] bytes, out string field, out string error)
    {
        bytes = [];
        var f = new JsonFields(json);
        if (json.TryGetProperty("messages", out var list))
        {
            TryFrame(f, list, out bytes);
        }
        else if (TryMessage(f, out var message))
        {
            bytes = message.ToArray();
        }

        field = f.Field;
        error = f.Error;
        return !f.Failed;
    }

    private static bool TryFrame(JsonFields f, JsonElement list, out byte[] bytes)
    {
        bytes = [];
        string carrierName = f.OptionalText("carrier") ?? "none";
        if (!Carriers.TryGetValue(carrierName, out var kind))
        {
            f.Fail("carrier", $"'{carrierName}' is not one of {string.Join(", ", Carriers.Keys)}");
            return false;
        }

        // An empty pack is legal (a transmitter between message sets sends one); a bare advertisement is checked below.
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > OdidPack.MaxMessages)
        {
            f.Fail("messages", $"must be an array of 0..{OdidPack.MaxMessages} messages");
            return false;
        }

        var messages = new RemoteIdMessage[list.GetArrayLength()];
        for (int i = 0; i < messages.Length; i++)
        {
            var item = new JsonFields(list[i], $"messages[{i}]");
            if (list[i].ValueKind != JsonValueKind.Object)
            {
                f.Fail($"messages[{i}]", "is not an object");
                return false;
            }

            if (!TryMessage(item, out messages[i]))
            {
                f.Fail(item.Field, item.Error);
                return false;
            }

            if (messages[i].Type == MessageType.MessagePack)
            {
                f.Fail($"messages[{i}].message_type", "a pack cannot hold a pack");
                return false;
            }
        }

        // decode prints the pack header (message_type 15) for a packed frame; a bare Bluetooth advertisement has none.
        // Wi-Fi and the bare form have only packs.
        bool packed = f.Has("message_type") || kind is CarrierKind.None or CarrierKind.WifiBeacon or CarrierKind.WifiNan;
        if (f.OptionalInt("message_type", 0, 15) is { } type && type != (int)MessageType.MessagePack)
            f.Fail("message_type", $"{type} on a frame: only 15 (message pack) heads a list of messages");
        if (f.OptionalInt("single_message_size", 0, 255) is { } size && size != RemoteIdMessage.Size)
            f.Fail("single_message_size", $"{size}: F3411 packs hold {RemoteIdMessage.Size}-byte messages");
        if (f.OptionalInt("no_of_messages", 0, 255) is { } count && count != messages.Length)
            f.Fail("no_of_messages", $"{count} but \"messages\" holds {messages.Length}");
        if (!packed && messages.Length != 1)
            f.Fail("messages", $"a {carrierName} advertisement without a pack header carries one message, not {messages.Length}");
        int counter = kind == CarrierKind.None ? 0 : f.Int("message_counter", 0, 255);
        int version = f.OptionalInt("protocol_version", 0, 15) ?? RemoteIdMessage.CurrentProtocolVersion;
        if (f.Failed)
            return false;

        var frame = new RemoteIdFrame(kind, (byte)counter, new OdidPack(messages, version), packed);
        Span<byte> buffer = stackalloc byte[RemoteIdCarrier.MaxWrittenLength];
        if (!RemoteIdCarrier.TryWrite(frame, buffer, out int written))
        {
            f.Fail("carrier", $"{carrierName} cannot carry this frame");
            return false;
        }

        bytes = buffer[..written].ToArray();
        return true;
    }

    private static bool TryMessage(JsonFields f, out RemoteIdMessage message)
    {
        message = default;
        var type = Type(f);
        int version = f.OptionalInt("protocol_version", 0, 15) ?? RemoteIdMessage.CurrentProtocolVersion;
        if (f.Failed)
            return false;

        message = type switch
        {
            MessageType.BasicId => RemoteIdMessage.From(ReadBasicId(f), version),
            MessageType.Location => RemoteIdMessage.From(ReadLocation(f), version),
            MessageType.Authentication => RemoteIdMessage.From(ReadAuthentication(f), version),
            MessageType.SelfId => RemoteIdMessage.From(new SelfId((DescriptionType)f.Int("description_type", 0, 255), Text(f, "description", SelfId.DescriptionBytes)), version),
            MessageType.System => RemoteIdMessage.From(ReadSystem(f), version),
            MessageType.OperatorId => RemoteIdMessage.From(new OperatorId((OperatorIdType)f.Int("operator_id_type", 0, 255), Text(f, "operator_id", OperatorId.IdBytes)), version),
            MessageType.MessagePack => Fail(f, "message_type", "a message pack is written with its \"messages\""),
            _ => Reserved(f),
        };
        return !f.Failed;
    }

    /// <summary>message_type, or failing that the message_name decode prints beside it.</summary>
    private static MessageType Type(JsonFields f)
    {
        if (f.Has("message_type") || !f.Has("message_name"))
            return (MessageType)f.Int("message_type", 0, 15);
        string name = f.Text("message_name");
        if (MessageNames.TryGetValue(name, out var type))
            return type;
        f.Fail("message_name", $"'{name}' is not one of {string.Join(", ", MessageNames.Keys)}");
        return default;
    }

    private static BasicId ReadBasicId(JsonFields f)
    {
        var idType = (IdType)f.Int("id_type", 0, 15);
        var uaType = (UaType)f.Int("ua_type", 0, 15);
        // Session and UTM ids are binary: decode prints them as hex.
        var id = idType is IdType.UtmUuid or IdType.SpecificSessionId
            ? Hex(f, "uas_id_hex", BasicId.UasIdBytes)
            : Text(f, "uas_id", BasicId.UasIdBytes);
        return new BasicId(idType, uaType, id);
    }

    private static LocationVector ReadLocation(JsonFields f)
    {
        var (lat, lon) = Position(f, "latitude", "longitude");
        return new LocationVector
        {
            Status = (OperationalStatus)f.Int("status", 0, 15),
            HeightType = (HeightType)f.Int("height_type", 0, 1),
            TrackDeg = f.OptionalNumber("track_direction_deg", 0, 360),
            SpeedMps = f.OptionalNumber("speed_mps", 0, 254.25),
            VerticalSpeedMps = f.OptionalNumber("vertical_speed_mps", -62, 62),
            LatitudeDeg = lat,
            LongitudeDeg = lon,
            PressureAltitudeM = Altitude(f, "pressure_altitude_m"),
            GeodeticAltitudeM = Altitude(f, "geodetic_altitude_m"),
            HeightM = Altitude(f, "height_m"),
            HorizontalAccuracy = (HorizontalAccuracy)f.Int("horizontal_accuracy", 0, 15),
            VerticalAccuracy = (VerticalAccuracy)f.Int("vertical_accuracy", 0, 15),
            BaroAccuracy = (VerticalAccuracy)f.Int("baro_altitude_accuracy", 0, 15),
            SpeedAccuracy = (SpeedAccuracy)f.Int("speed_accuracy", 0, 15),
            TimestampS = f.OptionalNumber("timestamp_s", 0, 3600),
            TimestampAccuracyS = f.OptionalNumber("timestamp_accuracy_s", 0, 1.5),
        };
    }

    private static AuthenticationPage ReadAuthentication(JsonFields f)
    {
        int page = f.Int("page_number", 0, AuthenticationPage.MaxPages - 1);
        var authType = (AuthType)f.Int("auth_type", 0, 15);
        if (f.Failed)
            return default;
        if (page != 0)
            return new AuthenticationPage { AuthType = authType, PageNumber = page, Data = Hex(f, "auth_data", AuthenticationPage.PageNDataBytes) };
        return new AuthenticationPage
        {
            AuthType = authType,
            LastPageIndex = f.Int("last_page_index", 0, AuthenticationPage.MaxPages - 1),
            Length = f.Int("length", 0, 255),
            Timestamp = (uint)f.Number("timestamp", 0, uint.MaxValue),
            Data = Hex(f, "auth_data", AuthenticationPage.Page0DataBytes),
        };
    }

    private static SystemInfo ReadSystem(JsonFields f)
    {
        var (lat, lon) = Position(f, "operator_latitude", "operator_longitude");
        return new SystemInfo
        {
            OperatorLocationType = (OperatorLocationType)f.Int("operator_location_type", 0, 3),
            ClassificationType = (ClassificationType)f.Int("classification_type", 0, 7),
            OperatorLatitudeDeg = lat,
            OperatorLongitudeDeg = lon,
            AreaCount = f.Int("area_count", 0, ushort.MaxValue),
            AreaRadiusM = f.Int("area_radius_m", 0, 2550),
            AreaCeilingM = Altitude(f, "area_ceiling_m"),
            AreaFloorM = Altitude(f, "area_floor_m"),
            UaCategory = (UaCategory)f.Int("ua_category", 0, 15),
            UaClass = (UaClass)f.Int("ua_class", 0, 15),
            OperatorAltitudeM = Altitude(f, "operator_altitude_geo_m"),
            Timestamp = (uint)f.Number("timestamp", 0, uint.MaxValue),
        };
    }

    /// <summary>A latitude and longitude: both, or both null (the wire has one "unknown" for the pair).</summary>
    private static (double? Lat, double? Lon) Position(JsonFields f, string latName, string lonName)
    {
        double? lat = f.OptionalNumber(latName, -90, 90);
        double? lon = f.OptionalNumber(lonName, -180, 180);
        if (lat.HasValue != lon.HasValue)
            f.Fail(lat.HasValue ? lonName : latName, $"is missing: a position needs both {latName} and {lonName} (or both null)");
        return (lat, lon);
    }

    // F3411 altitudes: 0.5 m steps from -1000 m (which itself means unknown).
    private static double? Altitude(JsonFields f, string name) => f.OptionalNumber(name, -1000, 31767.5);

    /// <summary>Text as decode prints it (Latin-1, one character per byte), NUL-padded to the field's length.</summary>
    private static RemoteIdBytes Text(JsonFields f, string name, int fieldBytes)
    {
        string text = f.Text(name);
        if (f.Failed)
            return default;
        if (text.Length > fieldBytes)
        {
            f.Fail(name, $"{text.Length} characters do not fit the {fieldBytes}-byte field");
            return default;
        }

        Span<byte> b = stackalloc byte[fieldBytes];
        b.Clear();
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] > 0xFF)
            {
                f.Fail(name, $"character {i} ('{text[i]}') is not one byte (Latin-1)");
                return default;
            }

            b[i] = (byte)text[i];
        }

        return new RemoteIdBytes(b);
    }

    private static RemoteIdBytes Hex(JsonFields f, string name, int fieldBytes) =>
        HexBytes(f, name, fieldBytes) is { } b ? new RemoteIdBytes(b) : default;

    /// <summary>Hexadecimal of at most <paramref name="fieldBytes"/> bytes, NUL-padded to that length; null after a failure.</summary>
    private static byte[]? HexBytes(JsonFields f, string name, int fieldBytes)
    {
        string text = f.Text(name);
        if (f.Failed)
            return null;
        if (!HexLines.TryParse(System.Text.Encoding.ASCII.GetBytes(text), out var raw, out string why))
        {
            f.Fail(name, $"'{text}' is not hexadecimal: {why}");
            return null;
        }

        if (raw.Length > fieldBytes)
        {
            f.Fail(name, $"{raw.Length} bytes do not fit the {fieldBytes}-byte field");
            return null;
        }

        var padded = new byte[fieldBytes];
        raw.CopyTo(padded, 0);
        return padded;
    }

    /// <summary>A reserved message type, which decode prints whole as <c>data</c>.</summary>
    private static RemoteIdMessage Reserved(JsonFields f)
    {
        if (HexBytes(f, "data", RemoteIdMessage.Size) is not { } data)
            return default;
        if (RemoteIdMessage.TryDecode(data, out var message, out var error) != System.Buffers.OperationStatus.Done)
            return Fail(f, "data", error.Description);
        return message;
    }

    private static RemoteIdMessage Fail(JsonFields f, string name, string error)
    {
        f.Fail(name, error);
        return default;
    }
}
