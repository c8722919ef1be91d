using Straja.Tracking;

namespace Straja.Tracking.Tests;

/// <summary>Builders for scans and measurements, and a seeded Gaussian source for noisy scenarios.</summary>
internal static class TestScans
{
    public static Measurement Position(double e, double n, double u, double sigmaH = 10, double sigmaV = 10,
        string? cooperativeId = null, string? callsign = null, TargetClass hint = TargetClass.Unknown, double confidence = 0) =>
        new(MeasurementKind.Position, e, n, u, sigmaH, sigmaH, sigmaV, hint, confidence, cooperativeId, callsign);

    /// <summary>The exact polar measurement of a target at <paramref name="target"/> from <paramref name="sensor"/>.</summary>
    public static Measurement PolarOf(Vec3 target, Vec3 sensor, double sigmaRange, double sigmaAngle, bool withElevation = true)
    {
        var d = target - sensor;
        var horizontal = Math.Sqrt((d.X * d.X) + (d.Y * d.Y));
        return new Measurement(MeasurementKind.Polar, d.Length(), Math.Atan2(d.X, d.Y),
            withElevation ? Math.Atan2(d.Z, horizontal) : double.NaN,
            sigmaRange, sigmaAngle, withElevation ? sigmaAngle : double.NaN);
    }

    public static Scan Scan(string sensor, double timeS, params Measurement[] measurements) =>
        new(sensor, timeS, new Vec3(0, 0, 0), 50_000, measurements);

    public static Scan ScanAt(string sensor, double timeS, Vec3 sensorPosition, double maxRangeM, params Measurement[] measurements) =>
        new(sensor, timeS, sensorPosition, maxRangeM, measurements);

    /// <summary>Standard normal sample by Box–Muller.</summary>
    public static double Gaussian(this Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    public static double Distance(Vec3 a, Vec3 b) => (a - b).Length();
}
