namespace Straja.Registry;

/// <summary>
/// One cell group of the summary report. <see cref="Month"/> is "yyyy-MM" of the milestone counted (batch
/// production date for <see cref="Produced"/>, the event time for the others); <see cref="Recipient"/> is the
/// unit's current recipient (null until allocated), so a unit produced in January and allocated to PL in March
/// shows as produced in (January, PL) and allocated in (March, PL).
/// </summary>
public sealed record SummaryRow(string Month, string SiteId, string ModelId, string? Recipient, int Produced, int Accepted, int Allocated, int Delivered);

/// <summary>
/// A batch's counts, each cumulative and taken from the recorded evidence of each milestone (an acceptance
/// record, an allocation, a delivery time), not from the state column. Through the service the lifecycle keeps
/// quantity ≥ registered ≥ accepted ≥ allocated ≥ delivered; <see cref="Violations"/> lists every place a
/// direct edit of the data broke that.
/// </summary>
public sealed record BatchReconciliation(
    string BatchId, int Quantity, int Registered, int Accepted, int Allocated, int Delivered, IReadOnlyList<string> Violations)
{
    public bool Ok => Violations.Count == 0;

    internal static BatchReconciliation Of(ProductionBatch batch, IReadOnlyList<Unit> units)
    {
        int registered = units.Count;
        int accepted = units.Count(u => u.Acceptance is not null);
        int allocated = units.Count(u => u.Allocation is not null);
        int delivered = units.Count(u => u.DeliveredAt is not null);
        var violations = new List<string>();
        void Check(string more, int a, string than, int b)
        {
            if (a > b)
                violations.Add($"batch {batch.Id}: {a} {more} but only {b} {than}");
        }

        Check("units registered", registered, "produced (batch quantity)", batch.Quantity);
        Check("accepted", accepted, "registered", registered);
        Check("allocated", allocated, "accepted", accepted);
        Check("delivered", delivered, "allocated", allocated);
        return new BatchReconciliation(batch.Id, batch.Quantity, registered, accepted, allocated, delivered, violations);
    }
}

/// <summary>One refused CSV field: the 1-based file line (the header is line 1), the column name, and why.</summary>
public sealed record CsvError(int Line, string Field, string Message)
{
    public override string ToString() => $"line {Line}, field {Field}: {Message}";
}

/// <summary>Either every row was imported (<see cref="Errors"/> empty) or none was.</summary>
public sealed record CsvImportResult(int Imported, IReadOnlyList<CsvError> Errors)
{
    public bool Ok => Errors.Count == 0;
}
