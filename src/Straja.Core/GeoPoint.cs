namespace Straja;

/// <summary>A WGS84 position: latitude and longitude in degrees, altitude in metres above the ellipsoid.</summary>
public readonly record struct GeoPoint(double LatDeg, double LonDeg, double AltM = 0)
{
    public bool IsValid =>
        double.IsFinite(LatDeg) && double.IsFinite(LonDeg) && double.IsFinite(AltM)
        && LatDeg is >= -90 and <= 90 && LonDeg is >= -180 and <= 180;

    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{LatDeg:F6},{LonDeg:F6},{AltM:F1}m");
}
