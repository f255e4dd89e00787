using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Tests;

/// <summary>
/// A data directory written before backups, PITR, contributor insights and resource policies existed opens unchanged:
/// its table definitions (JSON without the new members) read with the defaults, and the backup tables are created.
/// </summary>
public sealed class StoreUpgradeTests : IDisposable
{
    /// <summary>A table definition as stores wrote it before 2026-11-28.</summary>
    private const string OldDefinition = """
        {"AccountId":"000000000000","Region":"us-east-1","Name":"old","TableId":"3f1c2a9e-0000-4000-8000-000000000001",
         "Arn":"arn:aws:dynamodb:us-east-1:000000000000:table/old","CreatedAt":1700000000.5,
         "Key":{"Hash":{"Name":"id","Type":"S"},"Range":null},"AttributeDefinitions":{"id":"S"},"BillingMode":"PAY_PER_REQUEST"}
        """;

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-ddb-upgrade-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void OldDefinitions_LoadWithDefaults_AndBackupTablesAreCreated()
    {
        Directory.CreateDirectory(_directory);
        var path = Path.Combine(_directory, "dynamodb.db");
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            // The schema of an older store: its tables, no backup tables.
            SqliteDatabase.Execute(connection, "CREATE TABLE ddb_tables (id INTEGER PRIMARY KEY AUTOINCREMENT, definition TEXT NOT NULL);");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO ddb_tables (definition) VALUES ($d)";
            insert.Parameters.AddWithValue("$d", OldDefinition);
            insert.ExecuteNonQuery();
        }
        using var store = new SqliteDynamoStore(new SqliteDatabase(path));
        var table = Assert.Single(store.LoadTables());
        Assert.Equal("old", table.Name);
        Assert.Null(table.PointInTimeRecovery);
        Assert.Empty(table.ContributorInsights);
        Assert.Empty(table.Policies);
        Assert.Null(table.Restore);
        Assert.Empty(store.ListBackups("000000000000", "us-east-1"));
        Assert.Null(store.GetBackup("arn:aws:dynamodb:us-east-1:000000000000:table/old/backup/01700000000000-00000000"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
