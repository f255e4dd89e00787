using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Store;

/// <summary>Persistence of tables, items, indexes and stream records.</summary>
internal interface IDynamoStore
{
    IReadOnlyList<TableDefinition> LoadTables();

    /// <summary>Runs <paramref name="write"/> atomically and durably; returns once it is committed.</summary>
    Task<T> WriteAsync<T>(Func<IDynamoWriter, T> write);

    StoredItem? GetItem(long tableId, byte[] hashKey, byte[] rangeKey);

    /// <summary>Rows in key order (or reverse); the caller stops enumerating when its page is full.</summary>
    IEnumerable<ScannedItem> Scan(ScanRequest request);

    /// <summary>
    /// Item count and size of a table (key "") and of each index, kept by every write; null for a table written before
    /// they were kept (see <see cref="Service.StatisticsBackfill"/>).
    /// </summary>
    IReadOnlyDictionary<string, ItemStatistics>? Statistics(long tableId);

    IReadOnlyList<StreamRecordRow> ReadStream(string streamArn, long afterSequence, int limit);

    /// <summary>The lowest and highest sequence numbers still held for a stream (0 when none).</summary>
    (long First, long Last) StreamRange(string streamArn);

    /// <summary>The highest sequence number trimmed from a stream by retention (0 when none has been).</summary>
    long StreamTrimPoint(string streamArn);

    BackupRecord? GetBackup(string arn);

    /// <summary>The backups of an account and region, oldest first.</summary>
    IReadOnlyList<BackupRecord> ListBackups(string accountId, string region);

    /// <summary>A backup's items in key order (read from committed state: a backup never changes once written).</summary>
    IEnumerable<StoredItem> BackupItems(string arn);

    int TrimStreams(long olderThanMs);

    int TrimTokens(long olderThanMs);
}
