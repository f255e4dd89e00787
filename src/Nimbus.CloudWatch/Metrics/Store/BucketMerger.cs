using Microsoft.Data.Sqlite;
using Nimbus.CloudWatch.Metrics.Model;

namespace Nimbus.CloudWatch.Metrics.Store;

/// <summary>
/// Merges aggregates into bucket rows (read, merge, write back) with two prepared statements reused for a whole
/// transaction: a 1,000-metric PutMetricData is 2,000 statement executions, not 2,000 statement compilations.
/// </summary>
internal sealed class BucketMerger : IDisposable
{
    private readonly SqliteCommand _select;
    private readonly SqliteCommand _upsert;

    public BucketMerger(SqliteConnection connection)
    {
        _select = connection.CreateCommand();
        _select.CommandText = """
            SELECT sample_count, sum, minimum, maximum, sketch FROM datapoints
            WHERE metric_id = $id AND resolution = $resolution AND bucket = $bucket AND unit = $unit
            """;
        AddKey(_select);
        _upsert = connection.CreateCommand();
        _upsert.CommandText = """
            INSERT OR REPLACE INTO datapoints (metric_id, resolution, bucket, unit, sample_count, sum, minimum, maximum, sketch)
            VALUES ($id, $resolution, $bucket, $unit, $count, $sum, $min, $max, $sketch)
            """;
        AddKey(_upsert);
        foreach (var name in new[] { "$count", "$sum", "$min", "$max" })
        {
            _upsert.Parameters.Add(name, SqliteType.Real);
        }
        _upsert.Parameters.Add("$sketch", SqliteType.Blob);
    }

    public void Merge(long metricId, int resolution, long bucket, string unit, MetricAggregate aggregate)
    {
        SetKey(_select, metricId, resolution, bucket, unit);
        var merged = aggregate;
        using (var reader = _select.ExecuteReader())
        {
            if (reader.Read())
            {
                merged = SqliteMetricStore.ReadAggregate(reader, 0);
                merged.Merge(aggregate);
            }
        }
        SetKey(_upsert, metricId, resolution, bucket, unit);
        _upsert.Parameters["$count"].Value = merged.SampleCount;
        _upsert.Parameters["$sum"].Value = merged.Sum;
        _upsert.Parameters["$min"].Value = merged.Minimum;
        _upsert.Parameters["$max"].Value = merged.Maximum;
        _upsert.Parameters["$sketch"].Value = (object?)merged.Sketch?.Serialize() ?? DBNull.Value;
        _upsert.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _select.Dispose();
        _upsert.Dispose();
    }

    private static void AddKey(SqliteCommand command)
    {
        command.Parameters.Add("$id", SqliteType.Integer);
        command.Parameters.Add("$resolution", SqliteType.Integer);
        command.Parameters.Add("$bucket", SqliteType.Integer);
        command.Parameters.Add("$unit", SqliteType.Text);
    }

    private static void SetKey(SqliteCommand command, long metricId, int resolution, long bucket, string unit)
    {
        command.Parameters["$id"].Value = metricId;
        command.Parameters["$resolution"].Value = resolution;
        command.Parameters["$bucket"].Value = bucket;
        command.Parameters["$unit"].Value = unit;
    }
}
