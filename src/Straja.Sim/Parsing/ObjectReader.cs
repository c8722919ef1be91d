namespace Straja.Sim.Parsing;

/// <summary>
/// Typed, located access to one JSON object. Every field it hands out is marked as used, so
/// <see cref="Done"/> can reject misspelt field names instead of silently ignoring them.
/// </summary>
internal sealed class ObjectReader
{
    private readonly JNode _node;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public ObjectReader(JNode node, string sourceName)
    {
        SourceName = sourceName;
        if (node.Kind != JKind.Object)
        {
            throw new ScenarioException(sourceName, node.Line, NullIfEmpty(node.Path), $"expected an object (got {node.Describe()})");
        }

        _node = node;
    }

    public string SourceName { get; }

    public ScenarioException Error(JNode at, string problem) => new(SourceName, at.Line, NullIfEmpty(at.Path), problem);

    public ScenarioException ErrorField(string name, string problem) => new(SourceName, _node.Line, FieldPath(name), problem);

    public JNode? Optional(string name)
    {
        _used.Add(name);
        foreach (var (n, v) in _node.Members)
        {
            if (n == name)
            {
                return v.Kind == JKind.Null ? null : v;
            }
        }

        return null;
    }

    public JNode Required(string name) =>
        Optional(name) ?? throw ErrorField(name, "required field is missing");

    public double Number(string name) => AsNumber(Required(name));

    public double Number(string name, double fallback) => Optional(name) is { } n ? AsNumber(n) : fallback;

    public double? OptionalNumber(string name) => Optional(name) is { } n ? AsNumber(n) : null;

    public string String(string name) => AsString(Required(name));

    public string? OptionalString(string name) => Optional(name) is { } n ? AsString(n) : null;

    public bool Bool(string name, bool fallback)
    {
        if (Optional(name) is not { } n)
        {
            return fallback;
        }

        return n.Kind == JKind.Bool ? n.Bool : throw Error(n, $"expected true or false (got {n.Describe()})");
    }

    public IReadOnlyList<JNode> Array(string name) => AsArray(Required(name));

    public IReadOnlyList<JNode> OptionalArray(string name) => Optional(name) is { } n ? AsArray(n) : [];

    public ObjectReader Object(string name) => new(Required(name), SourceName);

    public ObjectReader? OptionalObject(string name) => Optional(name) is { } n ? new ObjectReader(n, SourceName) : null;

    public double Positive(string name) => Check(name, v => v > 0, "must be > 0");

    public double Probability(string name, double fallback) =>
        CheckOptional(name, fallback, v => v is >= 0 and <= 1, "must be between 0 and 1");

    public double NonNegative(string name, double fallback) =>
        CheckOptional(name, fallback, v => v >= 0, "must be >= 0");

    public double Latitude(string name) => Check(name, v => v is >= -90 and <= 90, "must be a latitude in degrees, -90 to 90");

    public double Longitude(string name) => Check(name, v => v is >= -180 and <= 180, "must be a longitude in degrees, -180 to 180");

    public GeoPoint LatLon(double altM = 0) => new(Latitude("lat"), Longitude("lon"), altM);

    /// <summary>A number or a two-element <c>[min, max]</c> array, both ends &gt;= 0.</summary>
    public (double Min, double Max) Range(string name)
    {
        var n = Required(name);
        if (n.Kind == JKind.Number)
        {
            return n.Number >= 0 ? (n.Number, n.Number) : throw Error(n, $"must be >= 0 (got {n.Text})");
        }

        if (n.Kind != JKind.Array || n.Items.Count != 2)
        {
            throw Error(n, $"expected a number or [min, max] (got {n.Describe()})");
        }

        double min = AsNumber(n.Items[0]), max = AsNumber(n.Items[1]);
        if (min < 0 || max < min)
        {
            throw Error(n, $"expected 0 <= min <= max (got [{n.Items[0].Text}, {n.Items[1].Text}])");
        }

        return (min, max);
    }

    /// <summary>Rejects any field that no one asked for: a typo must not pass as a default.</summary>
    public void Done()
    {
        foreach (var (name, value) in _node.Members)
        {
            if (!_used.Contains(name))
            {
                throw new ScenarioException(SourceName, value.Line, FieldPath(name), "unknown field");
            }
        }
    }

    public double AsNumber(JNode n) =>
        n.Kind == JKind.Number ? n.Number : throw Error(n, $"expected a number (got {n.Describe()})");

    public string AsString(JNode n) =>
        n.Kind == JKind.String ? n.Text : throw Error(n, $"expected a string (got {n.Describe()})");

    private IReadOnlyList<JNode> AsArray(JNode n) =>
        n.Kind == JKind.Array ? n.Items : throw Error(n, $"expected an array (got {n.Describe()})");

    public double Check(string name, Func<double, bool> ok, string rule)
    {
        var n = Required(name);
        double v = AsNumber(n);
        return ok(v) ? v : throw Error(n, $"{rule} (got {n.Text})");
    }

    private double CheckOptional(string name, double fallback, Func<double, bool> ok, string rule) =>
        Optional(name) is null ? fallback : Check(name, ok, rule);

    private string FieldPath(string name) => _node.Path.Length == 0 ? name : _node.Path + "." + name;

    private static string? NullIfEmpty(string path) => path.Length == 0 ? null : path;
}
