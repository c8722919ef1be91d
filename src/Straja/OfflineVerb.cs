namespace Straja.Cli;

/// <summary>What the offline verbs (<c>eval</c>, <c>track</c>) share: help, error reporting and exit codes.</summary>
internal static class OfflineVerb
{
    private const int MaxProblemsShown = 20;

    /// <summary>
    /// Runs <paramref name="body"/>; a usage error prints the message and usage, an unreadable or unwritable file
    /// its message, both as exit code 2. -h/--help prints the usage.
    /// </summary>
    public static int Run(string verb, string usage, string[] args, TextWriter stdout, TextWriter stderr, Func<int> body)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            stdout.WriteLine(usage);
            return 0;
        }

        try
        {
            return body();
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"straja {verb}: {e.Message}\n\n{usage}");
            return 2;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"straja {verb}: {e.Message}");
            return 2;
        }
    }

    /// <summary>Prints the first problems in line order, and how many more there were.</summary>
    public static void Report(string verb, IEnumerable<CsvProblem> problems, TextWriter stderr)
    {
        var all = problems.ToList();
        foreach (var p in all.Take(MaxProblemsShown))
            stderr.WriteLine($"straja {verb}: {p}");
        if (all.Count > MaxProblemsShown)
            stderr.WriteLine($"straja {verb}: ... and {all.Count - MaxProblemsShown} more problems");
    }
}
