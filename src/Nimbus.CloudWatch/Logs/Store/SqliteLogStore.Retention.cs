using Microsoft.Data.Sqlite;

namespace Nimbus.CloudWatch.Logs.Store;

/// <summary>Retention: events older than their group's <c>retentionInDays</c> are deleted, as CloudWatch Logs does.</summary>
internal sealed partial class SqliteLogStore
{
    /// <summary>
    /// CROSS JOIN fixes the order: groups with a retention first, then each one's expired range of its index. Left to
    /// itself SQLite scanned every event and looked its group up (EXPLAIN QUERY PLAN), every pass.
    /// </summary>
    internal const string ExpiredEventsSql = """
        SELECT e.id, e.stream_id, e.group_id, e.message FROM log_groups g
        CROSS JOIN log_events e ON e.group_id = g.id AND e.timestamp < $now - g.retention_days * 86400000
        WHERE g.retention_days IS NOT NULL LIMIT $limit
        """;

    public Task<int> DeleteExpiredEventsAsync(long nowMs, int batchSize, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        var expired = new List<(long Id, long StreamId, long GroupId, int Size)>();
        using (var select = connection.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = ExpiredEventsSql;
            select.Parameters.AddWithValue("$now", nowMs);
            select.Parameters.AddWithValue("$limit", batchSize);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                expired.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), SizeOf(reader.GetString(3))));
            }
        }
        using (var delete = connection.CreateCommand())
        {
            delete.Transaction = transaction;
            delete.CommandText = "DELETE FROM log_events WHERE id = $id";
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var row in expired)
            {
                id.Value = row.Id;
                delete.ExecuteNonQuery();
            }
        }
        foreach (var stream in expired.GroupBy(r => r.StreamId))
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = """
                UPDATE log_streams SET event_count = max(0, event_count - $count),
                    first_event_time = (SELECT min(timestamp) FROM log_events WHERE stream_id = $s)
                WHERE id = $s
                """;
            update.Parameters.AddWithValue("$count", stream.Count());
            update.Parameters.AddWithValue("$s", stream.Key);
            update.ExecuteNonQuery();
        }
        foreach (var group in expired.GroupBy(r => r.GroupId))
        {
            using var update = connection.CreateCommand();
            update.Transaction = transaction;
            update.CommandText = "UPDATE log_groups SET stored_bytes = max(0, stored_bytes - $bytes) WHERE id = $g";
            update.Parameters.AddWithValue("$bytes", group.Sum(r => (long)r.Size));
            update.Parameters.AddWithValue("$g", group.Key);
            update.ExecuteNonQuery();
        }
        transaction.Commit();
        return Task.FromResult(expired.Count);
    }
}
