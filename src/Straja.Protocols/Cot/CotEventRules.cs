namespace Straja.Protocols.Cot;

/// <summary>What every decoded event must satisfy, whichever encoding it arrived in.</summary>
internal static class CotEventRules
{
    public static bool TryValidate(CotEvent ev, out CotDecodeError error)
    {
        string? problem =
            ev.Uid.Length == 0 ? "uid is empty"
            : ev.Type.Length == 0 ? "type is empty"
            : !(ev.Point.LatDeg is >= -90 and <= 90) ? $"point lat {ev.Point.LatDeg} is outside [-90, 90]"
            : !(ev.Point.LonDeg is >= -180 and <= 180) ? $"point lon {ev.Point.LonDeg} is outside [-180, 180]"
            : !double.IsFinite(ev.Point.HaeM) ? "point hae is not finite"
            : !(ev.Point.CeM >= 0 && double.IsFinite(ev.Point.CeM)) ? $"point ce {ev.Point.CeM} is negative or not finite"
            : !(ev.Point.LeM >= 0 && double.IsFinite(ev.Point.LeM)) ? $"point le {ev.Point.LeM} is negative or not finite"
            : null;
        error = problem is null ? default : CotDecodeError.AtLine(CotDecodeErrorReason.BadValue, 0, 0, problem);
        return problem is null;
    }
}
