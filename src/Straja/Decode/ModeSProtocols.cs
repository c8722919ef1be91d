using System.Buffers;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Cli.Decode;

/// <summary>
/// What the Mode S inputs share: every frame goes through one <see cref="AircraftTracker"/> so that a position
/// frame completing an even/odd CPR pair (or close to a known fix) is printed with its <c>lat</c>/<c>lon</c>.
/// </summary>
internal abstract class ModeSFrames : WireProtocol
{
    // Frames without any time (hex lines, '*' AVR lines) cannot be aged or speed-gated: every pair is paired.
    private static readonly AircraftTrackerOptions Untimed = new()
    {
        MaxPairAgeS = double.PositiveInfinity,
        MaxReferenceAgeS = double.PositiveInfinity,
        PositionSlackM = double.PositiveInfinity,
    };

    private AircraftTracker? _tracker;
    private double _lastTimeS;

    public override bool CanEncode => true;

    public override bool TryEncode(JsonElement json, out byte[] message, out string field, out string error) =>
        ModeSEncoding.TryEncode(json, out message, out field, out error) && Frame(json, ref message, out field, out error);

    /// <summary>Puts an encoded Mode S frame in this input's framing (bare for <c>modes</c>).</summary>
    protected virtual bool Frame(JsonElement json, ref byte[] frame, out string field, out string error)
    {
        field = error = "";
        return true;
    }

    /// <summary>Decodes one 2-, 7- or 14-byte frame found at <paramref name="offset"/>; <paramref name="feedTimeS"/> is the receiver's clock, if any.</summary>
    protected void DecodeFrame(ReadOnlySpan<byte> frame, long offset, double? feedTimeS, JsonLines output, Action<Utf8JsonWriter>? extra)
    {
        if (frame.Length == 2)
        {
            // A Mode A/C reply does not say whether it is an identity or an altitude: print it as received.
            var ac = output.Begin();
            ac.WriteStartObject();
            ac.WriteString("mode_ac"u8, Convert.ToHexString(frame));
            ac.WriteEndObject();
            output.EndMessage(offset, extra);
            return;
        }

        if (!ModeSDecoder.TryDecode(frame, out var msg, out var error))
        {
            output.Error(offset + error.Offset, error.Description);
            return;
        }

        double? time = output.Origin.TimeS ?? feedTimeS;
        _tracker ??= new AircraftTracker(time is null ? Untimed : null);
        _lastTimeS = time ?? _lastTimeS;
        double lat = double.NaN, lon = double.NaN;
        if (_tracker.Update(in msg, _lastTimeS) == TrackerOutcome.PositionUpdated && _tracker.TryGet(msg.Icao, out var state))
        {
            lat = state.LatDeg ?? double.NaN;
            lon = state.LonDeg ?? double.NaN;
        }

        ModeSJson.Write(output.Begin(), in msg, lat, lon);
        output.EndMessage(offset, extra);
    }

    /// <summary>The receiver's additions to a feed frame, printed after the message's fields.</summary>
    protected static Action<Utf8JsonWriter>? FeedFields(FeedFrame frame)
    {
        if (!frame.HasTimestamp && !frame.HasSignal)
        {
            return null;
        }

        return w =>
        {
            if (frame.HasTimestamp)
            {
                w.WriteNumber("timestamp_12mhz"u8, frame.Timestamp12MHz);
            }

            if (frame.HasSignal)
            {
                w.WriteNumber("signal"u8, frame.Signal);
            }
        };
    }

    protected static double? FeedTime(FeedFrame frame) => frame.HasTimestamp ? frame.Timestamp12MHz / 12e6 : null;

    /// <summary>A receiver feed reader: <see cref="BeastReader.TryRead(ReadOnlySpan{byte}, out FeedFrame, out int, out DecodeError)"/> or the AVR one.</summary>
    protected delegate OperationStatus FeedReader(ReadOnlySpan<byte> buffer, out FeedFrame frame, out int consumed, out DecodeError error);

