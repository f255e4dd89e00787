using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nimbus.Core.Metering;
using Nimbus.Execution;
using Nimbus.Lambda.Tests.Infrastructure;

namespace Nimbus.Lambda.Tests;

/// <summary>One invocation report per invocation and per throttled attempt, filled from the engine's outcome.</summary>
public sealed class MeteringTests : IAsyncLifetime
{
    private readonly RecordingSink _sink = new();
    private readonly RecordingSink _second = new();
    private LambdaTestHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LambdaTestHost.StartAsync(configure: services =>
        {
            services.AddSingleton<IInvocationReportSink>(_sink);
            services.AddSingleton<IInvocationReportSink>(_second);
        });
        _host.Engine.Handler = (spec, request, _) => Task.FromResult(new InvocationOutcome
        {
            Status = request.Payload.Span.SequenceEqual("{\"fail\":true}"u8) ? InvocationStatus.FunctionError : InvocationStatus.Success,
            Payload = request.Payload,
            DurationMs = 12.5,
            BilledDurationMs = 13,
            MemorySizeMb = spec.MemorySizeMb,
            MaxMemoryUsedMb = 41,
            InitDurationMs = 150.25,
        });
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Invoke_PublishesOneReportPerInvocation_ToEverySink()
    {
        await _host.CreateFunctionAsync("metered", r =>
        {
            r["MemorySize"] = 512;
            r["Architectures"] = new System.Text.Json.Nodes.JsonArray("arm64");
        });

        await _host.InvokeAsync("metered", "{}");

        var report = Assert.Single(_sink.Reports);
        Assert.Single(_second.Reports);
        Assert.Equal("metered", report.FunctionName);
        Assert.Equal(Core.AwsScope.Default, report.Scope);
        Assert.Equal("$LATEST", report.ExecutedVersion);
        Assert.Null(report.Alias);
        Assert.Equal("arm64", report.Architecture);
        Assert.Equal(512, report.MemorySizeMb);
        Assert.Equal(12.5, report.DurationMs);
        Assert.Equal(13, report.BilledDurationMs);
        Assert.Equal(41, report.MaxMemoryUsedMb);
        Assert.Equal(150.25, report.InitDurationMs);
        Assert.False(report.IsError);
        Assert.False(report.IsThrottle);
        Assert.False(report.IsAsync);
        Assert.Equal(1, report.ConcurrentExecutions);
    }

    [Fact]
    public async Task Invoke_ThroughAlias_ReportsAliasAndVersion_AndErrors()
    {
        await _host.CreateFunctionAsync("aliased");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/versions", "{}");
        await _host.CallAsync(HttpMethod.Post, "/2015-03-31/functions/aliased/aliases", """{"Name": "live", "FunctionVersion": "1"}""");

        await _host.InvokeAsync("aliased", "{\"fail\":true}", qualifier: "live");
        await _host.InvokeAsync("aliased", "{}", qualifier: "1");

        var reports = _sink.Reports.ToList();
        Assert.Equal(2, reports.Count);
        Assert.Equal("live", reports[0].Alias);
        Assert.Equal("1", reports[0].ExecutedVersion);
        Assert.True(reports[0].IsError);
        Assert.Null(reports[1].Alias);
        Assert.False(reports[1].IsError);
    }

    [Fact]
    public async Task ThrottledInvoke_PublishesThrottleReport()
    {
        await _host.CreateFunctionAsync("blocked");
        await _host.CallAsync(HttpMethod.Put, "/2017-10-31/functions/blocked/concurrency", """{"ReservedConcurrentExecutions": 0}""");

        var (status, _, _) = await _host.InvokeAsync("blocked", "{}");

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        var report = Assert.Single(_sink.Reports);
        Assert.True(report.IsThrottle);
        Assert.False(report.IsError);
        Assert.Equal(0, report.BilledDurationMs);
        Assert.Empty(_host.Engine.Calls);
    }

    [Fact]
    public async Task EventInvoke_ReportIsMarkedAsync()
    {
        await _host.CreateFunctionAsync("background");
        await _host.InvokeAsync("background", "{}", configure: r => r.Headers.Add("X-Amz-Invocation-Type", "Event"));
        await Eventually.TrueAsync(() => !_sink.Reports.IsEmpty, "the queued event ran and was reported");
        Assert.True(Assert.Single(_sink.Reports).IsAsync);
    }
}
