using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Expressions;

/// <summary>
/// Applies an update expression. Every operand is evaluated against the item as it was before the update (AWS's
/// rule), then SETs are applied, then REMOVEs (list elements from the highest index down so indexes keep meaning
/// what the expression said), then ADD and DELETE.
/// </summary>
internal static class UpdateApplier
{
    public static Dictionary<string, AttributeValue> Apply(IReadOnlyList<UpdateAction> actions, IReadOnlyDictionary<string, AttributeValue>? original)
    {
        var source = original ?? new Dictionary<string, AttributeValue>();
        var item = new Dictionary<string, AttributeValue>(source, StringComparer.Ordinal);
        var sets = actions.OfType<SetAction>().Select(a => (a.Path, Value: Evaluate(a.Value, source))).ToList();
        var adds = actions.OfType<AddAction>().Select(a => (a.Path, Value: Add(DocumentPaths.Get(source, a.Path), a.Value.Value))).ToList();
        var deletes = actions.OfType<DeleteAction>().Select(a => (a.Path, Value: Delete(DocumentPaths.Get(source, a.Path), a.Value.Value))).ToList();

        foreach (var (path, value) in sets.Concat(adds))
        {
            DocumentPaths.Set(item, path, value);
        }
        var removes = actions.OfType<RemoveAction>().Select(a => a.Path)
            .Concat(deletes.Where(d => d.Value is null).Select(d => d.Path))
            .OrderByDescending(p => p.Elements[^1].IsIndex ? p.Elements[^1].Index : -1);
        foreach (var path in removes)
        {
            DocumentPaths.Remove(item, path);
        }
        foreach (var (path, value) in deletes)
        {
            if (value is not null)
            {
                DocumentPaths.Set(item, path, value);
            }
        }
        return item;
    }

    private static AttributeValue Evaluate(Operand operand, IReadOnlyDictionary<string, AttributeValue> item)
    {
        switch (operand)
        {
            case ValueOperand value:
                return value.Value;
            case PathOperand path:
                return DocumentPaths.Get(item, path.Path) ?? throw ExpressionErrors.MissingAttribute();
            case IfNotExistsOperand ifNotExists:
                return DocumentPaths.Get(item, ifNotExists.Path) ?? Evaluate(ifNotExists.Fallback, item);
            case ListAppendOperand append:
            {
                var first = Evaluate(append.First, item);
                var second = Evaluate(append.Second, item);
                foreach (var v in new[] { first, second })
                {
                    if (v.Kind != AttributeKind.L)
                    {
                        throw ExpressionErrors.OperandType(ExpressionKind.UpdateExpression, "list_append", v.TypeName);
                    }
                }
                return AttributeValue.List(first.L.Concat(second.L).ToList());
            }
            case ArithmeticOperand arithmetic:
            {
                var left = Evaluate(arithmetic.Left, item);
                var right = Evaluate(arithmetic.Right, item);
                if (left.Kind != AttributeKind.N || right.Kind != AttributeKind.N)
                {
                    throw ExpressionErrors.IncorrectDataType();
                }
                var result = arithmetic.Subtract ? left.N - right.N : left.N + right.N;
                if (result.Validate() is { } error)
                {
                    throw DynamoDbErrors.Validation(error);
                }
                return AttributeValue.Number(result);
            }
            default:
                throw ExpressionErrors.FunctionMisuse(ExpressionKind.UpdateExpression, "size");
        }
    }

    private static AttributeValue Add(AttributeValue? current, AttributeValue value)
    {
        if (value.Kind != AttributeKind.N && !value.IsSet)
        {
            throw ExpressionErrors.OperandType(ExpressionKind.UpdateExpression, "ADD", value.TypeName);
        }
        if (current is null)
        {
            return value;
        }
        if (current.Kind != value.Kind)
        {
            throw ExpressionErrors.IncorrectDataType();
        }
        switch (value.Kind)
        {
            case AttributeKind.N:
            {
                var sum = current.N + value.N;
                if (sum.Validate() is { } error)
                {
                    throw DynamoDbErrors.Validation(error);
                }
                return AttributeValue.Number(sum);
            }
            case AttributeKind.SS:
                return AttributeValue.StringSet(current.SS.Union(value.SS).ToList());
            case AttributeKind.NS:
                return AttributeValue.NumberSet(current.NS.Union(value.NS).ToList());
            default:
                return AttributeValue.BinarySet(current.BS.Concat(value.BS.Where(b => !current.BS.Any(c => c.AsSpan().SequenceEqual(b)))).ToList());
        }
    }

    /// <summary>The set left after DELETE, or null when nothing is left (the attribute is then removed).</summary>
    private static AttributeValue? Delete(AttributeValue? current, AttributeValue value)
    {
        if (!value.IsSet)
        {
            throw ExpressionErrors.OperandType(ExpressionKind.UpdateExpression, "DELETE", value.TypeName);
        }
        if (current is null)
        {
            return null;
        }
        if (current.Kind != value.Kind)
        {
            throw ExpressionErrors.IncorrectDataType();
        }
        AttributeValue? result = value.Kind switch
        {
            AttributeKind.SS => current.SS.Except(value.SS).ToList() is { Count: > 0 } ss ? AttributeValue.StringSet(ss) : null,
            AttributeKind.NS => current.NS.Except(value.NS).ToList() is { Count: > 0 } ns ? AttributeValue.NumberSet(ns) : null,
            _ => current.BS.Where(c => !value.BS.Any(b => b.AsSpan().SequenceEqual(c))).ToList() is { Count: > 0 } bs ? AttributeValue.BinarySet(bs) : null,
        };
        return result;
    }
}
