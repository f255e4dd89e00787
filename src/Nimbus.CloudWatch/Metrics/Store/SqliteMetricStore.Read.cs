using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Metrics.Model;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Metrics.Store;

/// <summary>Reads of stored buckets: one connection and one prepared statement for any number of metrics.</summary>
public sealed partial class SqliteMetricStore
{
    public IReadOnlyList<IReadOnlyList<StoredBucket>> ReadMany(AwsScope scope, IReadOnlyList<MetricRead> reads)
    {
        var answers = new IReadOnlyList<StoredBucket>[reads.Count];
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT resolution, bucket, unit, sample_count, sum, minimum, maximum, sketch FROM datapoints
            WHERE metric_id = $id AND bucket >= $from AND bucket < $to AND ($unit IS NULL OR unit = $unit)
            ORDER BY bucket
            """;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var from = command.Parameters.Add("$from", SqliteType.Integer);
        var to = command.Parameters.Add("$to", SqliteType.Integer);
        var unit = command.Parameters.Add("$unit", SqliteType.Text);
        for (var i = 0; i < reads.Count; i++)
        {
            var read = reads[i];
            // Ids never change once assigned, so a cached one saves the lookup; unknown metrics have no buckets.
            var metricId = _ids.TryGetValue((scope, read.Metric), out var cached) ? cached : ExistingMetricId(connection, scope, read.Metric);
            if (metricId is null)
            {
                answers[i] = [];
                continue;
            }
            id.Value = metricId.Value;
            from.Value = read.From;
            to.Value = read.To;
            unit.Value = (object?)read.Unit ?? DBNull.Value;
            using var reader = command.ExecuteReader();
            var buckets = new List<StoredBucket>();
            while (reader.Read())
            {
                buckets.Add(new StoredBucket(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), ReadAggregate(reader, 3)));
            }
            answers[i] = buckets;
        }
        return answers;
    }
}
