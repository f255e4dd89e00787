using System.Text.Json;

namespace Nimbus.DynamoDb.Model;

/// <summary>
/// Reads AttributeValues from request JSON with DynamoDB's validation: exactly one type descriptor, NULL must be
/// true, sets non-empty and without duplicates, numbers in range. Messages are AWS's.
/// </summary>
internal static class AttributeValueReader
{
    public static Dictionary<string, AttributeValue> ReadItem(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw DynamoDbErrors.Serialization("Start of structure or map found where not expected.");
        }
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            item[property.Name] = Read(property.Value);
        }
        return item;
    }

    public static AttributeValue Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw DynamoDbErrors.Serialization("Unexpected value type in payload");
        }
        AttributeValue? value = null;
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }
            count++;
            value = ReadTyped(property.Name, property.Value);
        }
        if (count == 0 || value is null)
        {
            throw DynamoDbErrors.Validation("Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (count > 1)
        {
            throw DynamoDbErrors.Validation("Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        return value;
    }

    private static AttributeValue ReadTyped(string type, JsonElement v)
    {
        switch (type)
        {
            case "S":
                return AttributeValue.String(Text(v));
            case "N":
                return AttributeValue.Number(Number(Text(v)));
            case "B":
                return AttributeValue.Binary(Bytes(v));
            case "BOOL":
                return v.ValueKind switch
                {
                    JsonValueKind.True => AttributeValue.True,
                    JsonValueKind.False => AttributeValue.False,
                    _ => throw DynamoDbErrors.Serialization("Unexpected value type in payload"),
                };
            case "NULL":
                if (v.ValueKind != JsonValueKind.True)
                {
                    throw DynamoDbErrors.InvalidParameter("Null attribute value types must have the value of true");
                }
                return AttributeValue.Null;
            case "SS":
            {
                var values = Array(v, "string").Select(Text).ToList();
                NoDuplicates(values, values.Distinct(StringComparer.Ordinal).Count(), s => s);
                return AttributeValue.StringSet(values);
            }
            case "NS":
            {
                var texts = Array(v, "number").Select(Text).ToList();
                var values = texts.Select(Number).ToList();
                NoDuplicates(texts, values.Distinct().Count(), s => s);
                return AttributeValue.NumberSet(values);
            }
            case "BS":
            {
                var values = Array(v, "binary").Select(Bytes).ToList();
                NoDuplicates(values, values.Select(Convert.ToBase64String).Distinct(StringComparer.Ordinal).Count(), Convert.ToBase64String);
                return AttributeValue.BinarySet(values);
            }
            case "L":
                if (v.ValueKind != JsonValueKind.Array)
                {
                    throw DynamoDbErrors.Serialization("Unexpected value type in payload");
                }
                return AttributeValue.List(v.EnumerateArray().Select(Read).ToList());
            case "M":
                return AttributeValue.Map(ReadItem(v));
            default:
                throw DynamoDbErrors.Serialization($"Unknown AttributeValue type: {type}");
        }
    }

    public static DynamoNumber Number(string text)
    {
        var number = DynamoNumber.TryParse(text) ?? throw DynamoDbErrors.Validation("A value provided cannot be converted into a number");
        if (number.Validate() is { } error)
        {
            throw DynamoDbErrors.Validation(error);
        }
        return number;
    }

    private static string Text(JsonElement v) => v.ValueKind == JsonValueKind.String
        ? v.GetString()!
        : throw DynamoDbErrors.Serialization("Unexpected value type in payload");

    private static byte[] Bytes(JsonElement v)
    {
        try
        {
            return Convert.FromBase64String(Text(v));
        }
        catch (FormatException)
        {
            throw DynamoDbErrors.Serialization("Base64 encoded length is expected a multiple of 4 bytes but found: " + Text(v).Length);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement v, string kind)
    {
        if (v.ValueKind != JsonValueKind.Array)
        {
            throw DynamoDbErrors.Serialization("Unexpected value type in payload");
        }
        if (v.GetArrayLength() == 0)
        {
            // AWS's wording, double space included.
            throw DynamoDbErrors.InvalidParameter($"An {kind} set  may not be empty");
        }
        return v.EnumerateArray();
    }

    private static void NoDuplicates<T>(List<T> values, int distinct, Func<T, string> show)
    {
        if (distinct != values.Count)
        {
            throw DynamoDbErrors.InvalidParameter($"Input collection [{string.Join(", ", values.Select(show))}] contains duplicates.");
        }
    }
}
