using Microsoft.Data.Sqlite;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Logs.Store;

/// <summary>Conversions of log stores written by earlier versions, run in the opening transaction.</summary>
internal sealed partial class SqliteLogStore
{
    /// <summary>
    /// A store from before the lean layout has <c>log_events</c> with AUTOINCREMENT and indexes ending in id. Its events
    /// are copied with their ids into the current table (which then gets the current indexes from the schema), and the
    /// returned high-water mark is AUTOINCREMENT's own (<c>sqlite_sequence</c>), so the ids of events already deleted
    /// are not handed out again. The caller's transaction makes it all or nothing; a converted store has no
    /// AUTOINCREMENT to find, so opening again does nothing. Returns null when there was nothing to convert.
    /// </summary>
    private static long? MigrateAutoincrementEvents(SqliteConnection connection, SqliteTransaction transaction)
    {
        var definition = Scalar(connection, transaction, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'log_events'") as string;
        if (definition is null || !definition.Contains("AUTOINCREMENT", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var highWater = (long)Scalar(connection, transaction, """
            SELECT max(coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'log_events'), 0),
                       coalesce((SELECT max(id) FROM log_events), 0))
            """)!;
        // Indexes are built after the copy (by the schema), which is faster than maintaining them row by row.
        SqliteDatabase.Execute(connection, transaction, $"""
            CREATE TABLE log_events_converted {EventColumns};
            INSERT INTO log_events_converted (id, stream_id, group_id, timestamp, ingestion_time, message)
                SELECT id, stream_id, group_id, timestamp, ingestion_time, message FROM log_events ORDER BY id;
            DROP TABLE log_events;
            ALTER TABLE log_events_converted RENAME TO log_events;
            """);
        return highWater;
    }

    /// <summary>The greatest event id ever handed out (events with it may since have been deleted).</summary>
    private static long HighWater(SqliteConnection connection, SqliteTransaction transaction) =>
        (long)Scalar(connection, transaction, "SELECT high_water FROM log_event_ids")!;

    private static void SetHighWater(SqliteConnection connection, SqliteTransaction transaction, long highWater)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "UPDATE log_event_ids SET high_water = $h";
        command.Parameters.AddWithValue("$h", highWater);
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
