using Nimbus.ApiGateway.Model;
using Nimbus.Core;
using Nimbus.Core.Metering;

namespace Nimbus.ApiGateway.Monitoring;

/// <summary>
/// API Gateway's own CloudWatch metrics (namespace <c>AWS/ApiGateway</c>), each published once per dimension set AWS
/// reports — <c>ApiId</c> and <c>ApiId</c>+<c>Stage</c> — and WebSocket usage for billing. HTTP APIs: <c>Count</c>,
/// <c>4xx</c>, <c>5xx</c> (0 or 1 per request, so Average is the error rate), <c>Latency</c>, <c>IntegrationLatency</c>,
/// <c>DataProcessed</c> ("Monitor CloudWatch metrics for HTTP APIs"). WebSocket APIs: <c>ConnectCount</c>,
/// <c>MessageCount</c>, <c>IntegrationError</c>, <c>ClientError</c>, <c>ExecutionError</c>, <c>IntegrationLatency</c>
/// ("Monitor WebSocket API execution with CloudWatch metrics"). Both seams are optional.
/// </summary>
internal sealed class ApiGatewayMetrics
{
    public const string Namespace = "AWS/ApiGateway";

    /// <summary>WebSocket messages are billed in 32 KB increments.</summary>
    private const int BilledMessageBytes = 32 * 1024;

    private readonly IMetricPublisher? _publisher;
    private readonly IUsageMeter? _meter;
    private readonly TimeProvider _time;

    public ApiGatewayMetrics(TimeProvider time, IMetricPublisher? publisher = null, IUsageMeter? meter = null)
    {
        _time = time;
        _publisher = publisher;
        _meter = meter;
    }

    public void HttpRequest(ApiDocument api, string stage, int status, TimeSpan latency, TimeSpan? integrationLatency, long bytes)
    {
        if (_publisher is null)
        {
            return;
        }
        var now = _time.GetUtcNow();
        Publish(api, stage, "Count", 1, "Count", now);
        Publish(api, stage, "4xx", status is >= 400 and < 500 ? 1 : 0, "Count", now);
        Publish(api, stage, "5xx", status >= 500 ? 1 : 0, "Count", now);
        Publish(api, stage, "Latency", latency.TotalMilliseconds, "Milliseconds", now);
        if (integrationLatency is { } integration)
        {
            Publish(api, stage, "IntegrationLatency", integration.TotalMilliseconds, "Milliseconds", now);
        }
        Publish(api, stage, "DataProcessed", bytes, "Bytes", now);
    }

    /// <summary>One WebSocket metric: a count (<c>ConnectCount</c>, <c>MessageCount</c>, the errors) or <c>IntegrationLatency</c>.</summary>
    public void WebSocket(ApiDocument api, string stage, string name, double value = 1)
    {
        if (_publisher is not null)
        {
            Publish(api, stage, name, value, name == "IntegrationLatency" ? "Milliseconds" : "Count", _time.GetUtcNow());
        }
    }

    /// <summary>A message to or from a client: <c>MessageCount</c>, and <c>ApiGatewayMessage</c> usage per started 32 KB.</summary>
    public void WebSocketMessage(ApiDocument api, string stage, int bytes)
    {
        WebSocket(api, stage, "MessageCount");
        var units = Math.Max(1, (bytes + BilledMessageBytes - 1) / BilledMessageBytes);
        _meter?.Record(new UsageRecord(new AwsScope(api.AccountId, api.Region), "apigateway", "ApiGatewayMessage", api.Api.ApiId!, units, _time.GetUtcNow()));
    }

    /// <summary>A closed connection: <c>ApiGatewayMinute</c> usage, its duration rounded up to whole minutes.</summary>
    public void ConnectionClosed(ApiDocument api, TimeSpan duration)
    {
        var minutes = Math.Max(1, Math.Ceiling(duration.TotalMinutes));
        _meter?.Record(new UsageRecord(new AwsScope(api.AccountId, api.Region), "apigateway", "ApiGatewayMinute", api.Api.ApiId!, minutes, _time.GetUtcNow()));
    }

    private void Publish(ApiDocument api, string stage, string name, double value, string unit, DateTimeOffset now)
    {
        var scope = new AwsScope(api.AccountId, api.Region);
        var apiId = api.Api.ApiId!;
        _publisher!.Publish(new PublishedMetric(scope, Namespace, name, [new("ApiId", apiId)], value, unit, now));
        _publisher.Publish(new PublishedMetric(scope, Namespace, name, [new("ApiId", apiId), new("Stage", stage)], value, unit, now));
    }
}
