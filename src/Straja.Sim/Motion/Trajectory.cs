using Straja.Geo;

namespace Straja.Sim.Motion;

/// <summary>Where a target is at a scenario time (seconds since the simulation start), and how it moves there.</summary>
internal abstract class Trajectory
{
    /// <summary>Scenario time the target appears.</summary>
    public abstract double StartS { get; }

    /// <summary>Scenario time the target is removed; +∞ for loops, orbits and wanderers.</summary>
    public abstract double EndS { get; }

    public bool IsLiveAt(double t) => t >= StartS && t <= EndS;

    public abstract GeoPoint PositionAt(double t);

    /// <summary>Position and velocity (east, north, up at the position, m/s).</summary>
    public abstract (GeoPoint Position, Enu Velocity) StateAt(double t);

    /// <summary>Lets a trajectory drop state no query can need any more (all later queries are at or after <paramref name="t"/>).</summary>
    public virtual void ForgetBefore(double t)
    {
    }

    /// <summary>Turns a horizontal direction expressed as an ECEF vector into ENU at <paramref name="at"/>, scaled to the given speeds.</summary>
    protected static Enu LocalVelocity(GeoPoint at, Ecef direction, double horizontalSpeedMps, double climbMps)
    {
        var d = new LocalFrame(at).RotateFromEcef(direction);
        double h = d.HorizontalNorm;
        return h > 0
            ? new Enu(d.E / h * horizontalSpeedMps, d.N / h * horizontalSpeedMps, climbMps)
            : new Enu(0, 0, climbMps);
    }
}
