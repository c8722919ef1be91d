using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Straja.Engine.Runtime;

/// <summary>
/// The append-only record of every accepted detection, written and flushed to disk before the
/// detection reaches the tracker, so a crash loses nothing that was accepted and any period can be
/// replayed exactly. One JSON object per line; a file per UTC day.
/// </summary>
public sealed class DetectionJournal : IDisposable
{
    private readonly string _directory;
    private readonly bool _flushToDisk;
    private FileStream? _stream;
    private DateOnly _day;
    private readonly ArrayBufferWriterStream _buffer = new();

    public DetectionJournal(string directory, bool flushToDisk = true)
    {
        _directory = directory;
        _flushToDisk = flushToDisk;
        Directory.CreateDirectory(directory);
    }

    public long Appended { get; private set; }

    /// <summary>Appends the batch and flushes it; returns only once the bytes are with the OS (and the disk, by default).</summary>
    public void Append(IReadOnlyList<Detection> batch)
    {
        if (batch.Count == 0)
            return;
        foreach (var d in batch)
        {
            var day = DateOnly.FromDateTime(d.Time.UtcDateTime);
            if (_stream is null || day != _day)
            {
                FlushBuffer();
                _stream?.Dispose();
                _day = day;
                _stream = new FileStream(PathFor(_directory, day), FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 16);
            }

            JournalCodec.Write(_buffer.Writer, d);
            _buffer.WriteNewLine();
        }

        FlushBuffer();
        Appended += batch.Count;
    }

    private void FlushBuffer()
    {
        if (_stream is null || _buffer.Length == 0)
            return;
        _buffer.CopyTo(_stream);
        _stream.Flush(_flushToDisk);
    }

    public static string PathFor(string directory, DateOnly day) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"detections-{day:yyyy-MM-dd}.jsonl"));

    /// <summary>
    /// Reads back every detection of the files in <paramref name="directory"/>, oldest day first.
    /// A torn last line (the process died mid-write) is reported through <paramref name="onError"/> and skipped.
    /// </summary>
    public static IEnumerable<Detection> Read(string directory, Action<string>? onError = null)
    {
        if (!Directory.Exists(directory))
            yield break;
        foreach (var file in Directory.GetFiles(directory, "detections-*.jsonl").Order(StringComparer.Ordinal))
        {
            int lineNo = 0;
            foreach (var line in File.ReadLines(file, Encoding.UTF8))
            {
                lineNo++;
                if (line.Length == 0)
                    continue;
                Detection? d;
                try
                {
                    d = JournalCodec.Read(line);
                }
                catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
                {
                    onError?.Invoke($"{Path.GetFileName(file)} line {lineNo}: {e.Message}");
                    continue;
                }

                yield return d;
            }
        }
    }

    public void Dispose()
    {
        FlushBuffer();
        _stream?.Dispose();
        _stream = null;
    }

    private sealed class ArrayBufferWriterStream
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(1 << 16);
        public Utf8JsonWriter Writer { get; }

        public ArrayBufferWriterStream() => Writer = new Utf8JsonWriter(_buffer);

        public int Length => _buffer.WrittenCount + (int)Writer.BytesPending;

        public void WriteNewLine()
        {
            Writer.Flush();
            _buffer.Write("\n"u8);
            Writer.Reset(_buffer);
        }

        public void CopyTo(Stream s)
        {
            Writer.Flush();
            s.Write(_buffer.WrittenSpan);
            _buffer.Clear();
            Writer.Reset(_buffer);
        }
    }
}

/// <summary>The journal's line format. Field names are frozen: old journals must replay.</summary>
internal static class JournalCodec
{
    public static void Write(Utf8JsonWriter w, Detection d)
    {
        w.WriteStartObject();
        w.WriteString("s", d.SensorId);
        w.WriteString("t", d.Time.UtcDateTime);
        w.WriteNumber("k", (int)d.Kind);
        Num(w, "r", d.RangeM);
        Num(w, "az", d.AzimuthRad);
        Num(w, "el", d.ElevationRad);
        if (d.Kind == DetectionKind.Position)
        {
            w.WriteNumber("lat", d.Position.LatDeg);
            w.WriteNumber("lon", d.Position.LonDeg);
            w.WriteNumber("alt", d.Position.AltM);
        }

        Num(w, "sr", d.SigmaRangeM);
        Num(w, "saz", d.SigmaAzimuthRad);
        Num(w, "sel", d.SigmaElevationRad);
        Num(w, "sh", d.SigmaHorizontalM);
        Num(w, "sv", d.SigmaVerticalM);
        if (d.ClassHint != TargetClass.Unknown)
        {
            w.WriteNumber("c", (int)d.ClassHint);
            w.WriteNumber("cc", d.ClassConfidence);
        }

        if (d.CooperativeId is not null)
            w.WriteString("id", d.CooperativeId);
        if (d.Callsign is not null)
            w.WriteString("cs", d.Callsign);
        if (d.CooperativeProof is not null)
            w.WriteString("pf", d.CooperativeProof);
        if (d.OperatorId is not null)
            w.WriteString("op", d.OperatorId);
        if (d.SourceTrackId is not null)
            w.WriteString("st", d.SourceTrackId);
        w.WriteEndObject();
    }

    // NaN is "absent": JSON has no NaN, and leaving the field out keeps lines short.
    private static void Num(Utf8JsonWriter w, string name, double v)
    {
        if (!double.IsNaN(v))
            w.WriteNumber(name, v);
    }

    public static Detection Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var o = doc.RootElement;
        var kind = (DetectionKind)o.GetProperty("k").GetInt32();
        return new Detection
        {
            SensorId = o.GetProperty("s").GetString() ?? throw new FormatException("sensor id is null"),
            Time = new DateTimeOffset(o.GetProperty("t").GetDateTime().ToUniversalTime(), TimeSpan.Zero),
            Kind = kind,
            RangeM = Get(o, "r"),
            AzimuthRad = Get(o, "az"),
            ElevationRad = Get(o, "el"),
            Position = kind == DetectionKind.Position
                ? new GeoPoint(o.GetProperty("lat").GetDouble(), o.GetProperty("lon").GetDouble(), o.GetProperty("alt").GetDouble())
                : default,
            SigmaRangeM = Get(o, "sr"),
            SigmaAzimuthRad = Get(o, "saz"),
            SigmaElevationRad = Get(o, "sel"),
            SigmaHorizontalM = Get(o, "sh"),
            SigmaVerticalM = Get(o, "sv"),
            ClassHint = o.TryGetProperty("c", out var c) ? (TargetClass)c.GetInt32() : TargetClass.Unknown,
            ClassConfidence = o.TryGetProperty("cc", out var cc) ? cc.GetDouble() : 0,
            CooperativeId = o.TryGetProperty("id", out var id) ? id.GetString() : null,
            Callsign = o.TryGetProperty("cs", out var cs) ? cs.GetString() : null,
            CooperativeProof = o.TryGetProperty("pf", out var pf) ? pf.GetString() : null,
            OperatorId = o.TryGetProperty("op", out var op) ? op.GetString() : null,
            SourceTrackId = o.TryGetProperty("st", out var st) ? st.GetString() : null,
        };
    }

    private static double Get(JsonElement o, string name) => o.TryGetProperty(name, out var v) ? v.GetDouble() : double.NaN;
}
