using Microsoft.Data.Sqlite;
using Nimbus.Core;
using Nimbus.Core.Storage;
using Nimbus.Lambda.Service;

namespace Nimbus.Lambda.Store;

/// <summary>The asynchronous queue's durable side: one row per accepted event in the Lambda database.</summary>
internal sealed class SqliteAsyncEventStore : IAsyncEventStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS async_events (
            request_id TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            function_name TEXT NOT NULL,
            qualifier TEXT,
            payload BLOB NOT NULL,
            enqueued_at_ms INTEGER NOT NULL,
            function_error_retries INTEGER NOT NULL,
            throttle_retries INTEGER NOT NULL
        );
        """;

    private readonly SqliteDatabase _database;

    public SqliteAsyncEventStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public void Add(AsyncInvocation invocation) => Execute("""
        INSERT OR REPLACE INTO async_events VALUES ($id, $a, $r, $f, $q, $p, $t, $fe, $tr)
        """, invocation);

    public void Update(AsyncInvocation invocation) => Execute("""
        UPDATE async_events SET function_error_retries = $fe, throttle_retries = $tr WHERE request_id = $id
        """, invocation);

    public void Remove(string requestId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM async_events WHERE request_id = $id";
        command.Parameters.AddWithValue("$id", requestId);
        command.ExecuteNonQuery();
    }

    public IReadOnlyList<AsyncInvocation> LoadAll()
    {
        var result = new List<AsyncInvocation>();
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_id, account, region, function_name, qualifier, payload, enqueued_at_ms, function_error_retries, throttle_retries FROM async_events ORDER BY enqueued_at_ms";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new AsyncInvocation(new AwsScope(reader.GetString(1), reader.GetString(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), (byte[])reader.GetValue(5), reader.GetString(0))
            {
                EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                FunctionErrorRetries = reader.GetInt32(7),
                ThrottleRetries = reader.GetInt32(8),
            });
        }
        return result;
    }

    private void Execute(string sql, AsyncInvocation invocation)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Bind(command, invocation);
        command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, AsyncInvocation invocation)
    {
        command.Parameters.AddWithValue("$id", invocation.RequestId);
        command.Parameters.AddWithValue("$a", invocation.Scope.AccountId);
        command.Parameters.AddWithValue("$r", invocation.Scope.Region);
        command.Parameters.AddWithValue("$f", invocation.FunctionName);
        command.Parameters.AddWithValue("$q", (object?)invocation.Qualifier ?? DBNull.Value);
        command.Parameters.AddWithValue("$p", invocation.Payload.ToArray());
        command.Parameters.AddWithValue("$t", invocation.EnqueuedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$fe", invocation.FunctionErrorRetries);
        command.Parameters.AddWithValue("$tr", invocation.ThrottleRetries);
    }
}
