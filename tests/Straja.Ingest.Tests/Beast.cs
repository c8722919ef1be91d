using Straja.Protocols.ModeS;

namespace Straja.Ingest.Tests;

/// <summary>Builds a receiver's Beast feed for a test aircraft, the way a real receiver frames it.</summary>
internal static class Beast
{
    public static byte[] Position(uint icao, double latDeg, double lonDeg, int altFt, bool odd, ulong timestamp = 0)
    {
        Span<byte> frame = stackalloc byte[14];
        if (!ModeSEncoder.TryAirbornePosition(frame, icao, latDeg, lonDeg, altFt, odd))
            throw new InvalidOperationException("could not encode position");
        return Frame(frame, timestamp);
    }

    public static byte[] Identification(uint icao, string callsign, ulong timestamp = 0)
    {
        Span<byte> frame = stackalloc byte[14];
        if (!Callsign.TryCreate(callsign, out var cs) || !ModeSEncoder.TryIdentification(frame, icao, cs))
            throw new InvalidOperationException("could not encode identification");
        return Frame(frame, timestamp);
    }

    public static byte[] Frame(ReadOnlySpan<byte> modeS, ulong timestamp)
    {
        Span<byte> buffer = stackalloc byte[BeastWriter.MaxFrameLength];
        if (!BeastWriter.TryWrite(new FeedFrame(modeS, timestamp, 200), buffer, out int n))
            throw new InvalidOperationException("could not frame");
        return buffer[..n].ToArray();
    }

    /// <summary>An even/odd pair (and identification) for an aircraft, a few seconds of a real feed.</summary>
    public static byte[] Aircraft(uint icao, string callsign, double latDeg, double lonDeg, int altFt) =>
        [.. Identification(icao, callsign, 1000), .. Position(icao, latDeg, lonDeg, altFt, odd: false, 2000), .. Position(icao, latDeg + 0.001, lonDeg, altFt, odd: true, 3000)];
}
