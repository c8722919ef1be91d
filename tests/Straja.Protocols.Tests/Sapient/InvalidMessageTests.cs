using System.Buffers;
using Straja.Protocols.Sapient;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Tests.Sapient;

public sealed class InvalidMessageTests
{
    public static TheoryData<string> Invalid => SapientVectors.Names("invalid_messages");

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_vector_is_rejected_by_the_json_reader_or_the_validator(string name)
    {
        var v = SapientVectors.Get("invalid_messages", name);
        byte[]? bytes = SapientVectors.Hex(v, "protobuf_hex");
        bool parsed = SapientCodec.TryParseJson(SapientVectors.MessageJson(v), out SapientMessage? fromJson, out string? jsonError);
        if (bytes is null)
        {
            Assert.False(parsed);
            Assert.False(string.IsNullOrWhiteSpace(jsonError));
            return;
        }

        Assert.True(parsed, jsonError);
        Assert.Equal(bytes, SapientCodec.Encode(fromJson!));
        Assert.Equal(OperationStatus.Done, SapientCodec.TryDecode(bytes, out SapientMessage? decoded, out _));

        ValidationResult result = SapientValidator.Validate(decoded!);

        Assert.False(result.IsValid, $"{name} passed validation");
        string reason = v.GetProperty("reason_from_filename").GetString()!;
        Assert.True(result.Problems.Any(p => NamesTheField(p, reason)), $"{reason} is not named by: {result}");
    }

    /// <summary>
    /// The upstream file name says which field is wrong ("AssociatedDetection.ObjectId.Missing"): the
    /// last field word before the verdict, in snake_case, must be in a reported path.
    /// </summary>
    internal static bool NamesTheField(ValidationProblem problem, string reason) =>
        problem.FieldPath.Contains(ExpectedField(reason), StringComparison.OrdinalIgnoreCase);

    // Where the file name's word is not the field's name in the schema.
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["dependant_nodes"] = "dependent_nodes", // upstream spelling in the file names
        ["task_definition"] = "task",            // ModeDefinition.task holds the TaskDefinition
    };

    internal static string ExpectedField(string reason)
    {
        string[] verdicts = ["Missing", "Error", "Empty", "Invalid", "Wrong", "json"];
        string last = reason.Split('.', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !verdicts.Contains(w) && !w.StartsWith("For", StringComparison.Ordinal))
            .Last();
        last = last.EndsWith("Missing", StringComparison.Ordinal) ? last[..^"Missing".Length] : last;
        string snake = Snake(last.TrimEnd('0', '1', '2', '3', '4', '5', '6', '7', '8', '9'));
        return Aliases.GetValueOrDefault(snake, snake);
    }

    // AssociatedDetection -> associated_detection, URL -> url, DockClass -> dock_class.
    private static string Snake(string word)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < word.Length; i++)
        {
            if (i > 0 && char.IsUpper(word[i]) && char.IsLower(word[i - 1]))
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(word[i]));
        }

        return sb.ToString();
    }

    [Theory]
    [InlineData("AssociatedDetection.ObjectId.Missing", "object_id")]
    [InlineData("Alert.File.URL", "url")]
    [InlineData("Registration.SubClass.Level.subClass.LevelMissing", "level")]
    [InlineData("ClassDefinition.Type.ForSub.Missing", "type")]
    [InlineData("DependantNodes.Error", "dependent_nodes")]
    public void Reason_from_file_name_points_at_the_schema_field(string reason, string field) =>
        Assert.Equal(field, ExpectedField(reason));
}
