using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Store;

internal sealed partial class SqliteLogStore
{
    private const string StreamColumns = "name, creation_time, first_event_time, last_event_time, last_ingestion_time, event_count";

    public Task<StreamCreateOutcome> CreateStreamAsync(AwsScope scope, string groupName, string streamName, long creationTime, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var groupId = GroupId(connection, null, scope, groupName);
        if (groupId is null)
        {
            return Task.FromResult(StreamCreateOutcome.GroupNotFound);
        }
        var created = InsertStream(connection, null, groupId.Value, streamName, creationTime);
        return Task.FromResult(created ? StreamCreateOutcome.Created : StreamCreateOutcome.AlreadyExists);
    }

    public Task<AppendOutcome> DeleteStreamAsync(AwsScope scope, string groupName, string streamName, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var groupId = GroupId(connection, transaction, scope, groupName);
        if (groupId is null)
        {
            return Task.FromResult(AppendOutcome.GroupNotFound);
        }
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE log_groups SET stored_bytes = stored_bytes - coalesce(
                (SELECT sum(length(CAST(message AS BLOB)) + $overhead) FROM log_events
                 WHERE stream_id = (SELECT id FROM log_streams WHERE group_id = $g AND name = $n)), 0)
            WHERE id = $g;
            DELETE FROM log_streams WHERE group_id = $g AND name = $n;
            """;
        command.Parameters.AddWithValue("$g", groupId.Value);
        command.Parameters.AddWithValue("$n", streamName);
        command.Parameters.AddWithValue("$overhead", LogsLimits.EventOverheadBytes);
        command.ExecuteNonQuery();
        using var changes = connection.CreateCommand();
        changes.Transaction = transaction;
        changes.CommandText = "SELECT changes()";
        var deleted = (long)changes.ExecuteScalar()! == 1;
        transaction.Commit();
        return Task.FromResult(deleted ? AppendOutcome.Stored : AppendOutcome.StreamNotFound);
    }

    public Task<IReadOnlyList<LogStream>?> ListStreamsAsync(AwsScope scope, string groupName, StreamQuery query, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var groupId = GroupId(connection, null, scope, groupName);
        if (groupId is null)
        {
            return Task.FromResult<IReadOnlyList<LogStream>?>(null);
        }
        var key = query.OrderBy == StreamOrder.LastEventTime ? "coalesce(last_event_time, 0)" : "0";
        var direction = query.Descending ? "DESC" : "ASC";
        // A bare constant in ORDER BY would name a column, so the name-only order leaves the key out.
        var order = query.OrderBy == StreamOrder.LastEventTime ? $"{key} {direction}, name {direction}" : $"name {direction}";
        var comparison = query.Descending ? "<" : ">";
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {StreamColumns} FROM log_streams
            WHERE group_id = $g
              AND ($prefix IS NULL OR substr(name, 1, length($prefix)) = $prefix)
              AND ($afterName IS NULL OR ({key}, name) {comparison} ($afterKey, $afterName))
            ORDER BY {order} LIMIT $limit
            """;
        command.Parameters.AddWithValue("$g", groupId.Value);
        command.Parameters.AddWithValue("$prefix", (object?)query.NamePrefix ?? DBNull.Value);
        command.Parameters.AddWithValue("$afterName", (object?)query.After?.Name ?? DBNull.Value);
        command.Parameters.AddWithValue("$afterKey", query.OrderBy == StreamOrder.LastEventTime ? query.After?.LastEventTime ?? 0 : 0);
        command.Parameters.AddWithValue("$limit", query.Limit);
        using var reader = command.ExecuteReader();
        var streams = new List<LogStream>();
        while (reader.Read())
        {
            streams.Add(ReadStream(reader));
        }
        return Task.FromResult<IReadOnlyList<LogStream>?>(streams);
    }

    public Task<LogStream?> GetStreamAsync(AwsScope scope, string groupName, string streamName, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var groupId = GroupId(connection, null, scope, groupName);
        if (groupId is null)
        {
            return Task.FromResult<LogStream?>(null);
        }
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {StreamColumns} FROM log_streams WHERE group_id = $g AND name = $n";
        command.Parameters.AddWithValue("$g", groupId.Value);
        command.Parameters.AddWithValue("$n", streamName);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadStream(reader) : null);
    }

    private static bool InsertStream(SqliteConnection connection, SqliteTransaction? transaction, long groupId, string name, long creationTime)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO log_streams (group_id, name, creation_time) VALUES ($g, $n, $t) ON CONFLICT DO NOTHING";
        command.Parameters.AddWithValue("$g", groupId);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$t", creationTime);
        return command.ExecuteNonQuery() == 1;
    }

    private static LogStream ReadStream(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.GetInt64(1),
        NullableLong(reader, 2),
        NullableLong(reader, 3),
        NullableLong(reader, 4),
        reader.GetInt64(5));
}
