using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// "Nothing acknowledged is lost" for CloudWatch Logs against the real server process: events PutLogEvents accepted
/// are all there, in order, after a SIGKILL right after the last call and a restart on the same data directory; and an
/// event of the same timestamp stored after the restart gets an id after the earlier ones, so the forward token taken
/// before the kill finds exactly it.
/// </summary>
public sealed class LogsKillRestartTests : IDisposable
{
    private const int Calls = 5;

    private const int EventsPerCall = 200;

    private readonly TempDataDirectory _data = new("nimbus-logs-kill");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task KillDashNine_AfterPutLogEvents_EveryAcceptedEventIsReadAfterRestart()
    {
        var group = "/nimbus/kill-" + Guid.NewGuid().ToString("N")[..8];
        string forwardToken;
        long timestamp;
        await using (var first = await ServerProcess.StartAsync(_data.Path))
        {
            // One client process puts every batch, all with the same timestamp (ordered by arrival), and reads the
            // forward token at the end of what it stored; the kill follows the last acknowledgement closely.
            var put = await first.Boto3.RunAsync($$"""
                logs = client("logs")
                logs.create_log_group(logGroupName="{{group}}")
                logs.create_log_stream(logGroupName="{{group}}", logStreamName="s")
                now = int(time.time() * 1000)
                rejected = []
                for call in range({{Calls}}):
                    response = logs.put_log_events(logGroupName="{{group}}", logStreamName="s",
                        logEvents=[{"timestamp": now, "message": f"line {call * {{EventsPerCall}} + i}"} for i in range({{EventsPerCall}})])
                    rejected.append(response.get("rejectedLogEventsInfo"))
                token = logs.get_log_events(logGroupName="{{group}}", logStreamName="s", startFromHead=True, limit=10000)["nextForwardToken"]
                print(json.dumps({"rejected": rejected, "token": token, "timestamp": now}))
                """);
            Assert.All(put.GetProperty("rejected").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.ValueKind));
            forwardToken = put.GetProperty("token").GetString()!;
            timestamp = put.GetProperty("timestamp").GetInt64();

            await first.KillHardAsync();
        }

        await using var second = await ServerProcess.StartAsync(_data.Path);
        var read = await second.Boto3.RunAsync($$"""
            logs = client("logs")
            before = [e["message"] for e in logs.get_log_events(logGroupName="{{group}}", logStreamName="s", startFromHead=True, limit=10000)["events"]]
            # The same timestamp as the events before the kill: only a greater id puts it after them.
            logs.put_log_events(logGroupName="{{group}}", logStreamName="s", logEvents=[{"timestamp": {{timestamp}}, "message": "after restart"}])
            after_token = [e["message"] for e in logs.get_log_events(logGroupName="{{group}}", logStreamName="s", nextToken="{{forwardToken}}")["events"]]
            print(json.dumps({"before": before, "afterToken": after_token}))
            """);

        Assert.Equal(Enumerable.Range(0, Calls * EventsPerCall).Select(n => $"line {n}"), read.GetProperty("before").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["after restart"], read.GetProperty("afterToken").EnumerateArray().Select(e => e.GetString()));
    }
}
