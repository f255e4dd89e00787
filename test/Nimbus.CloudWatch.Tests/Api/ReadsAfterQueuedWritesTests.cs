using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.CloudWatch.Logs;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Nimbus.Core.Metering;

namespace Nimbus.CloudWatch.Tests.Api;

/// <summary>
/// Lambda's log lines and metrics are written by paced background writers (a commit at most every 200 ms / 1 s).
/// A caller who invoked a function and reads right away must still see it: the read APIs flush what is queued.
/// Each test first makes the writer commit once, so the next item waits out the pause unless the read flushes.
/// </summary>
public sealed class ReadsAfterQueuedWritesTests : IClassFixture<LogsHost>
{
    private static readonly HttpClient Http = new();
    private readonly LogsHost _host;

    public ReadsAfterQueuedWritesTests(LogsHost host) => _host = host;

    [Fact]
    public async Task GetLogEvents_RightAfterDelivery_SeesTheLines()
    {
        var delivery = _host.Services.GetRequiredService<ILogIngestion>();
        // A first request, so the measured one is not slowed by warming up the edge past the writer's pause.
        (await PostAsync("Logs_20140328.DescribeLogGroups", "application/x-amz-json-1.1", "{}")).Dispose();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        delivery.Append(AwsScope.Default, "/aws/lambda/flushed", "s", [new LogRecord(now, "first")]);
        await delivery.FlushAsync();

        delivery.Append(AwsScope.Default, "/aws/lambda/flushed", "s", [new LogRecord(now, "second"), new LogRecord(now, "third")]);
        using var events = await PostAsync("Logs_20140328.GetLogEvents", "application/x-amz-json-1.1",
            """{"logGroupName":"/aws/lambda/flushed","logStreamName":"s","startFromHead":true}""");

        var messages = events.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Equal(["first", "second", "third"], messages);
    }

    [Fact]
    public async Task GetMetricStatistics_RightAfterInvocations_CountsThem()
    {
        var sink = _host.Services.GetRequiredService<LambdaMetricsSink>();
        var at = DateTimeOffset.UtcNow;
        sink.Publish(Report("counted", at));
        await sink.FlushAsync();

        sink.Publish(Report("counted", at));
        sink.Publish(Report("counted", at));
        var start = at.AddMinutes(-2).ToUnixTimeSeconds();
        var end = at.AddMinutes(2).ToUnixTimeSeconds();
        using var statistics = await PostAsync("GraniteServiceVersion20100801.GetMetricStatistics", "application/x-amz-json-1.0",
            $$"""{"Namespace":"AWS/Lambda","MetricName":"Invocations","Dimensions":[{"Name":"FunctionName","Value":"counted"}],"StartTime":{{start}},"EndTime":{{end}},"Period":300,"Statistics":["Sum"]}""");

        var datapoints = statistics.RootElement.GetProperty("Datapoints").EnumerateArray().ToList();
        Assert.Equal(3, datapoints.Sum(d => d.GetProperty("Sum").GetDouble()));
    }

    private static FunctionInvocationReport Report(string function, DateTimeOffset at) => new()
    {
        Scope = AwsScope.Default, FunctionName = function, ExecutedVersion = "$LATEST", Timestamp = at, Architecture = "x86_64", DurationMs = 3,
    };

    private async Task<JsonDocument> PostAsync(string target, string contentType, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _host.Endpoint + "/");
        request.Headers.Add("X-Amz-Target", target);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text);
    }
}
