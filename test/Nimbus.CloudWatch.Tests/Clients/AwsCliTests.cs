using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;
using Microsoft.Extensions.DependencyInjection;

namespace Nimbus.CloudWatch.Tests.Clients;

/// <summary>The AWS CLI (v1, as installed) against an in-process endpoint.</summary>
public sealed class AwsCliTests : IClassFixture<LogsHost>
{
    private readonly LogsHost _host;

    public AwsCliTests(LogsHost host) => _host = host;

    [Fact]
    public async Task GetLogEvents_ReadsLambdaLogsAndFollowingTheForwardTokenEndsWithTheSameToken()
    {
        var (group, stream) = await SeedLambdaLogsAsync("get-events");

        var first = Json(await Cli("get-log-events", "--log-group-name", group, "--log-stream-name", stream, "--start-from-head"));
        var token = first.GetProperty("nextForwardToken").GetString()!;
        var next = Json(await Cli("get-log-events", "--log-group-name", group, "--log-stream-name", stream, "--next-token", token));

        Assert.Equal(4, first.GetProperty("events").GetArrayLength());
        Assert.StartsWith("START RequestId:", first.GetProperty("events")[0].GetProperty("message").GetString());
        Assert.Equal(0, next.GetProperty("events").GetArrayLength());
        Assert.Equal(token, next.GetProperty("nextForwardToken").GetString());
    }

