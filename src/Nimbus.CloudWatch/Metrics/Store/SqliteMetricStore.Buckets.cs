using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Store;

/// <summary>Bucket merges and the roll-up of old buckets into coarser ones.</summary>
public sealed partial class SqliteMetricStore
{
    public int RollUp(int resolution, long before, int into, int batchSize)
    {
        lock (_writeLock)
        {
            using var connection = _database.Open();
            using var transaction = connection.BeginTransaction();
            var rows = new List<(long MetricId, long Bucket, string Unit, MetricAggregate Aggregate)>();
            using (var select = connection.CreateCommand())
            {
                select.CommandText = """
                    SELECT metric_id, bucket, unit, sample_count, sum, minimum, maximum, sketch FROM datapoints
                    WHERE resolution = $resolution AND bucket < $before ORDER BY bucket LIMIT $limit
                    """;
                select.Parameters.AddWithValue("$resolution", resolution);
                select.Parameters.AddWithValue("$before", before);
                select.Parameters.AddWithValue("$limit", batchSize);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), ReadAggregate(reader, 3)));
                }
            }
            if (into > 0)
            {
                using var merger = new BucketMerger(connection);
                foreach (var group in rows.GroupBy(r => (r.MetricId, Bucket: r.Bucket - (r.Bucket % into + into) % into, r.Unit)))
                {
                    var merged = new MetricAggregate();
                    foreach (var row in group)
                    {
                        merged.Merge(row.Aggregate);
                    }
                    merger.Merge(group.Key.MetricId, into, group.Key.Bucket, group.Key.Unit, merged);
                }
            }
            using (var delete = connection.CreateCommand())
            {
                delete.CommandText = "DELETE FROM datapoints WHERE metric_id = $id AND resolution = $resolution AND bucket = $bucket AND unit = $unit";
                var id = delete.Parameters.Add("$id", SqliteType.Integer);
                delete.Parameters.AddWithValue("$resolution", resolution);
                var bucket = delete.Parameters.Add("$bucket", SqliteType.Integer);
                var unit = delete.Parameters.Add("$unit", SqliteType.Text);
                foreach (var row in rows)
                {
                    id.Value = row.MetricId;
                    bucket.Value = row.Bucket;
                    unit.Value = row.Unit;
                    delete.ExecuteNonQuery();
                }
            }
            transaction.Commit();
            return rows.Count;
        }
    }

    public int DeleteIdleMetrics(DateTimeOffset before)
    {
        lock (_writeLock)
        {
            using var connection = _database.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DELETE FROM metrics WHERE last_received < $before AND NOT EXISTS (SELECT 1 FROM datapoints WHERE metric_id = metrics.id)
                RETURNING account, region, namespace, name, dimensions
                """;
            command.Parameters.AddWithValue("$before", before.ToUnixTimeSeconds());
            using var reader = command.ExecuteReader();
            var count = 0;
            while (reader.Read())
            {
                _ids.TryRemove((new Nimbus.Core.AwsScope(reader.GetString(0), reader.GetString(1)),
                    MetricIdentity.FromKey(reader.GetString(2), reader.GetString(3), reader.GetString(4))), out _);
                count++;
            }
            return count;
        }
    }

    internal static MetricAggregate ReadAggregate(SqliteDataReader reader, int first) => MetricAggregate.Restore(
        reader.GetDouble(first), reader.GetDouble(first + 1), reader.GetDouble(first + 2), reader.GetDouble(first + 3),
        reader.IsDBNull(first + 4) ? null : ValueSketch.Deserialize((byte[])reader.GetValue(first + 4)));
}
