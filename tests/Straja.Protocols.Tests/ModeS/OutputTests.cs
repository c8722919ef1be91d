using System.Text;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Protocols.Tests.ModeS;

public sealed class OutputTests
{
    private static JsonElement Json(string hex, double lat = double.NaN, double lon = double.NaN)
    {
        Assert.True(ModeSDecoder.TryDecode(Convert.FromHexString(hex), out var m, out _));
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            ModeSJson.Write(w, m, lat, lon);
        }

        return JsonDocument.Parse(ms.ToArray()).RootElement.Clone();
    }

    [Fact]
    public void Identification_json_carries_the_standard_field_names()
    {
        var j = Json("8D406B902015A678D4D220AA4BDA");
        Assert.Equal(17, j.GetProperty("df").GetInt32());
        Assert.Equal("406B90", j.GetProperty("icao").GetString());
        Assert.Equal(4, j.GetProperty("typecode").GetInt32());
        Assert.Equal("EZY85MH", j.GetProperty("callsign").GetString());
        Assert.True(j.GetProperty("crc_valid").GetBoolean());
    }

    [Fact]
    public void Position_json_has_altitude_cpr_and_the_resolved_lat_lon_when_given()
    {
        var j = Json("8D40058B58C901375147EFD09357", 49.8241, 6.06785);
        Assert.Equal(39000, j.GetProperty("altitude_ft").GetInt32());
        Assert.Equal(0, j.GetProperty("cpr_format").GetInt32());
        Assert.Equal(39848, j.GetProperty("cpr_lat").GetInt32());
        Assert.Equal(49.8241, j.GetProperty("lat").GetDouble());
        Assert.Equal(6.06785, j.GetProperty("lon").GetDouble());
        Assert.False(Json("8D40058B58C901375147EFD09357").TryGetProperty("lat", out _));
    }

    [Fact]
    public void Velocity_and_reply_json_carry_speeds_rates_and_squawk()
    {
        var v = Json("8D485020994409940838175B284F");
        Assert.Equal(159.2, v.GetProperty("ground_speed_kt").GetDouble(), 0.1);
        Assert.Equal(182.88, v.GetProperty("track_deg").GetDouble(), 0.01);
        Assert.Equal(-832, v.GetProperty("vertical_rate_fpm").GetInt32());
        Assert.Equal("GNSS", v.GetProperty("vr_source").GetString());

        var r = Json("2A00516D492B80");
        Assert.Equal("0356", r.GetProperty("squawk").GetString());
        Assert.Equal("510AF9", r.GetProperty("icao").GetString());
        Assert.True(r.GetProperty("address_parity").GetBoolean());

        var b = Json("A000083E202CC371C31DE0AA1CCF");
        Assert.Equal("KLM1017", b.GetProperty("callsign").GetString());
        Assert.Equal("2,0", b.GetProperty("bds").GetString());
    }

    [Fact]
    public void Decode_error_json_names_the_reason_and_offset()
    {
        Assert.False(ModeSDecoder.TryDecode(new byte[9], out _, out var e));
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms))
        {
            ModeSJson.WriteError(w, e);
        }

        var j = JsonDocument.Parse(ms.ToArray()).RootElement;
        Assert.Contains("length", j.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(9, j.GetProperty("offset").GetInt32());
    }

    private static AircraftState Tracked(int? nacP = null)
    {
        var t = new AircraftTracker();
        foreach (var (hex, time) in new[] { ("8D40058B58C901375147EFD09357", 0.0), ("8D40058B58C904A87F402D3B8C59", 5.0) })
        {
            ModeSDecoder.TryDecode(Convert.FromHexString(hex), out var m, out _);
            t.Update(m, time);
        }

        if (nacP is { } n)
        {
            // A TC29 target-state squitter carries NACp; this one (A05629) says 9, so re-address it.
            var f = Convert.FromHexString("8DA05629EA21485CBF3F8CADAEEB");
            f[1] = 0x40;
            f[2] = 0x05;
            f[3] = 0x8B;
            ModeSCrc.Seal(f);
            ModeSDecoder.TryDecode(f, out var m, out _);
            Assert.Equal(n, m.TargetState.NacP);
            t.Update(m, 6);
        }

        Assert.True(t.TryGet(0x40058B, out var s));
        return s;
    }

    [Fact]
    public void Adapter_makes_a_position_detection_with_icao_identity_metres_and_default_sigmas()
    {
        var time = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);
        var d = AdsbAdapter.ToDetection(Tracked(), "adsb-1", time);
        Assert.NotNull(d);
        Assert.Equal(DetectionKind.Position, d.Kind);
        Assert.Equal("ICAO:40058B", d.CooperativeId);
        Assert.Equal(39000 * 0.3048, d.Position.AltM, 1e-9);
        Assert.Equal(49.81755, d.Position.LatDeg, 0.001);
        Assert.Equal(AdsbAdapter.DefaultSigmaHorizontalM, d.SigmaHorizontalM);
        Assert.Equal(AdsbAdapter.DefaultSigmaVerticalM, d.SigmaVerticalM);
        Assert.Equal(time, d.Time);
        Assert.Equal("adsb-1", d.SensorId);
    }

    [Fact]
    public void Adapter_takes_horizontal_sigma_from_nacp_when_known()
    {
        var d = AdsbAdapter.ToDetection(Tracked(nacP: 9), "adsb-1", DateTimeOffset.UnixEpoch);
        Assert.Equal(30.0 / 2.45, d!.SigmaHorizontalM, 1e-9);
    }

    [Fact]
    public void Adapter_gives_nothing_for_an_aircraft_without_position()
    {
        var t = new AircraftTracker();
        ModeSDecoder.TryDecode(Convert.FromHexString("8D406B902015A678D4D220AA4BDA"), out var m, out _);
        t.Update(m, 0);
        t.TryGet(0x406B90, out var s);
        Assert.Null(AdsbAdapter.ToDetection(s, "adsb-1", DateTimeOffset.UnixEpoch));
    }
}
