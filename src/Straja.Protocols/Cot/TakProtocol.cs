using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Straja.Protocols.Cot.Wire;

namespace Straja.Protocols.Cot;

/// <summary>
/// TAK protocol version 1: a CoT event as the protobuf <c>TakMessage</c>, framed for the mesh (one UDP
/// datagram: <c>0xBF 0x01 0xBF</c> then the message) or for a stream (TCP: <c>0xBF</c>, the message length
/// as a varint, the message). Detail children the protobuf has no field for travel as XML in
/// <c>xmlDetail</c>, the plain <c>&lt;remarks&gt;</c> first.
/// </summary>
public static class TakProtocol
{
    public const byte Magic = 0xBF;
    public const int Version = 1;

    /// <summary>A stream frame longer than this is refused unless the caller allows more.</summary>
    public const int DefaultMaxMessageBytes = 1 << 20;

    private static ReadOnlySpan<byte> MeshHeader => [Magic, Version, Magic];

    /// <summary>Writes one mesh datagram.</summary>
    public static void WriteMesh(IBufferWriter<byte> output, CotEvent ev)
    {
        ArgumentNullException.ThrowIfNull(output);
        TakMessage message = ToMessage(ev);
        int size = message.CalculateSize();
        Span<byte> span = output.GetSpan(MeshHeader.Length + size);
        MeshHeader.CopyTo(span);
        message.WriteTo(span.Slice(MeshHeader.Length, size));
        output.Advance(MeshHeader.Length + size);
    }

    /// <summary>Writes one stream frame.</summary>
    public static void WriteStream(IBufferWriter<byte> output, CotEvent ev)
    {
        ArgumentNullException.ThrowIfNull(output);
        TakMessage message = ToMessage(ev);
        int size = message.CalculateSize();
        Span<byte> span = output.GetSpan(1 + 5 + size);
        span[0] = Magic;
        int header = 1 + WriteVarint(span[1..], (uint)size);
        message.WriteTo(span.Slice(header, size));
        output.Advance(header + size);
    }

