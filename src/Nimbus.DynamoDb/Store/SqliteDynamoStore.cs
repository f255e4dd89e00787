using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Model;

namespace Nimbus.DynamoDb.Store;

/// <summary>
/// Tables in one SQLite database (WAL, synchronous=FULL). Items are found by (table, encoded hash key, encoded range
/// key), a unique index over their rowid table (see <see cref="ItemTableLayout"/>), so a Query is a range scan of that
/// index; index entries live in a WITHOUT ROWID table keyed by the index keys (small rows: keys only). Writes go
/// through a pipelined <see cref="SqliteGroupCommit"/>, which commits concurrent calls in one transaction (one fsync)
/// with a savepoint each, and runs the next transaction's SQL while the previous one's fsync runs (see
/// <see cref="SqliteWalSyncer"/> for why an answered write is durable).
/// </summary>
internal sealed partial class SqliteDynamoStore : IDynamoStore, IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS ddb_tables (id INTEGER PRIMARY KEY AUTOINCREMENT, definition TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ddb_index (tid INTEGER NOT NULL, idx TEXT NOT NULL, ihk BLOB NOT NULL, irk BLOB NOT NULL,
            hk BLOB NOT NULL, rk BLOB NOT NULL, PRIMARY KEY (tid, idx, ihk, irk, hk, rk)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS ddb_index_by_item ON ddb_index (tid, hk, rk);
        CREATE TABLE IF NOT EXISTS ddb_stream (seq INTEGER PRIMARY KEY AUTOINCREMENT, arn TEXT NOT NULL, created INTEGER NOT NULL, record BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS ddb_stream_by_arn ON ddb_stream (arn, seq);
        CREATE TABLE IF NOT EXISTS ddb_stream_trims (arn TEXT PRIMARY KEY, seq INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ddb_tokens (token TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, created INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS ddb_stats (tid INTEGER NOT NULL, idx TEXT NOT NULL, items INTEGER NOT NULL, bytes INTEGER NOT NULL,
            PRIMARY KEY (tid, idx)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ddb_collections (tid INTEGER NOT NULL, hk BLOB NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (tid, hk)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS ddb_backups (arn TEXT PRIMARY KEY, account TEXT NOT NULL, region TEXT NOT NULL, created REAL NOT NULL,
            definition TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS ddb_backup_items (arn TEXT NOT NULL, hk BLOB NOT NULL, rk BLOB NOT NULL, item BLOB NOT NULL,
            PRIMARY KEY (arn, hk, rk)) WITHOUT ROWID;
        """;

    private readonly SqliteReaderPool _readers;
    private readonly SqliteGroupCommit _writer;

    /// <param name="durability">When a write is answered: after the WAL's fsync (the default), or once it is in the WAL.</param>
    public SqliteDynamoStore(SqliteDatabase database, WriteDurability durability = WriteDurability.Fsync)
    {
        ItemTableLayout.Upgrade(database);
        database.EnsureSchema(ItemTableLayout.Create + Schema);
        _readers = new SqliteReaderPool(database);
        _writer = new SqliteGroupCommit(database, "dynamodb-writer", pipelined: true, durability);
    }

    public IReadOnlyList<TableDefinition> LoadTables()
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT id, definition FROM ddb_tables ORDER BY id");
        using var reader = command.ExecuteReader();
        var tables = new List<TableDefinition>();
        while (reader.Read())
        {
            var table = JsonSerializer.Deserialize(reader.GetString(1), DynamoStoreJsonContext.Default.TableDefinition)!;
            tables.Add(table with { Id = reader.GetInt64(0) });
        }
        return tables;
    }

    public Task<T> WriteAsync<T>(Func<IDynamoWriter, T> write) => _writer.RunAsync(cache => write(new SqliteDynamoWriter(cache)));

    public StoredItem? GetItem(long tableId, byte[] hashKey, byte[] rangeKey)
    {
        using var lease = Lease();
        return ReadItem(lease.Cache, tableId, hashKey, rangeKey);
    }

    internal static StoredItem? ReadItem(SqliteCommandCache cache, long tableId, byte[] hashKey, byte[] rangeKey)
    {
        var select = cache.Raw("SELECT item FROM ddb_items WHERE tid = ?1 AND hk = ?2 AND rk = ?3");
        SqliteDynamoWriter.BindKey(select, tableId, hashKey, rangeKey);
        try
        {
            return select.Step() ? new StoredItem(hashKey, rangeKey, select.Blob(0)) : null;
        }
        finally
        {
            select.Reset();
        }
    }

    public IReadOnlyDictionary<string, ItemStatistics>? Statistics(long tableId)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT idx, items, bytes FROM ddb_stats WHERE tid = $t", "$t");
        command.Parameters[0].Value = tableId;
        using var reader = command.ExecuteReader();
        var statistics = new Dictionary<string, ItemStatistics>(StringComparer.Ordinal);
        while (reader.Read())
        {
            statistics[reader.GetString(0)] = new ItemStatistics(reader.GetInt64(1), reader.GetInt64(2));
        }
        return statistics.ContainsKey("") ? statistics : null;
    }

    public IReadOnlyList<StreamRecordRow> ReadStream(string streamArn, long afterSequence, int limit)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT seq, created, record FROM ddb_stream WHERE arn = $a AND seq > $s ORDER BY seq LIMIT $l", "$a", "$s", "$l");
        command.Parameters[0].Value = streamArn;
        command.Parameters[1].Value = afterSequence;
        command.Parameters[2].Value = limit;
        using var reader = command.ExecuteReader();
        var rows = new List<StreamRecordRow>();
        while (reader.Read())
        {
            rows.Add(new StreamRecordRow(reader.GetInt64(0), reader.GetInt64(1), (byte[])reader.GetValue(2)));
        }
        return rows;
    }

    public (long First, long Last) StreamRange(string streamArn)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM ddb_stream WHERE arn = $a", "$a");
        command.Parameters[0].Value = streamArn;
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    public long StreamTrimPoint(string streamArn)
    {
        using var lease = Lease();
        var command = lease.Cache.Get("SELECT coalesce(max(seq), 0) FROM ddb_stream_trims WHERE arn = $a", "$a");
        command.Parameters[0].Value = streamArn;
        return (long)command.ExecuteScalar()!;
    }

    /// <summary>
    /// Deletes the records older than the cutoff and remembers, per stream, the last one deleted: an iterator or sequence
    /// number before that point asks for data that is gone (<c>TrimmedDataAccessException</c>), which the remaining records
    /// alone cannot tell once a stream's sequence numbers have gaps (the counter is shared by all streams).
    /// </summary>
    public int TrimStreams(long olderThanMs) => _writer.Run(cache =>
    {
        var writer = new SqliteDynamoWriter(cache);
        writer.Execute("INSERT INTO ddb_stream_trims (arn, seq) SELECT arn, max(seq) FROM ddb_stream WHERE created < $c GROUP BY arn " +
            "ON CONFLICT (arn) DO UPDATE SET seq = max(seq, excluded.seq)", olderThanMs);
        return writer.Execute("DELETE FROM ddb_stream WHERE created < $c", olderThanMs);
    });

    public int TrimTokens(long olderThanMs) => _writer.Run(cache => new SqliteDynamoWriter(cache).Execute("DELETE FROM ddb_tokens WHERE created < $c", olderThanMs));

    private SqliteReaderPool.Lease Lease() => _readers.Rent();

    public void Dispose()
    {
        _writer.Dispose();
        _readers.Dispose();
    }
}
