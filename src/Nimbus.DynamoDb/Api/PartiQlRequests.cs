using System.Text.Json;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.PartiQl;

namespace Nimbus.DynamoDb.Api;

/// <summary>Request members the PartiQL operations share: a statement with its parameters, and the NextToken.</summary>
internal static class PartiQlRequests
{
    private const int MaxStatementLength = 8192;

    public static PartiQlRequest Statement(JsonElement element)
    {
        var statement = element.RequiredString("Statement");
        if (statement.Length is 0 or > MaxStatementLength)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value at 'statement' failed to satisfy constraint: Member must have length {(statement.Length == 0 ? "greater than or equal to 1" : "less than or equal to 8192")}");
        }
        if (element.Member("Parameters") is { ValueKind: JsonValueKind.Array } parameters && parameters.GetArrayLength() == 0)
        {
            throw DynamoDbErrors.Validation("1 validation error detected: Value '[]' at 'parameters' failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        var onFailure = element.OptionalString("ReturnValuesOnConditionCheckFailure") switch
        {
            null or "NONE" => false,
            "ALL_OLD" => true,
            var other => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{other}' at 'returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]"),
        };
        return new PartiQlRequest(statement, element.Array("Parameters").Select(AttributeValueReader.Read).ToList(),
            element.OptionalBool("ConsistentRead") ?? false, onFailure);
    }

    /// <summary>NextToken is the LastEvaluatedKey where a SELECT stopped, as base64 of its JSON.</summary>
    public static string NextToken(IReadOnlyDictionary<string, AttributeValue> lastKey) => Convert.ToBase64String(AttributeValueWriter.ItemToBytes(lastKey));

    public static IReadOnlyDictionary<string, AttributeValue>? StartKey(JsonElement input)
    {
        if (input.OptionalString("NextToken") is not { } token)
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(token));
            return AttributeValueReader.ReadItem(document.RootElement);
        }
        catch (Exception error) when (error is FormatException or JsonException or Nimbus.Core.AwsServiceException)
        {
            throw DynamoDbErrors.Validation("The provided starting key is invalid: Invalid NextToken");
        }
    }

    public static void Items(Utf8JsonWriter json, IEnumerable<IReadOnlyDictionary<string, AttributeValue>?> items)
    {
        json.WriteStartArray("Items");
        foreach (var item in items)
        {
            if (item is not null)
            {
                AttributeValueWriter.WriteItem(json, item);
            }
        }
        json.WriteEndArray();
    }
}
