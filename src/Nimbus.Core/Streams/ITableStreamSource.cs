namespace Nimbus.Core.Streams;

/// <summary>
/// Where a DynamoDB table stream can be read from without going through the HTTP API: the seam a Lambda event
/// source mapping polls. One shard per stream; records are in write order and stay for 24 hours.
/// </summary>
public interface ITableStreamSource
{
    /// <summary>True when the ARN names a stream that still exists (enabled or disabled but not yet expired).</summary>
    bool StreamExists(string streamArn);

    /// <summary>
    /// Records after <paramref name="afterSequenceNumber"/> (null: from the oldest record held, TRIM_HORIZON),
    /// at most <paramref name="maxRecords"/>.
    /// </summary>
    IReadOnlyList<TableStreamRecord> Read(string streamArn, string? afterSequenceNumber, int maxRecords);

    /// <summary>The newest record's sequence number (LATEST starts after it), or null for an empty stream.</summary>
    string? LatestSequenceNumber(string streamArn);

    /// <summary>The id of the stream's shard (as DescribeStream names it), or null when the stream does not exist.</summary>
    string? ShardId(string streamArn);
}
