using System.Collections;
using System.Collections.Frozen;
using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Straja.Protocols.Sapient.Wire;

namespace Straja.Protocols.Sapient;

/// <summary>
/// Checks a decoded message against BSI Flex 335 v2.0 beyond what protobuf can: mandatory fields and
/// oneofs, UUID/ULID identifiers (all from the <c>(straja.sapient.rule)</c> annotations in the .proto),
/// enum values that are defined and, where mandatory, specified; the ICD version string; confidences in
/// [0, 1]; finite numbers; coordinates inside their coordinate system's range; valid timestamps.
/// </summary>
public static class SapientValidator
{
    /// <summary>The <c>icd_version</c> a v2.0 Registration must declare.</summary>
    public const string IcdVersion = "BSI Flex 335 v2.0";

    private sealed record FieldPlan(FieldDescriptor Field, FieldRule Rule);

    private sealed record MessagePlan(FieldPlan[] Fields, OneofDescriptor[] MandatoryOneofs);

    private static readonly FrozenDictionary<MessageDescriptor, MessagePlan> Plans = BuildPlans();

    // Fields whose value is a probability by the standard's definition.
    private static readonly FrozenSet<string> UnitIntervalFields =
        FrozenSet.ToFrozenSet(["confidence", "detection_confidence", "ranking"]);

    public static ValidationResult Validate(SapientMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var problems = new List<ValidationProblem>();
        Walk(message, "", problems);
        return problems.Count == 0 ? ValidationResult.Valid : new ValidationResult(problems);
    }

    /// <summary>
    /// The Error message a fusion node sends back for a message that failed <see cref="Validate"/>: the
    /// offending message's bytes and one line per broken rule naming the field. Addressed to the sender
    /// when its node_id is a UUID.
    /// </summary>
    public static SapientMessage ErrorFor(SapientMessage invalid, ValidationResult result, string fusionNodeId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        ArgumentNullException.ThrowIfNull(result);
        IEnumerable<string> reasons = result.IsValid ? ["message rejected"] : result.Problems.Select(p => p.ToString());
        string? destination = invalid.HasNodeId && SapientIds.IsUuid(invalid.NodeId) ? invalid.NodeId : null;
        return ErrorFor(invalid.ToByteArray(), reasons, fusionNodeId, destination, time);
    }

    /// <summary>The Error message for bytes that could not be decoded at all (see <see cref="SapientCodec.TryDecode"/>).</summary>
    public static SapientMessage ErrorFor(
        ReadOnlySpan<byte> packet, IEnumerable<string> reasons, string fusionNodeId, string? destinationNodeId, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(reasons);
        ArgumentException.ThrowIfNullOrEmpty(fusionNodeId);
        var error = new Error { Packet = ByteString.CopyFrom(packet) };
        error.ErrorMessage.AddRange(reasons);
        var message = new SapientMessage
        {
            Timestamp = Timestamp.FromDateTimeOffset(time),
            NodeId = fusionNodeId,
            Error = error,
        };
        if (destinationNodeId is not null)
        {
            message.DestinationId = destinationNodeId;
        }

        return message;
    }

    private static void Walk(IMessage message, string path, List<ValidationProblem> problems)
    {
        MessageDescriptor descriptor = message.Descriptor;
        if (message is Timestamp ts)
        {
            CheckTimestamp(ts, path, problems);
            return;
        }

        if (!Plans.TryGetValue(descriptor, out MessagePlan? plan))
        {
            return;
        }

        foreach (OneofDescriptor oneof in plan.MandatoryOneofs)
        {
            if (oneof.Accessor.GetCaseFieldDescriptor(message) is null)
            {
                problems.Add(new(Join(path, oneof.Name), "mandatory: one of " + string.Join(", ", oneof.Fields.Select(f => f.Name)) + " must be set"));
            }
        }

        foreach (FieldPlan fp in plan.Fields)
        {
            FieldDescriptor field = fp.Field;
            string fieldPath = Join(path, field.Name);
            if (field.IsRepeated)
            {
                var list = (IList)field.Accessor.GetValue(message);
                if (list.Count == 0 && fp.Rule.Mandatory)
                {
                    problems.Add(new(fieldPath, "mandatory: at least one element required"));
                }

                for (int i = 0; i < list.Count; i++)
                {
                    CheckValue(fp, list[i]!, $"{fieldPath}[{i.ToString(CultureInfo.InvariantCulture)}]", problems);
                }

                continue;
            }

            if (!IsSet(field, message))
            {
                if (fp.Rule.Mandatory)
                {
                    problems.Add(new(fieldPath, "mandatory field missing"));
                }

                continue;
            }

            CheckValue(fp, field.Accessor.GetValue(message), fieldPath, problems);
        }

        CheckSemantics(message, path, problems);
    }

    private static bool IsSet(FieldDescriptor field, IMessage message) =>
        field.HasPresence
            ? field.Accessor.HasValue(message)
            : field.Accessor.GetValue(message) switch
            {
                string s => s.Length > 0,
                ByteString b => !b.IsEmpty,
                int i => i != 0,
                _ => true,
            };

