using System.Text;
using Nimbus.Core;
using Nimbus.Core.Streams;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Streams;

/// <summary>
/// The DynamoDB Streams API over the stored records. Each stream has exactly one shard (AWS splits shards by
/// partition and time; one shard keeps every record of a table in write order). Shard iterators are opaque
/// tokens carrying the position and expire after 15 minutes, as AWS's do.
/// </summary>
internal sealed class StreamService : ITableStreamSource
{
    public const int MaxRecordsPerCall = 1000;
    private static readonly TimeSpan IteratorLifetime = TimeSpan.FromMinutes(15);

    private readonly IDynamoStore _store;
    private readonly TableCatalog _catalog;
    private readonly TimeProvider _time;

    public StreamService(IDynamoStore store, TableCatalog catalog, TimeProvider time)
    {
        _store = store;
        _catalog = catalog;
        _time = time;
    }

    public IEnumerable<(TableDefinition Table, StreamSettings Stream)> List(AwsScope scope, string? tableName) =>
        _catalog.List(scope).Where(t => t.Stream is not null && (tableName is null || t.Name == tableName)).Select(t => (t, t.Stream!));

    public (TableDefinition Table, StreamSettings Stream) Find(string streamArn)
    {
        var table = _catalog.All.FirstOrDefault(t => t.Stream?.Arn == streamArn)
            ?? throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: Stream: {streamArn} not found");
        return (table, table.Stream!);
    }

    public static string ShardId(StreamSettings stream)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(stream.Arn))
        {
            hash = (hash ^ b) * 16777619u;
        }
        var stamp = DateTime.TryParse(stream.Label, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero).ToUnixTimeMilliseconds()
            : 0;
        return $"shardId-{stamp:D20}-{hash:x8}";
    }

    public (long First, long Last) Range(StreamSettings stream) => _store.StreamRange(stream.Arn);

    public string GetShardIterator(string streamArn, string shardId, string type, string? sequenceNumber)
    {
        var (_, stream) = Find(streamArn);
        if (shardId != ShardId(stream))
        {
            throw DynamoDbErrors.ResourceNotFound($"Requested resource not found: Shard does not exist");
        }
        long after;
        switch (type)
        {
            case "TRIM_HORIZON":
                // Just after the trimmed records: if the oldest records it would read are trimmed before it is used,
                // GetRecords says so, as AWS's does.
                after = _store.StreamTrimPoint(stream.Arn);
                break;
            case "LATEST":
                after = _store.StreamRange(stream.Arn).Last;
                break;
            case "AT_SEQUENCE_NUMBER" or "AFTER_SEQUENCE_NUMBER":
                var sequence = sequenceNumber is null
                    ? throw DynamoDbErrors.Validation("SequenceNumber must be specified for AT_SEQUENCE_NUMBER or AFTER_SEQUENCE_NUMBER iterator types")
                    : SequenceNumbers.Parse(sequenceNumber) ?? throw DynamoDbErrors.Validation($"Invalid SequenceNumber: {sequenceNumber}");
                var first = _store.StreamRange(stream.Arn).First;
                if ((first > 0 && sequence < first) || sequence <= _store.StreamTrimPoint(stream.Arn))
                {
                    throw TrimmedDataAccess();
                }
                after = type == "AT_SEQUENCE_NUMBER" ? sequence - 1 : sequence;
                break;
            default:
                throw DynamoDbErrors.Validation($"1 validation error detected: Value '{type}' at 'shardIteratorType' failed to satisfy constraint: Member must satisfy enum value set: [AFTER_SEQUENCE_NUMBER, LATEST, AT_SEQUENCE_NUMBER, TRIM_HORIZON]");
        }
        return Iterator(stream.Arn, after);
    }

    private string Iterator(string streamArn, long after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{streamArn}|{after}|{_time.GetUtcNow().ToUnixTimeMilliseconds()}"));

    /// <summary>GetRecords: the records after the iterator's position and the iterator for the next call (none
    /// once a disabled stream has been read to its end).</summary>
    public (IReadOnlyList<StreamRecordRow> Records, string? Next) GetRecords(string iterator, int? limit)
    {
        if (limit is < 1 or > MaxRecordsPerCall)
        {
            throw DynamoDbErrors.Validation($"1 validation error detected: Value '{limit}' at 'limit' failed to satisfy constraint: Member must have value {(limit < 1 ? "greater than or equal to 1" : "less than or equal to 1000")}");
        }
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(Convert.FromBase64String(iterator)).Split('|');
        }
        catch (FormatException)
        {
            parts = [];
        }
        if (parts.Length != 3 || !long.TryParse(parts[1], out var after) || !long.TryParse(parts[2], out var issued))
        {
            throw DynamoDbErrors.Validation("Invalid ShardIterator");
        }
        if (_time.GetUtcNow().ToUnixTimeMilliseconds() - issued > IteratorLifetime.TotalMilliseconds)
        {
            throw DynamoDbErrors.ExpiredIterator("Iterator expired. The iterator was created over 15 minutes ago.");
        }
        var (_, stream) = Find(parts[0]);
        // The iterator's next record was trimmed (24 h retention) after the iterator was issued: AWS refuses rather than
        // silently skipping what the reader never saw.
        if (after < _store.StreamTrimPoint(stream.Arn))
        {
            throw TrimmedDataAccess();
        }
        var records = _store.ReadStream(stream.Arn, after, limit ?? MaxRecordsPerCall);
        var position = records.Count > 0 ? records[^1].Sequence : after;
        // A disabled stream's shard is closed: the page that reaches its last record already carries no next iterator,
        // as AWS's does (readers stop without one more empty call).
        var exhausted = !stream.Enabled && position >= _store.StreamRange(stream.Arn).Last;
        return (records, exhausted ? null : Iterator(stream.Arn, position));
    }

    // The exception's description in the DynamoDB Streams API reference (API_streams_GetRecords.html#API_streams_GetRecords_Errors).
    private static AwsServiceException TrimmedDataAccess() =>
        DynamoDbErrors.TrimmedDataAccess("The operation attempted to read past the oldest stream record in a shard.");

    public bool StreamExists(string streamArn) => _catalog.All.Any(t => t.Stream?.Arn == streamArn);

    public IReadOnlyList<TableStreamRecord> Read(string streamArn, string? afterSequenceNumber, int maxRecords)
    {
        var after = afterSequenceNumber is null ? 0 : SequenceNumbers.Parse(afterSequenceNumber) ?? 0;
        return _store.ReadStream(streamArn, after, maxRecords)
            .Select(r => new TableStreamRecord(SequenceNumbers.Format(r.Sequence), DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedMs), Encoding.UTF8.GetString(r.Record)))
            .ToList();
    }

    string? ITableStreamSource.ShardId(string streamArn) => _catalog.All.FirstOrDefault(t => t.Stream?.Arn == streamArn)?.Stream is { } stream ? ShardId(stream) : null;

    public string? LatestSequenceNumber(string streamArn) => _store.StreamRange(streamArn).Last is > 0 and var last ? SequenceNumbers.Format(last) : null;
}
