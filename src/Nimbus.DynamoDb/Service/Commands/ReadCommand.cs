using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Service.Commands;

/// <summary>A Query or a Scan: what both share.</summary>
internal sealed record ReadCommand
{
    public required string TableName { get; init; }

    public string? IndexName { get; init; }

    /// <summary>The key condition (Query only).</summary>
    public Condition? KeyCondition { get; init; }

    public Condition? Filter { get; init; }

    public IReadOnlyList<DocumentPath>? Projection { get; init; }

    public string? Select { get; init; }

    public bool Forward { get; init; } = true;

    public int? Limit { get; init; }

    public IReadOnlyDictionary<string, AttributeValue>? ExclusiveStartKey { get; init; }

    public bool ConsistentRead { get; init; }

    public int? Segment { get; init; }

    public int? TotalSegments { get; init; }

    public bool ReturnCapacity { get; init; }

    /// <summary>
    /// How many bytes the page may read before it stops: AWS's 1 MB, or what a PartiQL SELECT that runs several
    /// Queries (one per partition key of an IN) has left of it.
    /// </summary>
    public long PageBytes { get; init; } = ReadService.PageBytes;
}
