using System.Security.Cryptography;
using System.Text;
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

    /// <summary>
    /// The document's version as an HTTP entity tag (quoted): a hash of its text, so it needs no counter
    /// and two admins who loaded the same text agree on it.
    /// </summary>
    public string Version => VersionOf(Json);

    internal static string VersionOf(string json) =>
        $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)))[..16]}\"";

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

    /// <summary>
    /// Writes <paramref name="json"/> and runs <paramref name="apply"/> (hand the rules to the engine) when the
    /// document in force still has <paramref name="expectedVersion"/> (null: whatever it is). Both happen under
    /// one lock, so two replacements cannot leave the file saying one thing and the engine running the other.
    /// </summary>
    public bool TryReplace(string json, string? expectedVersion, Action apply)
    {
        lock (_lock)
        {
            if (expectedVersion is not null && expectedVersion != Version)
                return false;
            if (_path is not null)
            {
                string temp = _path + ".tmp";
                File.WriteAllText(temp, json);
                File.Move(temp, _path, overwrite: true);
            }

            Json = json;
            apply();
            return true;
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
