using System.Text.Json;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>Reads members of a request object with the model's type checks and AWS's "must not be null" errors.</summary>
internal static class Input
{
    public static JsonElement? Member(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    public static string RequiredString(this JsonElement element, string name) =>
        element.OptionalString(name) ?? throw Missing(name);

    public static string? OptionalString(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        _ => throw WrongType(name),
    };

    public static long? OptionalLong(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var n) => n,
        _ => throw WrongType(name),
    };

    public static int? OptionalInt(this JsonElement element, string name) => element.OptionalLong(name) is { } n
        ? (int)Math.Clamp(n, int.MinValue, int.MaxValue)
        : null;

    public static bool? OptionalBool(this JsonElement element, string name) => element.Member(name) switch
    {
        null => null,
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        _ => throw WrongType(name),
    };

    public static IEnumerable<JsonElement> Array(this JsonElement element, string name) => element.Member(name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Array } value => value.EnumerateArray(),
        _ => throw WrongType(name),
    };

    public static IEnumerable<JsonProperty> Object(this JsonElement element, string name) => element.Member(name) switch
    {
        null => [],
        { ValueKind: JsonValueKind.Object } value => value.EnumerateObject(),
        _ => throw WrongType(name),
    };

    public static Dictionary<string, AttributeValue> RequiredItem(this JsonElement element, string name) =>
        element.Member(name) is { } value ? AttributeValueReader.ReadItem(value) : throw Missing(name);

    public static Dictionary<string, AttributeValue>? OptionalItem(this JsonElement element, string name) =>
        element.Member(name) is { } value ? AttributeValueReader.ReadItem(value) : null;

    public static Dictionary<string, string> StringMap(this JsonElement element, string name) =>
        element.Object(name).ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : throw WrongType(name), StringComparer.Ordinal);

    /// <summary>AWS names the member in lower camel case in validation messages ("tableName").</summary>
    public static Nimbus.Core.AwsServiceException Missing(string name) =>
        DynamoDbErrors.Validation($"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0]) + name[1..]}' failed to satisfy constraint: Member must not be null");

    private static Nimbus.Core.AwsServiceException WrongType(string name) =>
        DynamoDbErrors.Serialization($"Unexpected value type in payload for member {name}");
}
