using Microsoft.AspNetCore.Http;
using Nimbus.CloudWatch.Logs;

namespace Nimbus.CloudWatch.Prometheus;

/// <summary>
/// <c>GET /_nimbus/metrics</c>: the series CloudWatch has (per function, outcome, cold/warm start) for people
/// who scrape rather than call CloudWatch, plus log ingestion counters. Counters count since the server started,
/// as Prometheus expects (it handles restarts as counter resets).
/// </summary>
internal sealed class PrometheusEndpoint
{
    private readonly PrometheusInvocationSink _invocations;
    private readonly LogsCounters _logs;
    private readonly LogIngestion _ingestion;
    private readonly PrometheusIteratorAges _iteratorAges;

    public PrometheusEndpoint(PrometheusInvocationSink invocations, LogsCounters logs, LogIngestion ingestion, PrometheusIteratorAges iteratorAges)
    {
        _invocations = invocations;
        _iteratorAges = iteratorAges;
        _logs = logs;
        _ingestion = ingestion;
    }

    public async Task WriteAsync(HttpContext http)
    {
        var text = Render();
        http.Response.ContentType = PrometheusText.ContentType;
        await http.Response.WriteAsync(text, http.RequestAborted);
    }

    public string Render()
    {
        var text = new PrometheusText();
        var series = _invocations.Series.ToList();

        text.Family("nimbus_lambda_invocations_total", "counter", "Lambda invocations by outcome (success, error, throttle) and start (cold, warm; none for throttles).");
        foreach (var (key, s) in series)
        {
            for (var i = 0; i < FunctionSeries.Labels.Length; i++)
            {
                var (outcome, start) = FunctionSeries.Labels[i];
                text.Sample("nimbus_lambda_invocations_total", s.Invocations(i), ("function", key.Function), ("version", key.Version), ("outcome", outcome), ("start", start));
            }
        }
        text.Family("nimbus_lambda_duration_seconds", "histogram", "Invocation duration as on the REPORT line (Duration), in seconds.");
        foreach (var (key, s) in series)
        {
            text.Histogram("nimbus_lambda_duration_seconds", s.Duration, ("function", key.Function), ("version", key.Version));
        }
        text.Family("nimbus_lambda_init_duration_seconds", "histogram", "Init Duration of cold starts, in seconds.");
        foreach (var (key, s) in series)
        {
            text.Histogram("nimbus_lambda_init_duration_seconds", s.InitDuration, ("function", key.Function), ("version", key.Version));
        }
        text.Family("nimbus_lambda_billed_duration_seconds_total", "counter", "Billed Duration summed over invocations, in seconds.");
        foreach (var (key, s) in series)
        {
            text.Sample("nimbus_lambda_billed_duration_seconds_total", s.BilledMilliseconds / 1000.0, ("function", key.Function), ("version", key.Version));
        }
        text.Family("nimbus_lambda_concurrent_executions", "gauge", "Environments of the function busy when its latest invocation started.");
        foreach (var (key, s) in series)
        {
            text.Sample("nimbus_lambda_concurrent_executions", s.ConcurrentExecutions, ("function", key.Function), ("version", key.Version));
        }
        text.Family("nimbus_lambda_iterator_age_seconds", "gauge", "Age of the last record in the latest batch a stream event source mapping gave the function (CloudWatch's IteratorAge).");
        foreach (var (function, seconds) in _iteratorAges.Ages)
        {
            text.Sample("nimbus_lambda_iterator_age_seconds", seconds, ("function", function));
        }

        text.Family("nimbus_logs_ingested_events_total", "counter", "Log events stored, from Lambda's log delivery or PutLogEvents.");
        text.Sample("nimbus_logs_ingested_events_total", _logs.DeliveredEvents, ("source", "lambda"));
        text.Sample("nimbus_logs_ingested_events_total", _logs.PutEvents, ("source", "api"));
        text.Family("nimbus_logs_ingested_bytes_total", "counter", "UTF-8 bytes of the log messages stored.");
        text.Sample("nimbus_logs_ingested_bytes_total", _logs.DeliveredBytes, ("source", "lambda"));
        text.Sample("nimbus_logs_ingested_bytes_total", _logs.PutBytes, ("source", "api"));
        text.Family("nimbus_logs_rejected_events_total", "counter", "PutLogEvents events rejected as too old, too new or expired.");
        text.Sample("nimbus_logs_rejected_events_total", _logs.RejectedEvents);
        text.Family("nimbus_logs_ingestion_transactions_total", "counter", "Store transactions of Lambda's log delivery queue.");
        text.Sample("nimbus_logs_ingestion_transactions_total", _ingestion.TransactionCount);
        text.Family("nimbus_logs_dropped_batches_total", "counter", "Lambda log batches dropped because the delivery queue was full.");
        text.Sample("nimbus_logs_dropped_batches_total", _ingestion.DroppedBatches);
        return text.ToString();
    }
}
