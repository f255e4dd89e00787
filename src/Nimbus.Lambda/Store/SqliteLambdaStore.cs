using System.Text.Json;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.Lambda.Model;

namespace Nimbus.Lambda.Store;

/// <summary>One row per function holding its whole document as JSON; writes are fsynced (WAL, synchronous=FULL).</summary>
internal sealed class SqliteLambdaStore : ILambdaStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS functions (
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            name TEXT NOT NULL,
            document TEXT NOT NULL,
            PRIMARY KEY (account, region, name)
        );
        """;

    private readonly SqliteDatabase _database;

    public SqliteLambdaStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public IReadOnlyList<(AwsScope Scope, FunctionDocument Function)> LoadAll()
    {
        var result = new List<(AwsScope, FunctionDocument)>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT account, region, document FROM functions";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var document = JsonSerializer.Deserialize(reader.GetString(2), LambdaStoreJsonContext.Default.FunctionDocument);
            if (document is not null)
            {
                result.Add((new AwsScope(reader.GetString(0), reader.GetString(1)), document));
            }
        }
        return result;
    }

    public void Save(AwsScope scope, FunctionDocument function)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO functions (account, region, name, document) VALUES ($a, $r, $n, $d)
            ON CONFLICT (account, region, name) DO UPDATE SET document = excluded.document
            """;
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", function.Latest.FunctionName);
        command.Parameters.AddWithValue("$d", JsonSerializer.Serialize(function, LambdaStoreJsonContext.Default.FunctionDocument));
        command.ExecuteNonQuery();
    }

    public void Delete(AwsScope scope, string functionName)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM functions WHERE account = $a AND region = $r AND name = $n";
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", functionName);
        command.ExecuteNonQuery();
    }
}
