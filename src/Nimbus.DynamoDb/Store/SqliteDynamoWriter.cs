using System.Text.Json;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Store;

/// <summary>The SQL of each write, run on the group-commit writer's connection inside its transaction.</summary>
internal sealed class SqliteDynamoWriter(SqliteCommandCache cache) : IDynamoWriter
{
    public StoredItem? GetItem(long tableId, byte[] hashKey, byte[] rangeKey) => SqliteDynamoStore.ReadItem(cache, tableId, hashKey, rangeKey);

    public void PutItem(long tableId, StoredItem item, IReadOnlyList<IndexEntry> indexEntries)
    {
        DeleteIndexEntries(tableId, item.HashKey, item.RangeKey);
        var command = cache.Get("INSERT OR REPLACE INTO ddb_items (tid, hk, rk, item) VALUES ($t, $h, $r, $i)", "$t", "$h", "$r", "$i");
        command.Parameters[0].Value = tableId;
        command.Parameters[1].Value = item.HashKey;
        command.Parameters[2].Value = item.RangeKey;
        command.Parameters[3].Value = item.Item;
        command.ExecuteNonQuery();
        foreach (var entry in indexEntries)
        {
            PutIndexEntry(tableId, entry, item.HashKey, item.RangeKey);
        }
    }

    public void DeleteItem(long tableId, byte[] hashKey, byte[] rangeKey)
    {
        DeleteIndexEntries(tableId, hashKey, rangeKey);
        var command = cache.Get("DELETE FROM ddb_items WHERE tid = $t AND hk = $h AND rk = $r", "$t", "$h", "$r");
        command.Parameters[0].Value = tableId;
        command.Parameters[1].Value = hashKey;
        command.Parameters[2].Value = rangeKey;
        command.ExecuteNonQuery();
    }

    private void DeleteIndexEntries(long tableId, byte[] hashKey, byte[] rangeKey)
    {
        var command = cache.Get("DELETE FROM ddb_index WHERE tid = $t AND hk = $h AND rk = $r", "$t", "$h", "$r");
        command.Parameters[0].Value = tableId;
        command.Parameters[1].Value = hashKey;
        command.Parameters[2].Value = rangeKey;
        command.ExecuteNonQuery();
    }

    public void PutIndexEntry(long tableId, IndexEntry entry, byte[] hashKey, byte[] rangeKey)
    {
        var command = cache.Get("INSERT OR REPLACE INTO ddb_index (tid, idx, ihk, irk, hk, rk) VALUES ($t, $x, $ih, $ir, $h, $r)", "$t", "$x", "$ih", "$ir", "$h", "$r");
        command.Parameters[0].Value = tableId;
        command.Parameters[1].Value = entry.Index;
        command.Parameters[2].Value = entry.IndexHashKey;
        command.Parameters[3].Value = entry.IndexRangeKey;
        command.Parameters[4].Value = hashKey;
        command.Parameters[5].Value = rangeKey;
        command.ExecuteNonQuery();
    }

    public void DeleteIndex(long tableId, string index)
    {
        Execute("DELETE FROM ddb_index WHERE tid = $c AND idx = $d", tableId, index);
        Execute("DELETE FROM ddb_stats WHERE tid = $c AND idx = $d", tableId, index);
    }

    public void AdjustStatistics(long tableId, string index, long items, long bytes)
    {
        var command = cache.Get("INSERT INTO ddb_stats (tid, idx, items, bytes) VALUES ($t, $x, $n, $b) " +
            "ON CONFLICT (tid, idx) DO UPDATE SET items = items + excluded.items, bytes = bytes + excluded.bytes", "$t", "$x", "$n", "$b");
        command.Parameters[0].Value = tableId;
        command.Parameters[1].Value = index;
        command.Parameters[2].Value = items;
        command.Parameters[3].Value = bytes;
        command.ExecuteNonQuery();
    }

    public long AdjustCollection(long tableId, byte[] hashKey, long bytes)
    {
        var command = cache.Get("INSERT INTO ddb_collections (tid, hk, bytes) VALUES ($t, $h, $b) " +
            "ON CONFLICT (tid, hk) DO UPDATE SET bytes = bytes + excluded.bytes RETURNING bytes", "$t", "$h", "$b");
        command.Parameters[0].Value = tableId;
        command.Parameters[1].Value = hashKey;
        command.Parameters[2].Value = bytes;
        return (long)command.ExecuteScalar()!;
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
