using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Straja.Cli.Decode;

/// <summary>
/// Where the bytes being decoded came from. <see cref="Offset"/> is the input position of the bytes handed to a
/// protocol (file offset for raw input, 0 for a hex line, the stream or payload position for a capture); a
/// protocol adds its own offset into those bytes when it reports a message.
/// </summary>
/// <see cref="TimeS"/> is the capture time in seconds since 1970 for protocols that need a clock (Mode S CPR pairing).
internal readonly record struct Origin(
    long Offset, int? Line = null, int? Packet = null, string? Time = null, string? Src = null, string? Dst = null, double? TimeS = null);

/// <summary>
/// The output of <c>straja decode</c>: one JSON object per line, the protocol's own fields first, then where the
/// message was found (<c>offset</c>, <c>line</c>; for captures <c>packet</c>, <c>time</c>, <c>src</c>, <c>dst</c>).
/// Errors are objects of the same shape with an <c>error</c> field. Not thread-safe: one per run.
/// </summary>
internal sealed class JsonLines
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TextWriter _out;
    private readonly ArrayBufferWriter<byte> _body = new();
    private readonly ArrayBufferWriter<byte> _tail = new();
    private readonly Utf8JsonWriter _bodyWriter;
    private readonly Utf8JsonWriter _tailWriter;

    public JsonLines(TextWriter output)
    {
        _out = output;
        _bodyWriter = new Utf8JsonWriter(_body, Options);
        _tailWriter = new Utf8JsonWriter(_tail, Options);
    }

    /// <summary>Context of the bytes now being decoded; set by the input reader before each call into a protocol.</summary>
    public Origin Origin { get; set; }

    public int Messages { get; private set; }

    /// <summary>True for the names this class adds to every object; <c>encode</c> ignores them.</summary>
    public static bool IsContextField(string name) => name is "offset" or "line" or "packet" or "time" or "src" or "dst";

    public int Errors { get; private set; }

    /// <summary>A writer for one object; write exactly one, then call <see cref="EndMessage"/> or <see cref="EndError"/>.</summary>
    public Utf8JsonWriter Begin()
    {
        _body.Clear();
        _bodyWriter.Reset(_body);
        return _bodyWriter;
    }

    /// <summary>Prints the object written since <see cref="Begin"/>, found at <paramref name="offset"/> into the current bytes.</summary>
    public void EndMessage(long offset, Action<Utf8JsonWriter>? extra = null)
    {
        _bodyWriter.Flush();
        Emit(_body.WrittenSpan, offset, extra);
        Messages++;
    }

    /// <summary>Prints the error object written since <see cref="Begin"/> (it must start with <c>"error"</c>).</summary>
    public void EndError(long offset)
    {
        _bodyWriter.Flush();
        Emit(_body.WrittenSpan, offset, null);
        Errors++;
    }

    /// <summary>Prints an already serialised object (e.g. protobuf's JSON) as a message.</summary>
    public void Message(ReadOnlySpan<byte> jsonObject, long offset)
    {
        Emit(jsonObject, offset, null);
        Messages++;
    }

    /// <summary>Prints <c>{"error": reason, "offset": n, ...}</c>.</summary>
    public void Error(long offset, string reason)
    {
        var w = Begin();
        w.WriteStartObject();
        w.WriteString("error"u8, reason);
        w.WriteEndObject();
        EndError(offset);
    }

    // The protocol's object and the context are two complete objects; "{a}" + "{b}" is printed as "{a,b}" so the
    // codecs' writers need no knowledge of where their bytes came from.
    private void Emit(ReadOnlySpan<byte> body, long offset, Action<Utf8JsonWriter>? extra)
    {
        _tail.Clear();
        _tailWriter.Reset(_tail);
        var o = Origin;
        _tailWriter.WriteStartObject();
        extra?.Invoke(_tailWriter);
        _tailWriter.WriteNumber("offset"u8, o.Offset + offset);
        if (o.Line is { } line)
        {
            _tailWriter.WriteNumber("line"u8, line);
        }

        if (o.Packet is { } packet)
        {
            _tailWriter.WriteNumber("packet"u8, packet);
        }

        if (o.Time is { } time)
        {
            _tailWriter.WriteString("time"u8, time);
        }

        if (o.Src is { } src)
        {
            _tailWriter.WriteString("src"u8, src);
            _tailWriter.WriteString("dst"u8, o.Dst);
        }

        _tailWriter.WriteEndObject();
        _tailWriter.Flush();

        var inner = body.Trim(" \r\n"u8);
        var sb = new StringBuilder(inner.Length + _tail.WrittenCount);
        sb.Append(Encoding.UTF8.GetString(inner[..^1]));
        if (inner.Length > 2)
        {
            sb.Append(',');
        }

        sb.Append(Encoding.UTF8.GetString(_tail.WrittenSpan[1..]));
        _out.WriteLine(sb.ToString());
    }

    /// <summary>ISO-8601 UTC with as many fraction digits as the source resolves (6 for µs, 9 for ns).</summary>
    public static string FormatTime(long unixSeconds, long fraction, int fractionDigits)
    {
        var t = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, -62135596800L, 253402300799L)).UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{t:yyyy-MM-dd'T'HH:mm:ss}.{fraction.ToString("D" + fractionDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)}Z");
    }
}
