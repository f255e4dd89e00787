using System.Text.Json;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Store;

/// <summary>The SQL of each write, run on the group-commit writer's connection inside its transaction.</summary>
internal sealed class SqliteDynamoWriter(SqliteCommandCache cache) : IDynamoWriter
{
    public StoredItem? GetItem(long tableId, byte[] hashKey, byte[] rangeKey) => SqliteDynamoStore.ReadItem(cache, tableId, hashKey, rangeKey);

    public void PutItem(long tableId, StoredItem item, IReadOnlyList<IndexEntry> indexEntries, bool hasIndexes)
    {
        if (hasIndexes)
        {
            DeleteIndexEntries(tableId, item.HashKey, item.RangeKey);
        }
        // An upsert rewrites a replaced item where it is (same rowid, index untouched); REPLACE would delete the row and
        // append a new one, rewriting the index entry and leaving a hole.
        var insert = cache.Raw("INSERT INTO ddb_items (tid, hk, rk, item) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (tid, hk, rk) DO UPDATE SET item = excluded.item");
        BindKey(insert, tableId, item.HashKey, item.RangeKey);
        insert.Bind(4, item.Item);
        insert.Execute();
        foreach (var entry in indexEntries)
        {
            PutIndexEntry(tableId, entry, item.HashKey, item.RangeKey);
        }
    }

    public void DeleteItem(long tableId, byte[] hashKey, byte[] rangeKey, bool hasIndexes)
    {
        if (hasIndexes)
        {
            DeleteIndexEntries(tableId, hashKey, rangeKey);
        }
        var delete = cache.Raw("DELETE FROM ddb_items WHERE tid = ?1 AND hk = ?2 AND rk = ?3");
        BindKey(delete, tableId, hashKey, rangeKey);
        delete.Execute();
    }

    private void DeleteIndexEntries(long tableId, byte[] hashKey, byte[] rangeKey)
    {
        var delete = cache.Raw("DELETE FROM ddb_index WHERE tid = ?1 AND hk = ?2 AND rk = ?3");
        BindKey(delete, tableId, hashKey, rangeKey);
        delete.Execute();
    }

