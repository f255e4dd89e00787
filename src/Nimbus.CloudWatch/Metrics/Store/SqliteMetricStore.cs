using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core;
using Nimbus.Core.Storage;

namespace Nimbus.CloudWatch.Metrics.Store;

/// <summary>
/// Metrics in SQLite (<c>db/metrics.db</c>): one row per metric identity and one per (metric, resolution, bucket,
/// unit) with SampleCount/Sum/Min/Max and the serialized <see cref="ValueSketch"/>. A write merges into the
/// bucket's row, so storage grows with metrics × periods, not with the number of values published.
/// </summary>
public sealed partial class SqliteMetricStore : IMetricStore
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS metrics (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            region TEXT NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            dimensions TEXT NOT NULL,
            last_received INTEGER NOT NULL,
            UNIQUE (account, region, namespace, name, dimensions));
        CREATE TABLE IF NOT EXISTS datapoints (
            metric_id INTEGER NOT NULL REFERENCES metrics(id),
            resolution INTEGER NOT NULL,
            bucket INTEGER NOT NULL,
            unit TEXT NOT NULL,
            sample_count REAL NOT NULL,
            sum REAL NOT NULL,
            minimum REAL NOT NULL,
            maximum REAL NOT NULL,
            sketch BLOB,
            PRIMARY KEY (metric_id, resolution, bucket, unit)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS datapoints_by_age ON datapoints (resolution, bucket);
        """;

    private readonly SqliteDatabase _database;

    /// <summary>Metric ids never change once assigned, so they are cached; the row stays the source of truth.</summary>
    private readonly ConcurrentDictionary<(AwsScope, MetricIdentity), long> _ids = new();

    /// <summary>One writer at a time: merges are read-modify-write of a bucket row.</summary>
    private readonly Lock _writeLock = new();

    public SqliteMetricStore(SqliteDatabase database)
    {
        _database = database;
        _database.EnsureSchema(Schema);
    }

    public void Write(IReadOnlyList<MetricWrite> writes, DateTimeOffset receivedAt)
    {
        if (writes.Count == 0)
        {
            return;
        }
        lock (_writeLock)
        {
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction();
            var touched = new HashSet<long>();
            using var merger = new BucketMerger(connection);
            foreach (var write in writes)
            {
                var id = MetricId(connection, write.Scope, write.Metric, receivedAt);
                touched.Add(id);
                merger.Merge(id, write.Resolution, write.Bucket, write.Unit, write.Aggregate);
            }
            using (var touch = connection.CreateCommand())
            {
                // Ids are integers from this database, so inlining them is safe and saves a statement per metric.
                touch.CommandText = $"UPDATE metrics SET last_received = max(last_received, $at) WHERE id IN ({string.Join(',', touched)})";
                touch.Parameters.AddWithValue("$at", receivedAt.ToUnixTimeSeconds());
                touch.ExecuteNonQuery();
            }
            transaction.Commit();
        }
    }

    public IReadOnlyList<StoredBucket> Read(AwsScope scope, MetricIdentity metric, long from, long to, string? unit) =>
        ReadMany(scope, [new MetricRead(metric, from, to, unit)])[0];

    public IReadOnlyList<ListedMetric> List(AwsScope scope, string? @namespace, string? name, DateTimeOffset activeSince, long afterId, int limit)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id, namespace, name, dimensions FROM metrics
            WHERE account = $account AND region = $region AND id > $after AND last_received >= $since
              AND ($namespace IS NULL OR namespace = $namespace) AND ($name IS NULL OR name = $name)
            ORDER BY id LIMIT $limit
            """;
        command.Parameters.AddWithValue("$account", scope.AccountId);
        command.Parameters.AddWithValue("$region", scope.Region);
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$since", activeSince.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$namespace", (object?)@namespace ?? DBNull.Value);
        command.Parameters.AddWithValue("$name", (object?)name ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var metrics = new List<ListedMetric>();
        while (reader.Read())
        {
            metrics.Add(new ListedMetric(reader.GetInt64(0), MetricIdentity.FromKey(reader.GetString(1), reader.GetString(2), reader.GetString(3))));
        }
        return metrics;
    }

    private long MetricId(SqliteConnection connection, AwsScope scope, MetricIdentity metric, DateTimeOffset receivedAt)
    {
        if (_ids.TryGetValue((scope, metric), out var cached))
        {
            return cached;
        }
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO metrics (account, region, namespace, name, dimensions, last_received)
            VALUES ($account, $region, $namespace, $name, $dimensions, $at)
            ON CONFLICT (account, region, namespace, name, dimensions) DO UPDATE SET last_received = max(last_received, excluded.last_received)
            RETURNING id
            """;
        AddIdentity(command, scope, metric);
        command.Parameters.AddWithValue("$at", receivedAt.ToUnixTimeSeconds());
        var id = (long)command.ExecuteScalar()!;
        _ids[(scope, metric)] = id;
        return id;
    }

    private static long? ExistingMetricId(SqliteConnection connection, AwsScope scope, MetricIdentity metric)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id FROM metrics WHERE account = $account AND region = $region AND namespace = $namespace AND name = $name AND dimensions = $dimensions
            """;
        AddIdentity(command, scope, metric);
        return command.ExecuteScalar() is long id ? id : null;
    }

    private static void AddIdentity(SqliteCommand command, AwsScope scope, MetricIdentity metric)
    {
        command.Parameters.AddWithValue("$account", scope.AccountId);
        command.Parameters.AddWithValue("$region", scope.Region);
        command.Parameters.AddWithValue("$namespace", metric.Namespace);
        command.Parameters.AddWithValue("$name", metric.Name);
        command.Parameters.AddWithValue("$dimensions", metric.DimensionsKey);
    }
}