    public static byte[] EncodeMesh(CotEvent ev)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteMesh(buffer, ev);
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] EncodeStream(CotEvent ev)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        WriteStream(buffer, ev);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes one mesh datagram (the whole span is the datagram).</summary>
    public static bool TryReadMesh(ReadOnlySpan<byte> datagram, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error)
    {
        ev = null;
        if (datagram.Length < 3 || datagram[0] != Magic)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.BadFraming, 0, "a mesh datagram starts 0xBF, version, 0xBF");
            return false;
        }

        int read = ReadVarint(datagram[1..], out ulong version);
        if (read == 0 || 1 + read >= datagram.Length || datagram[1 + read] != Magic)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.BadFraming, 1, "mesh header: version varint then 0xBF expected");
            return false;
        }

        if (version != Version)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.UnsupportedVersion, 1, $"version {version}");
            return false;
        }

        int start = 2 + read;
        return TryDecodeMessage(datagram[start..], start, out ev, out error);
    }

    /// <summary>
    /// Reads the first stream frame of <paramref name="buffer"/>. <see cref="OperationStatus.NeedMoreData"/> consumes
    /// nothing; <see cref="OperationStatus.Done"/> gives the event; <see cref="OperationStatus.InvalidData"/> gives the
    /// error and, when the frame itself was sound but its content was not, consumes the frame so the stream goes on. A
    /// broken header or a length over <paramref name="maxMessageBytes"/> (checked before waiting for the payload, so a 2 GB
    /// claim costs nothing) leaves the stream unsynchronised and the connection should be closed.
    /// </summary>
    public static OperationStatus TryReadStream(
        ReadOnlySpan<byte> buffer,
        int maxMessageBytes,
        out CotEvent? ev,
        out int consumed,
        out CotDecodeError error)
    {
        ev = null;
        consumed = 0;
        error = default;
        if (buffer.IsEmpty)
        {
            return OperationStatus.NeedMoreData;
        }

        if (buffer[0] != Magic)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.BadFraming, 0, $"0x{buffer[0]:X2} where a frame's 0xBF belongs");
            return OperationStatus.InvalidData;
        }

        int read = ReadVarint(buffer[1..], out ulong length);
        if (read == 0)
        {
            if (buffer.Length - 1 >= MaxVarintBytes)
            {
                error = CotDecodeError.AtOffset(CotDecodeErrorReason.BadFraming, 1, "length varint longer than 5 bytes");
                return OperationStatus.InvalidData;
            }

            return OperationStatus.NeedMoreData;
        }

        if (length > (ulong)Math.Max(0, maxMessageBytes))
        {
            consumed = 1 + read;
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.TooLarge, 1, $"{length} > {maxMessageBytes} bytes");
            return OperationStatus.InvalidData;
        }

        int start = 1 + read;
        if ((ulong)(buffer.Length - start) < length)
        {
            return OperationStatus.NeedMoreData;
        }

        consumed = start + (int)length;
        return TryDecodeMessage(buffer.Slice(start, (int)length), start, out ev, out error) ? OperationStatus.Done : OperationStatus.InvalidData;
    }

    /// <summary>Decodes an unframed <c>TakMessage</c>.</summary>
    public static bool TryDecodeMessage(ReadOnlySpan<byte> protobuf, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error) =>
        TryDecodeMessage(protobuf, 0, out ev, out error);

    private static bool TryDecodeMessage(ReadOnlySpan<byte> protobuf, int offset, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error)
    {
        ev = null;
        TakMessage message;
        try
        {
            message = TakMessage.Parser.ParseFrom(protobuf);
        }
        catch (InvalidProtocolBufferException e)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.MalformedProtobuf, offset, e.Message);
            return false;
        }

        if (message.CotEvent is not { } e1)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.NoEvent, offset, null);
            return false;
        }

        return TryFromWire(e1, CotXmlLimits.Default, out ev, out error);
    }

    internal static TakMessage ToMessage(CotEvent ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var wire = new Wire.CotEvent
        {
            Type = ev.Type,
            Access = ev.Access ?? "",
            Qos = ev.Qos ?? "",
            Opex = ev.Opex ?? "",
            Uid = ev.Uid,
            SendTime = CotTime.ToUnixMilliseconds(ev.Time),
            StartTime = CotTime.ToUnixMilliseconds(ev.Start),
            StaleTime = CotTime.ToUnixMilliseconds(ev.Stale),
            How = ev.How,
            Lat = ev.Point.LatDeg,
            Lon = ev.Point.LonDeg,
            Hae = Known(ev.Point.HaeM),
            Ce = Known(ev.Point.CeM),
            Le = Known(ev.Point.LeM),
            Detail = ToWire(ev.Detail),
        };
        return new TakMessage { CotEvent = wire };
    }

    private static double Known(double v) => double.IsFinite(v) ? v : CotPoint.Unknown;

    private static Detail ToWire(CotDetail d)
    {
        var detail = new Detail { XmlDetail = XmlDetailOf(d) };
        if (d.Contact is { } c)
        {
            detail.Contact = new Contact { Callsign = c.Callsign ?? "", Endpoint = c.Endpoint ?? "" };
        }

        if (d.Group is { } g)
        {
            detail.Group = new Group { Name = g.Name ?? "", Role = g.Role ?? "" };
        }

        if (d.PrecisionLocation is { } p)
        {
            detail.PrecisionLocation = new PrecisionLocation { Geopointsrc = p.GeoPointSrc ?? "", Altsrc = p.AltSrc ?? "" };
        }

        if (d.Status is { } s)
        {
            detail.Status = new Status { Battery = s.BatteryPercent };
        }

        if (d.Takv is { } t)
        {
            detail.Takv = new Takv { Device = t.Device ?? "", Platform = t.Platform ?? "", Os = t.Os ?? "", Version = t.Version ?? "" };
        }

        if (d.Track is { } m && double.IsFinite(m.CourseDeg) && double.IsFinite(m.SpeedMps))
        {
            detail.Track = new Track { Course = m.CourseDeg, Speed = m.SpeedMps };
        }

        return detail;
    }

    private static string XmlDetailOf(CotDetail d)
    {
        if (d.Remarks is null)
        {
            return d.XmlDetail;
        }

        var buffer = new ArrayBufferWriter<byte>(64 + d.Remarks.Length);
        var w = new CotUtf8Writer(buffer, (byte)'"');
        CotXml.WriteRemarks(ref w, d.Remarks);
        w.RawText(d.XmlDetail);
        return CotUtf8Writer.ToText(buffer);
    }

    private static bool TryFromWire(Wire.CotEvent e, CotXmlLimits limits, [NotNullWhen(true)] out CotEvent? ev, out CotDecodeError error)
    {
        ev = null;
        bool timesOk = CotTime.TryFromUnixMilliseconds(e.SendTime, out DateTimeOffset time)
            & CotTime.TryFromUnixMilliseconds(e.StartTime, out DateTimeOffset start)
            & CotTime.TryFromUnixMilliseconds(e.StaleTime, out DateTimeOffset stale);
        if (!timesOk)
        {
            error = CotDecodeError.AtOffset(CotDecodeErrorReason.BadValue, 0, "cotEvent sendTime, startTime or staleTime is beyond year 9999");
            return false;
        }

        Detail? d = e.Detail;
        var structured = new CotDetail
        {
            Contact = d?.Contact is { } c ? new CotContact(NullIfEmpty(c.Callsign), NullIfEmpty(c.Endpoint)) : null,
            Group = d?.Group is { } g ? new CotGroup(NullIfEmpty(g.Name), NullIfEmpty(g.Role)) : null,
            PrecisionLocation = d?.PrecisionLocation is { } p ? new CotPrecisionLocation(NullIfEmpty(p.Geopointsrc), NullIfEmpty(p.Altsrc)) : null,
            Status = d?.Status is { } s ? new CotStatus(s.Battery) : null,
            Takv = d?.Takv is { } t ? new CotTakv(NullIfEmpty(t.Device), NullIfEmpty(t.Platform), NullIfEmpty(t.Os), NullIfEmpty(t.Version)) : null,
            Track = d?.Track is { } m ? new CotMotion(m.Course, m.Speed) : null,
        };
        var builder = new CotDetailBuilder(limits).With(structured);
        if (!string.IsNullOrEmpty(d?.XmlDetail) && !builder.TryReadFragment(d.XmlDetail, out error))
        {
            return false;
        }

        var decoded = new CotEvent(e.Uid, e.Type, e.How, time, start, stale, new CotPoint(e.Lat, e.Lon, e.Hae, e.Ce, e.Le), builder.Build())
        {
            Access = NullIfEmpty(e.Access),
            Qos = NullIfEmpty(e.Qos),
            Opex = NullIfEmpty(e.Opex),
        };
        ev = CotEventRules.TryValidate(decoded, out error) ? decoded : null;
        return ev is not null;
    }

    private static string? NullIfEmpty(string s) => s.Length == 0 ? null : s;

    private const int MaxVarintBytes = 5;

    /// <summary>A varint of at most 5 bytes (32 bits); 0 when incomplete or too long.</summary>
    private static int ReadVarint(ReadOnlySpan<byte> span, out ulong value)
    {
        value = 0;
        for (int i = 0; i < Math.Min(span.Length, MaxVarintBytes); i++)
        {
            value |= (ulong)(span[i] & 0x7F) << (7 * i);
            if ((span[i] & 0x80) == 0)
            {
                return i + 1;
            }
        }

        return 0;
    }

    private static int WriteVarint(Span<byte> span, uint value)
    {
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        return i;
    }
}
