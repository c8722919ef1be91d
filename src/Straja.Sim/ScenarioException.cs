using System.Globalization;

namespace Straja.Sim;

/// <summary>
/// A scenario could not be read. The message names the source, the line and the field,
/// e.g. <c>eastern.json line 42: sensors[3].maxRangeM: must be &gt; 0 (got -5)</c>.
/// </summary>
public sealed class ScenarioException : Exception
{
    public ScenarioException()
        : this("scenario", null, null, "invalid scenario")
    {
    }

    public ScenarioException(string message)
        : this("scenario", null, null, message)
    {
    }

    public ScenarioException(string message, Exception innerException)
        : base(message, innerException)
    {
        SourceName = "scenario";
        Problem = message;
    }

    public ScenarioException(string sourceName, long? line, string? field, string problem, Exception? innerException = null)
        : base(Format(sourceName, line, field, problem), innerException)
    {
        SourceName = sourceName;
        Line = line;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file or resource name the scenario came from.</summary>
    public string SourceName { get; }

    /// <summary>1-based line of the offending element, when known.</summary>
    public long? Line { get; }

    /// <summary>JSON path of the offending field, e.g. <c>sensors[3].maxRangeM</c>.</summary>
    public string? Field { get; }

    /// <summary>What was wrong, without the location prefix.</summary>
    public string Problem { get; }

    private static string Format(string sourceName, long? line, string? field, string problem)
    {
        string where = line is { } l ? string.Create(CultureInfo.InvariantCulture, $"{sourceName} line {l}") : sourceName;
        return string.IsNullOrEmpty(field) ? $"{where}: {problem}" : $"{where}: {field}: {problem}";
    }
}
