namespace Straja.Registry.Tests;

public sealed class CsvTests : IDisposable
{
    private readonly RegistryFixture _f = new(batchQuantity: 10);

    public void Dispose() => _f.Dispose();

    private static string Csv(params string[] rows) => UnitCsv.Header + "\n" + string.Join("\n", rows) + "\n";

    private static string Produced(int n, string? remoteId = null) =>
        $"U{n:D4},hawk-4,B-2026-01,{remoteId ?? RegistryFixture.RemoteId(n)},wifi-mac=02:00:00:00:00:{n:X2},produced,,,,,,,,,";

    [Fact]
    public void A_valid_file_imports_every_row_and_audits_each_unit()
    {
        var progress = new List<int>();

        var result = _f.Service.ImportCsv(new StringReader(Csv(Produced(1), Produced(2), Produced(3))), RegistryFixture.By(), new SyncProgress(progress));

        Assert.True(result.Ok);
        Assert.Equal(3, result.Imported);
        Assert.Equal(3, _f.Service.Units().Count);
        Assert.Equal(3, _f.Service.Audit().Count(r => r.Action == "unit.imported"));
        Assert.Equal(100, progress[^1]);
        Assert.Equal(progress.Order().Distinct(), progress);
    }

    [Fact]
    public void A_bad_row_imports_nothing_and_names_its_line_and_field()
    {
        string csv = Csv(Produced(1), Produced(2, remoteId: "STRJ9OOPS"), Produced(3));

        var result = _f.Service.ImportCsv(new StringReader(csv), RegistryFixture.By());

        Assert.False(result.Ok);
        Assert.Equal(0, result.Imported);
        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("remoteIdSerial", error.Field);
        Assert.StartsWith("line 3, field remoteIdSerial: ", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_f.Service.Units());
        Assert.DoesNotContain(_f.Service.Audit(), r => r.Action == "unit.imported");
    }

    [Fact]
    public void Errors_against_the_registry_and_between_rows_are_all_reported()
    {
        _f.Register(7);
        string csv = Csv(
            Produced(1),
            Produced(1, RegistryFixture.RemoteId(2)),
            Produced(3, RegistryFixture.RemoteId(7)),
            "U0004,hawk-9,B-2026-01,STRJ800000004,,produced,,,,,,,,,",
            "U0005,hawk-4,B-2026-01,STRJ800000005,,allocated,qa,2026-03-01T00:00:00Z,UA,,,,2026-03-02T00:00:00Z,,AAAA",
            "U0006,hawk-4,B-2026-01,STRJ800000006,,produced,qa,,,,,,,,",
            "U0007,too,few");

        var result = _f.Service.ImportCsv(new StringReader(csv), RegistryFixture.By());

        Assert.Equal(
            ["3 serial", "4 remoteIdSerial", "5 model", "6 publicKey", "7 inspector", "8 row"],
            result.Errors.Select(e => $"{e.Line} {e.Field}"));
        Assert.Single(_f.Service.Units());
    }

    [Fact]
    public void An_imported_export_must_have_been_lawful()
    {
        string key = Convert.ToBase64String(new byte[32]);
        string csv = Csv($"U0001,hawk-4,B-2026-01,STRJ800000001,,allocated,qa,2026-03-01T00:00:00Z,CH,EXP-1,2027-01-01,EUC-1,2026-03-02T00:00:00Z,,{key}");

        var error = Assert.Single(_f.Service.ImportCsv(new StringReader(csv), RegistryFixture.By()).Errors);

        Assert.Equal((2, "recipient"), (error.Line, error.Field));
    }

    [Fact]
    public void Rows_beyond_the_batch_quantity_are_refused()
    {
        using var small = new RegistryFixture(batchQuantity: 2);

        var result = small.Service.ImportCsv(new StringReader(Csv(Produced(1), Produced(2), Produced(3))), RegistryFixture.By());

        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "batch"), (error.Line, error.Field));
    }

    [Fact]
    public void A_wrong_header_is_reported_on_line_1()
    {
        var result = _f.Service.ImportCsv(new StringReader("serial,model\nU1,hawk-4\n"), RegistryFixture.By());

        Assert.Equal((1, "header"), (result.Errors[0].Line, result.Errors[0].Field));
    }

    [Fact]
    public void Export_then_import_into_an_empty_registry_reproduces_every_unit()
    {
        _f.Advance(1, UnitState.InService, "PL");
        _f.Advance(2, UnitState.Allocated);
        _f.Advance(3, UnitState.Lost);
        _f.Register(4);
        _f.Service.Accept("U0004", "Popescu, Ion \"QA\"", RegistryFixture.By(7));
        var exported = new StringWriter();
        _f.Service.ExportCsv(exported);

        using var other = new RegistryFixture(batchQuantity: 10);
        var result = other.Service.ImportCsv(new StringReader(exported.ToString()), RegistryFixture.By());
        var again = new StringWriter();
        other.Service.ExportCsv(again);

        Assert.True(result.Ok, string.Join("; ", result.Errors));
        Assert.Equal(_f.Service.Units(), other.Service.Units());
        Assert.Equal(exported.ToString(), again.ToString());
    }

    /// <summary>Progress&lt;T&gt; posts to the thread pool; the test needs the reports in order, now.</summary>
    private sealed class SyncProgress(List<int> into) : IProgress<int>
    {
        public void Report(int value) => into.Add(value);
    }
}
