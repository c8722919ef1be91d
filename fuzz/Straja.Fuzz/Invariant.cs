namespace Straja.Fuzz;

/// <summary>
/// A decoder broke its contract on some input. Thrown (never caught by the targets) so that afl-fuzz
/// records the input as a crash and the replay mode prints it with the offending file.
/// </summary>
internal sealed class InvariantViolationException(string message) : Exception(message);

internal static class Invariant
{
    public static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvariantViolationException(what);
        }
    }

    public static void InRange(int value, int min, int max, string what) =>
        Check(value >= min && value <= max, $"{what} = {value}, outside [{min}, {max}]");

    public static void Angle(double? deg, double min, double max, string what) =>
        Check(deg is not { } d || (double.IsFinite(d) && d >= min && d <= max), $"{what} = {deg}, outside [{min}, {max}]");
}
