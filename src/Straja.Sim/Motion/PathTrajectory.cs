using Straja.Geo;

namespace Straja.Sim.Motion;

/// <summary>
/// Straight legs at constant ground speed between waypoints. Each leg interpolates along the chord
/// between the two surface points and projects back to the ellipsoid, which follows the great
/// ellipse closely for any leg length; altitude is interpolated linearly on its own so long legs
/// do not sag through the Earth.
/// </summary>
internal sealed class PathTrajectory : Trajectory
{
    private readonly List<Leg> _legs = [];
    private readonly Func<GeoPoint, (GeoPoint Next, double SpeedMps)>? _extend;
    private readonly double _cycleS;
    private readonly double _startS;
    private int _first;

    /// <summary>A path flown once (or repeated from the first waypoint when <paramref name="loop"/>).</summary>
    public PathTrajectory(IReadOnlyList<GeoPoint> waypoints, double speedMps, double startS, bool loop)
    {
        _startS = startS;
        double t = startS;
        for (int i = 1; i < waypoints.Count; i++)
        {
            t = AddLeg(waypoints[i - 1], waypoints[i], speedMps, t);
        }

        if (loop)
        {
            t = AddLeg(waypoints[^1], waypoints[0], speedMps, t);
        }

        _cycleS = loop ? t - startS : double.NaN;
        EndS = loop && _cycleS > 0 ? double.PositiveInfinity : t;
    }

    /// <summary>An endless path: <paramref name="extend"/> is asked for the next waypoint and leg speed whenever time runs past the last leg.</summary>
    public PathTrajectory(GeoPoint first, double startS, Func<GeoPoint, (GeoPoint Next, double SpeedMps)> extend)
    {
        _startS = startS;
        _extend = extend;
        _cycleS = double.NaN;
        EndS = double.PositiveInfinity;
        var (next, speed) = extend(first);
        AddLeg(first, next, speed, startS);
    }

    public override double StartS => _startS;
    public override double EndS { get; }

    public override GeoPoint PositionAt(double t)
    {
        var leg = LegAt(ref t);
        return leg.PositionAt(t);
    }

    public override (GeoPoint Position, Enu Velocity) StateAt(double t)
    {
        var leg = LegAt(ref t);
        var p = leg.PositionAt(t);
        return (p, LocalVelocity(p, leg.Direction, leg.SpeedMps, leg.ClimbMps));
    }

    public override void ForgetBefore(double t)
    {
        // Only endless paths grow; finite and looping ones keep every leg for the modulo lookup.
        if (_extend is null)
        {
            return;
        }

        while (_first < _legs.Count - 1 && _legs[_first].T1 < t)
        {
            _first++;
        }

        if (_first > 64)
        {
            _legs.RemoveRange(0, _first);
            _first = 0;
        }
    }

    private Leg LegAt(ref double t)
    {
        if (!double.IsNaN(_cycleS) && t > _startS + _cycleS)
        {
            t = _startS + ((t - _startS) % _cycleS);
        }

        while (_extend is not null && t > _legs[^1].T1)
        {
            var last = _legs[^1];
            var (next, speed) = _extend(last.To);
            AddLeg(last.To, next, speed, last.T1);
        }

        int lo = _first, hi = _legs.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (_legs[mid].T1 < t)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return _legs[lo];
    }

    private double AddLeg(GeoPoint origin, GeoPoint to, double speedMps, double t0)
    {
        var leg = new Leg(origin, to, speedMps, t0);
        _legs.Add(leg);
        return leg.T1;
    }

    private sealed class Leg
    {
        private readonly Ecef _a;
        private readonly Ecef _delta;

        public Leg(GeoPoint origin, GeoPoint to, double speedMps, double t0)
        {
            From = origin;
            To = to;
            _a = Wgs84.ToEcef(origin with { AltM = 0 });
            var b = Wgs84.ToEcef(to with { AltM = 0 });
            _delta = new Ecef(b.X - _a.X, b.Y - _a.Y, b.Z - _a.Z);
            double lengthM = Math.Sqrt((_delta.X * _delta.X) + (_delta.Y * _delta.Y) + (_delta.Z * _delta.Z));
            Direction = lengthM > 0 ? new Ecef(_delta.X / lengthM, _delta.Y / lengthM, _delta.Z / lengthM) : new Ecef(0, 0, 0);
            SpeedMps = speedMps;
            T0 = t0;
            // A leg with no horizontal extent (a pure climb) still takes time: climb at the ground speed.
            double durationS = Math.Max(lengthM, Math.Abs(to.AltM - origin.AltM)) / speedMps;
            T1 = t0 + durationS;
            ClimbMps = durationS > 0 ? (to.AltM - origin.AltM) / durationS : 0;
        }

        public GeoPoint From { get; }
        public GeoPoint To { get; }
        public Ecef Direction { get; }
        public double SpeedMps { get; }
        public double ClimbMps { get; }
        public double T0 { get; }
        public double T1 { get; }

        public GeoPoint PositionAt(double t)
        {
            double f = T1 > T0 ? Math.Clamp((t - T0) / (T1 - T0), 0, 1) : 1;
            var onChord = new Ecef(_a.X + (f * _delta.X), _a.Y + (f * _delta.Y), _a.Z + (f * _delta.Z));
            return Wgs84.FromEcef(onChord) with { AltM = From.AltM + (f * (To.AltM - From.AltM)) };
        }
    }
}
