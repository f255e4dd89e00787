using Nimbus.CloudWatch.Logs.Insights;
using Nimbus.Core;

namespace Nimbus.CloudWatch.Tests.Insights;

/// <summary>Queries and their results are stored: they answer after a restart, interrupted ones run again, and results expire after 7 days as on AWS.</summary>
public sealed class InsightsDurabilityTests : IAsyncLifetime
{
    private readonly InsightsHarness _insights = new();

    public async Task InitializeAsync() => await _insights.SeedAsync("g", "s", (0, "one"), (1, "two"), (2, "three"));

    public async Task DisposeAsync() => await _insights.DisposeAsync();

    [Fact]
    public async Task CompleteQuery_ResultsAndStatistics_SurviveARestart()
    {
        var (rows, before) = await _insights.RunAsync("fields @message | sort @timestamp asc", "g");
        var id = Assert.Single(_insights.Service.Describe(InsightsHarness.Scope, null, null, null, null).Queries).Id;

        _insights.Restart();
        var first = _insights.Service.GetResults(InsightsHarness.Scope, id, null, 2);
        var rest = _insights.Service.GetResults(InsightsHarness.Scope, id, first.NextToken, 2);
        var described = Assert.Single(_insights.Service.Describe(InsightsHarness.Scope, "g", QueryStatus.Complete, null, null).Queries);

        Assert.Equal(["one", "two", "three"], rows.Select(r => r["@message"]));
        Assert.Equal(QueryStatus.Complete, first.Status);
        Assert.Equal(["one", "two", "three"], first.Results.Concat(rest.Results).Select(r => r.Single(f => f.Field == "@message").Value));
        Assert.Equal(rows.Select(r => r["@ptr"]), first.Results.Concat(rest.Results).Select(r => r.Single(f => f.Field == "@ptr").Value));
        Assert.Null(rest.NextToken);
        Assert.Equal((before.RecordsMatched, before.RecordsScanned, before.BytesScanned), (first.RecordsMatched, first.RecordsScanned, first.BytesScanned));
        Assert.Equal(id, described.Id);
        Assert.Equal("fields @message | sort @timestamp asc", described.QueryString);
    }

    [Fact]
    public async Task QueryInterruptedByARestart_RunsAgain()
    {
        var id = await _insights.StartAsync("stats count(*) as n", "g");

        _insights.Restart();
        var scheduled = _insights.Service.GetResults(InsightsHarness.Scope, id, null, null);
        _insights.Scheduler.RunPending();
        var done = _insights.Service.GetResults(InsightsHarness.Scope, id, null, null);

        Assert.Equal(QueryStatus.Scheduled, scheduled.Status);
        Assert.Equal(QueryStatus.Complete, done.Status);
        Assert.Equal("3", Assert.Single(done.Results).Single(f => f.Field == "n").Value);
    }

    [Fact]
    public async Task CancelledQuery_StaysCancelledAfterARestart()
    {
        var id = await _insights.StartAsync("fields @message", "g");
        _insights.Service.Stop(InsightsHarness.Scope, id);

        _insights.Restart();

        Assert.Equal(QueryStatus.Cancelled, _insights.Service.GetResults(InsightsHarness.Scope, id, null, null).Status);
        Assert.Equal("InvalidParameterException", Assert.Throws<AwsServiceException>(() => _insights.Service.Stop(InsightsHarness.Scope, id)).ErrorCode);
    }

    [Fact]
    public async Task Results_AreForgottenAfterSevenDays()
    {
        await _insights.RunAsync("fields @message", "g");
        var old = Assert.Single(_insights.Service.Describe(InsightsHarness.Scope, null, null, null, null).Queries).Id;

        _insights.Time.Advance(InsightsService.ResultRetention + TimeSpan.FromMinutes(1));
        await _insights.RunAsync("fields @message", "g");

        var error = Assert.Throws<AwsServiceException>(() => _insights.Service.GetResults(InsightsHarness.Scope, old, null, null));
        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Single(_insights.Service.Describe(InsightsHarness.Scope, null, null, null, null).Queries);
    }
}
