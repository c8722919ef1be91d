namespace Straja.Protocols.ModeS;

/// <summary>Settings for <see cref="AircraftTracker"/>.</summary>
public sealed record AircraftTrackerOptions
{
    /// <summary>An even/odd pair further apart than this is not decoded globally (DO-260B allows 10 s airborne).</summary>
    public double MaxPairAgeS { get; init; } = 10.0;
    /// <summary>A last-known position older than this is not used as a local-decode reference.</summary>
    public double MaxReferenceAgeS { get; init; } = 300.0;
    /// <summary>A new position implying a faster speed from the last accepted one is rejected.</summary>
    public double MaxSpeedKt { get; init; } = 1000.0;
    /// <summary>Slack added to the speed gate for CPR quantisation and timing jitter.</summary>
    public double PositionSlackM { get; init; } = 200.0;
    /// <summary>Receiver position: reference for global surface decoding (required for surface positions without history).</summary>
    public GeoPoint? ReceiverPosition { get; init; }
}

/// <summary>What one aircraft is known to be and do. Mutated only by its <see cref="AircraftTracker"/>.</summary>
public sealed class AircraftState
{
    internal AircraftState(uint icao) => Icao = icao;

    public uint Icao { get; }
    public string CooperativeId => $"ICAO:{Icao:X6}";
    public Callsign? Callsign { get; internal set; }
    public int? Category { get; internal set; }
    public int? EmitterTypeCode { get; internal set; }
    public int? BaroAltitudeFt { get; internal set; }
    public int? GnssAltitudeFt { get; internal set; }
    public Squawk? Squawk { get; internal set; }
    public bool? OnGround { get; internal set; }
    public double? GroundSpeedKt { get; internal set; }
    public double? TrackDeg { get; internal set; }
    public int? VerticalRateFpm { get; internal set; }
    public int? NacP { get; internal set; }
    public double? LatDeg { get; internal set; }
    public double? LonDeg { get; internal set; }
    /// <summary>Time (caller's clock, seconds) of the last accepted position.</summary>
    public double? PositionTimeS { get; internal set; }
    public double LastSeenS { get; internal set; }
    public long Messages { get; internal set; }
    /// <summary>Positions dropped by the speed gate for this aircraft.</summary>
    public long RejectedPositions { get; internal set; }

    internal CprFrame Even;
    internal CprFrame Odd;

    /// <summary>Positions accepted in a row since the fix was (re)started: 1 means nothing has confirmed it yet.</summary>
    internal int FixRun;

    /// <summary>The last position the gate refused, kept in case it, not the stored fix, is the truth.</summary>
    internal (double LatDeg, double LonDeg, double TimeS)? Challenger;
}

internal struct CprFrame
{
    public bool Present;
    public bool Surface;
    public int Lat;
    public int Lon;
    public double TimeS;
}

/// <summary>What one message did to the tracked picture.</summary>
public enum TrackerOutcome
{
    /// <summary>The message updated the aircraft without a new position.</summary>
    Updated,
    /// <summary>A new position was accepted.</summary>
    PositionUpdated,
    /// <summary>A position frame was received but no position could be formed yet (waiting for the other CPR format or a reference).</summary>
    PositionPending,
    /// <summary>A decoded position failed the speed gate.</summary>
    PositionRejected,
    /// <summary>The message failed its parity check, or is an address/parity reply from an address not seen in a squitter.</summary>
    Ignored,
}

/// <summary>
/// Per-aircraft state keyed by ICAO address, built from decoded messages. Pure: time arrives as data
/// (seconds on the caller's clock), nothing is read from the system. CPR positions come from a global
/// decode when the latest even and odd frames are within <see cref="AircraftTrackerOptions.MaxPairAgeS"/>,
/// otherwise from a local decode against the last accepted position; every new position must be reachable
/// from the previous one at <see cref="AircraftTrackerOptions.MaxSpeedKt"/>.
/// Single writer: one feed loop owns a tracker; it is not thread-safe.
/// </summary>
public sealed class AircraftTracker
{
    private const double KnotToMps = 1852.0 / 3600.0;
    private readonly Dictionary<uint, AircraftState> _aircraft = [];
    private readonly AircraftTrackerOptions _options;

    public AircraftTracker(AircraftTrackerOptions? options = null) => _options = options ?? new AircraftTrackerOptions();