    /// <summary>Reads feed frames until the buffer ends or holds only the start of one; returns the bytes used.</summary>
    protected int DecodeFeed(ReadOnlySpan<byte> buffer, bool final, JsonLines output, FeedReader read, string cutShort)
    {
        int pos = 0;
        while (pos < buffer.Length)
        {
            var status = read(buffer[pos..], out var frame, out int consumed, out var error);
            if (status == OperationStatus.NeedMoreData)
            {
                // The AVR reader consumes leading blank space even here; only a started frame is kept.
                pos += consumed;
                if (final && pos < buffer.Length)
                {
                    output.Error(pos, cutShort);
                    pos = buffer.Length;
                }

                break;
            }

            if (status == OperationStatus.Done)
            {
                DecodeFrame(frame.Data, pos, FeedTime(frame), output, FeedFields(frame));
            }
            else
            {
                output.Error(pos + error.Offset, error.Description);
            }

            pos += Math.Max(consumed, 1);
        }

        return pos;
    }
}

/// <summary><c>modes</c>: one bare Mode S frame (7 or 14 bytes) per hex line.</summary>
internal sealed class ModeSProtocol : ModeSFrames
{
    public override string Name => "modes";

    public override string Summary => "Mode S / ADS-B: one 7- or 14-byte frame per hex line";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Hex];

    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output) => DecodeFrame(unit, 0, null, output, null);
}

/// <summary><c>beast</c>: the Beast binary feed (0x1A framing), as a stream or one frame per hex line.</summary>
internal sealed class BeastProtocol : ModeSFrames
{
    public override string Name => "beast";

    public override string Summary => "Mode S in Beast binary framing (hex: one frame per line; raw/pcap: the TCP feed)";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Hex, InputFormat.Raw, InputFormat.Pcap];

    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output)
    {
        var status = BeastReader.TryRead(unit, out var frame, out int consumed, out var error);
        if (status == OperationStatus.NeedMoreData)
        {
            output.Error(0, "incomplete Beast frame");
        }
        else if (status != OperationStatus.Done)
        {
            output.Error(error.Offset, error.Description);
        }
        else if (consumed != unit.Length)
        {
            output.Error(consumed, "bytes after the Beast frame");
        }
        else
        {
            DecodeFrame(frame.Data, 0, FeedTime(frame), output, FeedFields(frame));
        }
    }

    public override int DecodeStream(ReadOnlySpan<byte> buffer, bool final, JsonLines output, out bool lost)
    {
        lost = false;
        return DecodeFeed(buffer, final, output, BeastReader.TryRead, "Beast frame cut short by the end of the input");
    }

    protected override bool Frame(JsonElement json, ref byte[] frame, out string field, out string error) =>
        ModeSEncoding.TryFrame(json, frame, avr: false, out frame, out field, out error);
}

/// <summary><c>avr</c>: the AVR text feed (<c>*...;</c>, <c>@...;</c>, <c>&lt;...;</c> lines).</summary>
internal sealed class AvrProtocol : ModeSFrames
{
    public override string Name => "avr";

    public override string Summary => "Mode S in AVR text lines (*hex; @ts hex; <ts sig hex;), as a file or the TCP feed";

    public override IReadOnlyList<InputFormat> Formats { get; } = [InputFormat.Raw, InputFormat.Pcap];

    public override bool EncodesText => true;

    protected override bool Frame(JsonElement json, ref byte[] frame, out string field, out string error) =>
        ModeSEncoding.TryFrame(json, frame, avr: true, out frame, out field, out error);

    public override void DecodeUnit(ReadOnlySpan<byte> unit, JsonLines output) => DecodeStream(unit, final: true, output, out _);

    public override int DecodeStream(ReadOnlySpan<byte> buffer, bool final, JsonLines output, out bool lost)
    {
        lost = false;
        return DecodeFeed(buffer, final, output, AvrReader.TryRead, "AVR line without ';' at the end of the input");
    }
}
