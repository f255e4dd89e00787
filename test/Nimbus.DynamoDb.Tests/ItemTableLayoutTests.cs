using System.Globalization;
using Microsoft.Data.Sqlite;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.DynamoDb.Expressions;
using Nimbus.DynamoDb.Model;
using Nimbus.DynamoDb.Service;
using Nimbus.DynamoDb.Service.Commands;
using Nimbus.DynamoDb.Store;

namespace Nimbus.DynamoDb.Tests;

/// <summary>A store written in the old WITHOUT ROWID item layout opens in the rowid layout with every item intact.</summary>
public sealed class ItemTableLayoutTests : IDisposable
{
    /// <summary>The items table as stores created before 2026-11-27 have it.</summary>
    private const string OldLayout = """
        CREATE TABLE ddb_items_old (tid INTEGER NOT NULL, hk BLOB NOT NULL, rk BLOB NOT NULL, item BLOB NOT NULL,
            PRIMARY KEY (tid, hk, rk)) WITHOUT ROWID;
        INSERT INTO ddb_items_old SELECT tid, hk, rk, item FROM ddb_items;
        DROP TABLE ddb_items;
        ALTER TABLE ddb_items_old RENAME TO ddb_items;
        """;

    private static readonly AwsScope Scope = new("000000000000", "us-east-1");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nimbus-ddb-layout-" + Guid.NewGuid().ToString("N")[..8]);

    private string DatabasePath => Path.Combine(_directory, "dynamodb.db");

    [Fact]
    public async Task OldLayout_IsUpgradedOnOpen_WithEveryItemReadableInKeyOrder()
    {
        var written = new Dictionary<int, string>();
        using (var store = new SqliteDynamoStore(new SqliteDatabase(DatabasePath)))
        {
            var (tables, items, _) = Services(store);
            await tables.CreateTableAsync(Scope, new CreateTableCommand
            {
                TableName = "layout",
                BillingMode = "PAY_PER_REQUEST",
                KeySchema = [new KeySchemaElement("h", "HASH"), new KeySchemaElement("r", "RANGE")],
                AttributeDefinitions = new Dictionary<string, string> { ["h"] = "S", ["r"] = "N" },
            });
            for (var r = 0; r < 60; r++)
            {
                // Small items and items past a WITHOUT ROWID leaf's ~1 KB (they had an overflow page each).
                written[r] = new string((char)('a' + r % 26), r % 3 == 0 ? 20 : 1500 + r);
                await items.PutItemAsync(Scope, "layout", Item(r, written[r]), new WriteOptions());
            }
        }
        using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            connection.Open();
            SqliteDatabase.Execute(connection, OldLayout);
            Assert.Contains("WITHOUT ROWID", TableSql(connection), StringComparison.Ordinal);
        }

        for (var open = 0; open < 2; open++)
        {
            using var store = new SqliteDynamoStore(new SqliteDatabase(DatabasePath));
            var (_, items, reads) = Services(store);
            using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
            {
                connection.Open();
                Assert.DoesNotContain("WITHOUT ROWID", TableSql(connection), StringComparison.Ordinal);
            }
            var condition = ExpressionParser.ParseCondition("h = :h", ExpressionKind.KeyConditionExpression,
                new ExpressionContext(null, new Dictionary<string, AttributeValue> { [":h"] = AttributeValue.String("p") }));
            var page = reads.Query(Scope, new ReadCommand { TableName = "layout", KeyCondition = condition, Forward = true });
            Assert.Equal(written.Keys.Order(), page.Items!.Select(i => int.Parse(i["r"].N.ToString(), CultureInfo.InvariantCulture)));
            Assert.All(page.Items!, i => Assert.Equal(written[int.Parse(i["r"].N.ToString(), CultureInfo.InvariantCulture)], i["d"].S));

            // Writes after the upgrade: a replaced item and a new one.
            await items.PutItemAsync(Scope, "layout", Item(7, "replaced"), new WriteOptions());
            await items.PutItemAsync(Scope, "layout", Item(100 + open, "new"), new WriteOptions());
            written[7] = "replaced";
            written[100 + open] = "new";
            var seven = items.GetItem(Scope, "layout", Key(7), null, consistent: true, returnCapacity: false);
            Assert.Equal("replaced", seven.Attributes!["d"].S);
        }
    }

    private static (TableService Tables, ItemService Items, ReadService Reads) Services(SqliteDynamoStore store)
    {
        var catalog = new TableCatalog(store.LoadTables());
        var meter = new DynamoDbMeter(TimeProvider.System);
        return (new TableService(store, catalog, TimeProvider.System),
            new ItemService(store, catalog, TimeProvider.System, new DynamoDbSettings(), meter),
            new ReadService(store, catalog, meter));
    }

    private static Dictionary<string, AttributeValue> Key(int r) =>
        new() { ["h"] = AttributeValue.String("p"), ["r"] = AttributeValue.Number(DynamoNumber.TryParse(r.ToString(CultureInfo.InvariantCulture))!.Value) };

    private static Dictionary<string, AttributeValue> Item(int r, string data) => new(Key(r)) { ["d"] = AttributeValue.String(data) };

    private static string TableSql(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'ddb_items'";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
