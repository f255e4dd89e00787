using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Logs.Store;

/// <summary>
/// The embedded log store: one SQLite file (WAL, full fsync). Events carry a store-wide increasing id, which
/// orders events of equal timestamp and makes pagination tokens stable while new events arrive.
/// </summary>
internal sealed partial class SqliteLogStore : ILogStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS log_groups (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id TEXT NOT NULL,
            region TEXT NOT NULL,
            name TEXT NOT NULL,
            creation_time INTEGER NOT NULL,
            retention_days INTEGER NULL,
            log_group_class TEXT NOT NULL,
            stored_bytes INTEGER NOT NULL DEFAULT 0,
            UNIQUE (account_id, region, name));
        CREATE TABLE IF NOT EXISTS log_streams (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            group_id INTEGER NOT NULL REFERENCES log_groups (id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            creation_time INTEGER NOT NULL,
            first_event_time INTEGER NULL,
            last_event_time INTEGER NULL,
            last_ingestion_time INTEGER NULL,
            event_count INTEGER NOT NULL DEFAULT 0,
            UNIQUE (group_id, name));
        CREATE TABLE IF NOT EXISTS log_events (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            stream_id INTEGER NOT NULL REFERENCES log_streams (id) ON DELETE CASCADE,
            group_id INTEGER NOT NULL,
            timestamp INTEGER NOT NULL,
            ingestion_time INTEGER NOT NULL,
            message TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS log_events_by_stream ON log_events (stream_id, timestamp, id);
        CREATE INDEX IF NOT EXISTS log_events_by_group ON log_events (group_id, timestamp, id);
        """;

    private readonly SqliteDatabase _database;

    public SqliteLogStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    private static int SizeOf(string message) => LogsLimits.SizeOf(message);

    private static long? GroupId(SqliteConnection connection, SqliteTransaction? transaction, AwsScope scope, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM log_groups WHERE account_id = $a AND region = $r AND name = $n";
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() is long id ? id : null;
    }

    private static long? StreamId(SqliteConnection connection, SqliteTransaction? transaction, long groupId, string name)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT id FROM log_streams WHERE group_id = $g AND name = $n";
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$n", name);
        return command.ExecuteScalar() is long id ? id : null;
    }

    private static long? NullableLong(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
