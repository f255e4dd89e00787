using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// Runs PartiQL statements on the item, read and transaction services: a SELECT whose WHERE has an equality on the
/// partition key is a Query (a range condition on the sort key joins the key condition, every other term filters),
/// any other SELECT a Scan; INSERT is a PutItem that must not find the key (DuplicateItemException); UPDATE and
/// DELETE need an equality on every key attribute and fail with ConditionalCheckFailedException when the item is
/// missing or another WHERE term is false.
/// </summary>
internal sealed partial class PartiQlService(TableCatalog catalog, ItemService items, ReadService reads, TransactionService transactions)
{
    private const string ExistsName = "#nimbus_key";

    public async Task<StatementResult> ExecuteAsync(AwsScope scope, PartiQlStatement statement, StatementOptions options)
    {
        if (statement.Kind == PartiQlKind.Exists)
        {
            throw PartiQlErrors.ExistsOutsideTransaction();
        }
        var table = catalog.Get(scope, statement.TableName);
        switch (statement.Kind)
        {
            case PartiQlKind.Select:
                return Select(scope, table, statement, options);
            case PartiQlKind.Insert:
                try
                {
                    var put = await items.PutItemAsync(scope, table.Name, new Dictionary<string, AttributeValue>(statement.Item!, StringComparer.Ordinal),
                        new WriteOptions { Condition = KeyAbsent(table), ReturnCapacity = options.ReturnCapacity });
                    return new StatementResult([], null, put.Capacity);
                }
                catch (AwsServiceException error) when (error.ErrorCode.EndsWith("#ConditionalCheckFailedException", StringComparison.Ordinal))
                {
                    throw PartiQlErrors.DuplicateItem();
                }
            case PartiQlKind.Update:
            {
                var (key, condition) = KeyAndCondition(table, statement);
                var actions = ExpressionParser.ParseUpdate(statement.UpdateExpression!, Context(statement));
                var result = await items.UpdateItemAsync(scope, table.Name, key, actions, new WriteOptions
                {
                    Condition = condition, ReturnValues = statement.ReturnValues, ReturnCapacity = options.ReturnCapacity,
                    ReturnItemOnConditionFailure = options.ReturnItemOnConditionFailure,
                });
                return new StatementResult(result.Attributes is { } a ? [a] : [], null, result.Capacity);
            }
            default:
            {
                var (key, condition) = KeyAndCondition(table, statement);
                var result = await items.DeleteItemAsync(scope, table.Name, key, new WriteOptions
                {
                    Condition = condition, ReturnValues = statement.ReturnValues, ReturnCapacity = options.ReturnCapacity,
                    ReturnItemOnConditionFailure = options.ReturnItemOnConditionFailure,
                });
                return new StatementResult(result.Attributes is { } a ? [a] : [], null, result.Capacity);
            }
        }
    }

    private StatementResult Select(AwsScope scope, TableDefinition table, PartiQlStatement statement, StatementOptions options)
    {
        var index = statement.IndexName is { } name
            ? table.FindIndex(name) ?? throw DynamoDbErrors.Validation($"The table does not have the specified index: {name}")
            : null;
        var key = index?.Key ?? table.Key;
        var context = Context(statement);
        var hash = statement.Where.FirstOrDefault(t => t.Attribute == key.Hash.Name && t.Operator == "=");
        var range = hash is null || key.Range is null
            ? null
            : statement.Where.FirstOrDefault(t => t.Attribute == key.Range.Name && t.Operator is "=" or "<" or "<=" or ">" or ">=" or "BETWEEN" or "begins_with");
        var keyTerms = new[] { hash, range }.OfType<PartiQlConjunct>().ToList();
        var filter = statement.Where.Except(keyTerms).Select(t => t.Expression).ToList();
        var projection = statement.Projection is { } p ? ExpressionParser.ParseProjection(p, context) : null;
        var command = new ReadCommand
        {
            TableName = table.Name,
            IndexName = index?.Name,
            KeyCondition = keyTerms.Count > 0 ? ExpressionParser.ParseCondition(string.Join(" AND ", keyTerms.Select(t => t.Expression)), ExpressionKind.KeyConditionExpression, context) : null,
            Filter = filter.Count > 0 ? ExpressionParser.ParseCondition(string.Join(" AND ", filter.Select(f => $"({f})")), ExpressionKind.FilterExpression, context) : null,
            Projection = projection,
            Select = projection is null ? null : "SPECIFIC_ATTRIBUTES",
            Limit = options.Limit,
            ExclusiveStartKey = options.ExclusiveStartKey,
            ConsistentRead = options.ConsistentRead,
            ReturnCapacity = options.ReturnCapacity,
        };
        var result = hash is not null ? reads.Query(scope, command) : reads.Scan(scope, command);
        return new StatementResult(result.Items ?? [], result.LastEvaluatedKey, result.Capacity);
    }

    /// <summary>
    /// The key an UPDATE, DELETE or single-item SELECT names (an equality on every key attribute), and the condition
    /// the other WHERE terms make, which also requires the item to exist.
    /// </summary>
    internal static (Dictionary<string, AttributeValue> Key, Condition Condition) KeyAndCondition(TableDefinition table, PartiQlStatement statement)
    {
        var key = new Dictionary<string, AttributeValue>(StringComparer.Ordinal);
        var used = new List<PartiQlConjunct>();
        foreach (var attribute in table.Key.Attributes)
        {
            var term = statement.Where.FirstOrDefault(t => t.Attribute == attribute.Name && t.Operator == "=" && t.Value is not null)
                ?? throw PartiQlErrors.MissingKey();
            key[attribute.Name] = term.Value!;
            used.Add(term);
        }
        var rest = statement.Where.Except(used).Select(t => $"({t.Expression})").Prepend($"attribute_exists({ExistsName})");
        var context = Context(statement, table.Key.Hash.Name);
        return (key, ExpressionParser.ParseCondition(string.Join(" AND ", rest), ExpressionKind.ConditionExpression, context));
    }

    private static Condition KeyAbsent(TableDefinition table) => ExpressionParser.ParseCondition(
        $"attribute_not_exists({ExistsName})", ExpressionKind.ConditionExpression,
        new ExpressionContext(new Dictionary<string, string> { [ExistsName] = table.Key.Hash.Name }, null));

    private static ExpressionContext Context(PartiQlStatement statement, string? keyName = null)
    {
        var names = new Dictionary<string, string>(statement.Names, StringComparer.Ordinal);
        if (keyName is not null)
        {
            names[ExistsName] = keyName;
        }
        return new ExpressionContext(names, statement.Values);
    }
}
