namespace Straja.Protocols.Sapient;

/// <summary>One rule a message broke: where (proto field path, e.g. <c>detection_report.classification[0].confidence</c>) and why.</summary>
public sealed record ValidationProblem(string FieldPath, string Reason)
{
    public override string ToString() => $"{FieldPath}: {Reason}";
}

/// <summary>Every rule a message broke, in field order; empty when the message is valid.</summary>
public sealed record ValidationResult(IReadOnlyList<ValidationProblem> Problems)
{
    public static ValidationResult Valid { get; } = new([]);

    public bool IsValid => Problems.Count == 0;

    public override string ToString() => IsValid ? "valid" : string.Join("; ", Problems);
}
