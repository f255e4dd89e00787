using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// Runs PartiQL statements on the item, read and transaction services: a SELECT is a Query, several Queries or a Scan
/// (see PartiQlService.Select.cs); INSERT is a PutItem that must not find the key (DuplicateItemException); UPDATE and
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
