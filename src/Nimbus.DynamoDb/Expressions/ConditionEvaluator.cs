using System.Text;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>
/// Evaluates conditions against an item (null: no item). A comparison with a missing attribute is false,
/// except <c>&lt;&gt;</c>; values of different types are unequal and unordered, as in DynamoDB.
/// </summary>
internal static class ConditionEvaluator
{
    public static bool Evaluate(Condition condition, IReadOnlyDictionary<string, AttributeValue>? item) => condition switch
    {
        AndCondition and => Evaluate(and.Left, item) && Evaluate(and.Right, item),
        OrCondition or => Evaluate(or.Left, item) || Evaluate(or.Right, item),
        NotCondition not => !Evaluate(not.Inner, item),
        Comparison comparison => EvaluateComparison(comparison, item),
        BetweenCondition between => EvaluateBetween(between, item),
        InCondition @in => Value(@in.Value, item) is { } v && @in.Options.Any(o => Value(o, item) is { } option && v.Equals(option)),
        FunctionCondition function => EvaluateFunction(function, item),
        _ => false,
    };

    public static AttributeValue? Value(Operand operand, IReadOnlyDictionary<string, AttributeValue>? item) => operand switch
    {
        ValueOperand value => value.Value,
        PathOperand path => item is null ? null : DocumentPaths.Get(item, path.Path),
        SizeOperand size => Value(size.Argument, item) is { } v ? Size(v) : null,
        _ => null,
    };

    private static AttributeValue? Size(AttributeValue value) => value.Kind switch
    {
        AttributeKind.S => SizeNumber(value.S.Length),
        AttributeKind.B => SizeNumber(value.B.Length),
        AttributeKind.SS or AttributeKind.NS or AttributeKind.BS or AttributeKind.L or AttributeKind.M => SizeNumber(value.Count),
        _ => null,
    };

    private static AttributeValue SizeNumber(int n) => AttributeValue.Number(DynamoNumber.TryParse(n.ToString(System.Globalization.CultureInfo.InvariantCulture))!.Value);

    private static bool EvaluateComparison(Comparison comparison, IReadOnlyDictionary<string, AttributeValue>? item)
    {
        var left = Value(comparison.Left, item);
        var right = Value(comparison.Right, item);
        if (left is null || right is null)
        {
            return comparison.Operator == TokenKind.NotEqual;
        }
        switch (comparison.Operator)
        {
            case TokenKind.Equal:
                return left.Equals(right);
            case TokenKind.NotEqual:
                return !left.Equals(right);
        }
        var order = Compare(left, right);
        return order is { } o && comparison.Operator switch
        {
            TokenKind.Less => o < 0,
            TokenKind.LessOrEqual => o <= 0,
            TokenKind.Greater => o > 0,
            TokenKind.GreaterOrEqual => o >= 0,
            _ => false,
        };
    }

    private static bool EvaluateBetween(BetweenCondition between, IReadOnlyDictionary<string, AttributeValue>? item)
    {
        var value = Value(between.Value, item);
        var low = Value(between.Low, item);
        var high = Value(between.High, item);
        return value is not null && low is not null && high is not null
            && Compare(value, low) is >= 0 && Compare(value, high) is <= 0;
    }

    /// <summary>Order of two scalars of one type (S and B bytewise as UTF-8, N numerically); null otherwise.</summary>
    public static int? Compare(AttributeValue a, AttributeValue b)
    {
        if (a.Kind != b.Kind)
        {
            return null;
        }
        return a.Kind switch
        {
            AttributeKind.N => a.N.CompareTo(b.N),
            AttributeKind.S => Encoding.UTF8.GetBytes(a.S).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b.S)),
            AttributeKind.B => a.B.AsSpan().SequenceCompareTo(b.B),
            _ => null,
        };
    }

    private static bool EvaluateFunction(FunctionCondition function, IReadOnlyDictionary<string, AttributeValue>? item)
    {
        var first = Value(function.Arguments[0], item);
        switch (function.Name)
        {
            case "attribute_exists":
                return first is not null;
            case "attribute_not_exists":
                return first is null;
            case "attribute_type":
                return first is not null && Value(function.Arguments[1], item) is { Kind: AttributeKind.S } type && first.Kind.ToString() == type.S;
            case "begins_with":
            {
                var prefix = Value(function.Arguments[1], item);
                if (first is null || prefix is null || first.Kind != prefix.Kind)
                {
                    return false;
                }
                return first.Kind switch
                {
                    AttributeKind.S => first.S.StartsWith(prefix.S, StringComparison.Ordinal),
                    AttributeKind.B => first.B.AsSpan().StartsWith(prefix.B),
                    _ => false,
                };
            }
            case "contains":
            {
                var operand = Value(function.Arguments[1], item);
                if (first is null || operand is null)
                {
                    return false;
                }
                return first.Kind switch
                {
                    AttributeKind.S => operand.Kind == AttributeKind.S && first.S.Contains(operand.S, StringComparison.Ordinal),
                    AttributeKind.B => operand.Kind == AttributeKind.B && first.B.AsSpan().IndexOf(operand.B) >= 0,
                    AttributeKind.SS => operand.Kind == AttributeKind.S && first.SS.Contains(operand.S),
                    AttributeKind.NS => operand.Kind == AttributeKind.N && first.NS.Contains(operand.N),
                    AttributeKind.BS => operand.Kind == AttributeKind.B && first.BS.Any(b => b.AsSpan().SequenceEqual(operand.B)),
                    AttributeKind.L => first.L.Any(operand.Equals),
                    _ => false,
                };
            }
            default:
                return false;
        }
    }
}
