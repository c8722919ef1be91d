using System.Buffers;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Cli.Decode;

/// <summary>
/// <c>encode modes|beast|avr</c>: DF17 extended squitters from the fields <c>decode</c> prints, through
/// <see cref="ModeSEncoder"/>. Identification (type codes 1–4), airborne position with barometric altitude
/// (9–18) and airborne velocity over ground (19, subtype 1) can be built; anything else is refused by name.
/// </summary>
internal static class ModeSEncoding
{
    private const int CprScale = 1 << 17;

    public static bool TryEncode(JsonElement json, out byte[] message, out string field, out string error)
    {
        message = [];
        var f = new JsonFields(json);
        int df = f.OptionalInt("df", 0, 31) ?? 17;
        if (df != 17)
        {
            f.Fail("df", $"only DF17 extended squitters can be encoded, not DF{df}");
        }

        uint icao = f.Hex("icao", 6);
        int typeCode = f.Int("typecode", 1, 31);
        int capability = f.OptionalInt("capability", 0, 7) ?? 5;
        var frame = new byte[ModeSEncoder.LongFrameLength];
        bool built = !f.Failed && typeCode switch
        {
            >= 1 and <= 4 => Identification(f, frame, icao, typeCode),
            >= 9 and <= 18 => AirbornePosition(f, frame, icao, typeCode),
            19 => Velocity(f, frame, icao),
            _ => Refuse(f, "typecode", $"type code {typeCode} cannot be encoded (1-4 identification, 9-18 airborne position, 19 velocity can)"),
        };
        if (!built || f.Failed)
        {
            field = f.Failed ? f.Field : "(message)";
            error = f.Failed ? f.Error : "the values cannot be encoded";
            return false;
        }

        // The encoder sends CA 5 (airborne); keep the capability that was given, and the parity with it.
        frame[0] = (byte)((17 << 3) | capability);
        ModeSCrc.Seal(frame);
        message = frame;
        field = error = "";
        return true;
    }

    private static bool Identification(JsonFields f, byte[] frame, uint icao, int typeCode)
    {
        string text = f.Text("callsign");
        int category = f.OptionalInt("category", 0, 7) ?? 0;
        if (f.Failed)
        {
            return false;
        }

        if (!Callsign.TryCreate(text, out var callsign))
        {
            return Refuse(f, "callsign", $"'{text}' is not up to 8 of A-Z, 0-9 and space");
        }

        return ModeSEncoder.TryIdentification(frame, icao, callsign, typeCode, category);
    }

    private static bool AirbornePosition(JsonFields f, byte[] frame, uint icao, int typeCode)
    {
        if (f.Has("altitude_is_gnss"))
        {
            return Refuse(f, "altitude_is_gnss", "only barometric altitude (type codes 9-18) can be encoded");
        }

        int altitudeFt = f.Int("altitude_ft", -1000, 126700);
        bool odd = f.Int("cpr_format", 0, 1) == 1;
        double lat, lon;
        int? cprLat = null, cprLon = null;
        if (f.Has("lat") || f.Has("lon"))
        {
            lat = f.Number("lat", -90, 90);
            lon = f.Number("lon", -180, 180);
        }
        else
        {
            // Only the 17-bit CPR values: any position with those values in CPR zone 0 encodes back to them.
            cprLat = f.Int("cpr_lat", 0, CprScale - 1);
            cprLon = f.Int("cpr_lon", 0, CprScale - 1);
            double dLat = 360.0 / (odd ? 59 : 60);
            lat = dLat * cprLat.Value / CprScale;
            lon = 360.0 / Math.Max(Cpr.NL(lat) - (odd ? 1 : 0), 1) * cprLon.Value / CprScale;
            lon = lon >= 180 ? lon - 360 : lon;
        }

        if (f.Failed || !ModeSEncoder.TryAirbornePosition(frame, icao, lat, lon, altitudeFt, odd, typeCode))
        {
            return f.Failed || Refuse(f, "altitude_ft", "cannot be encoded in 25 ft steps");
        }

        var encoded = Cpr.Encode(lat, lon, odd, surface: false);
        if ((cprLat ?? encoded.LatCpr) != encoded.LatCpr || (cprLon ?? encoded.LonCpr) != encoded.LonCpr)
        {
            return Refuse(f, "cpr_lat", "no position encodes to these CPR values");
        }

        return true;
    }

    private static bool Velocity(JsonFields f, byte[] frame, uint icao)
    {
        int subtype = f.OptionalInt("subtype", 1, 4) ?? 1;
        if (subtype != 1)
        {
            return Refuse(f, "subtype", "only subtype 1 (ground speed, subsonic) can be encoded");
        }

        double speedKt = f.Number("ground_speed_kt", 0, 1500);
        double trackDeg = f.Number("track_deg", -360, 360);
        int rateFpm = f.OptionalInt("vertical_rate_fpm", -32576, 32576) ?? 0;
        string source = f.OptionalText("vr_source") ?? "BARO";
        if (f.Failed)
        {
            return false;
        }

        if (source is not ("BARO" or "GNSS"))
        {
            return Refuse(f, "vr_source", $"'{source}' is neither BARO nor GNSS");
        }

        double rad = trackDeg * Math.PI / 180;
        double east = Math.Round(speedKt * Math.Sin(rad), 6);
        double north = Math.Round(speedKt * Math.Cos(rad), 6);
        var vrSource = source == "GNSS" ? VerticalRateSource.Gnss : VerticalRateSource.Baro;
        return ModeSEncoder.TryAirborneVelocity(frame, icao, east, north, rateFpm, vrSource)
            || Refuse(f, "ground_speed_kt", "east or north component beyond 1021 kt");
    }

    private static bool Refuse(JsonFields f, string name, string error)
    {
        f.Fail(name, error);
        return false;
    }

    /// <summary>The Beast or AVR framing around an encoded frame, with the timestamp and signal the JSON gives.</summary>
    public static bool TryFrame(JsonElement json, byte[] frame, bool avr, out byte[] message, out string field, out string error)
    {
        var f = new JsonFields(json);
        double? ts = f.OptionalNumber("timestamp_12mhz", 0, 0xFFFF_FFFF_FFFF);
        int? signal = f.OptionalInt("signal", 0, 255);
        message = [];
        if (f.Failed)
        {
            field = f.Field;
            error = f.Error;
            return false;
        }

        var feed = new FeedFrame(frame, (ulong)(ts ?? 0), (byte)(signal ?? 0), hasTimestamp: ts.HasValue || !avr, hasSignal: signal.HasValue || !avr);
        var buffer = new byte[64];
        int written;
        bool ok = avr
            ? AvrWriter.TryWrite(feed, signal.HasValue ? AvrFormat.TimestampAndSignal : ts.HasValue ? AvrFormat.Timestamp : AvrFormat.Plain, buffer, out written)
            : BeastWriter.TryWrite(feed, buffer, out written);
        message = buffer[..written];
        field = error = "";
        return ok;
    }
}
