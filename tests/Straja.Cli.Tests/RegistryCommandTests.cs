using Microsoft.Data.Sqlite;
using Straja.Registry;

namespace Straja.Cli.Tests;

public sealed class RegistryCommandTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();
    private readonly StringWriter _out = new();
    private readonly StringWriter _err = new();

    public void Dispose() => _dir.Dispose();

    private static ChangeBy By(int minutes = 0) => new("registrar.ana", T0.AddMinutes(minutes));

    /// <summary>A data directory whose registry has a site, a model, a batch of 10 and <paramref name="units"/> units, the first accepted and allocated to PL.</summary>
    private string DataDir(string name, int units)
    {
        string data = Path.Combine(_dir.Path, name);
        using var store = new RegistryStore(Path.Combine(data, "straja.db"));
        var r = new RegistryService(store);
        r.AddSite(new ProductionSite("brasov-1", "Brasov line 1", ProductionCountry.RO, "JV"), By());
        r.AddModel(new DroneModel("hawk-4", "Hawk 4", DroneKind.Multirotor, 6.5, 45, [new RadioBand(2400, 2483.5)], true), By());
        r.AddBatch(new ProductionBatch("B-2026-01", "hawk-4", "brasov-1", new DateOnly(2026, 1, 15), 10), By());
        for (int i = 1; i <= units; i++)
            r.RegisterUnit(new NewUnit($"U{i:D4}", "B-2026-01", $"STRJ8{i:D8}", [new RadioIdentifier("wifi-mac", $"02:00:00:00:00:{i:X2}")]), By(1));
        if (units > 0)
        {
            r.Accept("U0001", "Popescu, Ion", By(2));
            r.Allocate("U0001", new Allocation("PL", "EXP-2026-0042", new DateOnly(2026, 12, 31), "EUC-PL-7781"), By(3));
        }

        return data;
    }

    private int Run(params string[] args) => Run(terminal: false, progressFromRows: 1000, args);

    private int Run(bool terminal, int progressFromRows, params string[] args) =>
        RegistryCommand.Run(args, _out, _err, terminal, new FixedClock(T0.AddDays(1)), progressFromRows);

    private static void Tamper(string data, string sql)
    {
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "straja.db"), Pooling = false }.ToString());
        db.Open();
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }

    private const string Header =
        "serial,model,batch,remoteIdSerial,radioIds,state,inspector,acceptedUtc,recipient,exportLicence,licenceExpiresOn,endUserCertificate,allocatedUtc,deliveredUtc,publicKey\n";

    [Fact]
    public void Verify_on_an_untouched_registry_prints_OK_with_count_and_head_hash()
    {
        string data = DataDir("fresh", units: 2);

        Assert.Equal(0, Run("verify", "--data", data));
        // site, model, batch, two registrations, acceptance, allocation
        Assert.Matches("^OK: 7 audit records, head hash [0-9a-f]{64}\n$", _out.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Verify_names_the_first_record_edited_directly_in_the_database_and_exits_1()
    {
        string data = DataDir("tampered", units: 2);
        Tamper(data, "UPDATE registry_audit SET payload = replace(payload, '\"PL\"', '\"RO\"') WHERE action = 'unit.allocated'");

        Assert.Equal(1, Run("verify", "--data", data));
        Assert.StartsWith("TAMPERED: first bad record 7: record 7 was altered", _out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_with_a_bad_row_names_line_and_field_exits_1_and_imports_nothing()
    {
        string data = DataDir("bad-import", units: 0);
        string csv = _dir.File("units.csv", Header
            + "U0001,hawk-4,B-2026-01,STRJ800000001,,produced,,,,,,,,,\n"
            + "U0002,hawk-4,B-2026-01,STRJ8OOPS,,produced,,,,,,,,,\n");

        Assert.Equal(1, Run("import", csv, "--data", data, "--actor", "registrar.ana"));
        Assert.StartsWith("line 3, field remoteIdSerial: ", _err.ToString(), StringComparison.Ordinal);
        Assert.Contains("nothing was imported", _err.ToString(), StringComparison.Ordinal);

        _out.GetStringBuilder().Clear();
        Assert.Equal(0, Run("export", "--data", data));
        Assert.Equal(Header, _out.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Export_then_import_into_an_empty_registry_then_export_gives_the_same_file()
    {
        string source = DataDir("source", units: 3);
        string target = DataDir("target", units: 0);
        string first = Path.Combine(_dir.Path, "first.csv"), second = Path.Combine(_dir.Path, "second.csv");

        Assert.Equal(0, Run("export", first, "--data", source));
        Assert.Equal(0, Run("import", first, "--data", target, "--actor", "registrar.ana"));
        Assert.Equal(0, Run("export", second, "--data", target));

        string text = File.ReadAllText(first);
        Assert.Equal(4, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"Popescu, Ion\"", text, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(second));
        Assert.Equal(0, Run("verify", "--data", target));
    }

    /// <summary>A CSV of three units exported from one registry, and a registry with their batch but no units.</summary>
    private (string Csv, string Target) ExportedUnitsAndEmptyRegistry(string tag)
    {
        string source = DataDir($"{tag}-source", units: 3);
        string csv = Path.Combine(_dir.Path, $"{tag}.csv");
        Assert.Equal(0, Run("export", csv, "--data", source));
        return (csv, DataDir($"{tag}-target", units: 0));
    }

    [Fact]
    public void Import_progress_is_a_percentage_line_every_tenth_when_stderr_is_not_a_terminal()
    {
        var (csv, target) = ExportedUnitsAndEmptyRegistry("progress");

        Assert.Equal(0, Run(terminal: false, progressFromRows: 0, "import", csv, "--data", target, "--actor", "a"));

        var percents = _err.ToString().Split('\n').Where(l => l.StartsWith("importing: ", StringComparison.Ordinal))
            .Select(l => int.Parse(l["importing: ".Length..].TrimEnd('%', '\r'), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(percents.Order().Distinct(), percents);
        Assert.All(percents, p => Assert.Equal(0, p % 10));
        Assert.Equal(100, percents[^1]);
    }

    [Fact]
    public void Import_progress_on_a_terminal_is_one_bar_redrawn_in_place()
    {
        var (csv, target) = ExportedUnitsAndEmptyRegistry("bar");

        Assert.Equal(0, Run(terminal: true, progressFromRows: 0, "import", csv, "--data", target, "--actor", "a"));

        string err = _err.ToString();
        Assert.Contains("\rimporting [" + new string('#', 40) + "] 100%", err, StringComparison.Ordinal);
        Assert.DoesNotContain("importing: ", err, StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_prints_an_aligned_table_with_a_row_per_month_site_model_and_recipient()
    {
        string data = DataDir("summary", units: 3);

        Assert.Equal(0, Run("summary", "--data", data));

        var lines = _out.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Matches(@"^month\s+site\s+model\s+recipient\s+produced\s+accepted\s+allocated\s+delivered$", lines[0]);
        Assert.Single(lines.Select(l => l.Length).Distinct());
        Assert.Contains(lines, l => l.StartsWith("2026-03", StringComparison.Ordinal) && l.Contains(" PL ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("2026-01", StringComparison.Ordinal));
    }

    [Fact]
    public void A_data_directory_without_a_registry_is_an_error_naming_it_and_creates_nothing()
    {
        string missing = Path.Combine(_dir.Path, "nowhere");

        Assert.Equal(2, Run("verify", "--data", missing));
        Assert.Contains(Path.Combine(missing, "straja.db"), _err.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }
}

/// <summary>The import's change time, as data.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
