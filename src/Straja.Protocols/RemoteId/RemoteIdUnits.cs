using System.Buffers.Binary;

namespace Straja.Protocols.RemoteId;

/// <summary>
/// The F3411 field encodings shared by several messages. Every decoder maps the standard's "unknown"
/// code to null; every encoder maps null (or NaN) back to it and clamps to the representable range.
/// </summary>
internal static class RemoteIdUnits
{
    public const double LatLonScale = 1e7;
    public const double AltitudeOffsetM = 1000.0;
    public const double AltitudeStepM = 0.5;

    /// <summary>uint16 (value + 1000 m) / 0.5 m; 0 (= -1000 m) means unknown.</summary>
    public static double? ReadAltitude(ReadOnlySpan<byte> b) =>
        BinaryPrimitives.ReadUInt16LittleEndian(b) is var raw && raw == 0 ? null : raw * AltitudeStepM - AltitudeOffsetM;

    public static void WriteAltitude(Span<byte> b, double? altitudeM)
    {
        ushort raw = altitudeM is { } a && double.IsFinite(a)
            ? (ushort)Math.Clamp(Math.Round((a + AltitudeOffsetM) / AltitudeStepM), 1, ushort.MaxValue)
            : (ushort)0;
        BinaryPrimitives.WriteUInt16LittleEndian(b, raw);
    }

    /// <summary>A latitude/longitude pair in 1e-7 degrees; (0, 0) and out-of-range values are "no position".</summary>
    public static bool TryReadLatLon(ReadOnlySpan<byte> b, out double latDeg, out double lonDeg)
    {
        int lat = BinaryPrimitives.ReadInt32LittleEndian(b);
        int lon = BinaryPrimitives.ReadInt32LittleEndian(b[4..]);
        latDeg = lat / LatLonScale;
        lonDeg = lon / LatLonScale;
        return (lat != 0 || lon != 0) && latDeg is >= -90 and <= 90 && lonDeg is >= -180 and <= 180;
    }

    public static void WriteLatLon(Span<byte> b, double? latDeg, double? lonDeg)
    {
        bool known = latDeg is { } la && lonDeg is { } lo && la is >= -90 and <= 90 && lo is >= -180 and <= 180;
        BinaryPrimitives.WriteInt32LittleEndian(b, known ? (int)Math.Round(latDeg!.Value * LatLonScale) : 0);
        BinaryPrimitives.WriteInt32LittleEndian(b[4..], known ? (int)Math.Round(lonDeg!.Value * LatLonScale) : 0);
    }

    public static byte Nibbles(int high, int low) => (byte)(((high & 0xF) << 4) | (low & 0xF));
}
