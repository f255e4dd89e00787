using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Nimbus.Core.Storage;

/// <summary>
/// A statement prepared once and executed many times straight through SQLite's C API: binding by position and
/// stepping, without the per-execution parameter lookup by name and data reader that <see cref="SqliteCommand"/>
/// costs. For hot paths (log lines, DynamoDB item reads and writes), where that overhead was a third of the work.
/// The statement belongs to its connection and must be disposed before the connection is.
/// </summary>
public sealed class SqliteRawStatement : IDisposable
{
    private readonly sqlite3 _database;
    private readonly sqlite3_stmt _statement;

    public SqliteRawStatement(SqliteConnection connection, string sql)
    {
        _database = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_database, sql, out _statement), _database);
    }

    /// <summary>Binds parameter <paramref name="position"/> (1-based, as SQLite counts).</summary>
    public void Bind(int position, long value) =>
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_int64(_statement, position, value), _database);

    /// <summary>Binds text from its UTF-16 characters: SQLite converts it, with no managed copy.</summary>
    public void Bind(int position, string value) =>
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text16(_statement, position, value.AsSpan()), _database);

    /// <summary>Binds text already encoded as UTF-8, as SQLite stores it: nothing is converted.</summary>
    public void BindUtf8(int position, ReadOnlySpan<byte> value) =>
        SqliteException.ThrowExceptionForRC(raw.sqlite3_bind_text(_statement, position, value), _database);

    /// <summary>Runs the statement to completion (a write) and resets it for the next bindings.</summary>
    public void Execute()
    {
        var result = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        if (result is not (raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
    }

    /// <summary>
    /// Binds a blob (copied by SQLite). An empty one binds as the empty blob <c>x''</c>, not NULL: a null data pointer,
    /// which is what an empty span pins to, would bind NULL.
    /// </summary>
    public void Bind(int position, ReadOnlySpan<byte> value) =>
        SqliteException.ThrowExceptionForRC(value.IsEmpty
            ? raw.sqlite3_bind_zeroblob(_statement, position, 0)
            : raw.sqlite3_bind_blob(_statement, position, value), _database);

    /// <summary>
    /// Steps once: true with a row to read (<see cref="Blob"/>, <see cref="Int64"/>), false when done. The caller
    /// calls <see cref="Reset"/> once it has read what it needs — a statement left running holds its transaction open.
    /// </summary>
    public bool Step()
    {
        var result = raw.sqlite3_step(_statement);
        if (result == raw.SQLITE_ROW)
        {
            return true;
        }
        raw.sqlite3_reset(_statement);
        if (result != raw.SQLITE_DONE)
        {
            SqliteException.ThrowExceptionForRC(result, _database);
        }
        return false;
    }

    /// <summary>Column <paramref name="column"/> (0-based) of the current row, as bytes (empty for NULL).</summary>
    public byte[] Blob(int column) => raw.sqlite3_column_blob(_statement, column).ToArray();

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public void Reset() => raw.sqlite3_reset(_statement);

    public void Dispose() => _statement.Dispose();
}
