using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Keys;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// Turns a key condition into a partition key and sort-key bounds: an equality on the partition key, optionally
/// AND one of =, &lt;, &lt;=, &gt;, &gt;=, BETWEEN or begins_with on the sort key. Anything else gets AWS's error.
/// </summary>
internal static class KeyConditionAnalyzer
{
    private const ExpressionKind Kind = ExpressionKind.KeyConditionExpression;

    public static (byte[] Hash, KeyBounds Bounds) Analyze(Condition condition, KeySchema key)
    {
        var parts = new List<Condition>();
        Flatten(condition, parts);
        if (parts.Count > 2)
        {
            throw ExpressionErrors.Invalid(Kind, "The expression has redundant parentheses or conditions; Conditions can be of length 1 or 2 only");
        }
        byte[]? hash = null;
        var bounds = KeyBounds.All;
        var rangeSeen = false;
        foreach (var part in parts)
        {
            var (name, op, values) = Describe(part);
            if (name == key.Hash.Name && hash is null)
            {
                if (op != "=")
                {
                    throw DynamoDbErrors.Validation("Query key condition not supported");
                }
                hash = Encode(key.Hash, values[0]);
            }
            else if (key.Range is not null && name == key.Range.Name && !rangeSeen)
            {
                rangeSeen = true;
                bounds = Bounds(key.Range, op, values);
            }
            else if (name == key.Hash.Name || name == key.Range?.Name)
            {
                throw ExpressionErrors.Invalid(Kind, "The expression has redundant parentheses or conditions; Conditions can be of length 1 or 2 only");
            }
            else
            {
                throw DynamoDbErrors.Validation($"Query condition missed key schema element: {(hash is null && parts.Count == 1 ? key.Hash.Name : key.Range?.Name ?? key.Hash.Name)}");
            }
        }
        if (hash is null)
        {
            throw DynamoDbErrors.Validation($"Query condition missed key schema element: {key.Hash.Name}");
        }
        return (hash, bounds);
    }

    private static void Flatten(Condition condition, List<Condition> parts)
    {
        switch (condition)
        {
            case AndCondition and:
                Flatten(and.Left, parts);
                Flatten(and.Right, parts);
                break;
            case OrCondition:
                throw ExpressionErrors.Invalid(Kind, "Invalid operator used in KeyConditionExpression: OR");
            case NotCondition:
                throw ExpressionErrors.Invalid(Kind, "Invalid operator used in KeyConditionExpression: NOT");
            case InCondition:
                throw ExpressionErrors.Invalid(Kind, "Invalid operator used in KeyConditionExpression: IN");
            default:
                parts.Add(condition);
                break;
        }
    }

    private static (string Name, string Op, AttributeValue[] Values) Describe(Condition condition)
    {
        switch (condition)
        {
            case Comparison { Left: PathOperand { Path.IsTopLevel: true } path, Right: ValueOperand value } comparison when comparison.Operator != TokenKind.NotEqual:
                return (path.Path.Root, OperatorText(comparison.Operator), [value.Value]);
            case Comparison { Operator: TokenKind.NotEqual }:
                throw ExpressionErrors.Invalid(Kind, "Invalid operator used in KeyConditionExpression: <>");
            case BetweenCondition { Value: PathOperand { Path.IsTopLevel: true } path, Low: ValueOperand low, High: ValueOperand high }:
                return (path.Path.Root, "BETWEEN", [low.Value, high.Value]);
            case FunctionCondition { Name: "begins_with", Arguments: [PathOperand { Path.IsTopLevel: true } path, ValueOperand prefix] }:
                return (path.Path.Root, "begins_with", [prefix.Value]);
            case FunctionCondition function:
                throw ExpressionErrors.Invalid(Kind, $"Invalid operator used in KeyConditionExpression: {function.Name}");
            default:
                throw DynamoDbErrors.Validation("Query key condition not supported");
        }
    }

    private static string OperatorText(TokenKind op) => op switch
    {
        TokenKind.Equal => "=",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        _ => ">=",
    };

    /// <summary>A key value of a condition, encoded for the store; of another type than the schema's, AWS's error.</summary>
    internal static byte[] Encode(KeyAttribute attribute, AttributeValue value)
    {
        if (value.Kind != attribute.Type)
        {
            throw DynamoDbErrors.InvalidParameter("Condition parameter type does not match schema type");
        }
        return KeyEncoder.Encode(value);
    }

    private static KeyBounds Bounds(KeyAttribute range, string op, AttributeValue[] values)
    {
        if (op == "begins_with" && range.Type == AttributeKind.N)
        {
            throw ExpressionErrors.OperandType(Kind, "begins_with", "N");
        }
        var first = Encode(range, values[0]);
        return op switch
        {
            "=" => new KeyBounds(first, true, first, true),
            "<" => new KeyBounds(null, true, first, false),
            "<=" => new KeyBounds(null, true, first, true),
            ">" => new KeyBounds(first, false, null, true),
            ">=" => new KeyBounds(first, true, null, true),
            "BETWEEN" => new KeyBounds(first, true, Encode(range, values[1]), true),
            _ => new KeyBounds(first, true, KeyEncoder.PrefixEnd(first), false),
        };
    }
}