    [Fact]
    public async Task FilterLogEvents_WithPatternAndSmallPages_ReturnsEveryMatchAcrossStreams()
    {
        var (group, _) = await SeedLambdaLogsAsync("filter");
        Ingestion.Append(AwsScope.Default, group, "second-stream", [new LogRecord(Now + 10, "REPORT RequestId: other")]);
        await Ingestion.FlushAsync();

        // --page-size makes the CLI call with limit=1 and follow nextToken itself.
        var result = Json(await Cli("filter-log-events", "--log-group-name", group, "--filter-pattern", "REPORT", "--interleaved", "--page-size", "1"));

        var events = result.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Contains("REPORT", e.GetProperty("message").GetString()));
        Assert.Equal(["2026/11/26/[$LATEST]" + new string('a', 32), "second-stream"], events.Select(e => e.GetProperty("logStreamName").GetString()));
        Assert.All(events, e => Assert.Equal(56, e.GetProperty("eventId").GetString()!.Length));
    }

    [Fact]
    public async Task DescribeLogGroups_PaginatedByTheCli_ListsEveryGroupWithItsArn()
    {
        var prefix = "/cli/describe/" + Guid.NewGuid().ToString("N")[..8];
        foreach (var name in new[] { "/a", "/b", "/c" })
        {
            await Cli("create-log-group", "--log-group-name", prefix + name);
        }

        var result = Json(await Cli("describe-log-groups", "--log-group-name-prefix", prefix, "--page-size", "1"));

        var groups = result.GetProperty("logGroups").EnumerateArray().ToList();
        Assert.Equal([prefix + "/a", prefix + "/b", prefix + "/c"], groups.Select(g => g.GetProperty("logGroupName").GetString()));
        Assert.Equal($"arn:aws:logs:us-east-1:000000000000:log-group:{prefix}/a:*", groups[0].GetProperty("arn").GetString());
        Assert.Equal("STANDARD", groups[0].GetProperty("logGroupClass").GetString());
    }

    [Fact]
    public async Task DescribeLogStreams_OrderedByLastEventTime_ListsTheNewestFirst()
    {
        var group = "/cli/streams/" + Guid.NewGuid().ToString("N")[..8];
        var now = Now;
        Ingestion.Append(AwsScope.Default, group, "older", [new LogRecord(now - 1000, "x")]);
        Ingestion.Append(AwsScope.Default, group, "newer", [new LogRecord(now, "y")]);
        await Ingestion.FlushAsync();

        var result = Json(await Cli("describe-log-streams", "--log-group-name", group, "--order-by", "LastEventTime", "--descending"));

        var streams = result.GetProperty("logStreams").EnumerateArray().ToList();
        Assert.Equal(["newer", "older"], streams.Select(s => s.GetProperty("logStreamName").GetString()));
        Assert.Equal(now, streams[0].GetProperty("lastEventTimestamp").GetInt64());
        Assert.Equal($"arn:aws:logs:us-east-1:000000000000:log-group:{group}:log-stream:newer", streams[0].GetProperty("arn").GetString());
    }

    [Fact]
    public async Task PutLogEvents_ThenGetLogEvents_RoundTripsThroughTheCli()
    {
        var group = "/cli/put/" + Guid.NewGuid().ToString("N")[..8];
        await Cli("create-log-group", "--log-group-name", group);
        await Cli("create-log-stream", "--log-group-name", group, "--log-stream-name", "s");

        var put = Json(await Cli("put-log-events", "--log-group-name", group, "--log-stream-name", "s",
            "--log-events", $"timestamp={Now},message=hello", $"timestamp={Now + 1},message=world"));
        var read = Json(await Cli("get-log-events", "--log-group-name", group, "--log-stream-name", "s"));

        Assert.True(put.TryGetProperty("nextSequenceToken", out _));
        Assert.False(put.TryGetProperty("rejectedLogEventsInfo", out _));
        Assert.Equal(["hello", "world"], read.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("message").GetString()));
    }

    [Fact]
    public async Task Errors_ReachTheCliWithAwsCodesAndMessages()
    {
        var missing = await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "describe-log-streams", "--log-group-name", "/does/not/exist");
        var group = "/cli/errors/" + Guid.NewGuid().ToString("N")[..8];
        await Cli("create-log-group", "--log-group-name", group);
        var duplicate = await ClientProcess.AwsCliAsync(_host.Endpoint, "logs", "create-log-group", "--log-group-name", group);
        var prefixWithTime = await ClientProcess.AwsCliAsync(_host.Endpoint,
            "logs", "describe-log-streams", "--log-group-name", group, "--order-by", "LastEventTime", "--log-stream-name-prefix", "x");

        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("(ResourceNotFoundException) when calling the DescribeLogStreams operation: The specified log group does not exist.", missing.Stderr);
        Assert.Contains("(ResourceAlreadyExistsException) when calling the CreateLogGroup operation: The specified log group already exists", duplicate.Stderr);
        Assert.Contains("(InvalidParameterException)", prefixWithTime.Stderr);
    }

    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    private ILogIngestion Ingestion => _host.Services.GetRequiredService<ILogIngestion>();

    /// <summary>One invocation's worth of Lambda logs, delivered through the ingestion seam as the engine does.</summary>
    private async Task<(string Group, string Stream)> SeedLambdaLogsAsync(string function)
    {
        var group = $"/aws/lambda/{function}-{Guid.NewGuid():N}";
        var stream = "2026/11/26/[$LATEST]" + new string('a', 32);
        var requestId = Guid.NewGuid().ToString("D");
        var now = Now;
        Ingestion.Append(AwsScope.Default, group, stream,
        [
            new LogRecord(now, $"START RequestId: {requestId} Version: $LATEST"),
            new LogRecord(now + 1, $"2026-11-26T12:00:00.000Z\t{requestId}\tINFO\thello from the function"),
            new LogRecord(now + 2, $"END RequestId: {requestId}"),
            new LogRecord(now + 3, $"REPORT RequestId: {requestId}\tDuration: 1.20 ms\tBilled Duration: 2 ms\tMemory Size: 128 MB\tMax Memory Used: 14 MB"),
        ]);
        await Ingestion.FlushAsync();
        return (group, stream);
    }

    private async Task<string> Cli(params string[] arguments) =>
        (await ClientProcess.AwsCliAsync(_host.Endpoint, ["logs", .. arguments])).EnsureSuccess("aws logs " + arguments[0]).Stdout;

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();
}
