using Microsoft.Extensions.DependencyInjection;
using Nimbus.CloudWatch.Tests.Support;
using Nimbus.Core;
using Nimbus.Core.Logs;

namespace Nimbus.CloudWatch.Tests.Clients;

/// <summary>boto3 (paginators, get_log_events following, and the polling loop behind <c>aws logs tail</c>).</summary>
public sealed class Boto3Tests : IClassFixture<LogsHost>
{
    private const string Client = """
        import os, sys, time, boto3
        logs = boto3.client("logs", endpoint_url=os.environ["NIMBUS_ENDPOINT"])
        group = sys.argv[1]
        """;

    private readonly LogsHost _host;

    public Boto3Tests(LogsHost host) => _host = host;

    [Fact]
    public async Task Paginators_WalkEveryPageOfGroupsStreamsAndFilteredEvents()
    {
        var group = await SeedAsync(streams: 3, eventsPerStream: 7);

        var result = await RunAsync(group, """
            cfg = {"PageSize": 2}
            groups = [g["logGroupName"] for p in logs.get_paginator("describe_log_groups").paginate(logGroupNamePrefix=group, PaginationConfig=cfg) for g in p["logGroups"]]
            streams = [s["logStreamName"] for p in logs.get_paginator("describe_log_streams").paginate(logGroupName=group, PaginationConfig=cfg) for s in p["logStreams"]]
            pages = list(logs.get_paginator("filter_log_events").paginate(logGroupName=group, filterPattern="line", PaginationConfig={"PageSize": 4}))
            events = [e["message"] for p in pages for e in p["events"]]
            print(len(groups), len(streams), len(events), len(pages), len(set(e["eventId"] for p in pages for e in p["events"])))
            """);

        Assert.Equal("1 3 21 6 21", result);
    }

    [Fact]
    public async Task GetLogEvents_FollowingNextForwardTokenUntilItRepeats_Terminates()
    {
        var group = await SeedAsync(streams: 1, eventsPerStream: 25);

        var result = await RunAsync(group, """
            kwargs = dict(logGroupName=group, logStreamName="stream-0", startFromHead=True, limit=10)
            seen, calls, token = [], 0, None
            while calls < 100:
                response = logs.get_log_events(**kwargs, **({"nextToken": token} if token else {}))
                calls += 1
                seen += [e["message"] for e in response["events"]]
                if response["nextForwardToken"] == token:
                    break
                token = response["nextForwardToken"]
            print(len(seen), calls)
            """);

        // Three pages of events (10, 10, 5) and one empty answer that repeats the token.
        Assert.Equal("25 4", result);
    }

    /// <summary>
    /// <c>aws logs tail --follow</c> (CLI v2): FilterLogEvents from a start time, then polls again from the newest
    /// timestamp seen, dropping event ids it already printed.
    /// </summary>
    [Fact]
    public async Task TailLoop_PrintsExistingEventsThenOnlyNewOnes()
    {
        var group = await SeedAsync(streams: 2, eventsPerStream: 3);

        var result = await RunAsync(group, """
            def poll(start, seen):
                out = []
                for page in logs.get_paginator("filter_log_events").paginate(logGroupName=group, startTime=start, interleaved=True):
                    for e in page["events"]:
                        if e["eventId"] not in seen:
                            seen.add(e["eventId"]); out.append(e)
                return out
            seen = set()
            start = int(time.time() * 1000) - 600000
            first = poll(start, seen)
            last = max(e["timestamp"] for e in first)
            logs.put_log_events(logGroupName=group, logStreamName="stream-1", logEvents=[{"timestamp": last, "message": "late line"}])
            second = poll(last, seen)
            third = poll(last, seen)
            print(len(first), [e["message"] for e in second], len(third), first == sorted(first, key=lambda e: e["timestamp"]))
            """);

        Assert.Equal("6 ['late line'] 0 True", result);
    }

    [Fact]
    public async Task Groups_AreSeparatePerRegionAndAccount()
    {
        var result = await RunAsync("/boto3/scoped-" + Guid.NewGuid().ToString("N")[..8], """
            logs.create_log_group(logGroupName=group)
            def names(client):
                return [g["logGroupName"] for g in client.describe_log_groups(logGroupNamePrefix=group)["logGroups"]]
            endpoint = os.environ["NIMBUS_ENDPOINT"]
            other_region = boto3.client("logs", endpoint_url=endpoint, region_name="eu-west-1")
            other_account = boto3.client("logs", endpoint_url=endpoint, aws_access_key_id="222222222222", aws_secret_access_key="x")
            other_account.create_log_group(logGroupName=group)
            print(len(names(logs)), len(names(other_region)), len(names(other_account)), names(logs)[0] == group)
            """);

        Assert.Equal("1 0 1 True", result);
    }

    [Fact]
    public async Task Errors_AreRaisedAsModeledExceptions()
    {
        var result = await RunAsync("/boto3/missing", """
            try:
                logs.get_log_events(logGroupName=group, logStreamName="s")
            except logs.exceptions.ResourceNotFoundException as e:
                print(e.response["Error"]["Code"], e.response["Error"]["Message"])
            """);

        Assert.Equal("ResourceNotFoundException The specified log group does not exist.", result);
    }

    private async Task<string> RunAsync(string group, string body)
    {
        var result = await ClientProcess.PythonAsync(_host.Endpoint, Client + "\n" + body, group);
        return result.EnsureSuccess("python3 boto3 script").Stdout.Trim();
    }

    private async Task<string> SeedAsync(int streams, int eventsPerStream)
    {
        var group = $"/aws/lambda/boto3-{Guid.NewGuid():N}";
        var ingestion = _host.Services.GetRequiredService<ILogIngestion>();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - 60_000;
        for (var s = 0; s < streams; s++)
        {
            ingestion.Append(AwsScope.Default, group, $"stream-{s}",
                Enumerable.Range(0, eventsPerStream).Select(i => new LogRecord(now + i * 10 + s, $"line {s}.{i}")).ToList());
        }
        await ingestion.FlushAsync();
        return group;
    }
}
