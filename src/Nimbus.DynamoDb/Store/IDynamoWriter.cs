namespace Nimbus.DynamoDb.Store;

/// <summary>
/// The operations allowed inside one atomic write (a SQLite transaction, or a savepoint of a group commit): every
/// change of one API call — item, index entries, stream record — commits or rolls back together.
/// </summary>
internal interface IDynamoWriter
{
    StoredItem? GetItem(long tableId, byte[] hashKey, byte[] rangeKey);

    /// <summary>
    /// Writes an item with its index entries, replacing the old ones. <paramref name="hasIndexes"/> false (the table has
    /// no secondary index, so no entries of its items exist) skips looking for old entries to delete.
    /// </summary>
    void PutItem(long tableId, StoredItem item, IReadOnlyList<IndexEntry> indexEntries, bool hasIndexes);

    void DeleteItem(long tableId, byte[] hashKey, byte[] rangeKey, bool hasIndexes);

    long AppendStreamRecord(string streamArn, long createdMs, Func<long, byte[]> record);

    void SaveTable(Model.TableDefinition table);

    long InsertTable(Model.TableDefinition table);

    void DeleteTable(long tableId);

    /// <summary>Index entries for an index being built (UpdateTable backfill) or dropped.</summary>
    void PutIndexEntry(long tableId, IndexEntry entry, byte[] hashKey, byte[] rangeKey);

    void DeleteIndex(long tableId, string index);

    /// <summary>Transaction idempotency tokens: the request fingerprint and when it was first seen.</summary>
    (string Fingerprint, long CreatedMs)? GetToken(string token);

    void PutToken(string token, string fingerprint, long createdMs);

    /// <summary>Adds to the item count and size of a table (<paramref name="index"/> "") or one of its indexes.</summary>
    void AdjustStatistics(long tableId, string index, long items, long bytes);

    /// <summary>The item count and size of a table as of this transaction.</summary>
    ItemStatistics TableStatistics(long tableId);

    /// <summary>Stores a backup and copies the table's items into it, in this transaction: a consistent snapshot.</summary>
    void InsertBackup(Model.BackupRecord backup, string accountId, string region, long tableId);

    /// <summary>Removes a backup and its items; false when there was none.</summary>
    bool DeleteBackup(string arn);

    /// <summary>Adds to the size of one item collection (a partition key of a table with LSIs); returns its new size.</summary>
    long AdjustCollection(long tableId, byte[] hashKey, long bytes);
}