    private static void CheckValue(FieldPlan fp, object value, string path, List<ValidationProblem> problems)
    {
        FieldDescriptor field = fp.Field;
        switch (field.FieldType)
        {
            case FieldType.Message:
                Walk((IMessage)value, path, problems);
                break;
            case FieldType.Enum:
                int number = (int)value;
                if (field.EnumType.FindValueByNumber(number) is null)
                {
                    problems.Add(new(path, $"{number.ToString(CultureInfo.InvariantCulture)} is not a value of {field.EnumType.Name}"));
                }
                else if (number == 0 && fp.Rule.Mandatory)
                {
                    problems.Add(new(path, "mandatory: must not be " + field.EnumType.FindValueByNumber(0).Name));
                }

                break;
            case FieldType.String:
                string s = (string)value;
                if (fp.Rule.Mandatory && s.Length == 0)
                {
                    problems.Add(new(path, "mandatory: must not be empty"));
                }
                else if (fp.Rule.Ulid && !SapientIds.IsUlid(s))
                {
                    problems.Add(new(path, $"'{Clip(s)}' is not a ULID (26 Crockford base32 characters)"));
                }
                else if (fp.Rule.Uuid && !SapientIds.IsUuid(s))
                {
                    problems.Add(new(path, $"'{Clip(s)}' is not a UUID (8-4-4-4-12 hexadecimal)"));
                }

                break;
            case FieldType.Double or FieldType.Float:
                double d = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (!double.IsFinite(d))
                {
                    problems.Add(new(path, "must be a finite number"));
                }
                else if (UnitIntervalFields.Contains(field.Name) && d is < 0 or > 1)
                {
                    problems.Add(new(path, $"{d.ToString(CultureInfo.InvariantCulture)} is outside [0, 1]"));
                }

                break;
        }
    }

    private static void CheckSemantics(IMessage message, string path, List<ValidationProblem> problems)
    {
        switch (message)
        {
            case Registration r when r.HasIcdVersion && r.IcdVersion != IcdVersion:
                problems.Add(new(Join(path, "icd_version"), $"'{Clip(r.IcdVersion)}' is not '{IcdVersion}'"));
                break;
            case Location l:
                CheckLocation(l, path, problems);
                break;
            case RangeBearing rb:
                CheckRangeBearing(rb.CoordinateSystem, rb.HasRange ? rb.Range : null, rb.HasAzimuth ? rb.Azimuth : null, rb.HasElevation ? rb.Elevation : null, path, problems);
                break;
            case RangeBearingCone c:
                CheckRangeBearing(c.CoordinateSystem, c.HasRange ? c.Range : null, c.HasAzimuth ? c.Azimuth : null, c.HasElevation ? c.Elevation : null, path, problems);
                break;
        }
    }

    private static void CheckLocation(Location l, string path, List<ValidationProblem> problems)
    {
        // x is longitude and y latitude by the standard; UTM eastings/northings are only required to be finite,
        // because valid upstream samples carry degrees under a UTM label and no zone check can tell.
        double? halfTurn = l.CoordinateSystem switch
        {
            LocationCoordinateSystem.LatLngDegM => 180.0,
            LocationCoordinateSystem.LatLngRadM => Math.PI,
            _ => null,
        };
        if (halfTurn is not { } h)
        {
            return;
        }

        if (l.HasX && Math.Abs(l.X) > h)
        {
            problems.Add(new(Join(path, "x"), $"longitude {l.X.ToString(CultureInfo.InvariantCulture)} outside ±{h.ToString(CultureInfo.InvariantCulture)}"));
        }

        if (l.HasY && Math.Abs(l.Y) > h / 2)
        {
            problems.Add(new(Join(path, "y"), $"latitude {l.Y.ToString(CultureInfo.InvariantCulture)} outside ±{(h / 2).ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    private static void CheckRangeBearing(
        RangeBearingCoordinateSystem system, double? range, double? azimuth, double? elevation, string path, List<ValidationProblem> problems)
    {
        double fullTurn = system is RangeBearingCoordinateSystem.RadiansM or RangeBearingCoordinateSystem.RadiansKm ? 2 * Math.PI : 360.0;
        if (range is < 0)
        {
            problems.Add(new(Join(path, "range"), "must not be negative"));
        }

        if (azimuth is { } az && Math.Abs(az) > fullTurn)
        {
            problems.Add(new(Join(path, "azimuth"), $"{az.ToString(CultureInfo.InvariantCulture)} is more than a full turn"));
        }

        if (elevation is { } el && Math.Abs(el) > fullTurn / 4)
        {
            problems.Add(new(Join(path, "elevation"), $"{el.ToString(CultureInfo.InvariantCulture)} is beyond the vertical"));
        }
    }

    private static void CheckTimestamp(Timestamp ts, string path, List<ValidationProblem> problems)
    {
        // The range proto3 JSON can express: 0001-01-01 to 9999-12-31.
        if (ts.Seconds is < -62_135_596_800 or > 253_402_300_799 || ts.Nanos is < 0 or > 999_999_999)
        {
            problems.Add(new(path, "not a valid timestamp"));
        }
    }

    private static FrozenDictionary<MessageDescriptor, MessagePlan> BuildPlans()
    {
        var plans = new Dictionary<MessageDescriptor, MessagePlan>();
        foreach (MessageDescriptor m in SapientReflection.Descriptor.MessageTypes)
        {
            Add(m, plans);
        }

        return plans.ToFrozenDictionary();
    }

    private static void Add(MessageDescriptor m, Dictionary<MessageDescriptor, MessagePlan> plans)
    {
        FieldPlan[] fields = m.Fields.InDeclarationOrder()
            .Select(f => new FieldPlan(f, f.GetOptions()?.GetExtension(SapientRulesExtensions.Rule) ?? new FieldRule()))
            .ToArray();
        OneofDescriptor[] oneofs = m.Oneofs
            .Where(o => !o.IsSynthetic && o.GetOptions()?.GetExtension(SapientRulesExtensions.OneofRule)?.Mandatory == true)
            .ToArray();
        plans[m] = new MessagePlan(fields, oneofs);
        foreach (MessageDescriptor nested in m.NestedTypes)
        {
            Add(nested, plans);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    private static string Clip(string s) => s.Length <= 40 ? s : s[..40] + "…";
}
