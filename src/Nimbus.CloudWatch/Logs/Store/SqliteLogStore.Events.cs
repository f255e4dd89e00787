using System.Text;
using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Logs.Model;
using Nimbus.CloudWatch.Logs.Patterns;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Logs.Store;

internal sealed partial class SqliteLogStore
{
    public Task<AppendOutcome> AppendAsync(LogPage page, long ingestionTime, bool createMissing, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        // Each line's stream is looked up (or created) in this same transaction, so the foreign key's check — a seek
        // into log_streams for every line, about 2% of an append's CPU (bench/run log-append) — could only pass. It is off
        // for this transaction alone: every SqliteDatabase.Open turns it on again, so deletes that reuse the pooled
        // connection still cascade. (The pragma does nothing inside a transaction, hence before BEGIN.)
        SqliteDatabase.Execute(connection, "PRAGMA foreign_keys=OFF");
        using var transaction = connection.BeginTransaction();
        // Every line of every invoke passes here: bound by position through SQLite's own API (see SqliteRawStatement),
        // its text as the UTF-8 the page already holds.
        using var insert = new SqliteRawStatement(connection, "INSERT INTO log_events (id, stream_id, group_id, timestamp, ingestion_time, message) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
        insert.Bind(5, ingestionTime);
        // Ids are taken under the transaction's write lock, so they increase in commit order (Live Tail relies on it).
        var firstId = HighWater(connection, transaction) + 1;
        var nextId = firstId;

        // Ids and statistics once per stream per call: an ingestion drain holds many small appends to few streams.
        var tallies = new Dictionary<(AwsScope Scope, string Group, string Stream), StreamTally>();
        foreach (var batch in page.Batches)
        {
            if (batch.LineCount == 0)
            {
                continue;
            }
            var key = (batch.Scope, batch.GroupName, batch.StreamName);
            if (!tallies.TryGetValue(key, out var tally))
            {
                var groupId = GroupId(connection, transaction, batch.Scope, batch.GroupName);
                if (groupId is null)
                {
                    if (!createMissing)
                    {
                        return Task.FromResult(AppendOutcome.GroupNotFound);
                    }
                    groupId = CreateGroupIn(connection, transaction, batch.Scope, batch.GroupName, ingestionTime);
                }
                var streamId = StreamId(connection, transaction, groupId.Value, batch.StreamName);
                if (streamId is null)
                {
                    if (!createMissing)
                    {
                        return Task.FromResult(AppendOutcome.StreamNotFound);
                    }
                    InsertStream(connection, transaction, groupId.Value, batch.StreamName, ingestionTime);
                    streamId = StreamId(connection, transaction, groupId.Value, batch.StreamName);
                }
                tally = new StreamTally(groupId.Value, streamId!.Value);
                tallies[key] = tally;
            }

            insert.Bind(2, tally.StreamId);
            insert.Bind(3, tally.GroupId);
            for (var i = batch.FirstLine; i < batch.FirstLine + batch.LineCount; i++)
            {
                var line = page.LineAt(i);
                insert.Bind(1, nextId++);
                insert.Bind(4, line.TimestampMs);
                insert.BindUtf8(6, page.TextOf(line));
                insert.Execute();
                tally.Add(line.TimestampMs, line.Length + LogsLimits.EventOverheadBytes);
            }
        }
        foreach (var tally in tallies.Values)
        {
            UpdateStatistics(connection, transaction, tally, ingestionTime);
        }
        if (nextId > firstId)
        {
            SetHighWater(connection, transaction, nextId - 1);
        }
        transaction.Commit();
        return Task.FromResult(AppendOutcome.Stored);
    }

    public Task<EventPage?> ReadStreamAsync(AwsScope scope, string groupName, string streamName, StreamEventQuery query, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var groupId = GroupId(connection, null, scope, groupName);
        var streamId = groupId is null ? null : StreamId(connection, null, groupId.Value, streamName);
        if (streamId is null)
        {
            return Task.FromResult<EventPage?>(null);
        }
        var direction = query.Forward ? "ASC" : "DESC";
        using var command = connection.CreateCommand();
        // GetLogEvents: startTime inclusive, endTime exclusive (API reference, GetLogEvents).
        command.CommandText = $"""
            SELECT id, timestamp, ingestion_time, message FROM log_events
            WHERE stream_id = $s
              AND ($start IS NULL OR timestamp >= $start)
              AND ($end IS NULL OR timestamp < $end)
              AND ($afterTime IS NULL OR (timestamp, id) > ($afterTime, $afterId))
              AND ($beforeTime IS NULL OR (timestamp, id) < ($beforeTime, $beforeId))
            ORDER BY timestamp {direction}, id {direction} LIMIT $limit
            """;
        command.Parameters.AddWithValue("$s", streamId.Value);
        AddRange(command, query.StartTime, query.EndTime);
        command.Parameters.AddWithValue("$afterTime", (object?)query.After?.Timestamp ?? DBNull.Value);
        command.Parameters.AddWithValue("$afterId", query.After?.Id ?? 0);
        command.Parameters.AddWithValue("$beforeTime", (object?)query.Before?.Timestamp ?? DBNull.Value);
        command.Parameters.AddWithValue("$beforeId", query.Before?.Id ?? 0);
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        using var reader = command.ExecuteReader();
        var page = ReadPage(reader, query.Limit, query.MaxBytes, _ => streamName);
        if (!query.Forward)
        {
            page = page with { Events = page.Events.Reverse().ToList() };
        }
        return Task.FromResult<EventPage?>(page);
    }

    public Task<FilterPage?> FilterAsync(AwsScope scope, string groupName, GroupEventQuery query, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        var groupId = GroupId(connection, null, scope, groupName);
        if (groupId is null)
        {
            return Task.FromResult<FilterPage?>(null);
        }
        var streams = SelectStreams(connection, groupId.Value, query);
        if (streams.Count == 0)
        {
            return Task.FromResult<FilterPage?>(new FilterPage([], [], false));
        }

        using var command = connection.CreateCommand();
        var sql = new StringBuilder("""
            SELECT id, timestamp, ingestion_time, message, stream_id FROM log_events
            WHERE group_id = $g
              AND ($start IS NULL OR timestamp >= $start)
              AND ($end IS NULL OR timestamp <= $end)
              AND ($afterTime IS NULL OR (timestamp, id) > ($afterTime, $afterId))
            """);
        if (query.StreamNames is not null || query.StreamNamePrefix is not null)
        {
            sql.Append(" AND stream_id IN (").AppendJoin(',', streams.Keys).Append(')');
        }
        AppendPattern(command, sql, query.Pattern);
        // Structured patterns are evaluated per message while reading, so the SQL cannot stop at the page size.
        sql.Append(query.Pattern.Predicate is null ? " ORDER BY timestamp, id LIMIT $limit" : " ORDER BY timestamp, id");
        command.CommandText = sql.ToString();
        command.Parameters.AddWithValue("$g", groupId.Value);
        // FilterLogEvents: both ends of the range are inclusive (API reference, FilterLogEvents).
        AddRange(command, query.StartTime, query.EndTime);
        command.Parameters.AddWithValue("$afterTime", (object?)query.After?.Timestamp ?? DBNull.Value);
        command.Parameters.AddWithValue("$afterId", query.After?.Id ?? 0);
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        using var reader = command.ExecuteReader();
        var page = ReadPage(reader, query.Limit, query.MaxBytes, r => streams[r.GetInt64(4)], query.Pattern.Predicate);
        return Task.FromResult<FilterPage?>(new FilterPage(page.Events, streams.Values.Order(StringComparer.Ordinal).ToList(), page.HasMore));
    }

    private static Dictionary<long, string> SelectStreams(SqliteConnection connection, long groupId, GroupEventQuery query)
    {
        using var command = connection.CreateCommand();
        var sql = new StringBuilder("SELECT id, name FROM log_streams WHERE group_id = $g");
        command.Parameters.AddWithValue("$g", groupId);
        if (query.StreamNamePrefix is not null)
        {
            sql.Append(" AND substr(name, 1, length($prefix)) = $prefix");
            command.Parameters.AddWithValue("$prefix", query.StreamNamePrefix);
        }
        if (query.StreamNames is not null)
        {
            sql.Append(" AND name IN (");
            for (var i = 0; i < query.StreamNames.Count; i++)
            {
                sql.Append(i == 0 ? "" : ",").Append("$n").Append(i);
                command.Parameters.AddWithValue("$n" + i, query.StreamNames[i]);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        using var reader = command.ExecuteReader();
        var streams = new Dictionary<long, string>();
        while (reader.Read())
        {
            streams[reader.GetInt64(0)] = reader.GetString(1);
        }
        return streams;
    }

    /// <summary>Term patterns become instr() tests: exact, case-sensitive substring matches.</summary>
    private static void AppendPattern(SqliteCommand command, StringBuilder sql, FilterPattern pattern)
    {
        var index = 0;
        string Parameter(string term)
        {
            var name = "$p" + index++;
            command.Parameters.AddWithValue(name, term);
            return name;
        }
        foreach (var term in pattern.Required)
        {
            sql.Append(" AND instr(message, ").Append(Parameter(term)).Append(") > 0");
        }
        foreach (var term in pattern.Excluded)
        {
            sql.Append(" AND instr(message, ").Append(Parameter(term)).Append(") = 0");
        }
        if (pattern.AnyOf.Count > 0)
        {
            sql.Append(" AND (").AppendJoin(" OR ", pattern.AnyOf.Select(term => $"instr(message, {Parameter(term)}) > 0")).Append(')');
        }
    }

    private static void AddRange(SqliteCommand command, long? start, long? end)
    {
        command.Parameters.AddWithValue("$start", (object?)start ?? DBNull.Value);
        command.Parameters.AddWithValue("$end", (object?)end ?? DBNull.Value);
    }

    private static EventPage ReadPage(SqliteDataReader reader, int limit, int maxBytes, Func<SqliteDataReader, string> streamOf, IMessagePredicate? predicate = null)
    {
        var events = new List<LogEvent>();
        var bytes = 0;
        while (reader.Read())
        {
            var message = reader.GetString(3);
            if (predicate is not null && !predicate.Matches(message))
            {
                continue;
            }
            var size = SizeOf(message);
            if (events.Count == limit || (events.Count > 0 && bytes + size > maxBytes))
            {
                return new EventPage(events, HasMore: true);
            }
            bytes += size;
            events.Add(new LogEvent(reader.GetInt64(0), streamOf(reader), reader.GetInt64(1), reader.GetInt64(2), message));
        }
        return new EventPage(events, HasMore: false);
    }

    private static long CreateGroupIn(SqliteConnection connection, SqliteTransaction transaction, AwsScope scope, string name, long creationTime)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO log_groups (account_id, region, name, creation_time, log_group_class)
            VALUES ($a, $r, $n, $t, 'STANDARD') RETURNING id
            """;
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$n", name);
        command.Parameters.AddWithValue("$t", creationTime);
        return (long)command.ExecuteScalar()!;
    }

    private static void UpdateStatistics(SqliteConnection connection, SqliteTransaction transaction, StreamTally tally, long ingestionTime)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            UPDATE log_streams SET
                first_event_time = min(coalesce(first_event_time, $first), $first),
                last_event_time = max(coalesce(last_event_time, $last), $last),
                last_ingestion_time = $i,
                event_count = event_count + $count
            WHERE id = $s;
            UPDATE log_groups SET stored_bytes = stored_bytes + $bytes WHERE id = $g;
            """;
        command.Parameters.AddWithValue("$first", tally.First);
        command.Parameters.AddWithValue("$last", tally.Last);
        command.Parameters.AddWithValue("$i", ingestionTime);
        command.Parameters.AddWithValue("$count", tally.Count);
        command.Parameters.AddWithValue("$s", tally.StreamId);
        command.Parameters.AddWithValue("$bytes", tally.Bytes);
        command.Parameters.AddWithValue("$g", tally.GroupId);
        command.ExecuteNonQuery();
    }
}
