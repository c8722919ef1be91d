namespace Straja.Geo;

/// <summary>
/// Height ⇄ elevation for a radar that reports a measured height (ASTERIX I048/110) rather than an
/// elevation angle. Spherical earth, law of cosines in the triangle earth centre – radar – target:
/// exact for a straight line of sight on the sphere, and the two functions are each other's inverse,
/// so a plot encoded by one side and decoded by the other comes back to the same elevation.
/// </summary>
public static class RadarGeometry
{
    /// <summary>The mean earth radius (IUGG), m.</summary>
    public const double EarthRadiusM = 6_371_008.8;

    public static double ElevationRad(double slantRangeM, double sensorHeightM, double targetHeightM)
    {
        double rs = EarthRadiusM + sensorHeightM, rt = EarthRadiusM + targetHeightM;
        double s = ((rt * rt) - (rs * rs) - (slantRangeM * slantRangeM)) / (2 * rs * slantRangeM);
        return Math.Asin(Math.Clamp(s, -1, 1));
    }

    public static double TargetHeightM(double slantRangeM, double sensorHeightM, double elevationRad)
    {
        double rs = EarthRadiusM + sensorHeightM;
        return Math.Sqrt((rs * rs) + (slantRangeM * slantRangeM) + (2 * rs * slantRangeM * Math.Sin(elevationRad))) - EarthRadiusM;
    }
}
