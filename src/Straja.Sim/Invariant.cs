using System.Globalization;

namespace Straja.Sim;

internal static class Invariant
{
    /// <summary>Ids and messages must not change with the machine's culture.</summary>
    public static string Format(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
