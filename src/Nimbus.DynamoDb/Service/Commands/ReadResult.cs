using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>A page of a Query or Scan. Items is null when Select is COUNT.</summary>
internal sealed record ReadResult(
    IReadOnlyList<IReadOnlyDictionary<string, AttributeValue>>? Items,
    int Count,
    int ScannedCount,
    IReadOnlyDictionary<string, AttributeValue>? LastEvaluatedKey,
    ConsumedCapacity? Capacity)
{
    /// <summary>The size of the items read, before the filter (what the page limit and read units count).</summary>
    public long BytesRead { get; init; }
}
