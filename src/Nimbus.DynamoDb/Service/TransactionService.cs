using System.Buffers;
using System.Text;
using System.Text.Json;
using Nimbus.Core;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service.Commands;

namespace Nimbus.DynamoDb.Service;

/// <summary>
/// TransactWriteItems and TransactGetItems, plus the batch calls. A transaction runs as one store write: every
/// condition is checked first (so all cancellation reasons are reported), then every change is applied; any
/// failure rolls the whole write back. ClientRequestToken makes a retried transaction a no-op for 10 minutes.
/// </summary>
internal sealed partial class TransactionService
{
    public const int MaxTransactItems = 100;
    /// <summary>How long a ClientRequestToken is remembered (AWS: "valid for 10 minutes after the first request that uses it").</summary>
    internal static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(10);

    private readonly Store.IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly ItemService _items;
    private readonly TimeProvider _time;
    private readonly DynamoDbMeter _meter;

    public TransactionService(Store.IDynamoStore store, TableCatalog catalog, ItemService items, TimeProvider time, DynamoDbMeter meter)
    {
        _store = store;
        _catalog = catalog;
        _items = items;
        _time = time;
        _meter = meter;
    }

    /// <summary>
    /// Runs the transaction; returns the capacity per table (2 write units per KB of the larger of each item's old and new
    /// version, as AWS charges transactions) and the item collection metrics of the items written to tables with LSIs.
    /// </summary>
    public async Task<(IReadOnlyList<ConsumedCapacity> Capacity, IReadOnlyList<CollectionMetrics> Collections)> TransactWriteAsync(AwsScope scope, IReadOnlyList<TransactWriteItem> requests, string? token, string fingerprint)
    {
        if (requests.Count is 0 or > MaxTransactItems)
        {
            throw DynamoDbErrors.ListLength("transactItems", "TransactWriteItem", requests.Count, MaxTransactItems);
        }
        var prepared = requests.Select(r => Prepare(scope, r)).ToList();
        if (prepared.GroupBy(p => (p.Table.Id, Convert.ToBase64String(p.Key.Hash), Convert.ToBase64String(p.Key.Range))).Any(g => g.Count() > 1))
        {
            throw DynamoDbErrors.Validation("Transaction request cannot include multiple operations on one item");
        }
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        var sizes = new long[prepared.Count];
        var collections = new List<CollectionMetrics>();
        var cancelled = false;
        var write = _store.WriteAsync(writer =>
        {
            if (token is not null && writer.GetToken(token) is { } seen && now - seen.CreatedMs < TokenLifetime.TotalMilliseconds)
            {
                return seen.Fingerprint == fingerprint ? true : throw DynamoDbErrors.IdempotentParameterMismatch();
            }
            var reasons = new CancellationReason[prepared.Count];
            for (var i = 0; i < prepared.Count; i++)
            {
                var p = prepared[i];
                var row = writer.GetItem(p.Table.Id, p.Key.Hash, p.Key.Range);
                var current = row is { } r ? AttributeValueWriter.ItemFromBytes(r.Item) : null;
                sizes[i] = current is null ? 0 : ItemSize.Of(current);
                reasons[i] = Check(p, current);
            }
            if (reasons.Any(r => r.Code != "None"))
            {
                cancelled = true;
                throw Cancelled(reasons);
            }
            for (var i = 0; i < prepared.Count; i++)
            {
                var p = prepared[i];
                if (p.Request.Kind != "ConditionCheck")
                {
                    var result = _items.Mutate(writer, p.Table, p.Key, current => Apply(p, current));
                    sizes[i] = Math.Max(sizes[i], result.New is null ? 0 : ItemSize.Of(result.New));
                    if (ItemService.CollectionMetricsOf(p.Table, result) is { } metrics)
                    {
                        collections.Add(metrics);
                    }
                }
            }
            if (token is not null)
            {
                writer.PutToken(token, fingerprint, now);
            }
            return false;
        });
        bool replayed;
        try
        {
            replayed = await write;
        }
        catch (AwsServiceException) when (cancelled)
        {
            MeterCancelled(scope, prepared, sizes);
            throw;
        }
        // A replayed request (same token, same parameters) changes nothing and is answered as the first one was.
        var capacity = prepared.Select((p, i) => (p.Table.Name, Units: replayed ? 0 : Capacity.Write(sizes[i], transactional: true)))
            .GroupBy(u => u.Name).Select(g => new ConsumedCapacity(g.Key, 0, g.Sum(u => u.Units))).ToList();
        foreach (var units in capacity)
        {
            _meter.Write(scope, units.TableName, units.WriteUnits);
        }
        return (capacity, collections);
    }

