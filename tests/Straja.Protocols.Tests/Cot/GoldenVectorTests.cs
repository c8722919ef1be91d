using System.Buffers;
using System.Text.Json;
using Straja.Protocols.Cot;

namespace Straja.Protocols.Tests.Cot;

public sealed class GoldenVectorTests
{
    private static CotEvent DecodeXml(byte[] xml)
    {
        Assert.True(CotXml.TryDecode(xml, out CotEvent? ev, out CotDecodeError error), error.ToString());
        return ev;
    }

    [Fact]
    public void Upstream_xml_encodes_to_the_exact_mesh_and_stream_bytes()
    {
        CotEvent ev = DecodeXml(CotVectors.Utf8(CotVectors.Upstream, "cot_xml"));

        Assert.Equal(Convert.ToHexStringLower(CotVectors.Hex(CotVectors.Upstream, "tak_v1_mesh_hex")), Convert.ToHexStringLower(TakProtocol.EncodeMesh(ev)));
        Assert.Equal(Convert.ToHexStringLower(CotVectors.Hex(CotVectors.Upstream, "tak_v1_stream_hex")), Convert.ToHexStringLower(TakProtocol.EncodeStream(ev)));
    }

    [Fact]
    public void Upstream_mesh_decodes_to_every_expected_field()
    {
        JsonElement x = CotVectors.Upstream.GetProperty("expected");
        Assert.True(TakProtocol.TryReadMesh(CotVectors.Hex(CotVectors.Upstream, "tak_v1_mesh_hex"), out CotEvent? ev, out CotDecodeError error), error.ToString());

        Assert.Equal(x.GetProperty("type").GetString(), ev.Type);
        Assert.Equal(x.GetProperty("uid").GetString(), ev.Uid);
        Assert.Equal(x.GetProperty("how").GetString(), ev.How);
        Assert.Equal(x.GetProperty("sendTime_ms").GetInt64(), ev.Time.ToUnixTimeMilliseconds());
        Assert.Equal(x.GetProperty("staleTime_ms").GetInt64(), ev.Stale.ToUnixTimeMilliseconds());
        Assert.Equal(new CotPoint(x.GetProperty("lat").GetDouble(), x.GetProperty("lon").GetDouble(), x.GetProperty("hae").GetDouble(),
            x.GetProperty("ce").GetDouble(), x.GetProperty("le").GetDouble()), ev.Point);
        Assert.Equal(x.GetProperty("detail.xmlDetail").GetString(), ev.Detail.XmlDetail);
        Assert.Equal(new CotContact(x.GetProperty("detail.contact.callsign").GetString(), x.GetProperty("detail.contact.endpoint").GetString()), ev.Detail.Contact);
        JsonElement g = x.GetProperty("detail.group");
        Assert.Equal(new CotGroup(g.GetProperty("name").GetString(), g.GetProperty("role").GetString()), ev.Detail.Group);
        Assert.Equal(new CotStatus((uint)x.GetProperty("detail.status.battery").GetInt32()), ev.Detail.Status);
        JsonElement t = x.GetProperty("detail.takv");
        Assert.Equal(new CotTakv(t.GetProperty("device").GetString(), t.GetProperty("platform").GetString(), t.GetProperty("os").GetString(),
            t.GetProperty("version").GetString()), ev.Detail.Takv);
        JsonElement tr = x.GetProperty("detail.track");
        Assert.Equal(new CotMotion(tr.GetProperty("course").GetDouble(), tr.GetProperty("speed").GetDouble()), ev.Detail.Track);
    }

