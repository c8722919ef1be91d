using System.Buffers;
using System.Text;
using Straja.Protocols.Cot;

namespace Straja.Protocols.Tests.Cot;

public sealed class HostileInputTests
{
    private const string Body = "<event version='2.0' uid='u' type='a-u-A' how='m-f' time='2025-06-01T12:00:00Z' start='2025-06-01T12:00:00Z' "
        + "stale='2025-06-01T12:00:10Z'><point lat='45' lon='28' hae='0' ce='1' le='1'/><detail>{0}</detail></event>";

    private static CotDecodeError Refused(string xml, CotXmlLimits? limits = null)
    {
        Assert.False(CotXml.TryDecode(Encoding.UTF8.GetBytes(xml), limits ?? CotXmlLimits.Default, out CotEvent? ev, out CotDecodeError error));
        Assert.Null(ev);
        return error;
    }

    [Fact]
    public void Billion_laughs_is_refused_before_any_entity_is_expanded()
    {
        var dtd = new StringBuilder("<?xml version='1.0'?><!DOCTYPE event [<!ENTITY l0 'ha'>");
        for (int i = 1; i < 10; i++)
        {
            dtd.Append($"<!ENTITY l{i} '{string.Concat(Enumerable.Repeat($"&l{i - 1};", 10))}'>");
        }

        CotDecodeError error = Refused(dtd + "]>" + string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, "<remarks>&l9;</remarks>"));

