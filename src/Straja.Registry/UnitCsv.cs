using System.Globalization;
using System.Text;

namespace Straja.Registry;

/// <summary>
/// The unit CSV format (RFC 4180 quoting, one record per line, UTF-8, header required):
/// serial,model,batch,remoteIdSerial,radioIds,state,inspector,acceptedUtc,recipient,exportLicence,
/// licenceExpiresOn,endUserCertificate,allocatedUtc,deliveredUtc,publicKey.
/// Times are ISO 8601 UTC, dates yyyy-MM-dd, radioIds "kind=value;kind=value", state one of the lifecycle
/// names (produced … decommissioned), publicKey base64 of the 32-byte Ed25519 key. Fields of milestones the
/// unit has not reached must be empty; those it has reached must be filled.
/// </summary>
public static class UnitCsv
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "serial", "model", "batch", "remoteIdSerial", "radioIds", "state", "inspector", "acceptedUtc", "recipient",
        "exportLicence", "licenceExpiresOn", "endUserCertificate", "allocatedUtc", "deliveredUtc", "publicKey",
    ];

    public static string Header => string.Join(',', Columns);

    internal sealed record Row(int Line, Unit Unit);

    public static void Write(TextWriter csv, IEnumerable<Unit> units)
    {
        csv.Write(Header);
        csv.Write('\n');
        foreach (var u in units)
        {
            string?[] fields =
            [
                u.Serial, u.ModelId, u.BatchId, u.RemoteIdSerial, RadioIdentifiers.Format(u.RadioIdentifiers), Lifecycle.Name(u.State),
                u.Acceptance?.Inspector, u.Acceptance is { } a ? AuditChain.FormatTime(a.At) : null,
                u.Allocation?.Recipient, u.Allocation?.ExportLicence,
                u.Allocation?.LicenceExpiresOn is { } d ? RegistryStore.FormatDate(d) : null, u.Allocation?.EndUserCertificate,
                u.AllocatedAt is { } al ? AuditChain.FormatTime(al) : null, u.DeliveredAt is { } de ? AuditChain.FormatTime(de) : null,
                u.PublicKey is { } k ? Convert.ToBase64String(k) : null,
            ];
            csv.Write(string.Join(',', fields.Select(Quote)));
            csv.Write('\n');
        }
    }

    private static string Quote(string? field) =>
        field is null ? ""
        : field.AsSpan().IndexOfAny(",\"") >= 0 || (field.Length > 0 && (field[0] == ' ' || field[^1] == ' '))
            ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : field;

    /// <summary>Parses and checks every row on its own (format and lifecycle consistency).</summary>
    internal static (List<Row> Rows, List<CsvError> Errors) Read(TextReader csv)
    {
        var rows = new List<Row>();
        var errors = new List<CsvError>();
        string? header = csv.ReadLine();
        if (header is null || header.TrimStart('\uFEFF') != Header)
        {
            errors.Add(new CsvError(1, "header", $"expected the header \"{Header}\""));
            return (rows, errors);
        }

        int line = 1;
        for (string? text = csv.ReadLine(); text is not null; text = csv.ReadLine())
        {
            line++;
            if (text.Length == 0)
                continue;
            var fields = Split(text, out string? splitProblem);
            if (fields is null)
                errors.Add(new CsvError(line, "row", splitProblem!));
            else if (fields.Count != Columns.Count)
                errors.Add(new CsvError(line, "row", $"has {fields.Count} fields; the header has {Columns.Count}"));
            else if (ParseRow(line, fields, errors) is { } unit)
                rows.Add(new Row(line, unit));
        }

        return (rows, errors);
    }

    /// <summary>Checks parsed rows against the registry and each other: references, uniqueness, batch quantity, allocation rules.</summary>
    internal static List<CsvError> CheckAgainst(IReadOnlyList<Row> rows, RegistryStore store, IProgress<int>? progress)
    {
        var errors = new List<CsvError>();
        var members = store.Members();
        var batches = store.Batches().ToDictionary(b => b.Id, StringComparer.Ordinal);
        var perBatch = new Dictionary<string, int>(StringComparer.Ordinal);
        var serials = new Dictionary<string, int>(StringComparer.Ordinal);
        var remoteIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < rows.Count; i++)
        {
            var (line, u) = rows[i];
            if (!batches.TryGetValue(u.BatchId, out var batch))
            {
                errors.Add(new CsvError(line, "batch", $"batch {u.BatchId} is not registered"));
            }
            else
            {
                if (batch.ModelId != u.ModelId)
                    errors.Add(new CsvError(line, "model", $"unit {u.Serial} says model {u.ModelId} but batch {batch.Id} produced {batch.ModelId}"));
                int count = perBatch.TryGetValue(batch.Id, out int c) ? c + 1 : store.CountUnits(batch.Id) + 1;
                perBatch[batch.Id] = count;
                if (count > batch.Quantity)
                    errors.Add(new CsvError(line, "batch", $"unit {u.Serial} would be unit {count} of batch {batch.Id}, which produced {batch.Quantity}"));
            }

            if (store.Unit(u.Serial) is not null)
                errors.Add(new CsvError(line, "serial", $"unit {u.Serial} already exists"));
            else if (!serials.TryAdd(u.Serial, line))
                errors.Add(new CsvError(line, "serial", $"unit {u.Serial} is also on line {serials[u.Serial]}"));
            if (store.UnitByRemoteId(u.RemoteIdSerial) is { } other)
                errors.Add(new CsvError(line, "remoteIdSerial", $"Remote ID {u.RemoteIdSerial} already belongs to unit {other.Serial}"));
            else if (!remoteIds.TryAdd(u.RemoteIdSerial, line))
                errors.Add(new CsvError(line, "remoteIdSerial", $"Remote ID {u.RemoteIdSerial} is also on line {remoteIds[u.RemoteIdSerial]}"));

            // An imported allocation must have been lawful when made, and its delivery lawful when delivered.
            if (u.Allocation is { } a)
            {
                var at = u.DeliveredAt ?? u.AllocatedAt!.Value;
                if (AllocationRules.Problem(a, members, DateOnly.FromDateTime(at.UtcDateTime)) is { } p)
                    errors.Add(new CsvError(line, p.Field, p.Message));
            }

            progress?.Report(50 * (i + 1) / rows.Count);
        }

        return errors;
    }

    private static Unit? ParseRow(int line, IReadOnlyList<string> f, List<CsvError> errors)
    {
        int before = errors.Count;
        string Field(string name) => f[IndexOf(name)];
        void Error(string field, string message) => errors.Add(new CsvError(line, field, message));
        void Id(string name)
        {
            if (Validation.IdProblem(Field(name)) is { } p)
                Error(name, p);
        }

        Id("serial");
        Id("model");
        Id("batch");
        if (Validation.RemoteIdSerialProblem(Field("remoteIdSerial")) is { } ridProblem)
            Error("remoteIdSerial", ridProblem);
        var radio = RadioIdentifiers.Parse(Field("radioIds"), out string? radioProblem);
        if (radioProblem is not null)
            Error("radioIds", radioProblem);
        if (!Lifecycle.TryParse(Field("state"), out var state))
            Error("state", $"\"{Field("state")}\" is not one of {string.Join(", ", Enum.GetValues<UnitState>().Select(Lifecycle.Name))}");

        // Which fields must be present follows from the milestones the state implies.
        bool accepted = Lifecycle.HasReached(state, UnitState.Accepted);
        bool allocated = Lifecycle.HasReached(state, UnitState.Allocated);
        bool delivered = Lifecycle.HasReached(state, UnitState.Delivered);
        // reached: the unit has passed the milestone this field belongs to; required: the milestone needs it filled.
        string? Text(string name, bool reached, bool required = true)
        {
            string v = Field(name);
            if (v.Length == 0)
            {
                if (reached && required)
                    Error(name, $"is required for a unit that is {Lifecycle.Name(state)}");
                return null;
            }

            if (!reached)
                Error(name, $"must be empty for a unit that is {Lifecycle.Name(state)}");
            else if (v.Any(char.IsControl))
                Error(name, "contains control characters");
            return reached ? v : null;
        }

        DateTimeOffset? Time(string name, bool required)
        {
            if (Text(name, required) is not { } v)
                return null;
            if (DateTimeOffset.TryParseExact(v, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
                return t;
            Error(name, $"\"{v}\" is not an ISO 8601 UTC time like 2026-03-01T09:30:00Z");
            return null;
        }

        string? inspector = Text("inspector", accepted);
        var acceptedAt = Time("acceptedUtc", accepted);
        string? recipient = Text("recipient", allocated);
        // Licence papers are optional here: whether an export needs them is an allocation rule, checked with the members list.
        string? licence = Text("exportLicence", allocated, required: false);
        DateOnly? expires = null;
        if (Text("licenceExpiresOn", allocated, required: false) is { } exp)
        {
            if (DateOnly.TryParseExact(exp, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                expires = d;
            else
                Error("licenceExpiresOn", $"\"{exp}\" is not a date like 2027-12-31");
        }

        string? euc = Text("endUserCertificate", allocated, required: false);
        var allocatedAt = Time("allocatedUtc", allocated);
        var deliveredAt = Time("deliveredUtc", delivered);
        byte[]? key = null;
        if (Text("publicKey", accepted) is { } keyText)
        {
            try
            {
                key = Convert.FromBase64String(keyText);
            }
            catch (FormatException)
            {
                key = [];
            }

            if (key.Length != Ed25519.PublicKeyBytes)
                Error("publicKey", "must be the base64 of a 32-byte Ed25519 public key");
        }

        if (acceptedAt > allocatedAt)
            Error("allocatedUtc", "is before acceptedUtc");
        if (allocatedAt > deliveredAt)
            Error("deliveredUtc", "is before allocatedUtc");
        if (errors.Count > before)
            return null;
        return new Unit(
            Field("serial"), Field("model"), Field("batch"), Field("remoteIdSerial"), radio!, state,
            inspector is null ? null : new Acceptance(inspector, acceptedAt!.Value),
            recipient is null ? null : new Allocation(recipient, licence, expires, euc),
            key, allocatedAt, deliveredAt);
    }

    private static int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (Columns[i] == column)
                return i;
        }

        throw new ArgumentException($"no column {column}", nameof(column));
    }

    /// <summary>RFC 4180 fields of one line; null (with the reason) on an unterminated or misplaced quote.</summary>
    private static List<string>? Split(string line, out string? problem)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (true)
        {
            field.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        problem = $"field {fields.Count + 1} has an unterminated quote (fields may not span lines)";
                        return null;
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i++]);
                }

                if (i < line.Length && line[i] != ',')
                {
                    problem = $"field {fields.Count + 1} has text after its closing quote";
                    return null;
                }
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0)
                    end = line.Length;
                field.Append(line, i, end - i);
                i = end;
            }

            fields.Add(field.ToString());
            if (i >= line.Length)
                break;
            i++; // the comma
        }

        problem = null;
        return fields;
    }
}