    [Fact]
    public void Upstream_stream_frame_decodes_to_the_same_event_as_the_mesh_datagram()
    {
        byte[] stream = CotVectors.Hex(CotVectors.Upstream, "tak_v1_stream_hex");
        Assert.Equal(OperationStatus.Done, TakProtocol.TryReadStream(stream, TakProtocol.DefaultMaxMessageBytes, out CotEvent? fromStream, out int consumed, out _));
        Assert.True(TakProtocol.TryReadMesh(CotVectors.Hex(CotVectors.Upstream, "tak_v1_mesh_hex"), out CotEvent? fromMesh, out _));

        Assert.Equal(stream.Length, consumed);
        Assert.Equal(fromMesh, fromStream);
        Assert.Equal(DecodeXml(CotVectors.Utf8(CotVectors.Upstream, "cot_xml")), fromMesh);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Time_vectors_read_to_the_expected_milliseconds(int index)
    {
        JsonElement v = CotVectors.Upstream.GetProperty("time_vectors")[index];
        string xml = $"<event version='2.0' uid='u' type='a-u-A' how='m-f' time='{v.GetProperty("iso").GetString()}' start='2020-02-08T18:10:44Z' "
            + "stale='2020-02-08T18:10:44Z'><point lat='0' lon='0' hae='0' ce='1' le='1'/></event>";

        Assert.Equal(v.GetProperty("timeMs").GetInt64(), DecodeXml(System.Text.Encoding.UTF8.GetBytes(xml)).Time.ToUnixTimeMilliseconds());
    }

    [Theory]
    [MemberData(nameof(CotVectors.UavUids), MemberType = typeof(CotVectors))]
    public void Uav_event_xml_encodes_to_the_exact_mesh_and_stream_bytes(string uid)
    {
        JsonElement v = CotVectors.UavEvent(uid);
        CotEvent ev = DecodeXml(CotVectors.Utf8(v, "cot_xml"));

        Assert.Equal(Convert.ToHexStringLower(CotVectors.Hex(v, "tak_v1_mesh_hex")), Convert.ToHexStringLower(TakProtocol.EncodeMesh(ev)));
        Assert.Equal(Convert.ToHexStringLower(CotVectors.Hex(v, "tak_v1_stream_hex")), Convert.ToHexStringLower(TakProtocol.EncodeStream(ev)));
    }

    [Theory]
    [MemberData(nameof(CotVectors.UavUids), MemberType = typeof(CotVectors))]
    public void Uav_event_decodes_to_every_expected_field_and_rewrites_byte_for_byte(string uid)
    {
        JsonElement v = CotVectors.UavEvent(uid);
        JsonElement x = v.GetProperty("expected");
        byte[] xml = CotVectors.Utf8(v, "cot_xml");
        CotEvent ev = DecodeXml(xml);

        Assert.Equal(x.GetProperty("type").GetString(), ev.Type);
        Assert.Equal(x.GetProperty("how").GetString(), ev.How);
        Assert.Equal(DateTimeOffset.Parse(x.GetProperty("time").GetString()!, System.Globalization.CultureInfo.InvariantCulture), ev.Time);
        Assert.Equal(DateTimeOffset.Parse(x.GetProperty("stale").GetString()!, System.Globalization.CultureInfo.InvariantCulture), ev.Stale);
        Assert.Equal(new CotPoint(x.GetProperty("lat").GetDouble(), x.GetProperty("lon").GetDouble(), x.GetProperty("hae_m").GetDouble(),
            x.GetProperty("ce_m").GetDouble(), x.GetProperty("le_m").GetDouble()), ev.Point);
        Assert.Equal(new CotMotion(x.GetProperty("track_course_deg_true").GetDouble(), x.GetProperty("track_speed_mps").GetDouble()), ev.Detail.Track);
        Assert.Equal(x.GetProperty("callsign").GetString(), ev.Detail.Contact?.Callsign);
        Assert.Equal(System.Text.Encoding.UTF8.GetString(xml), System.Text.Encoding.UTF8.GetString(CotXml.Encode(ev)));
    }

    [Theory]
    [MemberData(nameof(CotVectors.UavUids), MemberType = typeof(CotVectors))]
    public void Uav_mesh_decodes_to_the_decoded_check_and_to_the_xml_event(string uid)
    {
        JsonElement v = CotVectors.UavEvent(uid);
        JsonElement check = v.GetProperty("tak_v1_decoded_check");
        Assert.True(TakProtocol.TryReadMesh(CotVectors.Hex(v, "tak_v1_mesh_hex"), out CotEvent? ev, out CotDecodeError error), error.ToString());

        Assert.Equal(check.GetProperty("sendTime").GetInt64(), ev.Time.ToUnixTimeMilliseconds());
        Assert.Equal(check.GetProperty("staleTime").GetInt64(), ev.Stale.ToUnixTimeMilliseconds());
        Assert.Equal(check.GetProperty("callsign").GetString(), ev.Detail.Contact?.Callsign);
        Assert.Equal(check.GetProperty("xmlDetail").GetString(), $"<remarks>{System.Security.SecurityElement.Escape(ev.Detail.Remarks)}</remarks>");
        Assert.Equal(DecodeXml(CotVectors.Utf8(v, "cot_xml")), ev);
    }
}
