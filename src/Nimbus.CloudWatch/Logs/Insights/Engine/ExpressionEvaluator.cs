using System.Text.RegularExpressions;
using Nimbus.CloudWatch.Logs.Insights.Language;

namespace Nimbus.CloudWatch.Logs.Insights.Engine;

/// <summary>
/// Evaluates expressions against a row. Absent fields are null; comparisons with null are false; arithmetic
/// with null or text that is no number is null. Aggregate calls read their finished value from
/// <paramref name="aggregates"/> (set only while <c>stats</c> builds its result rows).
/// </summary>
internal static class ExpressionEvaluator
{
    public static object? Evaluate(Expr expr, QueryRow row, IReadOnlyDictionary<CallExpr, object?>? aggregates = null) => expr switch
    {
        FieldRef field => row[field.Name],
        Literal literal => literal.Value,
        UnaryExpr { Operator: "not" } not => !QueryValues.IsTrue(Evaluate(not.Operand, row, aggregates)),
        UnaryExpr negate => QueryValues.ToNumber(Evaluate(negate.Operand, row, aggregates)) is { } n ? -n : null,
        BinaryExpr binary => EvaluateBinary(binary, row, aggregates),
        InExpr inList => EvaluateIn(inList, row, aggregates),
        CallExpr { IsAggregate: true } call => aggregates is not null && aggregates.TryGetValue(call, out var value) ? value : null,
        CallExpr call => ScalarFunctions.Invoke(call.Name, call.Arguments.Select(a => Evaluate(a, row, aggregates)).ToArray(), row),
        _ => null,
    };

    public static bool Matches(Expr condition, QueryRow row) => QueryValues.IsTrue(Evaluate(condition, row));

    private static object? EvaluateBinary(BinaryExpr binary, QueryRow row, IReadOnlyDictionary<CallExpr, object?>? aggregates)
    {
        switch (binary.Operator)
        {
            case "and":
                return QueryValues.IsTrue(Evaluate(binary.Left, row, aggregates)) && QueryValues.IsTrue(Evaluate(binary.Right, row, aggregates));
            case "or":
                return QueryValues.IsTrue(Evaluate(binary.Left, row, aggregates)) || QueryValues.IsTrue(Evaluate(binary.Right, row, aggregates));
        }
        var left = Evaluate(binary.Left, row, aggregates);
        var right = Evaluate(binary.Right, row, aggregates);
        switch (binary.Operator)
        {
            case "like" or "=~":
                return QueryValues.ToText(left) is { } text && right switch
                {
                    Regex regex => regex.IsMatch(text),
                    string sub => text.Contains(sub, StringComparison.Ordinal),
                    _ => false,
                };
            case "=": return QueryValues.Compare(left, right) == 0;
            case "!=": return QueryValues.Compare(left, right) is { } c && c != 0;
            case "<": return QueryValues.Compare(left, right) < 0;
            case "<=": return QueryValues.Compare(left, right) <= 0;
            case ">": return QueryValues.Compare(left, right) > 0;
            case ">=": return QueryValues.Compare(left, right) >= 0;
        }
        if (QueryValues.ToNumber(left) is not { } l || QueryValues.ToNumber(right) is not { } r)
        {
            return null;
        }
        return binary.Operator switch
        {
            "+" => l + r,
            "-" => l - r,
            "*" => l * r,
            "/" => r == 0 ? null : l / r,
            "%" => r == 0 ? null : l % r,
            "^" => Math.Pow(l, r),
            _ => null,
        };
    }

    private static bool EvaluateIn(InExpr inList, QueryRow row, IReadOnlyDictionary<CallExpr, object?>? aggregates)
    {
        var value = Evaluate(inList.Value, row, aggregates);
        if (value is null)
        {
            return false;
        }
        var found = inList.Items.Any(item => QueryValues.Compare(value, Evaluate(item, row, aggregates)) == 0);
        return found != inList.Negated;
    }
}