        Assert.Equal(CotDecodeErrorReason.MalformedXml, error.Reason);
        Assert.Contains("DTD", error.Detail, StringComparison.Ordinal);
        Assert.Equal((1, 22), (error.Line, error.Column));
    }

    [Fact]
    public void External_entity_is_never_resolved()
    {
        string secret = Path.Combine(Path.GetTempPath(), $"cot-xxe-{Environment.ProcessId}.txt");
        File.WriteAllText(secret, "SECRET");
        try
        {
            string xml = $"<!DOCTYPE event [<!ENTITY x SYSTEM 'file://{secret}'>]>"
                + string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, "<remarks>&x;</remarks>");

            CotDecodeError error = Refused(xml);

            Assert.Equal(CotDecodeErrorReason.MalformedXml, error.Reason);
            Assert.DoesNotContain("SECRET", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Undeclared_entity_is_an_error_with_its_position()
    {
        CotDecodeError error = Refused(string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, "<remarks>&boom;</remarks>"));

        Assert.Equal(CotDecodeErrorReason.MalformedXml, error.Reason);
        Assert.Equal(1, error.Line);
        Assert.True(error.Column > 200, error.ToString());
    }

    [Fact]
    public void Huge_attribute_is_refused_by_size_without_parsing()
    {
        string xml = string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, $"<x a='{new string('A', 300_000)}'/>");

        Assert.Equal(CotDecodeErrorReason.TooLarge, Refused(xml).Reason);
    }

    [Fact]
    public void Deep_nesting_inside_detail_is_refused_at_the_cap()
    {
        string nested = string.Concat(Enumerable.Repeat("<a>", 100)) + string.Concat(Enumerable.Repeat("</a>", 100));

        CotDecodeError error = Refused(string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, nested));

        Assert.Equal(CotDecodeErrorReason.TooDeep, error.Reason);
    }

    [Theory]
    [InlineData("<point lat='91' lon='28' hae='0' ce='1' le='1'/>", CotDecodeErrorReason.BadValue, "lat")]
    [InlineData("<point lat='x' lon='28' hae='0' ce='1' le='1'/>", CotDecodeErrorReason.BadValue, "point/@lat")]
    [InlineData("<point lat='45' lon='28' hae='0' ce='1'/>", CotDecodeErrorReason.MissingAttribute, "point/@le")]
    [InlineData("<point lat='45' lon='28' hae='NaN' ce='1' le='1'/>", CotDecodeErrorReason.BadValue, "point/@hae")]
    [InlineData("", CotDecodeErrorReason.NotAnEvent, "no <point>")]
    public void Bad_point_is_refused_naming_the_field(string point, CotDecodeErrorReason reason, string field)
    {
        string xml = "<event version='2.0' uid='u' type='a-u-A' how='m-f' time='2025-06-01T12:00:00Z' start='2025-06-01T12:00:00Z' "
            + $"stale='2025-06-01T12:00:10Z'>{point}</event>";

        CotDecodeError error = Refused(xml);

        Assert.Equal(reason, error.Reason);
        Assert.Contains(field, error.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("time='yesterday'", "event/@time")]
    [InlineData("time='2025-02-30T12:00:00Z'", "event/@time")]
    [InlineData("time='2025-06-01T12:00:00'", "event/@time")]
    public void Bad_time_is_refused_naming_the_attribute(string time, string field)
    {
        string xml = $"<event version='2.0' uid='u' type='a-u-A' how='m-f' {time} start='2025-06-01T12:00:00Z' "
            + "stale='2025-06-01T12:00:10Z'><point lat='45' lon='28' hae='0' ce='1' le='1'/></event>";

        CotDecodeError error = Refused(xml);

        Assert.Equal(CotDecodeErrorReason.BadValue, error.Reason);
        Assert.Contains(field, error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_root_and_truncated_and_invalid_utf8_inputs_are_refused()
    {
        Assert.Equal(CotDecodeErrorReason.NotAnEvent, Refused("<html/>").Reason);
        Assert.Equal(CotDecodeErrorReason.MalformedXml, Refused(string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, "")[..150]).Reason);
        byte[] bad = Encoding.UTF8.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, Body, "<remarks>xx</remarks>"));
        bad[bad.Length - 30] = 0xC3;
        bad[bad.Length - 29] = 0x28;
        Assert.False(CotXml.TryDecode(bad, out _, out CotDecodeError error));
        Assert.Equal(CotDecodeErrorReason.MalformedXml, error.Reason);
    }

    [Fact]
    public void Tak_stream_length_of_two_gigabytes_is_refused_before_waiting_for_it()
    {
        byte[] frame = [0xBF, 0xFF, 0xFF, 0xFF, 0xFF, 0x07];

        OperationStatus status = TakProtocol.TryReadStream(frame, TakProtocol.DefaultMaxMessageBytes, out _, out int consumed, out CotDecodeError error);

        Assert.Equal(OperationStatus.InvalidData, status);
        Assert.Equal(CotDecodeErrorReason.TooLarge, error.Reason);
        Assert.Equal(6, consumed);
    }

    [Fact]
    public void Tak_frames_with_bad_magic_version_or_protobuf_are_refused_with_the_reason()
    {
        Assert.False(TakProtocol.TryReadMesh([0x3C, 0x01, 0xBF, 0x12], out _, out CotDecodeError e1));
        Assert.False(TakProtocol.TryReadMesh([0xBF, 0x02, 0xBF, 0x12, 0x00], out _, out CotDecodeError e2));
        Assert.False(TakProtocol.TryReadMesh([0xBF, 0x01, 0xBF, 0x12, 0x7F, 0x01], out _, out CotDecodeError e3));
        Assert.False(TakProtocol.TryReadMesh([0xBF, 0x01, 0xBF, 0x0A, 0x00], out _, out CotDecodeError e4));

        Assert.Equal(CotDecodeErrorReason.BadFraming, e1.Reason);
        Assert.Equal(CotDecodeErrorReason.UnsupportedVersion, e2.Reason);
        Assert.Equal(CotDecodeErrorReason.MalformedProtobuf, e3.Reason);
        Assert.Equal(3, e3.Offset);
        Assert.Equal(CotDecodeErrorReason.NoEvent, e4.Reason);
    }

    [Fact]
    public void Tak_stream_frame_split_anywhere_asks_for_more_and_consumes_nothing()
    {
        byte[] stream = CotVectors.Hex(CotVectors.Upstream, "tak_v1_stream_hex");
        for (int cut = 0; cut < stream.Length; cut++)
        {
            Assert.Equal(OperationStatus.NeedMoreData, TakProtocol.TryReadStream(stream.AsSpan(0, cut), TakProtocol.DefaultMaxMessageBytes, out _, out int consumed, out _));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void Xml_stream_splits_concatenated_events_and_waits_for_the_end_tag()
    {
        byte[] one = CotVectors.Utf8(CotVectors.UavEvents.First(), "cot_xml");
        byte[] stream = [.. one, .. "\n  "u8, .. one];

        Assert.Equal(OperationStatus.Done, CotXmlStream.TryRead(stream, 65536, out ReadOnlySpan<byte> first, out int consumed, out _));
        Assert.True(first.SequenceEqual(one));
        Assert.Equal(OperationStatus.Done, CotXmlStream.TryRead(stream.AsSpan(consumed), 65536, out ReadOnlySpan<byte> second, out int consumed2, out _));
        Assert.True(second.SequenceEqual(one));
        Assert.Equal(stream.Length, consumed + consumed2);
        Assert.Equal(OperationStatus.NeedMoreData, CotXmlStream.TryRead(one.AsSpan(0, one.Length - 1), 65536, out _, out int none, out _));
        Assert.Equal(0, none);
        Assert.Equal(OperationStatus.InvalidData, CotXmlStream.TryRead(one.AsSpan(0, one.Length - 1), 100, out _, out int dropped, out _));
        Assert.Equal(one.Length - 1, dropped);
    }
}
