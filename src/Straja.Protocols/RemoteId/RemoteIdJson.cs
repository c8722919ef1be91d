using System.Text.Json;

namespace Straja.Protocols.RemoteId;

/// <summary>
/// Remote ID as JSON for <c>straja decode remoteid</c>: one object per frame or message, field names after
/// F3411's own (snake_case, unit suffixes where the standard's field has a unit). Enumerations are written
/// as their wire numbers; unknown values as null.
/// </summary>
public static class RemoteIdJson
{
    /// <summary>A bare single message is written as that message; anything else as a frame with its messages.</summary>
    public static void Write(Utf8JsonWriter w, in RemoteIdFrame frame)
    {
        ArgumentNullException.ThrowIfNull(w);
        if (frame.Kind == CarrierKind.None && !frame.Packed && frame.Count == 1)
        {
            Write(w, frame[0]);
            return;
        }

        w.WriteStartObject();
        w.WriteString("carrier"u8, CarrierName(frame.Kind));
        if (frame.Kind != CarrierKind.None)
        {
            w.WriteNumber("message_counter"u8, frame.Counter);
        }

        if (frame.Packed)
        {
            w.WriteNumber("message_type"u8, (int)MessageType.MessagePack);
            w.WriteNumber("protocol_version"u8, frame.Pack.ProtocolVersion);
            w.WriteNumber("single_message_size"u8, RemoteIdMessage.Size);
            w.WriteNumber("no_of_messages"u8, frame.Count);
        }

        w.WriteStartArray("messages"u8);
        for (int i = 0; i < frame.Count; i++)
        {
            Write(w, frame[i]);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static void Write(Utf8JsonWriter w, in RemoteIdMessage m)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteNumber("message_type"u8, (int)m.Type);
        w.WriteString("message_name"u8, MessageName(m.Type));
        w.WriteNumber("protocol_version"u8, m.ProtocolVersion);
        if (m.TryGet(out BasicId b))
        {
            w.WriteNumber("id_type"u8, (int)b.IdType);
            w.WriteNumber("ua_type"u8, (int)b.UaType);
            if (b.IdType is IdType.UtmUuid or IdType.SpecificSessionId)
            {
                w.WriteString("uas_id_hex"u8, b.UasId.ToHex());
            }
            else
            {
                WriteText(w, "uas_id"u8, b.UasId);
            }
        }
        else if (m.TryGet(out LocationVector l))
        {
            WriteLocation(w, l);
        }
        else if (m.TryGet(out AuthenticationPage a))
        {
            w.WriteNumber("auth_type"u8, (int)a.AuthType);
            w.WriteNumber("page_number"u8, a.PageNumber);
            if (a.PageNumber == 0)
            {
                w.WriteNumber("last_page_index"u8, a.LastPageIndex);
                w.WriteNumber("length"u8, a.Length);
                w.WriteNumber("timestamp"u8, a.Timestamp);
            }

            w.WriteString("auth_data"u8, a.Data.ToHex());
        }
        else if (m.TryGet(out SelfId s))
        {
            w.WriteNumber("description_type"u8, (int)s.DescriptionType);
            WriteText(w, "description"u8, s.Description);
        }
        else if (m.TryGet(out SystemInfo sys))
        {
            WriteSystem(w, sys);
        }
        else if (m.TryGet(out OperatorId o))
        {
            w.WriteNumber("operator_id_type"u8, (int)o.OperatorIdType);
            WriteText(w, "operator_id"u8, o.Id);
        }
        else
        {
            w.WriteString("data"u8, m.ToHex());
        }

        w.WriteEndObject();
    }

    /// <summary>A decode error as <c>{"error": reason, "offset": n}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, in RemoteIdDecodeError error)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("error"u8, error.Description);
        w.WriteNumber("offset"u8, error.Offset);
        w.WriteEndObject();
    }

    private static void WriteLocation(Utf8JsonWriter w, in LocationVector l)
    {
        w.WriteNumber("status"u8, (int)l.Status);
        w.WriteNumber("height_type"u8, (int)l.HeightType);
        Number(w, "track_direction_deg"u8, l.TrackDeg);
        Number(w, "speed_mps"u8, l.SpeedMps);
        Number(w, "vertical_speed_mps"u8, l.VerticalSpeedMps);
        Number(w, "latitude"u8, l.LatitudeDeg, 7);
        Number(w, "longitude"u8, l.LongitudeDeg, 7);
        Number(w, "pressure_altitude_m"u8, l.PressureAltitudeM);
        Number(w, "geodetic_altitude_m"u8, l.GeodeticAltitudeM);
        Number(w, "height_m"u8, l.HeightM);
        w.WriteNumber("horizontal_accuracy"u8, (int)l.HorizontalAccuracy);
        w.WriteNumber("vertical_accuracy"u8, (int)l.VerticalAccuracy);
        w.WriteNumber("baro_altitude_accuracy"u8, (int)l.BaroAccuracy);
        w.WriteNumber("speed_accuracy"u8, (int)l.SpeedAccuracy);
        Number(w, "timestamp_s"u8, l.TimestampS);
        Number(w, "timestamp_accuracy_s"u8, l.TimestampAccuracyS);
    }

    private static void WriteSystem(Utf8JsonWriter w, in SystemInfo s)
    {
        w.WriteNumber("operator_location_type"u8, (int)s.OperatorLocationType);
        w.WriteNumber("classification_type"u8, (int)s.ClassificationType);
        Number(w, "operator_latitude"u8, s.OperatorLatitudeDeg, 7);
        Number(w, "operator_longitude"u8, s.OperatorLongitudeDeg, 7);
        w.WriteNumber("area_count"u8, s.AreaCount);
        w.WriteNumber("area_radius_m"u8, s.AreaRadiusM);
        Number(w, "area_ceiling_m"u8, s.AreaCeilingM);
        Number(w, "area_floor_m"u8, s.AreaFloorM);
        w.WriteNumber("ua_category"u8, (int)s.UaCategory);
        w.WriteNumber("ua_class"u8, (int)s.UaClass);
        Number(w, "operator_altitude_geo_m"u8, s.OperatorAltitudeM);
        w.WriteNumber("timestamp"u8, s.Timestamp);
    }

    private static void Number(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? value, int decimals = 2)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, decimals));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    /// <summary>Latin-1 characters, one per byte: any byte is representable and the JSON stays valid UTF-8.</summary>
    private static void WriteText(Utf8JsonWriter w, ReadOnlySpan<byte> name, in RemoteIdBytes text)
    {
        Span<char> chars = stackalloc char[RemoteIdBytes.Capacity];
        var t = text.Text;
        for (int i = 0; i < t.Length; i++)
        {
            chars[i] = (char)t[i];
        }

        w.WriteString(name, chars[..t.Length]);
    }

    private static string CarrierName(CarrierKind kind) => kind switch
    {
        CarrierKind.BluetoothLegacy => "bluetooth_legacy",
        CarrierKind.BluetoothLongRange => "bluetooth_long_range",
        CarrierKind.WifiBeacon => "wifi_beacon",
        CarrierKind.WifiNan => "wifi_nan",
        _ => "none",
    };

    private static string MessageName(MessageType type) => type switch
    {
        MessageType.BasicId => "basic_id",
        MessageType.Location => "location",
        MessageType.Authentication => "authentication",
        MessageType.SelfId => "self_id",
        MessageType.System => "system",
        MessageType.OperatorId => "operator_id",
        MessageType.MessagePack => "message_pack",
        _ => "reserved",
    };
}
