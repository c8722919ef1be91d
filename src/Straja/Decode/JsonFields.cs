using System.Globalization;
using System.Text.Json;

namespace Straja.Cli.Decode;

/// <summary>
/// Typed reads of a JSON object for <c>encode</c>. The first bad or missing field is kept (its dotted path and
/// why) and later reads return defaults, so an encoder reads everything and checks <see cref="Failed"/> once.
/// </summary>
internal sealed class JsonFields(JsonElement obj, string path = "")
{
    private Problem? _problem;

    // Nested readers report into the outermost one, so the first problem anywhere wins.
    private JsonFields? _root;

    public bool Failed => (_root ?? this)._problem is not null;

    public string Field => (_root ?? this)._problem?.Field ?? "";

    public string Error => (_root ?? this)._problem?.Error ?? "";

    public bool Has(string name) => obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null;

    /// <summary>A nested object, sharing this reader's error.</summary>
    public JsonFields? Object(string name)
    {
        if (!obj.TryGetProperty(name, out var v))
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Object)
        {
            Fail(name, "is not an object");
            return null;
        }

        return new JsonFields(v, Path(name)) { _root = _root ?? this };
    }

    public double Number(string name, double min = double.MinValue, double max = double.MaxValue) =>
        OptionalNumber(name, min, max) ?? Missing(name, 0.0);

    public double? OptionalNumber(string name, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            Fail(name, $"{v.GetRawText()} is not a number");
            return null;
        }

        if (d < min || d > max)
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"{d} is outside {min}..{max}"));
            return null;
        }

        return d;
    }

    public int Int(string name, int min, int max) => OptionalInt(name, min, max) ?? Missing(name, 0);

    public int? OptionalInt(string name, int min, int max)
    {
        double? d = OptionalNumber(name, min, max);
        if (d is { } x && x != Math.Floor(x))
        {
            Fail(name, string.Create(CultureInfo.InvariantCulture, $"{x} is not a whole number"));
            return null;
        }

        return (int?)d;
    }

    public string Text(string name) => OptionalText(name) ?? Missing(name, "");

    public string? OptionalText(string name)
    {
        if (!obj.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (v.ValueKind != JsonValueKind.String)
        {
            Fail(name, $"{v.GetRawText()} is not a string");
            return null;
        }

        return v.GetString();
    }

    /// <summary>A hexadecimal string of at most <paramref name="maxDigits"/> digits as a number.</summary>
    public uint Hex(string name, int maxDigits)
    {
        string s = Text(name);
        if (Failed)
        {
            return 0;
        }

        if (s.Length is 0 || s.Length > maxDigits || !uint.TryParse(s, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint v))
        {
            Fail(name, $"'{s}' is not a hexadecimal number of up to {maxDigits} digits");
            return 0;
        }

        return v;
    }

    /// <summary>Records a problem with <paramref name="name"/> unless one is already recorded.</summary>
    public void Fail(string name, string error)
    {
        var root = _root ?? this;
        root._problem ??= new Problem(Path(name), error);
    }

    private T Missing<T>(string name, T fallback)
    {
        if (!Has(name))
        {
            Fail(name, "is missing");
        }

        return fallback;
    }

    private string Path(string name) => path.Length == 0 ? name : $"{path}.{name}";

    private sealed record Problem(string Field, string Error);
}
