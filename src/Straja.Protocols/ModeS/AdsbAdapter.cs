namespace Straja.Protocols.ModeS;

/// <summary>Turns a tracked aircraft into Straja's protocol-free <see cref="Detection"/>.</summary>
public static class AdsbAdapter
{
    /// <summary>Used when no NACp has been received: a typical GNSS-fed transponder (NACp 8–9) is better, a legacy one worse.</summary>
    public const double DefaultSigmaHorizontalM = 50.0;
    /// <summary>Barometric altitude comes in 25 ft (7.6 m) steps on top of altimetry error.</summary>
    public const double DefaultSigmaVerticalM = 15.0;

    private const double FeetToMetres = 0.3048;

    /// <summary>
    /// A Position detection for <paramref name="state"/>, or null when it has no position yet.
    /// Altitude: GNSS height when known (it is ellipsoidal, as <see cref="GeoPoint"/> wants), else the
    /// barometric altitude (pressure altitude — within about a hundred metres of it, the best there is), else 0.
    /// </summary>
    public static Detection? ToDetection(AircraftState state, string sensorId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.LatDeg is not { } lat || state.LonDeg is not { } lon)
        {
            return null;
        }

        int? altFt = state.GnssAltitudeFt ?? state.BaroAltitudeFt;
        return new Detection
        {
            SensorId = sensorId,
            Time = time,
            Kind = DetectionKind.Position,
            Position = new GeoPoint(lat, lon, (altFt ?? 0) * FeetToMetres),
            SigmaHorizontalM = state.NacP is { } nac && SigmaFromNacP(nac) is { } s ? s : DefaultSigmaHorizontalM,
            SigmaVerticalM = altFt.HasValue ? DefaultSigmaVerticalM : 1000.0,
            // A transponder is evidence of a manned aircraft, firmer when it declares a category; an
            // emitter declaring itself a UAV (TC3 category 6) is left to the classifier.
            ClassHint = IsDeclaredUav(state) ? TargetClass.Unknown : TargetClass.Manned,
            ClassConfidence = IsDeclaredUav(state) ? 0.0 : state.Category is > 0 ? 0.9 : 0.5,
            CooperativeId = state.CooperativeId,
            Callsign = state.Callsign?.ToString(),
        };
    }

    private static bool IsDeclaredUav(AircraftState s) => s.EmitterTypeCode == 3 && s.Category == 6;

    /// <summary>
    /// One-sigma horizontal error for a NACp value: the 95 % estimated-position-uncertainty bound of
    /// DO-260B Table 2-70 divided by 2.45 (the 95 % radius of a circular normal); null for NACp 0 (unknown).
    /// </summary>
    public static double? SigmaFromNacP(int nacP)
    {
        const double Nm = 1852.0;
        double? epu = nacP switch
        {
            1 => 10 * Nm,
            2 => 4 * Nm,
            3 => 2 * Nm,
            4 => 1 * Nm,
            5 => 0.5 * Nm,
            6 => 0.3 * Nm,
            7 => 0.1 * Nm,
            8 => 0.05 * Nm,
            9 => 30.0,
            10 => 10.0,
            11 => 3.0,
            _ => null,
        };
        return epu / 2.45;
    }
}
