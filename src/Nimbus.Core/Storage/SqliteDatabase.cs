using Microsoft.Data.Sqlite;

namespace Nimbus.Core.Storage;

/// <summary>
/// Opens connections to one SQLite file in WAL mode with full fsync, so that a write that returned
/// success survives <c>kill -9</c> of the server. Connections are pooled by Microsoft.Data.Sqlite.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    /// <param name="path">The database file; created when missing.</param>
    /// <param name="pageSize">
    /// The page size of a database this creates (SQLite's default, 4096 bytes, when null). It cannot change once the
    /// file is in WAL mode, so an existing file keeps the size it was created with.
    /// </param>
    public SqliteDatabase(string path, int? pageSize = null)
    {
        Path = path;
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        if (pageSize is int size)
        {
            Execute(connection, $"PRAGMA page_size={size};");
        }
        Execute(connection, "PRAGMA journal_mode=WAL;");
    }

    public string Path { get; }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // FULL: the WAL is fsynced at every commit; busy_timeout lets concurrent writers queue instead of failing.
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;");
        return connection;
    }

    /// <summary>Runs schema statements (idempotent <c>CREATE … IF NOT EXISTS</c>) once at start-up.</summary>
    public void EnsureSchema(string ddl)
    {
        using var connection = Open();
        Execute(connection, ddl);
    }

    public static void Execute(SqliteConnection connection, string sql) => Execute(connection, null, sql);

    /// <summary>Runs <paramref name="sql"/> inside <paramref name="transaction"/> (a command must name the open transaction).</summary>
    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
