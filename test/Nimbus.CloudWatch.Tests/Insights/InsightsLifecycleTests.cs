using System.Text.Json;
using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Tests.Insights;

/// <summary>Query status, cancellation, the concurrency limit and AWS's errors for bad queries and inputs.</summary>
public sealed class InsightsLifecycleTests : IAsyncLifetime
{
    private readonly InsightsHarness _insights = new();

    public async Task InitializeAsync() => await _insights.SeedAsync("g", "s", (0, "one"), (1, "two"));

    public async Task DisposeAsync() => await _insights.DisposeAsync();

    private InsightsService Service => _insights.Service;

    [Fact]
    public async Task Query_IsScheduledUntilItRuns_ThenComplete()
    {
        var id = await _insights.StartAsync("fields @message", "g");

        var before = Service.GetResults(InsightsHarness.Scope, id, null, null);
        _insights.Scheduler.RunPending();
        var after = Service.GetResults(InsightsHarness.Scope, id, null, null);

        Assert.Equal(QueryStatus.Scheduled, before.Status);
        Assert.Empty(before.Results);
        Assert.Equal(QueryStatus.Complete, after.Status);
        Assert.Equal(2, after.Results.Count);
        Assert.Equal(2, after.RecordsScanned);
        Assert.Equal(6, after.BytesScanned);
    }

    [Fact]
    public async Task StopQuery_CancelsAScheduledQuery_AndFailsOnceItEnded()
    {
        var id = await _insights.StartAsync("fields @message", "g");

        Assert.True(Service.Stop(InsightsHarness.Scope, id));
        _insights.Scheduler.RunPending();
        var page = Service.GetResults(InsightsHarness.Scope, id, null, null);
        var again = Assert.Throws<AwsServiceException>(() => Service.Stop(InsightsHarness.Scope, id));

        Assert.Equal(QueryStatus.Cancelled, page.Status);
        Assert.Empty(page.Results);
        Assert.Equal("InvalidParameterException", again.ErrorCode);
    }

    [Fact]
    public async Task StartQuery_BeyondTheConcurrencyLimit_IsLimitExceeded()
    {
        for (var i = 0; i < InsightsService.MaxConcurrentQueries; i++)
        {
            await _insights.StartAsync("fields @message", "g");
        }

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _insights.StartAsync("fields @message", "g"));
        _insights.Scheduler.RunPending();
        var afterwards = await _insights.StartAsync("fields @message", "g");

        Assert.Equal("LimitExceededException", error.ErrorCode);
        Assert.NotEmpty(afterwards);
    }

    [Fact]
    public async Task StartQuery_UnknownGroup_IsResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _insights.StartAsync("fields @message", "g", "missing"));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Contains("missing", error.Message);
    }

    [Fact]
    public async Task StartQuery_EndBeforeStart_IsInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            Service.StartAsync(InsightsHarness.Scope, new StartQueryCommand(["g"], 2_000, 1_000, "fields @message", null), CancellationToken.None));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }

    [Fact]
    public void UnknownQueryId_IsResourceNotFound()
    {
        var error = Assert.Throws<AwsServiceException>(() => Service.GetResults(InsightsHarness.Scope, Guid.NewGuid().ToString(), null, null));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
    }

    [Theory]
    [InlineData("fields @message | bogus x", 18, 23, "unexpected symbol found bogus at line 1 and position 18")]
    [InlineData("filter @message like", 20, 20, "unexpected symbol found <EOF> at line 1 and position 20")]
    [InlineData("fields @message\n| stats count(*) by", 35, 35, "unexpected symbol found <EOF> at line 2 and position 19")]
    [InlineData("fields nosuch(@message)", 7, 13, "Unrecognized function name: nosuch")]
    [InlineData("fields avg(@duration)", 7, 10, "The aggregate function avg can only be used in the stats command")]
    [InlineData("filter @message = 'open", 18, 23, "Unterminated string literal")]
    [InlineData("limit 0", 6, 7, "unexpected symbol found 0 at line 1 and position 6")]
    public async Task MalformedQueries_ReportMessageAndLocation(string query, int start, int end, string message)
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => _insights.StartAsync(query, "g"));

        Assert.Equal("MalformedQueryException", error.ErrorCode);
        Assert.Equal(message, error.Message);
        using var compileError = JsonDocument.Parse(error.JsonFields["queryCompileError"]);
        var location = compileError.RootElement.GetProperty("location");
        Assert.Equal(start, location.GetProperty("startCharOffset").GetInt32());
        Assert.Equal(Math.Max(start, end - 1), location.GetProperty("endCharOffset").GetInt32());
        Assert.Equal(message, compileError.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task DescribeQueries_ListsNewestFirstAndFiltersByStatus()
    {
        var first = await _insights.StartAsync("fields @message", "g");
        _insights.Scheduler.RunPending();
        var second = await _insights.StartAsync("stats count(*)", "g");

        var all = Service.Describe(InsightsHarness.Scope, null, null, null, null).Queries.Select(q => q.Id).ToList();
        var scheduled = Service.Describe(InsightsHarness.Scope, "g", QueryStatus.Scheduled, null, null).Queries.Select(q => q.Id).ToList();

        Assert.Equal(2, all.Count);
        Assert.Contains(first, all);
        Assert.Equal([second], scheduled);
    }

    [Fact]
    public async Task GetLogRecord_WithABadPointer_IsInvalidParameter()
    {
        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Service.GetLogRecordAsync(InsightsHarness.Scope, "not a pointer!", CancellationToken.None));

        Assert.Equal("InvalidParameterException", error.ErrorCode);
    }
}
