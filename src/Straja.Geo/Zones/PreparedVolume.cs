namespace Straja.Geo.Zones;

/// <summary>
/// Where a straight ground track meets a circle round a centre, solved in the azimuthal-equidistant plane centred
/// on the track's position: exact for the range to the centre and within (d/R)² ~ 1e-4 relative at 60 km.
/// Times are seconds from now and may be negative (the track was inside in the past).
/// </summary>
internal readonly record struct CircleCrossing(bool Crosses, double EnterS, double ExitS, double ClosestM, double ClosestS, double DistanceNowM)
{
    public static CircleCrossing Solve(GeoPoint position, double velocityEastMps, double velocityNorthMps, GeoPoint centre, double radiusM)
    {
        var toCentre = Geodesic.Inverse(position, centre);
        double az = Wgs84.DegToRad(toCentre.InitialAzimuthDeg);
        double d = toCentre.DistanceM;
        double ce = d * Math.Sin(az), cn = d * Math.Cos(az);

        // |v t − c|² = r²  ⇔  v² t² − 2 (v·c) t + (c² − r²) = 0
        double v2 = velocityEastMps * velocityEastMps + velocityNorthMps * velocityNorthMps;
        double vc = velocityEastMps * ce + velocityNorthMps * cn;
        double tClosest = v2 > 0 ? Math.Max(0, vc / v2) : 0;
        double closest = Math.Sqrt(Math.Max(0, d * d - 2 * vc * tClosest + v2 * tClosest * tClosest));
        if (v2 == 0)
        {
            bool inside = d <= radiusM;
            return new CircleCrossing(inside, inside ? double.NegativeInfinity : double.NaN, inside ? double.PositiveInfinity : double.NaN, closest, 0, d);
        }

        double disc = vc * vc - v2 * (d * d - radiusM * radiusM);
        if (disc < 0) return new CircleCrossing(false, double.NaN, double.NaN, closest, tClosest, d);
        double root = Math.Sqrt(disc);
        return new CircleCrossing(true, (vc - root) / v2, (vc + root) / v2, closest, tClosest, d);
    }
}

/// <summary>
/// One zone volume made ready for many queries: a latitude/longitude box for cheap rejection, and for a polygon
/// its rings in a tangent plane at the polygon's centre. Immutable, so one instance serves any number of readers.
/// </summary>
internal sealed class PreparedVolume
{
    private readonly CircleShape? _circle;
    private readonly LocalFrame? _frame;
    private readonly double[][] _ringsE = [];
    private readonly double[][] _ringsN = [];
    private readonly double _minLat, _maxLat, _minLon, _maxLon;
    private readonly double _lowerM, _upperM;

    public PreparedVolume(ZoneVolume volume)
    {
        Volume = volume;
        _lowerM = volume.Lower is { } lo ? AltitudeOf(lo) : double.NegativeInfinity;
        _upperM = volume.Upper is { } up ? AltitudeOf(up) : double.PositiveInfinity;
        switch (volume.Shape)
        {
            case CircleShape c:
                _circle = c;
                // Conservative box: the smallest radius of curvature is the meridional one at the equator, 6 335 439 m;
                // longitude is widened for the highest latitude the circle reaches. 1 % margin covers the rest.
                double latHalf = Wgs84.RadToDeg(c.RadiusM / 6_335_439.0) * 1.01;
                double maxAbsLat = Math.Min(89.9, Math.Abs(c.Centre.LatDeg) + latHalf);
                double lonHalf = Math.Min(180, latHalf / Math.Cos(Wgs84.DegToRad(maxAbsLat)));
                (_minLat, _maxLat, _minLon, _maxLon) = (c.Centre.LatDeg - latHalf, c.Centre.LatDeg + latHalf, c.Centre.LonDeg - lonHalf, c.Centre.LonDeg + lonHalf);
                break;
            case PolygonShape p:
                var all = p.Exterior.Concat(p.Holes.SelectMany(h => h)).ToList();
                _frame = new LocalFrame(new GeoPoint(p.Exterior.Average(v => v.LatDeg), p.Exterior.Average(v => v.LonDeg)));
                var rings = new List<IReadOnlyList<GeoPoint>> { p.Exterior };
                rings.AddRange(p.Holes);
                _ringsE = new double[rings.Count][];
                _ringsN = new double[rings.Count][];
                for (int r = 0; r < rings.Count; r++)
                {
                    _ringsE[r] = new double[rings[r].Count];
                    _ringsN[r] = new double[rings[r].Count];
                    for (int i = 0; i < rings[r].Count; i++)
                        (_ringsE[r][i], _ringsN[r][i]) = PlaneXY(rings[r][i]);
                }

                // Straight plane edges bow away from straight lat/lon lines by well under 0.01° over a few hundred km.
                const double Pad = 0.01;
                (_minLat, _maxLat) = (all.Min(v => v.LatDeg) - Pad, all.Max(v => v.LatDeg) + Pad);
                (_minLon, _maxLon) = (all.Min(v => v.LonDeg) - Pad, all.Max(v => v.LonDeg) + Pad);
                break;
            default:
                throw new ArgumentException("a zone volume needs a circle or a polygon", nameof(volume));
        }
    }

    public ZoneVolume Volume { get; }

