namespace Straja.Engine.Picture;

public enum Identity
{
    Unknown = 0,
    Friendly = 1,
    /// <summary>Cooperative (transponding) but not on the friendly list: civil traffic.</summary>
    Neutral = 2,
    Hostile = 3,
}

/// <summary>One object in the air picture, in WGS84 at the boundary.</summary>
public sealed record AirTrack(
    string Id,
    bool Confirmed,
    DateTimeOffset LastUpdate,
    GeoPoint Position,
    double VelocityEastMps,
    double VelocityNorthMps,
    double VelocityUpMps,
    double PositionSigmaM,
    TargetClass Class,
    double ClassProbability,
    Identity Identity,
    string? CooperativeId,
    string? Callsign,
    IReadOnlyList<string> Sensors)
{
    public double SpeedMps => Math.Sqrt(VelocityEastMps * VelocityEastMps + VelocityNorthMps * VelocityNorthMps);

    /// <summary>Course over ground, degrees clockwise from true north in [0, 360).</summary>
    public double HeadingDeg
    {
        get
        {
            double deg = Math.Atan2(VelocityEastMps, VelocityNorthMps) * 180.0 / Math.PI;
            return deg < 0 ? deg + 360.0 : deg;
        }
    }
}

/// <summary>An immutable picture of one sector at one time; readers never see it change.</summary>
public sealed record PictureSnapshot(DateTimeOffset Time, IReadOnlyList<AirTrack> Tracks)
{
    public static PictureSnapshot Empty(DateTimeOffset time) => new(time, []);
}
