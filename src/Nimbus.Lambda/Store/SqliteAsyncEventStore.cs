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

    /// <summary>Columns added after the first release; added to an older data directory's table at start-up.</summary>
    private static readonly (string Name, string Type)[] RetryColumns =
    [
        ("attempts", "INTEGER NOT NULL DEFAULT 0"), ("next_attempt_ms", "INTEGER"), ("last_response", "BLOB"),
        ("last_function_error", "TEXT"), ("last_version", "TEXT"), ("trace_header", "TEXT"),
    ];

    private const string Columns = "request_id, account, region, function_name, qualifier, payload, enqueued_at_ms, function_error_retries, "
        + "throttle_retries, attempts, next_attempt_ms, last_response, last_function_error, last_version, trace_header";

    private readonly SqliteDatabase _database;

    public SqliteAsyncEventStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
        AddMissingColumns();
    }

    public void Add(AsyncInvocation invocation) => Execute($"""
        INSERT OR REPLACE INTO async_events ({Columns}) VALUES ($id, $a, $r, $f, $q, $p, $t, $fe, $tr, $n, $next, $resp, $err, $ver, $trace)
        """, invocation);

    public void Update(AsyncInvocation invocation) => Execute("""
        UPDATE async_events SET function_error_retries = $fe, throttle_retries = $tr, attempts = $n, next_attempt_ms = $next,
            last_response = $resp, last_function_error = $err, last_version = $ver
        WHERE request_id = $id
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
        command.CommandText = $"SELECT {Columns} FROM async_events ORDER BY enqueued_at_ms";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            result.Add(new AsyncInvocation(new AwsScope(reader.GetString(1), reader.GetString(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), (byte[])reader.GetValue(5), reader.GetString(0))
            {
                EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
                FunctionErrorRetries = reader.GetInt32(7),
                ThrottleRetries = reader.GetInt32(8),
                Attempts = reader.GetInt32(9),
                NextAttemptAt = reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)),
                LastResponse = reader.IsDBNull(11) ? null : (byte[])reader.GetValue(11),
                LastFunctionError = reader.IsDBNull(12) ? null : reader.GetString(12),
                LastExecutedVersion = reader.IsDBNull(13) ? null : reader.GetString(13),
                TraceHeader = reader.IsDBNull(14) ? null : reader.GetString(14),
            });
        }
        return result;
    }

    private void AddMissingColumns()
    {
        using var connection = _database.Open();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('async_events')";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                existing.Add(reader.GetString(0));
            }
        }
        foreach (var (name, type) in RetryColumns.Where(c => !existing.Contains(c.Name)))
        {
            SqliteDatabase.Execute(connection, $"ALTER TABLE async_events ADD COLUMN {name} {type}");
        }
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
        command.Parameters.AddWithValue("$n", invocation.Attempts);
        command.Parameters.AddWithValue("$next", (object?)invocation.NextAttemptAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$resp", (object?)invocation.LastResponse ?? DBNull.Value);
        command.Parameters.AddWithValue("$err", (object?)invocation.LastFunctionError ?? DBNull.Value);
        command.Parameters.AddWithValue("$ver", (object?)invocation.LastExecutedVersion ?? DBNull.Value);
        command.Parameters.AddWithValue("$trace", (object?)invocation.TraceHeader ?? DBNull.Value);
    }
}