    /// <summary>
    /// The ellipsoidal altitude a limit stands for. Without a geoid or terrain model in Straja, AMSL and AGL limits are
    /// read as heights above the ellipsoid: the geoid lies 30–45 m above it over Romania and the Danube plain is low,
    /// so the error is tens of metres, small beside a track's altitude error (docs/zones.md, Altitude bands).
    /// </summary>
    internal static double AltitudeOf(AltitudeLimit limit) => limit.ValueM;

    public bool InBand(double altM) => altM >= _lowerM && altM <= _upperM;

    public bool ContainsHorizontally(GeoPoint p)
    {
        if (p.LatDeg < _minLat || p.LatDeg > _maxLat) return false;
        double dLon = Wgs84.RadToDeg(Geodesic.NormalizeRad(Wgs84.DegToRad(p.LonDeg - 0.5 * (_minLon + _maxLon))));
        if (Math.Abs(dLon) > 0.5 * (_maxLon - _minLon)) return false;
        if (_circle is { } c) return Geodesic.Inverse(c.Centre, p).DistanceM <= c.RadiusM;
        var (e, n) = PlaneXY(p);
        return InPlanePolygon(e, n);
    }

    public bool Contains(GeoPoint p) => InBand(p.AltM) && ContainsHorizontally(p);

    /// <summary>
    /// Seconds until a track moving in a straight line at constant velocity is first inside this volume (0 when it is
    /// now), if that happens within <paramref name="horizonS"/>; otherwise null. <paramref name="velocityEcef"/> is the
    /// same velocity as (east, north) at <paramref name="p"/>, rotated to ECEF axes by the caller once per track.
    /// </summary>
    public double? TimeToEntryS(GeoPoint p, double velocityEastMps, double velocityNorthMps, double velocityUpMps, Ecef velocityEcef, double horizonS)
    {
        var (vLo, vHi) = VerticalInterval(p.AltM, velocityUpMps);
        if (vHi < 0 || vLo > horizonS || vLo > vHi) return null;
        double lo = Math.Max(0, vLo), hi = Math.Min(horizonS, vHi);

        if (_circle is { } c)
        {
            var x = CircleCrossing.Solve(p, velocityEastMps, velocityNorthMps, c.Centre, c.RadiusM);
            if (!x.Crosses) return null;
            double s = Math.Max(lo, x.EnterS), e = Math.Min(hi, x.ExitS);
            return s <= e ? s : null;
        }

        var (pe, pn) = PlaneXY(p);
        var v = _frame!.RotateFromEcef(velocityEcef);
        bool inside = InPlanePolygon(pe, pn);
        double start = inside ? 0 : double.NaN;
        foreach (double t in EdgeCrossings(pe, pn, v.E, v.N))
        {
            if (inside && Overlap(start, t, lo, hi) is { } a) return a;
            inside = !inside;
            start = t;
        }

        return inside ? Overlap(start, double.PositiveInfinity, lo, hi) : null;
    }

    private static double? Overlap(double a0, double a1, double b0, double b1)
    {
        double s = Math.Max(a0, b0), e = Math.Min(a1, b1);
        return s <= e ? s : null;
    }

    private (double Lo, double Hi) VerticalInterval(double altM, double vUp)
    {
        if (vUp == 0 || !double.IsFinite(vUp))
            return InBand(altM) ? (double.NegativeInfinity, double.PositiveInfinity) : (1, 0);
        double t1 = (_lowerM - altM) / vUp, t2 = (_upperM - altM) / vUp;
        return t1 <= t2 ? (t1, t2) : (t2, t1);
    }

    /// <summary>Parameters t ≥ 0 at which the ray (e, n) + t (ve, vn) crosses a ring edge, ascending.</summary>
    private List<double> EdgeCrossings(double e, double n, double ve, double vn)
    {
        var ts = new List<double>();
        for (int r = 0; r < _ringsE.Length; r++)
        {
            double[] xs = _ringsE[r], ys = _ringsN[r];
            for (int i = 0, j = xs.Length - 1; i < xs.Length; j = i++)
            {
                double ax = xs[j], ay = ys[j], dx = xs[i] - ax, dy = ys[i] - ay;
                double den = ve * dy - vn * dx;
                if (den == 0) continue;
                double wx = ax - e, wy = ay - n;
                double t = (wx * dy - wy * dx) / den;
                double s = (wx * vn - wy * ve) / den;
                // Half-open edges: a ray through a shared vertex counts it once.
                if (t >= 0 && s >= 0 && s < 1) ts.Add(t);
            }
        }

        ts.Sort();
        return ts;
    }

    private (double E, double N) PlaneXY(GeoPoint p)
    {
        var enu = _frame!.ToEnu(p with { AltM = 0 });
        return (enu.E, enu.N);
    }

    /// <summary>Even-odd rule over every ring, so holes are outside.</summary>
    private bool InPlanePolygon(double e, double n)
    {
        bool inside = false;
        for (int r = 0; r < _ringsE.Length; r++)
        {
            double[] xs = _ringsE[r], ys = _ringsN[r];
            for (int i = 0, j = xs.Length - 1; i < xs.Length; j = i++)
            {
                if ((ys[i] > n) != (ys[j] > n) && e < (xs[j] - xs[i]) * (n - ys[i]) / (ys[j] - ys[i]) + xs[i])
                    inside = !inside;
            }
        }

        return inside;
    }
}
