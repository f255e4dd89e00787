using Nimbus.CloudWatch.Logs.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Logs.Store;

/// <summary>
/// Live tail reads events by id: ids are assigned in commit order (SQLite has one writer at a time), so everything
/// committed after a session's last read has a greater id, whichever path stored it (PutLogEvents or Lambda's delivery).
/// </summary>
internal sealed partial class SqliteLogStore
{
    public long LatestEventId()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM log_events";
        return (long)command.ExecuteScalar()!;
    }

    public IReadOnlyList<ScannedEvent> ReadArrived(AwsScope scope, IReadOnlyList<string> groupNames, long afterId, long throughId, int limit)
    {
        using var connection = _database.Open();
        var groups = GroupIds(connection, scope, groupNames);
        var events = new List<ScannedEvent>();
        if (groups.Count == 0 || throughId <= afterId)
        {
            return events;
        }
        using var command = connection.CreateCommand();
        command.CommandText = ArrivedSql(groups.Keys);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$through", throughId);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var logEvent = new LogEvent(reader.GetInt64(0), reader.GetString(5), reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
            events.Add(new ScannedEvent(groups[reader.GetInt64(4)], logEvent));
        }
        return events;
    }

    /// <summary>
    /// A range of the primary key: only what arrived since the last read is visited. Group ids come from this database.
    /// The unary + keeps SQLite from reading the group's index instead (EXPLAIN QUERY PLAN showed it did, visiting
    /// every event of the groups and sorting them by id, once a second per session).
    /// </summary>
    internal static string ArrivedSql(IEnumerable<long> groupIds) => $"""
        SELECT e.id, e.timestamp, e.ingestion_time, e.message, e.group_id, s.name FROM log_events e
        JOIN log_streams s ON s.id = e.stream_id
        WHERE e.id > $after AND e.id <= $through AND +e.group_id IN ({string.Join(',', groupIds)})
        ORDER BY e.id LIMIT $limit
        """;

    /// <summary>The ids of the named groups that exist, with their names.</summary>
    private static Dictionary<long, string> GroupIds(Microsoft.Data.Sqlite.SqliteConnection connection, AwsScope scope, IReadOnlyList<string> groupNames)
    {
        var groups = new Dictionary<long, string>();
        foreach (var name in groupNames)
        {
            if (GroupId(connection, null, scope, name) is long id)
            {
                groups[id] = name;
            }
        }
        return groups;
    }
}
