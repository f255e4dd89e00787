using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Store;

internal sealed partial class SqliteLogStore
{
    public IEnumerable<ScannedEvent> Scan(AwsScope scope, IReadOnlyList<string> groupNames, long startMs, long endMs, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var groups = GroupIds(connection, scope, groupNames);
        if (groups.Count == 0)
        {
            yield break;
        }
        using var command = connection.CreateCommand();
        // Newest first: an Insights query without sort shows the latest events, and its limit can stop the read early.
        // The reader stays open while the caller consumes; WAL readers do not block ingestion.
        command.CommandText = $"""
            SELECT e.id, e.timestamp, e.ingestion_time, e.message, e.group_id, s.name FROM log_events e
            JOIN log_streams s ON s.id = e.stream_id
            WHERE e.group_id IN ({string.Join(',', groups.Keys)}) AND e.timestamp >= $start AND e.timestamp <= $end
            ORDER BY e.timestamp DESC, e.id DESC
            """;
        command.Parameters.AddWithValue("$start", startMs);
        command.Parameters.AddWithValue("$end", endMs);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var logEvent = new LogEvent(reader.GetInt64(0), reader.GetString(5), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
            yield return new ScannedEvent(groups[reader.GetInt64(4)], logEvent);
        }
    }

    public Task<ScannedEvent?> GetEventAsync(AwsScope scope, string groupName, long eventId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        if (GroupId(connection, null, scope, groupName) is not long groupId)
        {
            return Task.FromResult<ScannedEvent?>(null);
        }
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT e.id, e.timestamp, e.ingestion_time, e.message, s.name FROM log_events e
            JOIN log_streams s ON s.id = e.stream_id
            WHERE e.id = $id AND e.group_id = $g
            """;
        command.Parameters.AddWithValue("$id", eventId);
        command.Parameters.AddWithValue("$g", groupId);
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read()
            ? new ScannedEvent(groupName, new LogEvent(reader.GetInt64(0), reader.GetString(4), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3)))
            : null);
    }
}
