using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Billing.Usage;
using Nimbus.CloudWatch.Metrics.Lambda;
using Nimbus.Core;
using Nimbus.Core.Metering;
using Nimbus.Testing;

namespace Nimbus.Billing.Tests;

/// <summary>
/// The server as shipped: invocation reports published to whatever sinks the server registered reach both the
/// <c>AWS/Lambda</c> metrics (read back with the AWS CLI) and the bill at <c>/_nimbus/costs</c>.
/// </summary>
public sealed class ServerTests : IClassFixture<NimbusServerFixture>
{
    private readonly NimbusServerFixture _server;

    public ServerTests(NimbusServerFixture server) => _server = server;

    [Fact]
    public async Task PublishedReports_ReachLambdaMetricsAndTheCostReport()
    {
        var now = DateTimeOffset.UtcNow;
        var sinks = _server.Host.Services.GetServices<IInvocationReportSink>().ToList();
        Assert.True(sinks.Count >= 2, "the server registers both the metrics and the billing sink");
        for (var i = 0; i < 5; i++)
        {
            var report = CostCalculatorTests.Report(1024, 200, now, "srv-f") with { DurationMs = 100 + i * 50, IsError = i == 4, Alias = i < 2 ? "live" : null, ExecutedVersion = i < 2 ? "3" : "$LATEST" };
            sinks.ForEach(s => s.Publish(report));
        }
        sinks.ForEach(s => s.Publish(CostCalculatorTests.Report(1024, 0, now, "srv-f") with { IsThrottle = true }));
        await _server.Host.Services.GetRequiredService<LambdaMetricsSink>().FlushAsync();
        await _server.Host.Services.GetRequiredService<UsageRecorder>().FlushAsync();

        string[] window = ["--start-time", now.AddMinutes(-5).ToString("O"), "--end-time", now.AddMinutes(5).ToString("O"), "--period", "600"];
        var invocations = await _server.Cli.JsonAsync(["cloudwatch", "get-metric-statistics", "--namespace", "AWS/Lambda", "--metric-name", "Invocations",
            "--dimensions", "Name=FunctionName,Value=srv-f", "--statistics", "Sum", .. window]);
        var errors = await _server.Cli.JsonAsync(["cloudwatch", "get-metric-statistics", "--namespace", "AWS/Lambda", "--metric-name", "Errors",
            "--dimensions", "Name=FunctionName,Value=srv-f", "--statistics", "Sum", .. window]);
        var throttles = await _server.Cli.JsonAsync(["cloudwatch", "get-metric-statistics", "--namespace", "AWS/Lambda", "--metric-name", "Throttles",
            "--dimensions", "Name=FunctionName,Value=srv-f", "--statistics", "Sum", .. window]);
        var alias = await _server.Cli.JsonAsync(["cloudwatch", "get-metric-statistics", "--namespace", "AWS/Lambda", "--metric-name", "Invocations",
            "--dimensions", "Name=FunctionName,Value=srv-f", "Name=Resource,Value=srv-f:live", "Name=ExecutedVersion,Value=3", "--statistics", "Sum", .. window]);
        var duration = await _server.Cli.JsonAsync(["cloudwatch", "get-metric-statistics", "--namespace", "AWS/Lambda", "--metric-name", "Duration",
            "--dimensions", "Name=FunctionName,Value=srv-f", "--extended-statistics", "p50", "p100", .. window]);

        Assert.Equal(5, Sum(invocations));
        Assert.Equal(1, Sum(errors));
        Assert.Equal(1, Sum(throttles));
        Assert.Equal(2, Sum(alias));
        var percentiles = Assert.Single(duration.GetProperty("Datapoints").EnumerateArray()).GetProperty("ExtendedStatistics");
        Assert.InRange(percentiles.GetProperty("p50").GetDouble(), 198, 202);
        Assert.Equal(300, percentiles.GetProperty("p100").GetDouble());

        using var http = new HttpClient();
        var costs = JsonDocument.Parse(await http.GetStringAsync($"{_server.EndpointUrl}/_nimbus/costs?month={now:yyyy-MM}")).RootElement;
        var function = Assert.Single(costs.GetProperty("functions").EnumerateArray(), f => f.GetProperty("functionName").GetString() == "srv-f");
        Assert.Equal(5, function.GetProperty("requests").GetDecimal());
        Assert.Equal(1.0m, function.GetProperty("gbSeconds").GetDecimal());
        var compute = Assert.Single(costs.GetProperty("freeTier").EnumerateArray(), f => f.GetProperty("name").GetString() == "lambda-compute");
        Assert.Equal(1.0m, compute.GetProperty("used").GetDecimal());
        Assert.Equal(0m, costs.GetProperty("total").GetDecimal());

        var bad = await http.GetAsync($"{_server.EndpointUrl}/_nimbus/costs?month=2026-13");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, bad.StatusCode);
    }

    private static double Sum(JsonElement statistics) =>
        Assert.Single(statistics.GetProperty("Datapoints").EnumerateArray()).GetProperty("Sum").GetDouble();
}
