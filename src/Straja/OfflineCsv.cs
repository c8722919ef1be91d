using System.Globalization;
using System.Text;

namespace Straja.Cli;

/// <summary>Output CSV fields: quoted (RFC 4180) only when they hold a comma, a quote or a line break.</summary>
internal static class CsvField
{
    public static string Of(string? s) =>
        s is null ? "" : s.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}

/// <summary>One thing wrong with an input file, located by file, line (1-based) and field.</summary>
internal sealed record CsvProblem(string File, int Line, string Field, string Message)
{
    public override string ToString() => $"{File}:{Line}: field '{Field}': {Message}";
}

/// <summary>
/// A headed CSV file for the offline commands (<c>eval</c>, <c>track</c>): RFC 4180 quoting on one line,
/// invariant culture, blank lines and lines starting with '#' skipped. Problems are collected, not thrown, so
/// one bad row costs that row only.
/// </summary>
internal sealed class CsvInput
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<(int Line, string[] Fields)> _rows;

    private CsvInput(string name, string[] header, List<(int, string[])> rows, List<CsvProblem> problems)
    {
        Name = name;
        Header = header;
        _rows = rows;
        Problems = problems;
        _columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (int k = 0; k < header.Length; k++)
            _columns.TryAdd(header[k], k);
    }

    public string Name { get; }
    public string[] Header { get; }
    public List<CsvProblem> Problems { get; }

    public bool Has(params string[] columns) => columns.All(_columns.ContainsKey);

    /// <summary>Reads the whole file. An empty or missing header is a problem on line 1 and yields no rows.</summary>
    public static CsvInput Read(string name, TextReader reader)
    {
        var problems = new List<CsvProblem>();
        var rows = new List<(int, string[])>();
        string[]? header = null;
        int lineNumber = 0;
        for (string? line; (line = reader.ReadLine()) is not null;)
        {
            lineNumber++;
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            if (!TrySplit(line, out var fields, out var error))
            {
                problems.Add(new CsvProblem(name, lineNumber, "(line)", error));
                continue;
            }

            if (header is null)
            {
                header = [.. fields.Select(f => f.Trim())];
                continue;
            }

            if (fields.Length != header.Length)
            {
                problems.Add(new CsvProblem(name, lineNumber, "(line)", $"has {fields.Length} fields; the header has {header.Length}"));
                continue;
            }

            rows.Add((lineNumber, fields));
        }

        if (header is null)
            problems.Add(new CsvProblem(name, Math.Max(lineNumber, 1), "(header)", "the file has no header line"));
        return new CsvInput(name, header ?? [], rows, problems);
    }

    /// <summary>The data rows, each with a reader that records its problems in <see cref="Problems"/>.</summary>
    public IEnumerable<CsvRow> Rows()
    {
        foreach (var (line, fields) in _rows)
            yield return new CsvRow(this, line, fields);
    }

    internal int Column(string name) => _columns.TryGetValue(name, out int k) ? k : -1;

    private static bool TrySplit(string line, out string[] fields, out string error)
    {
        var result = new List<string>();
        var field = new StringBuilder();
        bool quoted = false;
        for (int k = 0; k < line.Length; k++)
        {
            char ch = line[k];
            if (quoted)
            {
                if (ch != '"')
                    field.Append(ch);
                else if (k + 1 < line.Length && line[k + 1] == '"')
                    field.Append(line[++k]);
                else
                    quoted = false;
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                result.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        result.Add(field.ToString());
        fields = [.. result];
        error = quoted ? "unterminated quoted field" : "";
        return !quoted;
    }
}

/// <summary>Typed access to one row; a bad field records a problem naming it and marks the row <see cref="Failed"/>.</summary>
internal sealed class CsvRow(CsvInput file, int line, string[] fields)
{
    public int Line { get; } = line;
    public bool Failed { get; private set; }

    public string Text(string column)
    {
        var s = Raw(column);
        if (s is { Length: 0 })
            Fail(column, "is empty");
        return s ?? "";
    }

    /// <summary>A finite number, or <paramref name="fallback"/> when the header has no such column.</summary>
    public double OptionalNumber(string column, double fallback) =>
        file.Column(column) < 0 ? fallback : Number(column);

    /// <summary>A finite number.</summary>
    public double Number(string column)
    {
        var s = Raw(column);
        if (s is null)
            return double.NaN;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            Fail(column, $"'{s}' is not a finite number");
            return double.NaN;
        }

        return v;
    }

    /// <summary>A number within [min, max].</summary>
    public double Number(string column, double min, double max)
    {
        double v = Number(column);
        if (!double.IsNaN(v) && (v < min || v > max))
        {
            Fail(column, $"{v.ToString(CultureInfo.InvariantCulture)} is outside {min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)}");
            return double.NaN;
        }

        return v;
    }

    /// <summary>An ISO-8601 time with an offset or Z.</summary>
    public DateTimeOffset Time(string column)
    {
        var s = Raw(column);
        if (s is null)
            return default;
        if (!DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
            Fail(column, $"'{s}' is not an ISO-8601 time");
        return t;
    }

    private string? Raw(string column)
    {
        int k = file.Column(column);
        if (k < 0)
        {
            Fail(column, "is missing from the header");
            return null;
        }

        return fields[k].Trim();
    }

    private void Fail(string column, string message)
    {
        Failed = true;
        file.Problems.Add(new CsvProblem(file.Name, Line, column, message));
    }
}
