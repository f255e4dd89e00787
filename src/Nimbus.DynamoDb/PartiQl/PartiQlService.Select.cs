using Nimbus.Core;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Keys;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.PartiQl;

/// <summary>
/// SELECT. An equality on the partition key makes it a Query (a <c>=</c>, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>,
/// <c>&gt;=</c>, BETWEEN or begins_with term on the sort key joins the key condition, every other term filters);
/// <c>pk IN [a, b, …]</c> makes it one Query per value; anything else is a Scan with the whole WHERE as filter.
/// ORDER BY picks ScanIndexForward and, over several partitions, their order.
/// </summary>
internal sealed partial class PartiQlService
{
    /// <summary>
    /// The most partition key values an IN may name: "at max 50 hash attribute values" (PartiQL operators for DynamoDB,
    /// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ql-operators.html).
    /// </summary>
    public const int MaxPartitionValues = 50;

    private const string PartitionName = "#nimbus_partition";
    private const string PartitionValue = ":nimbus_partition";

    private static readonly Comparer<byte[]> KeyOrder = Comparer<byte[]>.Create(KeyEncoder.Compare);

    private StatementResult Select(AwsScope scope, TableDefinition table, PartiQlStatement statement, StatementOptions options)
    {
        var index = statement.IndexName is { } name
            ? table.FindIndex(name) ?? throw DynamoDbErrors.Validation($"The table does not have the specified index: {name}")
            : null;
        var key = index?.Key ?? table.Key;
        var (forward, partitionsDescending) = ReadOrder(key, statement);
        var context = Context(statement);
        var hash = statement.Where.FirstOrDefault(t => t.Attribute == key.Hash.Name && t.Operator == "=" && t.Value is not null);
        var partitions = hash is null
            ? statement.Where.FirstOrDefault(t => t.Attribute == key.Hash.Name && t.Operator == "IN" && t.Values is not null)
            : null;
        var range = (hash ?? partitions) is null || key.Range is null
            ? null
            : statement.Where.FirstOrDefault(t => t.Attribute == key.Range.Name && t.Operator is "=" or "<" or "<=" or ">" or ">=" or "BETWEEN" or "begins_with");
        var keyTerms = new[] { hash, range }.OfType<PartiQlConjunct>().ToList();
        var filter = statement.Where.Except(keyTerms).Where(t => t != partitions).Select(t => t.Expression).ToList();
        var projection = statement.Projection is { } p ? ExpressionParser.ParseProjection(p, context) : null;
        var command = new ReadCommand
        {
            TableName = table.Name,
            IndexName = index?.Name,
            KeyCondition = hash is not null ? ExpressionParser.ParseCondition(string.Join(" AND ", keyTerms.Select(t => t.Expression)), ExpressionKind.KeyConditionExpression, context) : null,
            Filter = filter.Count > 0 ? ExpressionParser.ParseCondition(string.Join(" AND ", filter.Select(f => $"({f})")), ExpressionKind.FilterExpression, context) : null,
            Projection = projection,
            Select = projection is null ? null : "SPECIFIC_ATTRIBUTES",
            Forward = forward,
            Limit = options.Limit,
            ExclusiveStartKey = options.ExclusiveStartKey,
            ConsistentRead = options.ConsistentRead,
            ReturnCapacity = options.ReturnCapacity,
        };
        if (partitions is not null)
        {
            return SelectPartitions(scope, key, statement, command, Partitions(key.Hash, partitions.Values!, partitionsDescending), range);
        }
        var result = hash is not null ? reads.Query(scope, command) : reads.Scan(scope, command);
        return new StatementResult(result.Items ?? [], result.LastEvaluatedKey, result.Capacity);
    }

