using System.Text.Json;

namespace Straja.Protocols.ModeS;

/// <summary>
/// One decoded message as one JSON object, with the field names receivers and pyModeS-style tools use
/// (<c>icao</c>, <c>df</c>, <c>typecode</c>, <c>callsign</c>, <c>altitude_ft</c>, ...). Only fields the
/// message carries are written. Writing allocates nothing beyond what the writer itself buffers.
/// </summary>
public static class ModeSJson
{
    /// <summary>Writes <paramref name="m"/>; pass a resolved position (from <see cref="AircraftTracker"/>) to add <c>lat</c>/<c>lon</c>.</summary>
    public static void Write(Utf8JsonWriter w, in ModeSMessage m, double latDeg = double.NaN, double lonDeg = double.NaN)
    {
        ArgumentNullException.ThrowIfNull(w);
        Span<char> buf = stackalloc char[8];
        w.WriteStartObject();
        w.WriteNumber("df"u8, m.Df);
        m.Icao.TryFormat(buf, out int n, "X6", System.Globalization.CultureInfo.InvariantCulture);
        w.WriteString("icao"u8, buf[..n]);
        w.WriteBoolean("crc_valid"u8, m.Parity == ParityStatus.Valid);
        if (m.Parity == ParityStatus.AddressParity)
        {
            w.WriteBoolean("address_parity"u8, true);
        }

        switch (m.Df)
        {
            case 11 or 17:
                w.WriteNumber("capability"u8, m.Capability);
                break;
            case 4 or 5 or 20 or 21:
                w.WriteNumber("flight_status"u8, m.Capability);
                w.WriteNumber("downlink_request"u8, m.DownlinkRequest);
                w.WriteNumber("utility_message"u8, m.UtilityMessage);
                break;
        }

        if (m.AltitudeFt is { } alt)
        {
            w.WriteNumber("altitude_ft"u8, alt);
        }

        if (m.Squawk is { } sq)
        {
            sq.TryFormat(buf);
            w.WriteString("squawk"u8, buf[..4]);
        }

        if (m.IsExtendedSquitter)
        {
            w.WriteNumber("typecode"u8, m.TypeCode);
            WriteContent(w, m, buf);
        }
        else if (m.IsCommB && CommB.Infer(m.Payload) == CommBRegister.Bds20 && CommB.TryDecodeIdentification(m.Payload, out var cs))
        {
            w.WriteString("bds"u8, "2,0"u8);
            WriteCallsign(w, cs, buf);
        }

        if (double.IsFinite(latDeg) && double.IsFinite(lonDeg))
        {
            w.WriteNumber("lat"u8, Math.Round(latDeg, 6));
            w.WriteNumber("lon"u8, Math.Round(lonDeg, 6));
        }

        w.WriteEndObject();
    }

    /// <summary>A decode error as <c>{"error": reason, "offset": n}</c>.</summary>
    public static void WriteError(Utf8JsonWriter w, in DecodeError error)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("error"u8, error.Description);
        w.WriteNumber("offset"u8, error.Offset);
        w.WriteEndObject();
    }

    private static void WriteCallsign(Utf8JsonWriter w, Callsign cs, Span<char> buf)
    {
        cs.TryFormat(buf, out int n);
        w.WriteString("callsign"u8, buf[..n]);
    }

    private static void WriteContent(Utf8JsonWriter w, in ModeSMessage m, Span<char> buf)
    {
        switch (m.Content)
        {
            case MessageContent.Identification:
                w.WriteNumber("category"u8, m.Identification.Category);
                WriteCallsign(w, m.Identification.Callsign, buf);
                break;
            case MessageContent.AirbornePosition:
            case MessageContent.SurfacePosition:
                {
                    var p = m.Position;
                    w.WriteNumber("cpr_format"u8, p.OddFormat ? 1 : 0);
                    w.WriteNumber("cpr_lat"u8, p.LatCpr);
                    w.WriteNumber("cpr_lon"u8, p.LonCpr);
                    if (p.Surface)
                    {
                        w.WriteNumber("movement"u8, p.Movement);
                        WriteOptional(w, "ground_speed_kt"u8, p.GroundSpeedKt);
                        WriteOptional(w, "track_deg"u8, p.TrackDeg);
                    }
                    else if (p.AltitudeIsGnss)
                    {
                        w.WriteBoolean("altitude_is_gnss"u8, true);
                    }

                    break;
                }

            case MessageContent.AirborneVelocity:
                {
                    var v = m.Velocity;
                    w.WriteNumber("subtype"u8, v.Subtype);
                    WriteOptional(w, "ground_speed_kt"u8, v.GroundSpeedKt);
                    WriteOptional(w, "track_deg"u8, v.TrackDeg);
                    if (v.AirspeedKt is { } a)
                    {
                        w.WriteNumber("airspeed_kt"u8, a);
                        w.WriteString("airspeed_type"u8, ModeSText.AirspeedType(v.AirspeedType));
                    }

                    WriteOptional(w, "heading_deg"u8, v.HeadingDeg);
                    if (v.VerticalRateFpm is { } vr)
                    {
                        w.WriteNumber("vertical_rate_fpm"u8, vr);
                        w.WriteString("vr_source"u8, ModeSText.VerticalRateSource(v.VerticalRateSource));
                    }

                    if (v.GeoMinusBaroFt is { } d)
                    {
                        w.WriteNumber("geo_minus_baro_ft"u8, d);
                    }

                    break;
                }

            case MessageContent.AircraftStatus:
                w.WriteNumber("emergency_state"u8, m.Status.EmergencyState);
                break;
            case MessageContent.TargetState:
                {
                    var t = m.TargetState;
                    if (t.SelectedAltitudeFt is { } sa)
                    {
                        w.WriteNumber("selected_altitude_ft"u8, sa);
                    }

                    WriteOptional(w, "baro_setting_hpa"u8, t.BaroSettingHpa);
                    WriteOptional(w, "selected_heading_deg"u8, t.SelectedHeadingDeg);
                    w.WriteNumber("nac_p"u8, t.NacP);
                    break;
                }
        }
    }

    private static void WriteOptional(Utf8JsonWriter w, ReadOnlySpan<byte> name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v, 4));
        }
    }
}
