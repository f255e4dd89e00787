using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Service;

/// <summary>Turns requested key schemas and indexes into definitions, with CreateTable's validations.</summary>
internal static class SchemaValidator
{
    public static IReadOnlyDictionary<string, AttributeKind> Attributes(IReadOnlyDictionary<string, string> definitions)
    {
        var result = new Dictionary<string, AttributeKind>(StringComparer.Ordinal);
        foreach (var (name, type) in definitions)
        {
            result[name] = type switch
            {
                "S" => AttributeKind.S,
                "N" => AttributeKind.N,
                "B" => AttributeKind.B,
                _ => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{type}' at 'attributeDefinitions.1.member.attributeType' failed to satisfy constraint: Member must satisfy enum value set: [B, N, S]"),
            };
        }
        return result;
    }

    public static KeySchema Key(IReadOnlyList<KeySchemaElement> elements, IReadOnlyDictionary<string, AttributeKind> attributes, string where)
    {
        if (elements.Count is 0 or > 2)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '[{string.Join(", ", elements.Select(e => e.AttributeName))}]' at '{where}' failed to satisfy constraint: Member must have length less than or equal to 2");
        }
        foreach (var element in elements)
        {
            if (element.KeyType is not ("HASH" or "RANGE"))
            {
                throw DynamoDbErrors.Validation($"1 validation error detected: Value '{element.KeyType}' at '{where}.1.member.keyType' failed to satisfy constraint: Member must satisfy enum value set: [HASH, RANGE]");
            }
        }
        if (elements[0].KeyType != "HASH")
        {
            throw DynamoDbErrors.Validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (elements.Count == 2 && elements[1].KeyType != "RANGE")
        {
            throw DynamoDbErrors.Validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (elements.Count == 2 && elements[0].AttributeName == elements[1].AttributeName)
        {
            throw DynamoDbErrors.Validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        var missing = elements.Where(e => !attributes.ContainsKey(e.AttributeName)).Select(e => e.AttributeName).ToList();
        if (missing.Count > 0)
        {
            throw DynamoDbErrors.InvalidParameter($"Some index key attributes are not defined in AttributeDefinitions. Keys: [{string.Join(", ", missing)}], AttributeDefinitions: [{string.Join(", ", attributes.Keys)}]");
        }
        var hash = new KeyAttribute(elements[0].AttributeName, attributes[elements[0].AttributeName]);
        var range = elements.Count == 2 ? new KeyAttribute(elements[1].AttributeName, attributes[elements[1].AttributeName]) : null;
        return new KeySchema(hash, range);
    }

    public static IndexDefinition Index(IndexSpec spec, bool global, KeySchema tableKey, IReadOnlyDictionary<string, AttributeKind> attributes, string billingMode)
    {
        if (spec.Name.Length is < 3 or > 255)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{spec.Name}' at 'indexName' failed to satisfy constraint: Member must have length greater than or equal to 3");
        }
        var key = Key(spec.KeySchema, attributes, global ? "globalSecondaryIndexes.1.member.keySchema" : "localSecondaryIndexes.1.member.keySchema");
        if (!global)
        {
            if (tableKey.Range is null)
            {
                throw DynamoDbErrors.InvalidParameter("Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (key.Hash.Name != tableKey.Hash.Name || key.Range is null)
            {
                throw DynamoDbErrors.InvalidParameter($"Index KeySchema does not have the same leading hash key as table KeySchema for index: {spec.Name}. index hash key: {key.Hash.Name}, table hash key: {tableKey.Hash.Name}");
            }
        }
        var projection = spec.ProjectionType ?? throw DynamoDbErrors.InvalidParameter($"Unknown ProjectionType: null");
        if (projection is not ("ALL" or "KEYS_ONLY" or "INCLUDE"))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{projection}' at 'projection.projectionType' failed to satisfy constraint: Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
        }
        var nonKey = spec.NonKeyAttributes ?? [];
        if (projection == "INCLUDE" && nonKey.Count == 0)
        {
            throw DynamoDbErrors.InvalidParameter("ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
        }
        if (projection != "INCLUDE" && nonKey.Count > 0)
        {
            throw DynamoDbErrors.InvalidParameter($"ProjectionType is {projection}, but NonKeyAttributes is specified");
        }
        if (global && billingMode == "PROVISIONED" && (spec.ReadCapacityUnits is null || spec.WriteCapacityUnits is null))
        {
            throw DynamoDbErrors.InvalidParameter($"ProvisionedThroughput is not specified for index: {spec.Name}");
        }
        if (global && billingMode == "PAY_PER_REQUEST" && (spec.ReadCapacityUnits is not null || spec.WriteCapacityUnits is not null))
        {
            throw DynamoDbErrors.InvalidParameter($"ProvisionedThroughput should not be specified for index: {spec.Name} when BillingMode is PAY_PER_REQUEST");
        }
        return new IndexDefinition
        {
            Name = spec.Name,
            Key = key,
            IsGlobal = global,
            ProjectionType = projection,
            NonKeyAttributes = nonKey,
            ReadCapacityUnits = spec.ReadCapacityUnits ?? 0,
            WriteCapacityUnits = spec.WriteCapacityUnits ?? 0,
        };
    }

    /// <summary>A table (or backup) name: 3–255 characters of [a-zA-Z0-9_.-]; <paramref name="member"/> names it in the message.</summary>
    public static void TableName(string name, string member = "tableName")
    {
        if (name.Length < 3)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must have length greater than or equal to 3");
        }
        if (name.Length > 255)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must have length less than or equal to 255");
        }
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
    }

    public static string StreamViewType(StreamSpec stream)
    {
        if (stream.ViewType is null)
        {
            throw DynamoDbErrors.InvalidParameter("StreamViewType must be specified when StreamEnabled is true");
        }
        if (stream.ViewType is not ("KEYS_ONLY" or "NEW_IMAGE" or "OLD_IMAGE" or "NEW_AND_OLD_IMAGES"))
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{stream.ViewType}' at 'streamSpecification.streamViewType' failed to satisfy constraint: Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
        }
        return stream.ViewType;
    }
}
