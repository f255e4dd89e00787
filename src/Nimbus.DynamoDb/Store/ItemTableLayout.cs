using Nimbus.Core.Storage;

namespace Nimbus.DynamoDb.Store;

/// <summary>
/// The layout of <c>ddb_items</c>: item bodies in a rowid table, found by a unique index on (table, hash key, range key).
/// </summary>
/// <remarks>
/// Until 2026-11-27 the items lived in a WITHOUT ROWID table keyed by (tid, hk, rk). Such a table is a B-tree index,
/// whose leaf keeps at most ~1,000 bytes of a row (with 4 KB pages) and moves the rest to an overflow page of its own:
/// every item above ~1 KB took a whole extra page, written into the WAL and fsynced at each write (3,000 items of 1 KB
/// filled 3,423 pages, against 1,014 in a rowid table). A rowid table keeps up to ~4 KB of a row in its leaf, and new
/// items append to the same few leaves; the unique index, of small rows, keeps Query and Scan range scans in key order.
/// </remarks>
internal static class ItemTableLayout
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS ddb_items (id INTEGER PRIMARY KEY, tid INTEGER NOT NULL, hk BLOB NOT NULL, rk BLOB NOT NULL,
            item BLOB NOT NULL, UNIQUE (tid, hk, rk));
        """;

    /// <summary>
    /// Moves the items of a store written before the rowid layout into it, in one transaction: a crash part-way leaves the
    /// old table as it was, and the next start begins again.
    /// </summary>
    public static void Upgrade(SqliteDatabase database)
    {
        using var connection = database.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ddb_items'";
        if (check.ExecuteScalar() is not string sql || !sql.Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        using var transaction = connection.BeginTransaction();
        SqliteDatabase.Execute(connection, transaction, $"""
            ALTER TABLE ddb_items RENAME TO ddb_items_without_rowid;
            {Create}
            INSERT INTO ddb_items (tid, hk, rk, item) SELECT tid, hk, rk, item FROM ddb_items_without_rowid ORDER BY tid, hk, rk;
            DROP TABLE ddb_items_without_rowid;
            """);
        transaction.Commit();
    }
}
