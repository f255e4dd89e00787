using System.Text.Json;
using Nimbus.CloudWatch.Tests.Support;

namespace Nimbus.CloudWatch.Tests.Clients;

/// <summary>
/// StartLiveTail with boto3 as it ships: its event-stream parser checks every prelude and message CRC, wants the
/// <c>initial-response</c> first, then reads <c>sessionStart</c> and the once-a-second <c>sessionUpdate</c>s while
/// another client puts events. The operation's host prefix (<c>stream-</c>) cannot prefix an IP endpoint, so the client
/// turns host-prefix injection off, as it must for any local endpoint.
/// </summary>
public sealed class LiveTailClientTests : IClassFixture<LogsHost>
{
    private const string Script = """
        import json, os, sys, time, boto3, botocore
        from botocore.config import Config
        config = Config(inject_host_prefix=False, retries={"max_attempts": 1})
        logs = boto3.client("logs", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=config)
        writer = boto3.client("logs", endpoint_url=os.environ["NIMBUS_ENDPOINT"], config=config)
        group = sys.argv[1]
        other = group + "-b"
        for g, s in ((group, "app/1"), (other, "s")):
            logs.create_log_group(logGroupName=g)
            logs.create_log_stream(logGroupName=g, logStreamName=s)
        def put(g, s, *messages):
            now = int(time.time() * 1000)
            writer.put_log_events(logGroupName=g, logStreamName=s, logEvents=[{"timestamp": now, "message": m} for m in messages])
        put(group, "app/1", "ERROR before the session")

        arn = "arn:aws:logs:us-east-1:000000000000:log-group:" + group
        response = logs.start_live_tail(logGroupIdentifiers=[arn, other], logEventFilterPattern="ERROR")
        stream = response["responseStream"]
        start, seen, updates = None, [], 0
        for event in stream:
            if "sessionStart" in event:
                start = event["sessionStart"]
                put(group, "app/1", "ERROR one", "INFO two")
                put(other, "s", "ERROR three")
            elif "sessionUpdate" in event:
                updates += 1
                for r in event["sessionUpdate"]["sessionResults"]:
                    seen.append([r["logGroupIdentifier"], r["logStreamName"], r["message"], r["ingestionTime"] > 0])
                if len(seen) >= 2 or updates >= 30:
                    break
        stream.close()

        def error_of(call):
            try:
                call()
            except botocore.exceptions.ClientError as e:
                return [e.response["Error"]["Code"], e.response["ResponseMetadata"]["HTTPStatusCode"]]
            return None
        print(json.dumps({
            "start": {"groups": start["logGroupIdentifiers"], "pattern": start["logEventFilterPattern"], "session": len(start["sessionId"])},
            "seen": sorted(seen),
            "unknown": error_of(lambda: logs.start_live_tail(logGroupIdentifiers=[group + "-missing"])),
            "eleven": error_of(lambda: logs.start_live_tail(logGroupIdentifiers=[group + "-%d" % i for i in range(11)])),
            "wildcard": error_of(lambda: logs.start_live_tail(logGroupIdentifiers=[arn + ":*"])),
            "streamsOfTwo": error_of(lambda: logs.start_live_tail(logGroupIdentifiers=[group, other], logStreamNames=["s"])),
            "badPattern": error_of(lambda: logs.start_live_tail(logGroupIdentifiers=[group], logEventFilterPattern="{ $.a = ")),
        }))
        """;

    private readonly LogsHost _host;

    public LiveTailClientTests(LogsHost host) => _host = host;

    [Fact]
    public async Task Boto3_ReadsSessionStartAndUpdates_WhileEventsArePut()
    {
        var group = "tail-" + Guid.NewGuid().ToString("N")[..8];

        var result = (await ClientProcess.PythonAsync(_host.Endpoint, Script, group)).EnsureSuccess("boto3 start_live_tail");
        var output = JsonDocument.Parse(result.Stdout).RootElement;

        var start = output.GetProperty("start");
        Assert.Equal([$"arn:aws:logs:us-east-1:000000000000:log-group:{group}", group + "-b"],
            start.GetProperty("groups").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("ERROR", start.GetProperty("pattern").GetString());
        Assert.Equal(36, start.GetProperty("session").GetInt32());
        var seen = output.GetProperty("seen").EnumerateArray().Select(e => $"{e[0].GetString()} {e[1].GetString()} {e[2].GetString()} {e[3].GetBoolean()}").ToList();
        Assert.Equal([$"arn:aws:logs:us-east-1:000000000000:log-group:{group} app/1 ERROR one True", $"{group}-b s ERROR three True"], seen);

        Assert.Equal("ResourceNotFoundException 400", Describe(output, "unknown"));
        Assert.Equal("InvalidParameterException 400", Describe(output, "eleven"));
        Assert.Equal("InvalidParameterException 400", Describe(output, "wildcard"));
        Assert.Equal("InvalidParameterException 400", Describe(output, "streamsOfTwo"));
        Assert.Equal("InvalidParameterException 400", Describe(output, "badPattern"));
    }

    private static string Describe(JsonElement output, string name)
    {
        var error = output.GetProperty(name);
        return error.ValueKind == JsonValueKind.Null ? "no error" : $"{error[0].GetString()} {error[1].GetInt32()}";
    }
}
