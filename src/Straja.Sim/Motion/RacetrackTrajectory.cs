using Straja.Geo;

namespace Straja.Sim.Motion;

/// <summary>
/// A racetrack orbit flown forever with right-hand turns, as tankers and AEW aircraft hold:
/// out along the heading on the left straight, a half circle, back on the right straight, a half circle.
/// </summary>
internal sealed class RacetrackTrajectory : Trajectory
{
    private readonly LocalFrame _frame;
    private readonly double _lengthM, _radiusM, _speedMps, _startS, _perimeterM;
    private readonly double _uE, _uN, _rE, _rN;
    private readonly double _altM;

    public RacetrackTrajectory(RacetrackSpec spec, double speedMps, double startS)
    {
        _frame = new LocalFrame(spec.Centre with { AltM = 0 });
        _altM = spec.Centre.AltM;
        _lengthM = spec.LengthM;
        _radiusM = spec.WidthM / 2;
        _speedMps = speedMps;
        _startS = startS;
        _perimeterM = (2 * _lengthM) + (2 * Math.PI * _radiusM);
        (_uE, _uN) = (Math.Sin(spec.HeadingRad), Math.Cos(spec.HeadingRad));
        (_rE, _rN) = (_uN, -_uE);
    }

    public override double StartS => _startS;
    public override double EndS => double.PositiveInfinity;

    public override GeoPoint PositionAt(double t) => Locate(t).Position;

    public override (GeoPoint Position, Enu Velocity) StateAt(double t)
    {
        var (p, dirU, dirR) = Locate(t);
        var direction = _frame.RotateToEcef(new Enu((dirU * _uE) + (dirR * _rE), (dirU * _uN) + (dirR * _rN), 0));
        return (p, LocalVelocity(p, direction, _speedMps, 0));
    }

    /// <summary>Position, and the direction of flight as components along the heading axis and the right axis.</summary>
    private (GeoPoint Position, double DirU, double DirR) Locate(double t)
    {
        double s = (_speedMps * Math.Max(0, t - _startS)) % _perimeterM;
        double halfTurn = Math.PI * _radiusM;
        double half = _lengthM / 2;
        double a, b, du, dr;
        if (s < _lengthM)
        {
            (a, b, du, dr) = (-half + s, -_radiusM, 1, 0);
        }
        else if (s < _lengthM + halfTurn)
        {
            double phi = (s - _lengthM) / _radiusM;
            (a, b, du, dr) = (half + (_radiusM * Math.Sin(phi)), -_radiusM * Math.Cos(phi), Math.Cos(phi), Math.Sin(phi));
        }
        else if (s < (2 * _lengthM) + halfTurn)
        {
            (a, b, du, dr) = (half - (s - _lengthM - halfTurn), _radiusM, -1, 0);
        }
        else
        {
            double phi = (s - (2 * _lengthM) - halfTurn) / _radiusM;
            (a, b, du, dr) = (-half - (_radiusM * Math.Sin(phi)), _radiusM * Math.Cos(phi), -Math.Cos(phi), -Math.Sin(phi));
        }

        var enu = new Enu((a * _uE) + (b * _rE), (a * _uN) + (b * _rN), 0);
        return (_frame.ToGeo(enu) with { AltM = _altM }, du, dr);
    }
}