    public int Count => _aircraft.Count;
    public IEnumerable<AircraftState> Aircraft => _aircraft.Values;
    /// <summary>Positions dropped by the speed gate, all aircraft.</summary>
    public long RejectedPositions { get; private set; }
    /// <summary>Messages ignored for bad parity or an unknown address/parity address.</summary>
    public long IgnoredMessages { get; private set; }

    public bool TryGet(uint icao, out AircraftState state) => _aircraft.TryGetValue(icao, out state!);

    /// <summary>Forgets aircraft not heard from since <paramref name="nowS"/> − <paramref name="maxAgeS"/>; returns how many.</summary>
    public int Prune(double nowS, double maxAgeS)
    {
        int removed = 0;
        foreach (var (icao, s) in _aircraft)
        {
            if (nowS - s.LastSeenS > maxAgeS && _aircraft.Remove(icao))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>Applies one decoded message received at <paramref name="timeS"/>.</summary>
    public TrackerOutcome Update(in ModeSMessage msg, double timeS)
    {
        if (msg.Parity == ParityStatus.Invalid)
        {
            IgnoredMessages++;
            return TrackerOutcome.Ignored;
        }

        AircraftState? s;
        if (msg.Parity == ParityStatus.AddressParity)
        {
            // The recovered address is only believable if a parity-checked squitter announced it.
            if (!_aircraft.TryGetValue(msg.Icao, out s))
            {
                IgnoredMessages++;
                return TrackerOutcome.Ignored;
            }
        }
        else if (!_aircraft.TryGetValue(msg.Icao, out s))
        {
            s = new AircraftState(msg.Icao);
            _aircraft.Add(msg.Icao, s);
        }

        s.Messages++;
        s.LastSeenS = timeS;
        if (msg.OnGround is { } ground)
        {
            s.OnGround = ground;
        }

        if (msg.Squawk is { } sq)
        {
            s.Squawk = sq;
        }

        if (msg.Df is 0 or 4 or 16 or 20 && msg.AltitudeFt is { } acAlt)
        {
            s.BaroAltitudeFt = acAlt;
        }

        if (msg.Df == 20 && CommB.TryDecodeIdentification(msg.Payload, out var cs) && CommB.Infer(msg.Payload) == CommBRegister.Bds20)
        {
            s.Callsign = cs;
        }

        switch (msg.Content)
        {
            case MessageContent.Identification:
                if (msg.Identification.Callsign.IsValid)
                {
                    s.Callsign = msg.Identification.Callsign;
                }

                s.Category = msg.Identification.Category;
                s.EmitterTypeCode = msg.Identification.TypeCode;
                return TrackerOutcome.Updated;
            case MessageContent.AirborneVelocity:
                if (msg.Velocity.GroundSpeedKt is { } gs)
                {
                    s.GroundSpeedKt = gs;
                    s.TrackDeg = msg.Velocity.TrackDeg;
                }

                s.VerticalRateFpm = msg.Velocity.VerticalRateFpm ?? s.VerticalRateFpm;
                return TrackerOutcome.Updated;
            case MessageContent.TargetState:
                s.NacP = msg.TargetState.NacP;
                return TrackerOutcome.Updated;
            case MessageContent.AirbornePosition:
            case MessageContent.SurfacePosition:
                return Position(s, msg.Position, timeS);
            default:
                return TrackerOutcome.Updated;
        }
    }

    private TrackerOutcome Position(AircraftState s, in PositionReport p, double timeS)
    {
        if (p.Surface)
        {
            s.OnGround = true;
            if (p.GroundSpeedKt is { } gs)
            {
                s.GroundSpeedKt = gs;
            }

            if (p.TrackDeg is { } trk)
            {
                s.TrackDeg = trk;
            }
        }
        else
        {
            s.OnGround = false;
            if (p.AltitudeIsGnss)
            {
                s.GnssAltitudeFt = p.AltitudeFt ?? s.GnssAltitudeFt;
            }
            else
            {
                s.BaroAltitudeFt = p.AltitudeFt ?? s.BaroAltitudeFt;
            }
        }

        var frame = new CprFrame { Present = true, Surface = p.Surface, Lat = p.LatCpr, Lon = p.LonCpr, TimeS = timeS };
        if (p.OddFormat)
        {
            s.Odd = frame;
        }
        else
        {
            s.Even = frame;
        }

        if (!TryResolve(s, p, timeS, out double lat, out double lon))
        {
            return TrackerOutcome.PositionPending;
        }

        if (s.LatDeg is { } lastLat && s.LonDeg is { } lastLon && s.PositionTimeS is { } lastT
            && !Reachable(lastLat, lastLon, lastT, lat, lon, timeS))
        {
            // A single unconfirmed fix may itself be the wrong one (a bad first pair, a corrupted frame
            // that passed parity): if two refused positions in a row agree with each other, believe them
            // and restart from the newer. A fix confirmed by a second position is not given up that way.
            if (s.FixRun < 2 && s.Challenger is { } c && Reachable(c.LatDeg, c.LonDeg, c.TimeS, lat, lon, timeS))
            {
                s.Challenger = null;
                Accept(s, lat, lon, timeS, run: 2);
                return TrackerOutcome.PositionUpdated;
            }

            s.Challenger = (lat, lon, timeS);
            s.RejectedPositions++;
            RejectedPositions++;
            return TrackerOutcome.PositionRejected;
        }

        s.Challenger = null;
        Accept(s, lat, lon, timeS, s.FixRun + 1);
        return TrackerOutcome.PositionUpdated;
    }

    private static void Accept(AircraftState s, double lat, double lon, double timeS, int run)
    {
        s.LatDeg = lat;
        s.LonDeg = lon;
        s.PositionTimeS = timeS;
        s.FixRun = run;
    }

    /// <summary>Whether an aircraft at the first position could be at the second one at <see cref="AircraftTrackerOptions.MaxSpeedKt"/>.</summary>
    private bool Reachable(double lat1, double lon1, double t1, double lat2, double lon2, double t2)
    {
        double allowed = (_options.MaxSpeedKt * KnotToMps * Math.Abs(t2 - t1)) + _options.PositionSlackM;
        return GreatCircleM(lat1, lon1, lat2, lon2) <= allowed;
    }

    private bool TryResolve(AircraftState s, in PositionReport p, double timeS, out double lat, out double lon)
    {
        lat = lon = double.NaN;
        CprFrame other = p.OddFormat ? s.Even : s.Odd;

        // Surface and airborne CPR use different cell sizes: a mixed pair decodes to nonsense.
        bool pairUsable = other.Present && other.Surface == p.Surface && Math.Abs(timeS - other.TimeS) <= _options.MaxPairAgeS;
        bool hasRecentFix = s.LatDeg.HasValue && s.PositionTimeS is { } t && timeS - t <= _options.MaxReferenceAgeS;
        if (pairUsable)
        {
            CprFrame even = p.OddFormat ? other : s.Even;
            CprFrame odd = p.OddFormat ? s.Odd : other;
            CprStatus st;
            if (!p.Surface)
            {
                st = Cpr.DecodeAirborneGlobal(even.Lat, even.Lon, odd.Lat, odd.Lon, p.OddFormat, out lat, out lon);
            }
            else if (hasRecentFix || _options.ReceiverPosition.HasValue)
            {
                double refLat = hasRecentFix ? s.LatDeg!.Value : _options.ReceiverPosition!.Value.LatDeg;
                double refLon = hasRecentFix ? s.LonDeg!.Value : _options.ReceiverPosition!.Value.LonDeg;
                st = Cpr.DecodeSurfaceGlobal(even.Lat, even.Lon, odd.Lat, odd.Lon, p.OddFormat, refLat, refLon, out lat, out lon);
            }
            else
            {
                st = CprStatus.BadInput;
            }

            if (st == CprStatus.Ok)
            {
                return true;
            }
        }

        if (hasRecentFix)
        {
            return Cpr.DecodeLocal(p.LatCpr, p.LonCpr, p.OddFormat, p.Surface, s.LatDeg!.Value, s.LonDeg!.Value, out lat, out lon) == CprStatus.Ok;
        }

        return false;
    }

    /// <summary>Haversine distance on the mean Earth sphere: ample for a plausibility gate.</summary>
    internal static double GreatCircleM(double lat1, double lon1, double lat2, double lon2)
    {
        const double R = 6371008.8;
        double p1 = lat1 * Math.PI / 180.0, p2 = lat2 * Math.PI / 180.0;
        double dp = p2 - p1, dl = (lon2 - lon1) * Math.PI / 180.0;
        double a = (Math.Sin(dp / 2) * Math.Sin(dp / 2)) + (Math.Cos(p1) * Math.Cos(p2) * Math.Sin(dl / 2) * Math.Sin(dl / 2));
        return 2 * R * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }
}
