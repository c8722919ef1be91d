namespace Straja.Protocols.RemoteId;

/// <summary>Turns an aggregated Remote ID transmitter into Straja's protocol-free <see cref="Detection"/>.</summary>
public static class RemoteIdAdapter
{
    /// <summary>Used when the horizontal accuracy is "unknown": typical of the GNSS receivers in Remote ID modules.</summary>
    public const double DefaultSigmaHorizontalM = 50.0;
    /// <summary>Used when the altitude's accuracy is "unknown".</summary>
    public const double DefaultSigmaVerticalM = 50.0;
    /// <summary>Used when the message has no altitude at all (the detection's altitude is then 0).</summary>
    public const double NoAltitudeSigmaVerticalM = 1000.0;
    /// <summary>A Location timestamp further than this from the receive time is not trusted as the measurement time.</summary>
    public static readonly TimeSpan MaxClockDisagreement = TimeSpan.FromSeconds(10);

    /// <summary>95 % radius of a circular 2-D normal in σ (√(−2 ln 0.05)).</summary>
    private const double Circular95 = 2.45;
    /// <summary>95 % two-sided bound of a 1-D normal in σ.</summary>
    private const double Linear95 = 1.96;

    /// <summary>
    /// A Position detection for <paramref name="state"/>, or null when it has no valid position.
    /// Altitude: geodetic (ellipsoidal, as <see cref="GeoPoint"/> wants) when known, else pressure altitude
    /// (within about a hundred metres of it), else 0 with a 1 km sigma. Time: the Location timestamp
    /// resolved to the hour of <paramref name="receivedAt"/> when the two agree within 10 s, else the
    /// receive time (many modules send 0 or a free-running clock).
    /// </summary>
    public static Detection? ToDetection(DroneState state, string sensorId, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Location is not { LatitudeDeg: { } lat, LongitudeDeg: { } lon } loc)
        {
            return null;
        }

        (double altM, double sigmaV) = loc switch
        {
            { GeodeticAltitudeM: { } geo } => (geo, SigmaVertical(loc.VerticalAccuracy)),
            { PressureAltitudeM: { } baro } => (baro, SigmaVertical(loc.BaroAccuracy)),
            _ => (0.0, NoAltitudeSigmaVerticalM),
        };
        var time = receivedAt;
        if (loc.TimestampS is { } ts)
        {
            var stamped = RemoteIdTime.ResolveAfterHour(ts, receivedAt);
            if ((stamped - receivedAt).Duration() <= MaxClockDisagreement)
            {
                time = stamped;
            }
        }

        var primary = state.PrimaryId;
        (var cls, double confidence) = Classify(primary?.UaType ?? UaType.None);
        return new Detection
        {
            SensorId = sensorId,
            Time = time,
            Kind = DetectionKind.Position,
            Position = new GeoPoint(lat, lon, altM),
            SigmaHorizontalM = SigmaHorizontal(loc.HorizontalAccuracy) ?? DefaultSigmaHorizontalM,
            SigmaVerticalM = sigmaV,
            ClassHint = cls,
            ClassConfidence = confidence,
            CooperativeId = primary is { } id ? CooperativeId(id) : null,
        };
    }

    /// <summary>
    /// "RID:" + the upper-case ANSI/CTA-2063-A serial for a serial-number Basic ID; "RID:CAA:&lt;registration&gt;",
    /// "RID:UUID:&lt;hex&gt;" or "RID:SESSION:&lt;hex&gt;" for the other ID types, so identities of different kinds
    /// never collide; null for ID type None.
    /// </summary>
    public static string? CooperativeId(in BasicId id) => id.IdType switch
    {
        IdType.SerialNumber => $"RID:{IdText(id)}",
        IdType.CaaRegistration => $"RID:CAA:{IdText(id)}",
        IdType.UtmUuid => $"RID:UUID:{IdText(id)}",
        IdType.SpecificSessionId => $"RID:SESSION:{IdText(id)}",
        IdType.None => null,
        _ => $"RID:{(int)id.IdType}:{IdText(id)}",
    };

    /// <summary>The identifier as text: ASCII types upper-cased, binary types (UUID, session ID) as upper-case hex.</summary>
    public static string IdText(in BasicId id) => id.IdType is IdType.UtmUuid or IdType.SpecificSessionId
        ? Convert.ToHexString(id.UasId.Span.TrimEnd((byte)0))
        : id.UasId.ToString().Trim().ToUpperInvariant();

    /// <summary>The operator's declared airframe as a class hint; declarations can be wrong, so never certainty.</summary>
    public static (TargetClass Class, double Confidence) Classify(UaType type) => type switch
    {
        UaType.HelicopterOrMultirotor => (TargetClass.Multirotor, 0.9),
        UaType.Aeroplane or UaType.Glider => (TargetClass.FixedWing, 0.9),
        // A VTOL hybrid hovers like a multirotor and cruises like an aeroplane: most of its flight is wing-borne.
        UaType.HybridLift => (TargetClass.FixedWing, 0.6),
        _ => (TargetClass.Unknown, 0.0),
    };

    /// <summary>One-sigma horizontal error: the category's 95 % bound / 2.45; null when unknown or reserved.</summary>
    public static double? SigmaHorizontal(HorizontalAccuracy accuracy) => accuracy switch
    {
        HorizontalAccuracy.Under18520m => 18520,
        HorizontalAccuracy.Under7408m => 7408,
        HorizontalAccuracy.Under3704m => 3704,
        HorizontalAccuracy.Under1852m => 1852,
        HorizontalAccuracy.Under926m => 926,
        HorizontalAccuracy.Under555m => 555.6,
        HorizontalAccuracy.Under185m => 185.2,
        HorizontalAccuracy.Under93m => 92.6,
        HorizontalAccuracy.Under30m => 30,
        HorizontalAccuracy.Under10m => 10,
        HorizontalAccuracy.Under3m => 3,
        HorizontalAccuracy.Under1m => 1,
        _ => (double?)null,
    } / Circular95;

    /// <summary>One-sigma vertical error: the category's 95 % bound / 1.96 (a 1-D bound); the default when unknown.</summary>
    public static double SigmaVertical(VerticalAccuracy accuracy) => accuracy switch
    {
        VerticalAccuracy.Under150m => 150 / Linear95,
        VerticalAccuracy.Under45m => 45 / Linear95,
        VerticalAccuracy.Under25m => 25 / Linear95,
        VerticalAccuracy.Under10m => 10 / Linear95,
        VerticalAccuracy.Under3m => 3 / Linear95,
        VerticalAccuracy.Under1m => 1 / Linear95,
        _ => DefaultSigmaVerticalM,
    };
}
