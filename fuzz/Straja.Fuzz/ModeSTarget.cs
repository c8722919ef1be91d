using System.Buffers;
using System.Text.Json;
using Straja.Protocols.ModeS;

namespace Straja.Fuzz;

/// <summary>
/// Mode S: the input is one frame or several back to back (each as long as its DF says). Every frame is
/// decoded with all its lazy parts read, printed as JSON, and fed to one tracker so that CPR global and
/// local decoding and the speed gate see fuzzed pairs too.
/// </summary>
internal static class ModeSTarget
{
    // Romania's border with Ukraine: a plausible receiver, so local decodes land near real traffic.
    private const double RefLatDeg = 47.9, RefLonDeg = 26.3;

    public static void Fuzz(ReadOnlySpan<byte> input)
    {
        // The whole input as one frame exercises the length checks on every size.
        Frame(input, null, 0);

        var tracker = new AircraftTracker(new AircraftTrackerOptions { ReceiverPosition = new(RefLatDeg, RefLonDeg, 0) });
        int pos = 0;
        double timeS = 0;
        while (pos < input.Length)
        {
            int length = (input[pos] >> 3) < 16 ? 7 : 14;
            int take = Math.Min(length, input.Length - pos);
            Frame(input.Slice(pos, take), tracker, timeS);
            pos += take;
            timeS += 0.5;
        }

        foreach (var a in tracker.Aircraft)
        {
            Invariant.Angle(a.LatDeg, -90, 90, "tracked latitude");
            Invariant.Angle(a.LonDeg, -180, 180, "tracked longitude");
        }
    }

    /// <summary>Decodes one frame and reads everything a consumer may read from it.</summary>
    private static void Frame(ReadOnlySpan<byte> frame, AircraftTracker? tracker, double timeS)
    {
        if (!TryDecode(frame, out var msg))
        {
            return;
        }

        ReadContent(msg);
        WriteJson(w => ModeSJson.Write(w, msg));
        _ = msg.IcaoHex;
        _ = tracker?.Update(msg, timeS);
    }

    /// <summary>The decode alone, with the checks every outcome must pass.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> frame, out ModeSMessage msg)
    {
        if (!ModeSDecoder.TryDecode(frame, out msg, out var error))
        {
            Invariant.InRange(error.Offset, 0, frame.Length, "error offset");
            Invariant.Check(error.Reason != DecodeErrorReason.None, "failed decode without a reason");
            _ = error.Description;
            WriteJson(w => ModeSJson.WriteError(w, error));
            return false;
        }

        Invariant.Check(msg.Length == frame.Length, $"message length {msg.Length} for a {frame.Length}-byte frame");
        Invariant.InRange(msg.Df, 0, 24, "DF");
        Invariant.Check(msg.Icao <= 0xFFFFFF, "ICAO wider than 24 bits");
        return true;
    }

    private static void ReadContent(in ModeSMessage msg)
    {
        var id = msg.Identification;
        _ = id.CategoryText;
        _ = id.Callsign.ToString();

        var p = msg.Position;
        Invariant.InRange(p.LatCpr, 0, 131071, "CPR latitude");
        Invariant.InRange(p.LonCpr, 0, 131071, "CPR longitude");
        Invariant.Angle(p.TrackDeg, 0, 360, "surface track");
        if (msg.Content is MessageContent.AirbornePosition or MessageContent.SurfacePosition
            && Cpr.DecodeLocal(p.LatCpr, p.LonCpr, p.OddFormat, p.Surface, RefLatDeg, RefLonDeg, out double lat, out double lon) == CprStatus.Ok)
        {
            Invariant.Angle(lat, -90, 90, "local CPR latitude");
            Invariant.Angle(lon, -180, 180, "local CPR longitude");
        }

        var v = msg.Velocity;
        Invariant.Angle(v.TrackDeg, 0, 360, "velocity track");
        Invariant.Angle(v.HeadingDeg, 0, 360, "heading");
        _ = msg.Status;
        _ = msg.TargetState;
        if (msg.IsCommB)
        {
            ulong mb = msg.Payload;
            _ = CommB.Infer(mb);
            _ = CommB.TryDecodeIdentification(mb, out _);
            _ = CommB.DecodeDataLinkCapability(mb);
            _ = CommB.DecodeGicbCapability(mb);
            _ = CommB.DecodeSelectedVerticalIntention(mb);
            _ = CommB.DecodeTrackAndTurn(mb);
            _ = CommB.DecodeHeadingAndSpeed(mb);
            _ = CommB.Disambiguate50Or60(mb, 250, 90, 20_000);
        }
    }

    private static void WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using var w = new Utf8JsonWriter(buffer);
        write(w);
        w.Flush();
        Invariant.Check(buffer.WrittenCount > 0, "JSON writer wrote nothing");
    }
}
