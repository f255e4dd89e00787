using System.Text.Json;
using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Logs.Insights.Engine;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Logs.Insights.Store;

/// <summary>
/// Queries in SQLite (<c>db/insights.db</c>): one row per query with its statistics and, once Complete, its rows as
/// one JSON document (<c>[[[field, value], …], …]</c>), written once when the query ends.
/// </summary>
internal sealed class SqliteQueryStore : IQueryStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS queries (
            id TEXT PRIMARY KEY,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            query_string TEXT NOT NULL,
            group_names TEXT NOT NULL,
            start_ms INTEGER NOT NULL,
            end_ms INTEGER NOT NULL,
            row_limit INTEGER NOT NULL,
            create_time INTEGER NOT NULL,
            status TEXT NOT NULL,
            duration_ms INTEGER NULL,
            records_matched INTEGER NOT NULL DEFAULT 0,
            records_scanned INTEGER NOT NULL DEFAULT 0,
            bytes_scanned INTEGER NOT NULL DEFAULT 0,
            results TEXT NULL);
        CREATE INDEX IF NOT EXISTS queries_by_scope ON queries (account, region, create_time);
        CREATE INDEX IF NOT EXISTS queries_by_time ON queries (create_time);
        """;

    private const string Columns = "id, account, region, query_string, group_names, start_ms, end_ms, row_limit, create_time, status, duration_ms, records_matched, records_scanned, bytes_scanned";

    private const string Active = "('Scheduled', 'Running')";

    private readonly SqliteDatabase _database;

    public SqliteQueryStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public void Add(QueryRecord query)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO queries ({Columns}) VALUES ($id, $a, $r, $q, $g, $start, $end, $limit, $created, $status, NULL, 0, 0, 0)";
        command.Parameters.AddWithValue("$id", query.Id);
        command.Parameters.AddWithValue("$a", query.Scope.AccountId);
        command.Parameters.AddWithValue("$r", query.Scope.Region);
        command.Parameters.AddWithValue("$q", query.QueryString);
        command.Parameters.AddWithValue("$g", JsonSerializer.Serialize(query.GroupNames.ToArray(), InsightsJsonContext.Default.StringArray));
        command.Parameters.AddWithValue("$start", query.StartMs);
        command.Parameters.AddWithValue("$end", query.EndMs);
        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$created", query.CreateTime);
        command.Parameters.AddWithValue("$status", query.Status.ToString());
        command.ExecuteNonQuery();
    }

    public void Finish(QueryRecord query, long createdBefore, int keep)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                UPDATE queries SET status = $status, duration_ms = $duration, records_matched = $matched, records_scanned = $scanned,
                    bytes_scanned = $bytes, results = $results WHERE id = $id
                """;
            command.Parameters.AddWithValue("$id", query.Id);
            command.Parameters.AddWithValue("$status", query.Status.ToString());
            command.Parameters.AddWithValue("$duration", (object?)query.DurationMs ?? DBNull.Value);
            command.Parameters.AddWithValue("$matched", query.RecordsMatched);
            command.Parameters.AddWithValue("$scanned", query.RecordsScanned);
            command.Parameters.AddWithValue("$bytes", query.BytesScanned);
            command.Parameters.AddWithValue("$results", query.Results.Count == 0 ? DBNull.Value : JsonSerializer.Serialize(
                query.Results.Select(row => row.Select(f => new[] { f.Field, f.Value }).ToArray()).ToArray(), InsightsJsonContext.Default.StringArrayArrayArray));
            command.ExecuteNonQuery();
        }
        using (var trim = connection.CreateCommand())
        {
            trim.CommandText = $"""
                DELETE FROM queries WHERE create_time < $before;
                DELETE FROM queries WHERE id IN (
                    SELECT id FROM queries WHERE status NOT IN {Active} ORDER BY create_time DESC LIMIT -1 OFFSET $keep);
                """;
            trim.Parameters.AddWithValue("$before", createdBefore);
            trim.Parameters.AddWithValue("$keep", keep);
            trim.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public QueryRecord? Get(AwsScope scope, string queryId)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns}, results FROM queries WHERE id = $id AND account = $a AND region = $r";
        command.Parameters.AddWithValue("$id", queryId);
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        var results = reader.IsDBNull(14) ? [] : JsonSerializer.Deserialize(reader.GetString(14), InsightsJsonContext.Default.StringArrayArrayArray)!;
        return Read(reader) with
        {
            Results = results.Select(row => (IReadOnlyList<ResultField>)row.Select(f => new ResultField(f[0], f[1])).ToList()).ToList(),
        };
    }

    public IReadOnlyList<QueryRecord> ListEnded(AwsScope scope, string? groupName, QueryStatus? status, int limit)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM queries
            WHERE account = $a AND region = $r AND status NOT IN {Active} AND ($status IS NULL OR status = $status)
              AND ($group IS NULL OR EXISTS (SELECT 1 FROM json_each(group_names) WHERE value = $group))
            ORDER BY create_time DESC, id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$a", scope.AccountId);
        command.Parameters.AddWithValue("$r", scope.Region);
        command.Parameters.AddWithValue("$status", (object?)status?.ToString() ?? DBNull.Value);
        command.Parameters.AddWithValue("$group", (object?)groupName ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        return ReadAll(command);
    }

    public IReadOnlyList<QueryRecord> ListUnfinished()
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM queries WHERE status IN {Active} ORDER BY create_time";
        return ReadAll(command);
    }

    private static List<QueryRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var queries = new List<QueryRecord>();
        while (reader.Read())
        {
            queries.Add(Read(reader));
        }
        return queries;
    }

    private static QueryRecord Read(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        Scope = new AwsScope(reader.GetString(1), reader.GetString(2)),
        QueryString = reader.GetString(3),
        GroupNames = JsonSerializer.Deserialize(reader.GetString(4), InsightsJsonContext.Default.StringArray) ?? [],
        StartMs = reader.GetInt64(5),
        EndMs = reader.GetInt64(6),
        Limit = reader.GetInt32(7),
        CreateTime = reader.GetInt64(8),
        Status = Enum.Parse<QueryStatus>(reader.GetString(9)),
        DurationMs = reader.IsDBNull(10) ? null : reader.GetInt64(10),
        RecordsMatched = reader.GetInt64(11),
        RecordsScanned = reader.GetInt64(12),
        BytesScanned = reader.GetInt64(13),
    };
}
