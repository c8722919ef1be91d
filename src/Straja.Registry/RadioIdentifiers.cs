using System.Text;

namespace Straja.Registry;

/// <summary>The one text form of a unit's other radio identifiers, used in the store and in CSV: "kind=value;kind=value".</summary>
public static class RadioIdentifiers
{
    public static string Format(IEnumerable<RadioIdentifier> ids)
    {
        var sb = new StringBuilder();
        foreach (var id in ids)
        {
            if (sb.Length > 0)
                sb.Append(';');
            sb.Append(id.Kind).Append('=').Append(id.Value);
        }

        return sb.ToString();
    }

    /// <summary>Parses and validates; on failure returns null and says which entry is wrong.</summary>
    public static IReadOnlyList<RadioIdentifier>? Parse(string text, out string? problem)
    {
        problem = null;
        var result = new List<RadioIdentifier>();
        if (text.Length == 0)
            return result;
        string[] parts = text.Split(';');
        for (int i = 0; i < parts.Length; i++)
        {
            int eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                problem = $"entry {i + 1} \"{parts[i]}\" is not kind=value";
                return null;
            }

            var id = new RadioIdentifier(parts[i][..eq], parts[i][(eq + 1)..]);
            if (Validation.RadioIdentifierProblem(id) is { } p)
            {
                problem = $"entry {i + 1}: {p}";
                return null;
            }

            result.Add(id);
        }

        return result;
    }
}
