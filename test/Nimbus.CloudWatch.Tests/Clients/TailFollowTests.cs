using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Clients;

/// <summary>
/// <c>aws logs tail --follow</c> exists only in AWS CLI v2 (this machine has v1). This test replays v2's call
/// sequence (awscli/customizations/logs/tail.py, FollowLogEventsGenerator) with boto3: FilterLogEvents with
/// <c>interleaved</c>, <c>startTime</c> and optional <c>logStreamNamePrefix</c>; follow <c>nextToken</c> while there
/// is one; otherwise drop the token, restart from the newest timestamp seen and, after the 5 s sleep (here: the
/// moment new events are written), poll again, skipping event ids already printed for that timestamp.
/// </summary>
public sealed class TailFollowTests : IClassFixture<LogsHost>
{
    private const string Script = """
        import json, os, sys, time, boto3
        logs = boto3.client("logs", endpoint_url=os.environ["NIMBUS_ENDPOINT"])
        group = sys.argv[1]
        logs.create_log_group(logGroupName=group)
        for stream in ("app/1", "app/2", "other/1"):
            logs.create_log_stream(logGroupName=group, logStreamName=stream)
        t0 = int(time.time() * 1000) - 60000
        pad = "x" * 200000
        def put(stream, timestamp, name, padded=False):
            logs.put_log_events(logGroupName=group, logStreamName=stream,
                                logEvents=[{"timestamp": timestamp, "message": name + (" " + pad if padded else "")}])
        # 12 events of 200 KB alternating between two streams: 2.4 MB, more than one 1 MB page.
        for i in range(12):
            put("app/%d" % (i % 2 + 1), t0 + i * 10, "big-%d" % i, padded=True)
            put("other/1", t0 + i * 10 + 5, "other-%d" % i)

        def between_pages(page):
            if page == 1:
                put("app/2", t0 + 1000, "during-pages")
        def between_polls(poll):
            if poll == 1:
                put("app/1", t0 + 1000, "same-timestamp")
                put("app/2", t0 + 2000, "newer")
                put("other/1", t0 + 3000, "other-late")

        # The generator of `aws logs tail GROUP --follow --log-stream-name-prefix app/ --since 10m`.
        kwargs = {"logGroupName": group, "interleaved": True, "startTime": t0 - 600000, "logStreamNamePrefix": "app/"}
        ids_per_timestamp = {}
        printed, pages, polls = [], 0, 0
        while polls < 3:
            response = logs.filter_log_events(**kwargs)
            pages += 1
            for event in response["events"]:
                seen = ids_per_timestamp.setdefault(event["timestamp"], set())
                if event["eventId"] not in seen:
                    seen.add(event["eventId"])
                    printed.append((event["message"].split(" ")[0], event["logStreamName"], event["timestamp"]))
            if ids_per_timestamp:
                newest = max(ids_per_timestamp)
                ids_per_timestamp = {newest: ids_per_timestamp[newest]}
            if "nextToken" in response:
                kwargs["nextToken"] = response["nextToken"]
                between_pages(pages)
            else:
                if ids_per_timestamp:
                    kwargs["startTime"] = max(ids_per_timestamp)
                kwargs.pop("nextToken", None)
                polls += 1
                between_polls(polls)
        print(json.dumps({"printed": printed, "pages": pages}))
        """;

    private readonly LogsHost _host;

    public TailFollowTests(LogsHost host) => _host = host;

    [Fact]
    public async Task TailFollowCallSequence_PrintsEveryEventOnceInTimeOrder()
    {
        var group = "/tail/" + Guid.NewGuid().ToString("N")[..12];

        var result = await ClientProcess.PythonAsync(_host.Endpoint, Script, group);

        var output = JsonDocument.Parse(result.EnsureSuccess("tail --follow replay").Stdout).RootElement;
        var printed = output.GetProperty("printed").EnumerateArray().Select(e => (Name: e[0].GetString()!, Stream: e[1].GetString()!, Time: e[2].GetInt64())).ToList();
        string[] expected = [.. Enumerable.Range(0, 12).Select(i => $"big-{i}"), "during-pages", "same-timestamp", "newer"];
        Assert.Equal(expected, printed.Select(p => p.Name));
        Assert.All(printed, p => Assert.StartsWith("app/", p.Stream));
        Assert.Equal(printed.Select(p => p.Time).Order(), printed.Select(p => p.Time));
        Assert.Equal(["app/1", "app/2"], printed.Take(2).Select(p => p.Stream));
        // At least three pages for the 2.4 MB backlog, then one empty and one non-empty poll.
        Assert.True(output.GetProperty("pages").GetInt32() >= 5, output.GetRawText());
    }
}
