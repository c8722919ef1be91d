using Straja.Engine.Evaluation.Rules;

namespace Straja.Server.Hosting;

/// <summary>
/// Where the alert rules come from: the configured file, or the built-in defaults
/// (Hosting/default-alert-rules.json) when none is configured. A replacement through the API is written
/// back to the file, so it survives a restart.
/// </summary>
internal sealed class RuleSource
{
    private readonly string? _path;
    private readonly Lock _lock = new();

    private RuleSource(string? path, string json)
    {
        _path = path;
        Json = json;
    }

    public string Json { get; private set; }

    /// <summary>Reads and checks the rules; a bad file throws <see cref="RuleFileException"/> naming the file and the JSON path.</summary>
    public static (RuleSource Source, IReadOnlyList<AlertRule> Rules) Load(string? path)
    {
        string json = path is null ? Defaults() : File.ReadAllText(path);
        try
        {
            return (new RuleSource(path, json), RuleReader.Parse(json));
        }
        catch (RuleFileException e)
        {
            throw new RuleFileException($"{path ?? "default-alert-rules.json"}: {e.Path}", e.Problem);
        }
    }

    public void Save(string json)
    {
        lock (_lock)
        {
            if (_path is not null)
            {
                string temp = _path + ".tmp";
                File.WriteAllText(temp, json);
                File.Move(temp, _path, overwrite: true);
            }

            Json = json;
        }
    }

    private static string Defaults()
    {
        using var s = typeof(RuleSource).Assembly.GetManifestResourceStream("Straja.Server.default-alert-rules.json")
            ?? throw new InvalidOperationException("the built-in alert rules are missing from the assembly");
        using var r = new StreamReader(s);
        return r.ReadToEnd();
    }
}
