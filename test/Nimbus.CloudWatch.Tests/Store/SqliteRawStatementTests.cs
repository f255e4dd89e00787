using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Tests.Store;

/// <summary>The log store's bulk insert path: values bound by position through SQLite's API arrive intact.</summary>
public sealed class SqliteRawStatementTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly SqliteDatabase _database;

    public SqliteRawStatementTests()
    {
        _database = new SqliteDatabase(Path.Combine(_directory.Path, "raw.db"));
        _database.EnsureSchema("CREATE TABLE lines (id INTEGER PRIMARY KEY, n INTEGER NOT NULL, t TEXT NOT NULL);");
    }

    [Fact]
    public void BoundValues_RoundTrip_IncludingTextOutsideTheBasicPlane()
    {
        string[] texts = ["plain", "", "héllo ✓ 😀 𝄞", "nul\0inside", new string('x', 300_000)];
        using (var connection = _database.Open())
        using (var transaction = connection.BeginTransaction())
        using (var insert = new SqliteRawStatement(connection, "INSERT INTO lines (n, t) VALUES (?1, ?2)"))
        {
            for (var i = 0; i < texts.Length; i++)
            {
                insert.Bind(1, long.MaxValue - i);
                insert.Bind(2, texts[i]);
                insert.Execute();
            }
            transaction.Commit();
        }

        using var read = _database.Open();
        using var command = read.CreateCommand();
        command.CommandText = "SELECT n, t FROM lines ORDER BY id";
        using var reader = command.ExecuteReader();
        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(reader.Read());
            Assert.Equal(long.MaxValue - i, reader.GetInt64(0));
            Assert.Equal(texts[i], reader.GetString(1));
        }
        Assert.False(reader.Read());
    }

    [Fact]
    public void AFailedStep_ThrowsSqliteException_AndTheStatementStaysUsable()
    {
        using var connection = _database.Open();
        using var insert = new SqliteRawStatement(connection, "INSERT INTO lines (id, n, t) VALUES (?1, ?2, ?3)");
        insert.Bind(1, 1);
        insert.Bind(2, 1);
        insert.Bind(3, "one");
        insert.Execute();

        var duplicate = Assert.Throws<SqliteException>(insert.Execute);
        Assert.Equal(19, duplicate.SqliteErrorCode); // SQLITE_CONSTRAINT

        insert.Bind(1, 2);
        insert.Execute();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM lines";
        Assert.Equal(2L, count.ExecuteScalar());
    }

    [Fact]
    public void BadSql_ThrowsSqliteException()
    {
        using var connection = _database.Open();
        Assert.Throws<SqliteException>(() => new SqliteRawStatement(connection, "INSERT INTO nowhere VALUES (?1)"));
    }

    public void Dispose() => _directory.Dispose();
}