    /// <summary>
    /// Checks ORDER BY as DynamoDB does: only with a WHERE, only on the key attributes of the table or index read,
    /// only with an equality or IN on the partition key (so the statement is Queries, never a Scan), and naming the
    /// partition key when there are several partition key values. Returns ScanIndexForward (false when the sort key
    /// is ordered DESC) and, when the partition key is ordered, whether its values run descending.
    /// </summary>
    internal static (bool Forward, bool? PartitionsDescending) ReadOrder(KeySchema key, PartiQlStatement statement)
    {
        if (statement.OrderBy.Count == 0)
        {
            return (true, null);
        }
        if (statement.Where.Count == 0)
        {
            throw PartiQlErrors.OrderByWithoutWhere();
        }
        if (statement.OrderBy.FirstOrDefault(t => !key.Contains(t.Attribute)) is { } stray)
        {
            throw PartiQlErrors.OrderByNotKey(stray.Attribute);
        }
        var hashConditions = statement.Where.Where(t => t.Attribute == key.Hash.Name).Sum(t => t switch
        {
            { Operator: "=", Value: not null } => 1,
            { Operator: "IN", Values: { } values } => values.Count,
            _ => 0,
        });
        if (hashConditions == 0)
        {
            throw PartiQlErrors.OrderByWithoutHashCondition();
        }
        var hashOrder = statement.OrderBy.FirstOrDefault(t => t.Attribute == key.Hash.Name);
        if (hashConditions > 1 && hashOrder is null)
        {
            throw PartiQlErrors.OrderByWithoutHashKey();
        }
        var rangeOrder = key.Range is null ? null : statement.OrderBy.FirstOrDefault(t => t.Attribute == key.Range.Name);
        return (rangeOrder is not { Descending: true }, hashOrder?.Descending);
    }

    /// <summary>
    /// An IN's partition key values, each once: in the order written, or in key order when ORDER BY names the
    /// partition key. A value of another type than the key's is the error a Query gives.
    /// </summary>
    private static List<(AttributeValue Value, byte[] Encoded)> Partitions(KeyAttribute hash, IReadOnlyList<AttributeValue> values, bool? descending)
    {
        if (values.Count > MaxPartitionValues)
        {
            throw PartiQlErrors.TooManyReads();
        }
        var partitions = values.Select(v => (Value: v, Encoded: KeyConditionAnalyzer.Encode(hash, v)))
            .DistinctBy(p => Convert.ToBase64String(p.Encoded)).ToList();
        if (descending is { } down)
        {
            partitions.Sort((a, b) => down ? KeyOrder.Compare(b.Encoded, a.Encoded) : KeyOrder.Compare(a.Encoded, b.Encoded));
        }
        return partitions;
    }

    /// <summary>
    /// <c>WHERE pk IN [...]</c>: one Query per partition key value, each in sort key order (reversed by ORDER BY … DESC),
    /// sharing the statement's Limit and the 1 MB page. The NextToken is where the last Query stopped; its partition key
    /// says which value to resume at, so paging continues from one value to the next.
    /// </summary>
    private StatementResult SelectPartitions(AwsScope scope, KeySchema key, PartiQlStatement statement, ReadCommand command,
        List<(AttributeValue Value, byte[] Encoded)> partitions, PartiQlConjunct? range)
    {
        var first = 0;
        if (command.ExclusiveStartKey is { } start)
        {
            var at = start.TryGetValue(key.Hash.Name, out var value) && value.Kind == key.Hash.Type
                ? partitions.FindIndex(p => KeyOrder.Compare(p.Encoded, KeyEncoder.Encode(value)) == 0)
                : -1;
            first = at >= 0 ? at : throw PartiQlErrors.TokenMismatch();
        }
        var names = new Dictionary<string, string>(statement.Names, StringComparer.Ordinal) { [PartitionName] = key.Hash.Name };
        var condition = $"{PartitionName} = {PartitionValue}" + (range is null ? "" : $" AND {range.Expression}");
        var items = new List<IReadOnlyDictionary<string, AttributeValue>>();
        var units = 0.0;
        var (limit, budget) = (command.Limit, command.PageBytes);
        IReadOnlyDictionary<string, AttributeValue>? last = null;
        for (var i = first; i < partitions.Count && last is null; i++)
        {
            var values = new Dictionary<string, AttributeValue>(statement.Values, StringComparer.Ordinal) { [PartitionValue] = partitions[i].Value };
            var result = reads.Query(scope, command with
            {
                KeyCondition = ExpressionParser.ParseCondition(condition, ExpressionKind.KeyConditionExpression, new ExpressionContext(names, values)),
                ExclusiveStartKey = i == first ? command.ExclusiveStartKey : null,
                Limit = limit,
                PageBytes = budget,
            });
            items.AddRange(result.Items ?? []);
            units += result.Capacity?.ReadUnits ?? 0;
            // A Query that did not stop at Limit read fewer items than it, so what is left stays at least 1.
            limit -= result.ScannedCount;
            budget -= result.BytesRead;
            last = result.LastEvaluatedKey;
        }
        return new StatementResult(items, last, command.ReturnCapacity ? new ConsumedCapacity(command.TableName, units, 0) : null);
    }
}
