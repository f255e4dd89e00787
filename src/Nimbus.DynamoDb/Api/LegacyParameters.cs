using System.Text.Json;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Api;

/// <summary>
/// The pre-expression parameters (Expected, KeyConditions, QueryFilter, ScanFilter, ConditionalOperator,
/// AttributeUpdates, AttributesToGet) translated into the same syntax trees as expressions. AWS still accepts
/// them, and the .NET SDK's Document and Object Persistence models still send some of them.
/// </summary>
internal static class LegacyParameters
{
    public static Condition? Conditions(JsonElement input, string parameter)
    {
        var parts = new List<Condition>();
        foreach (var property in input.Object(parameter))
        {
            parts.Add(One(property.Name, property.Value, expected: parameter == "Expected"));
        }
        if (parts.Count == 0)
        {
            return null;
        }
        var or = input.OptionalString("ConditionalOperator") switch
        {
            null or "AND" => false,
            "OR" => true,
            var other => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{other}' at 'conditionalOperator' failed to satisfy constraint: Member must satisfy enum value set: [OR, AND]"),
        };
        return parts.Aggregate((left, right) => or ? new OrCondition(left, right) : new AndCondition(left, right));
    }

    /// <summary>
    /// One attribute's condition. Expected also takes the older Value/Exists form, and a Value in place of a
    /// one-element AttributeValueList; its checks and messages are AWS's (as dynalite records them from the service).
    /// </summary>
    private static Condition One(string attribute, JsonElement condition, bool expected)
    {
        var path = new PathOperand(new DocumentPath([new PathElement(attribute, 0)]));
        var values = condition.Array("AttributeValueList").Select(v => (Operand)new ValueOperand(":legacy", AttributeValueReader.Read(v))).ToList();
        var hasList = condition.Member("AttributeValueList") is not null;
        var value = condition.Member("Value") is { } v ? AttributeValueReader.Read(v) : null;
        var op = condition.OptionalString("ComparisonOperator");
        if (hasList && value is not null)
        {
            throw DynamoDbErrors.InvalidParameter($"Value and AttributeValueList cannot be used together for Attribute: {attribute}");
        }
        if (op is null)
        {
            if (hasList)
            {
                throw DynamoDbErrors.InvalidParameter($"AttributeValueList can only be used with a ComparisonOperator for Attribute: {attribute}");
            }
            // Expected's older form: Value and/or Exists (absent Exists means true, but AWS names it "null").
            var existsFlag = condition.OptionalBool("Exists");
            if (existsFlag == false)
            {
                if (value is not null)
                {
                    throw DynamoDbErrors.InvalidParameter($"Value cannot be used when Exists is false for Attribute: {attribute}");
                }
                return new FunctionCondition("attribute_not_exists", [path]);
            }
            if (value is null)
            {
                throw DynamoDbErrors.InvalidParameter($"Value must be provided when Exists is {(existsFlag is null ? "null" : "true")} for Attribute: {attribute}");
            }
            return new Comparison(path, TokenKind.Equal, new ValueOperand(":legacy", value));
        }
        if (expected)
        {
            if (condition.Member("Exists") is not null)
            {
                throw DynamoDbErrors.InvalidParameter($"Exists and ComparisonOperator cannot be used together for Attribute: {attribute}");
            }
            if (op is not ("NULL" or "NOT_NULL") && !hasList && value is null)
            {
                throw DynamoDbErrors.InvalidParameter($"Value or AttributeValueList must be used with ComparisonOperator: {op} for Attribute: {attribute}");
            }
            if (value is not null)
            {
                values = [new ValueOperand(":legacy", value)];
            }
        }
        var arguments = op switch
        {
            "NULL" or "NOT_NULL" => 0,
            "BETWEEN" => 2,
            "IN" => -1,
            _ => 1,
        };
        if ((arguments >= 0 && values.Count != arguments) || (arguments < 0 && values.Count == 0))
        {
            throw DynamoDbErrors.InvalidParameter($"Invalid number of argument(s) for the {op} ComparisonOperator");
        }
        return op switch
        {
            "EQ" => new Comparison(path, TokenKind.Equal, values[0]),
            "NE" => new Comparison(path, TokenKind.NotEqual, values[0]),
            "LT" => new Comparison(path, TokenKind.Less, values[0]),
            "LE" => new Comparison(path, TokenKind.LessOrEqual, values[0]),
            "GT" => new Comparison(path, TokenKind.Greater, values[0]),
            "GE" => new Comparison(path, TokenKind.GreaterOrEqual, values[0]),
            "NOT_NULL" => new FunctionCondition("attribute_exists", [path]),
            "NULL" => new FunctionCondition("attribute_not_exists", [path]),
            "CONTAINS" => new FunctionCondition("contains", [path, values[0]]),
            "NOT_CONTAINS" => new NotCondition(new FunctionCondition("contains", [path, values[0]])),
            "BEGINS_WITH" => new FunctionCondition("begins_with", [path, values[0]]),
            "IN" => new InCondition(path, values),
            "BETWEEN" => new BetweenCondition(path, values[0], values[1]),
            _ => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{op}' at 'comparisonOperator' failed to satisfy constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"),
        };
    }

    public static IReadOnlyList<UpdateAction>? AttributeUpdates(JsonElement input)
    {
        var actions = new List<UpdateAction>();
        foreach (var property in input.Object("AttributeUpdates"))
        {
            var path = new DocumentPath([new PathElement(property.Name, 0)]);
            var value = property.Value.Member("Value") is { } v ? AttributeValueReader.Read(v) : null;
            var action = property.Value.OptionalString("Action") ?? "PUT";
            actions.Add(action switch
            {
                "PUT" => new SetAction(path, new ValueOperand(":legacy", value ?? throw DynamoDbErrors.InvalidParameter($"Only DELETE action is allowed when no attribute value is specified: {property.Name}"))),
                "DELETE" when value is null => new RemoveAction(path),
                "DELETE" => new DeleteAction(path, new ValueOperand(":legacy", value)),
                "ADD" => new AddAction(path, new ValueOperand(":legacy", value ?? throw DynamoDbErrors.InvalidParameter($"Only DELETE action is allowed when no attribute value is specified: {property.Name}"))),
                _ => throw DynamoDbErrors.Validation($"1 validation error detected: Value '{action}' at 'attributeUpdates.{property.Name}.member.action' failed to satisfy constraint: Member must satisfy enum value set: [ADD, PUT, DELETE]"),
            });
        }
        return input.Member("AttributeUpdates") is null ? null : actions;
    }

    public static IReadOnlyList<DocumentPath>? AttributesToGet(JsonElement input) =>
        input.Member("AttributesToGet") is null
            ? null
            : input.Array("AttributesToGet").Select(a => new DocumentPath([new PathElement(a.GetString()!, 0)])).ToList();
}
