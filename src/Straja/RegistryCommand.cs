using System.Globalization;
using System.Text;
using Straja.Registry;
using Straja.Server;

namespace Straja.Cli;

/// <summary>
/// <c>straja registry</c>: the registry's offline tools over the data directory's straja.db — verify the audit
/// chain, import and export units as CSV, print the summary. See docs/registry.md.
/// </summary>
internal static class RegistryCommand
{
    private const string Usage = """
        usage: straja registry <verify|import|export|summary> [--data DIR] [...]

          verify                 walk the audit chain: OK with record count and head hash, or the first record altered or removed
          import FILE.csv        import units (format in docs/registry.md); any bad row: every error listed, nothing imported
                  [--actor NAME] who is recorded in the audit log (default: the login name)
          export [FILE|-]        write every unit as CSV to FILE or standard output (default -)
          summary                produced, accepted, allocated, delivered by month, site, model and recipient

          --data DIR             data directory holding straja.db (default ./data)
        exit code: 0 done; 1 the chain is broken or the import was refused; 2 usage or file error
        """;

    /// <summary>Files with fewer rows import too fast for a progress display to help.</summary>
    private const int ProgressFromRows = 1000;

    public static int Run(string[] args) =>
        Run(args, Console.Out, Console.Error, stderrIsTerminal: !Console.IsErrorRedirected, TimeProvider.System, ProgressFromRows);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal, TimeProvider clock, int progressFromRows) =>
        OfflineVerb.Run("registry", Usage, args, stdout, stderr, () =>
        {
            if (args.Length == 0)
                throw new UsageException("registry needs a subcommand: verify, import, export or summary");
            string sub = args[0];
            if (sub is not ("verify" or "import" or "export" or "summary"))
                throw new UsageException($"unknown registry subcommand '{sub}'");
            var (positional, flags) = Split(args.AsSpan(1), "data", "actor");
            int maxPositional = sub is "import" or "export" ? 1 : 0;
            if (positional.Count > maxPositional)
                throw new UsageException($"unexpected argument '{positional[maxPositional]}'");
            if (sub == "import" && positional.Count == 0)
                throw new UsageException("registry import needs the CSV file to import");

            // A typo in --data must not silently create an empty registry.
            string db = Path.Combine(flags.Get("data") ?? StrajaServerOptions.Default.DataDirectory, "straja.db");
            if (!File.Exists(db))
                throw new IOException($"no registry database at {db} (use --data DIR)");
            try
            {
                using var store = new RegistryStore(db);
                var registry = new RegistryService(store);
                return sub switch
                {
                    "verify" => Verify(registry, stdout),
                    "import" => Import(registry, positional[0], flags.Get("actor") ?? Environment.UserName, clock, stderr, stderrIsTerminal, progressFromRows),
                    "export" => Export(registry, positional.Count == 0 ? "-" : positional[0], stdout),
                    _ => Summary(registry, stdout),
                };
            }
            catch (RegistryException e)
            {
                stderr.WriteLine($"straja registry: {e.Message}");
                return 1;
            }
            catch (Microsoft.Data.Sqlite.SqliteException e)
            {
                stderr.WriteLine($"straja registry: {db}: {e.Message}");
                return 2;
            }
        });

    private static int Verify(RegistryService registry, TextWriter stdout)
    {
        var v = registry.VerifyAudit();
        if (v.Ok)
        {
            stdout.WriteLine($"OK: {v.Count} audit records, head hash {v.HeadHash}");
            return 0;
        }

        stdout.WriteLine($"TAMPERED: first bad record {v.FirstBadId}: {v.Problem}");
        stdout.WriteLine($"the {v.Count} records before it are intact (last good hash {v.HeadHash})");
        return 1;
    }

    private static int Import(RegistryService registry, string path, string actor, TimeProvider clock, TextWriter stderr, bool terminal, int progressFromRows)
    {
        string text = File.ReadAllText(path, Encoding.UTF8);
        int rows = text.Count(c => c == '\n');
        var progress = rows >= progressFromRows ? new ImportProgress(stderr, terminal) : null;
        var result = registry.ImportCsv(new StringReader(text), new ChangeBy(actor, clock.GetUtcNow()), progress);
        progress?.Finish();
        if (!result.Ok)
        {
            foreach (var e in result.Errors)
                stderr.WriteLine(e.ToString());
            stderr.WriteLine($"straja registry: {path}: {result.Errors.Count} error(s); nothing was imported");
            return 1;
        }

        stderr.WriteLine($"straja registry: imported {result.Imported} units from {path}");
        return 0;
    }

    private static int Export(RegistryService registry, string target, TextWriter stdout)
    {
        if (target == "-")
        {
            registry.ExportCsv(stdout);
            return 0;
        }

        using var file = new StreamWriter(target, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        registry.ExportCsv(file);
        return 0;
    }

    private static int Summary(RegistryService registry, TextWriter stdout)
    {
        string[] header = ["month", "site", "model", "recipient", "produced", "accepted", "allocated", "delivered"];
        var rows = registry.Summary().Select(r => new[]
        {
            r.Month, r.SiteId, r.ModelId, r.Recipient ?? "-", Count(r.Produced), Count(r.Accepted), Count(r.Allocated), Count(r.Delivered),
        }).ToList();
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        // Text columns read left to right; the counts line up on their last digit.
        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => i < 4 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
        stdout.WriteLine(Line(header));
        foreach (var r in rows)
            stdout.WriteLine(Line(r));
        if (rows.Count == 0)
            stdout.WriteLine("(no units registered)");
        return 0;
    }

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>Separates positional arguments (files) from <c>--name value</c> flags.</summary>
    private static (List<string> Positional, Flags Flags) Split(ReadOnlySpan<string> args, params string[] known)
    {
        var positional = new List<string>();
        var flagArgs = new List<string>();
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                flagArgs.Add(args[i]);
                if (!args[i].Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                    flagArgs.Add(args[++i]);
            }
            else
            {
                positional.Add(args[i]);
            }
        }

        return (positional, Flags.Parse([.. flagArgs], known));
    }

    /// <summary>
    /// Import progress on stderr, reported synchronously (Progress&lt;T&gt; would post to the thread pool and could
    /// print out of order). A terminal gets one bar redrawn in place; a log file gets a line every 10 %.
    /// </summary>
    private sealed class ImportProgress(TextWriter stderr, bool terminal) : IProgress<int>
    {
        private const int BarWidth = 40;
        private int _lastTenth = -1;
        private bool _drawn;

        public void Report(int value)
        {
            int percent = Math.Clamp(value, 0, 100);
            if (terminal)
            {
                int filled = percent * BarWidth / 100;
                stderr.Write($"\rimporting [{new string('#', filled)}{new string('.', BarWidth - filled)}] {percent,3}%");
                _drawn = true;
                return;
            }

            int tenth = percent / 10;
            if (tenth <= _lastTenth)
                return;
            _lastTenth = tenth;
            stderr.WriteLine($"importing: {tenth * 10}%");
        }

        public void Finish()
        {
            if (_drawn)
                stderr.WriteLine();
        }
    }
}
