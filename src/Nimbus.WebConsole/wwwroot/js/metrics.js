// CloudWatch metric queries for charts: GetMetricData over the last hours, one query per series.
import { metrics } from './aws.js';

/** Series `[{ name, points }]` for `queries` = [{ name, namespace, metric, dimensions, stat }]. */
export async function metricSeries(queries, { hours = 3, period = 60 } = {}) {
  const end = new Date(Math.ceil(Date.now() / 60000) * 60000);
  const start = new Date(end.getTime() - hours * 3600_000);
  const result = await metrics('GetMetricData', {
    StartTime: start.getTime() / 1000,
    EndTime: end.getTime() / 1000,
    MetricDataQueries: queries.map((q, i) => ({
      Id: 'q' + i,
      Label: q.name,
      MetricStat: {
        Metric: { Namespace: q.namespace, MetricName: q.metric, Dimensions: Object.entries(q.dimensions ?? {}).map(([Name, Value]) => ({ Name, Value })) },
        Period: period,
        Stat: q.stat,
      },
      ReturnData: true,
    })),
  });
  const series = queries.map((q, i) => {
    const data = result.MetricDataResults.find(r => r.Id === 'q' + i) ?? { Timestamps: [], Values: [] };
    return { name: q.name, points: data.Timestamps.map((t, j) => ({ t: new Date(typeof t === 'number' ? t * 1000 : t), v: data.Values[j] })) };
  });
  return { series, from: start, to: end };
}

/** One number over the period: the sum (or max) of a metric's datapoints. */
export function total(series, reduce = 'sum') {
  const values = series.points.map(p => p.v);
  if (values.length === 0) return null;
  return reduce === 'max' ? Math.max(...values) : values.reduce((a, b) => a + b, 0);
}
