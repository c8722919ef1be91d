namespace Straja.Geo.Sky;

/// <summary>A catalogue star: J2000 coordinates and visual magnitude (Yale Bright Star / Hipparcos values, rounded).</summary>
internal sealed record CatalogueStar(string Name, double RightAscensionHours, double DeclinationDeg, double Magnitude);

/// <summary>
/// The stars bright enough to be taken for a light in the sky by someone looking for a drone: every
/// star of magnitude 1.5 or brighter. Those that never rise over Romania (Canopus, Achernar, α Centauri…)
/// are kept; their altitude simply stays negative.
/// </summary>
internal static class BrightStars
{
    private static double Hours(int h, int m, double s) => h + (m / 60.0) + (s / 3600.0);

    private static double Deg(int d, int m, double s) => Math.Sign(d == 0 ? 1 : d) * (Math.Abs(d) + (m / 60.0) + (s / 3600.0));

    public static readonly CatalogueStar[] All =
    [
        new("Sirius", Hours(6, 45, 8.9), Deg(-16, 42, 58), -1.46),
        new("Canopus", Hours(6, 23, 57.1), Deg(-52, 41, 45), -0.74),
        new("Rigil Kentaurus", Hours(14, 39, 36.5), Deg(-60, 50, 2), -0.27),
        new("Arcturus", Hours(14, 15, 39.7), Deg(19, 10, 57), -0.05),
        new("Vega", Hours(18, 36, 56.3), Deg(38, 47, 1), 0.03),
        new("Capella", Hours(5, 16, 41.4), Deg(45, 59, 53), 0.08),
        new("Rigel", Hours(5, 14, 32.3), Deg(-8, 12, 6), 0.13),
        new("Procyon", Hours(7, 39, 18.1), Deg(5, 13, 30), 0.34),
        new("Achernar", Hours(1, 37, 42.8), Deg(-57, 14, 12), 0.46),
        new("Betelgeuse", Hours(5, 55, 10.3), Deg(7, 24, 25), 0.50),
        new("Hadar", Hours(14, 3, 49.4), Deg(-60, 22, 23), 0.61),
        new("Altair", Hours(19, 50, 47.0), Deg(8, 52, 6), 0.76),
        new("Acrux", Hours(12, 26, 35.9), Deg(-63, 5, 57), 0.76),
        new("Aldebaran", Hours(4, 35, 55.2), Deg(16, 30, 33), 0.86),
        new("Antares", Hours(16, 29, 24.5), Deg(-26, 25, 55), 0.96),
        new("Spica", Hours(13, 25, 11.6), Deg(-11, 9, 41), 0.97),
        new("Pollux", Hours(7, 45, 18.9), Deg(28, 1, 34), 1.14),
        new("Fomalhaut", Hours(22, 57, 39.0), Deg(-29, 37, 20), 1.16),
        new("Deneb", Hours(20, 41, 25.9), Deg(45, 16, 49), 1.25),
        new("Mimosa", Hours(12, 47, 43.3), Deg(-59, 41, 19), 1.25),
        new("Regulus", Hours(10, 8, 22.3), Deg(11, 58, 2), 1.35),
        new("Adhara", Hours(6, 58, 37.5), Deg(-28, 58, 20), 1.50),
    ];
}