    public void PutIndexEntry(long tableId, IndexEntry entry, byte[] hashKey, byte[] rangeKey)
    {
        var insert = cache.Raw("INSERT OR REPLACE INTO ddb_index (tid, idx, ihk, irk, hk, rk) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.Bind(1, tableId);
        insert.Bind(2, entry.Index);
        insert.Bind(3, entry.IndexHashKey);
        insert.Bind(4, entry.IndexRangeKey);
        insert.Bind(5, hashKey);
        insert.Bind(6, rangeKey);
        insert.Execute();
    }

    /// <summary>Binds (table, hash key, range key) as parameters 1–3, the key of the item tables.</summary>
    internal static void BindKey(SqliteRawStatement statement, long tableId, byte[] hashKey, byte[] rangeKey)
    {
        statement.Bind(1, tableId);
        statement.Bind(2, hashKey);
        statement.Bind(3, rangeKey);
    }

    public void DeleteIndex(long tableId, string index)
    {
        Execute("DELETE FROM ddb_index WHERE tid = $c AND idx = $d", tableId, index);
        Execute("DELETE FROM ddb_stats WHERE tid = $c AND idx = $d", tableId, index);
    }

    public void AdjustStatistics(long tableId, string index, long items, long bytes)
    {
        var upsert = cache.Raw("INSERT INTO ddb_stats (tid, idx, items, bytes) VALUES (?1, ?2, ?3, ?4) " +
            "ON CONFLICT (tid, idx) DO UPDATE SET items = items + excluded.items, bytes = bytes + excluded.bytes");
        upsert.Bind(1, tableId);
        upsert.Bind(2, index);
        upsert.Bind(3, items);
        upsert.Bind(4, bytes);
        upsert.Execute();
    }

    public long AdjustCollection(long tableId, byte[] hashKey, long bytes)
    {
        var upsert = cache.Raw("INSERT INTO ddb_collections (tid, hk, bytes) VALUES (?1, ?2, ?3) " +
            "ON CONFLICT (tid, hk) DO UPDATE SET bytes = bytes + excluded.bytes RETURNING bytes");
        upsert.Bind(1, tableId);
        upsert.Bind(2, hashKey);
        upsert.Bind(3, bytes);
        try
        {
            upsert.Step();
            return upsert.Int64(0);
        }
        finally
        {
            upsert.Reset();
        }
    }

    public long AppendStreamRecord(string streamArn, long createdMs, Func<long, byte[]> record)
    {
        // The record carries its own sequence number, known only once the row exists: insert, then fill in.
        var insert = cache.Get("INSERT INTO ddb_stream (arn, created, record) VALUES ($a, $c, x'') RETURNING seq", "$a", "$c");
        insert.Parameters[0].Value = streamArn;
        insert.Parameters[1].Value = createdMs;
        var sequence = (long)insert.ExecuteScalar()!;
        var update = cache.Get("UPDATE ddb_stream SET record = $r WHERE seq = $s", "$r", "$s");
        update.Parameters[0].Value = record(sequence);
        update.Parameters[1].Value = sequence;
        update.ExecuteNonQuery();
        return sequence;
    }

    public void SaveTable(TableDefinition table)
    {
        var command = cache.Get("UPDATE ddb_tables SET definition = $d WHERE id = $i", "$d", "$i");
        command.Parameters[0].Value = JsonSerializer.Serialize(table, DynamoStoreJsonContext.Default.TableDefinition);
        command.Parameters[1].Value = table.Id;
        command.ExecuteNonQuery();
    }

    public long InsertTable(TableDefinition table)
    {
        var command = cache.Get("INSERT INTO ddb_tables (definition) VALUES ($d) RETURNING id", "$d");
        command.Parameters[0].Value = JsonSerializer.Serialize(table, DynamoStoreJsonContext.Default.TableDefinition);
        var id = (long)command.ExecuteScalar()!;
        SaveTable(table with { Id = id });
        // A statistics row from the start: a table without one predates them and is counted once at start-up.
        AdjustStatistics(id, "", 0, 0);
        return id;
    }

    public void DeleteTable(long tableId)
    {
        Execute("DELETE FROM ddb_items WHERE tid = $c", tableId);
        Execute("DELETE FROM ddb_index WHERE tid = $c", tableId);
        Execute("DELETE FROM ddb_stats WHERE tid = $c", tableId);
        Execute("DELETE FROM ddb_collections WHERE tid = $c", tableId);
        Execute("DELETE FROM ddb_tables WHERE id = $c", tableId);
    }

    public ItemStatistics TableStatistics(long tableId)
    {
        var command = cache.Get("SELECT items, bytes FROM ddb_stats WHERE tid = $t AND idx = ''", "$t");
        command.Parameters[0].Value = tableId;
        using var reader = command.ExecuteReader();
        return reader.Read() ? new ItemStatistics(reader.GetInt64(0), reader.GetInt64(1)) : default;
    }

    public void InsertBackup(BackupRecord backup, string accountId, string region, long tableId)
    {
        var insert = cache.Get("INSERT INTO ddb_backups (arn, account, region, created, definition) VALUES ($a, $o, $r, $c, $d)", "$a", "$o", "$r", "$c", "$d");
        insert.Parameters[0].Value = backup.Arn;
        insert.Parameters[1].Value = accountId;
        insert.Parameters[2].Value = region;
        insert.Parameters[3].Value = backup.CreatedAt;
        insert.Parameters[4].Value = JsonSerializer.Serialize(backup, DynamoStoreJsonContext.Default.BackupRecord);
        insert.ExecuteNonQuery();
        // Copied row for row inside SQLite rather than read out and written back: one statement, no item decoded, and
        // it sees exactly the state of this transaction, so no write can fall between the backup's items.
        Execute("INSERT INTO ddb_backup_items (arn, hk, rk, item) SELECT $d, hk, rk, item FROM ddb_items WHERE tid = $c", tableId, backup.Arn);
    }

    public bool DeleteBackup(string arn)
    {
        Execute("DELETE FROM ddb_backup_items WHERE arn = $c", arn);
        return Execute("DELETE FROM ddb_backups WHERE arn = $c", arn) > 0;
    }

    public (string Fingerprint, long CreatedMs)? GetToken(string token)
    {
        var command = cache.Get("SELECT fingerprint, created FROM ddb_tokens WHERE token = $t", "$t");
        command.Parameters[0].Value = token;
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetInt64(1)) : null;
    }

    public void PutToken(string token, string fingerprint, long createdMs)
    {
        var command = cache.Get("INSERT OR REPLACE INTO ddb_tokens (token, fingerprint, created) VALUES ($t, $f, $c)", "$t", "$f", "$c");
        command.Parameters[0].Value = token;
        command.Parameters[1].Value = fingerprint;
        command.Parameters[2].Value = createdMs;
        command.ExecuteNonQuery();
    }

    public int Execute(string sql, object first, object? second = null)
    {
        var command = cache.Get(sql, second is null ? ["$c"] : ["$c", "$d"]);
        command.Parameters[0].Value = first;
        if (second is not null)
        {
            command.Parameters[1].Value = second;
        }
        return command.ExecuteNonQuery();
    }
}
