using System.Globalization;

namespace Straja.Sim;

/// <summary>Ground truth as CSV, for scoring a run offline. Invariant culture, times ISO-8601 UTC.</summary>
public static class TruthCsv
{
    public static void WriteHeader(TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteLine("time,targetId,class,latDeg,lonDeg,altM,vE,vN,vU,cooperativeId");
    }

    public static void Write(TextWriter w, IEnumerable<TruthSample> samples)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(samples);
        foreach (var s in samples)
        {
            w.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{s.Time.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ},{Field(s.TargetId)},{s.Class.ToWire()},{s.Position.LatDeg:F7},{s.Position.LonDeg:F7},{s.Position.AltM:F1},{s.VelocityEastMps:F2},{s.VelocityNorthMps:F2},{s.VelocityUpMps:F2},{Field(s.CooperativeId ?? "")}"));
        }
    }

    /// <summary>RFC 4180 quoting, only when needed: ids come from scenario files and may contain anything.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