    /// <summary>
    /// A transaction cancelled by its checks still cost DynamoDB the first of the two writes it performs on every item
    /// ("one to prepare the transaction and one to commit", transaction-apis.html#transaction-capacity-handling), just as a
    /// failed conditional write consumes capacity (WorkingWithItems.html#WorkingWithItems.ConditionalUpdate): each action
    /// is metered as one standard write of its current item (at least one unit), half of what committing would have
    /// cost. The error itself carries no ConsumedCapacity, as on AWS.
    /// </summary>
    private void MeterCancelled(AwsScope scope, List<Prepared> prepared, long[] sizes)
    {
        foreach (var table in prepared.Select((p, i) => (p.Table.Name, Units: Capacity.Write(sizes[i]))).GroupBy(u => u.Name))
        {
            _meter.Write(scope, table.Key, table.Sum(u => u.Units));
        }
    }

    private sealed record Prepared(TransactWriteItem Request, TableDefinition Table, (byte[] Hash, byte[] Range) Key);

    private Prepared Prepare(AwsScope scope, TransactWriteItem request)
    {
        var table = _catalog.Get(scope, request.TableName);
        var key = request.Kind == "Put"
            ? ItemService.ValidateNewItem(table, request.ItemOrKey, update: false)
            : KeyCodec.OfKey(table.Key, request.ItemOrKey);
        if (request.Update is { } actions)
        {
            ItemService.CheckKeyNotUpdated(table, actions);
        }
        return new Prepared(request, table, key);
    }

    private static CancellationReason Check(Prepared p, Dictionary<string, AttributeValue>? current)
    {
        if (p.Request.Condition is { } condition && !Expressions.ConditionEvaluator.Evaluate(condition, current))
        {
            return p.Request.FailsAsDuplicate
                ? new CancellationReason("DuplicateItem", PartiQl.PartiQlErrors.DuplicateItemMessage, null)
                : new CancellationReason("ConditionalCheckFailed", "The conditional request failed", p.Request.ReturnItemOnConditionFailure ? current : null);
        }
        if (p.Request.Update is { } actions)
        {
            try
            {
                ItemService.ApplyUpdate(p.Table, p.Request.ItemOrKey, actions, current);
            }
            catch (AwsServiceException error) when (error.ErrorCode.EndsWith("ValidationException", StringComparison.Ordinal))
            {
                return new CancellationReason("ValidationError", error.Message, null);
            }
        }
        return new CancellationReason("None", null, null);
    }

    private static Dictionary<string, AttributeValue>? Apply(Prepared p, Dictionary<string, AttributeValue>? current) => p.Request.Kind switch
    {
        "Put" => new Dictionary<string, AttributeValue>(p.Request.ItemOrKey, StringComparer.Ordinal),
        "Delete" => null,
        _ => ItemService.ApplyUpdate(p.Table, p.Request.ItemOrKey, p.Request.Update!, current),
    };

    private static AwsServiceException Cancelled(CancellationReason[] reasons)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var reason in reasons)
            {
                json.WriteStartObject();
                if (reason.Item is not null)
                {
                    json.WritePropertyName("Item");
                    AttributeValueWriter.WriteItem(json, reason.Item);
                }
                json.WriteString("Code", reason.Code);
                if (reason.Message is not null)
                {
                    json.WriteString("Message", reason.Message);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        var message = $"Transaction cancelled, please refer cancellation reasons for specific reasons [{string.Join(", ", reasons.Select(r => r.Code))}]";
        return new AwsServiceException("com.amazonaws.dynamodb.v20120810#TransactionCanceledException", 400, message)
        {
            JsonFields = new Dictionary<string, string> { ["CancellationReasons"] = Encoding.UTF8.GetString(buffer.WrittenSpan) },
        };
    }
}
