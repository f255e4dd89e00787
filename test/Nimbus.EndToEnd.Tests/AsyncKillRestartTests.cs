using System.Text.Json;
using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Principle 4, "nothing acknowledged is lost", against the real server process: events accepted with 202 are
/// invoked after the server is killed with SIGKILL mid-work and started again on the same data directory.
/// </summary>
public sealed class AsyncKillRestartTests : IDisposable
{
    private const int Events = 5;

    // Each event takes 3 s and at most two run at once, so most are still queued or running when the server dies.
    private const string Handler = """
        import time

        def handler(event, context):
            time.sleep(3)
            print("processed-event", event["run"], event["n"])
            return event["n"]
        """;

    private readonly TempDataDirectory _data = new("nimbus-kill");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task KillDashNine_WithEventsQueued_EveryEventIsInvokedAfterRestart()
    {
        var name = FunctionPackage.UniqueName("durable-events");
        var run = Guid.NewGuid().ToString("N")[..8];
        var zip = FunctionPackage.WriteZip(("app.py", Handler));
        DateTimeOffset restartedAt;
        await using (var first = await ServerProcess.StartAsync(_data.Path))
        {
            await first.Cli.JsonAsync("lambda", "create-function", "--function-name", name, "--runtime", "python3.12", "--handler", "app.handler",
                "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", "fileb://" + zip, "--timeout", "30");
            await first.Cli.JsonAsync("lambda", "wait", "function-active-v2", "--function-name", name);
            await first.Cli.JsonAsync("lambda", "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "2");

            // One client process sends every event, so the kill follows the last 202 closely.
            var accepted = await first.Boto3.RunAsync($$"""
                lam = client("lambda")
                codes = [lam.invoke(FunctionName="{{name}}", InvocationType="Event", Payload=json.dumps({"run": "{{run}}", "n": n}))["StatusCode"] for n in range({{Events}})]
                print(json.dumps(codes))
                """);
            Assert.All(accepted.EnumerateArray(), code => Assert.Equal(202, code.GetInt32()));

            await first.KillHardAsync();
        }

        restartedAt = DateTimeOffset.UtcNow;
        await using var second = await ServerProcess.StartAsync(_data.Path);
        var seen = new Dictionary<int, DateTimeOffset>();
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (seen.Count < Events)
        {
            Assert.True(DateTime.UtcNow < deadline, $"after the restart only events [{string.Join(", ", seen.Keys)}] of {Events} ran. Server output:\n{second.Output}");
            await Task.Delay(1000);
            var result = await second.Cli.RunAsync("logs", "filter-log-events", "--log-group-name", "/aws/lambda/" + name,
                "--filter-pattern", $"\"processed-event {run}\"");
            // The log group appears with the function's first log line, which may only come after the restart.
            if (result.ExitCode != 0 && result.StandardError.Contains("(ResourceNotFoundException)", StringComparison.Ordinal))
            {
                continue;
            }
            Assert.True(result.ExitCode == 0, result.Describe());
            using var found = JsonDocument.Parse(result.StandardOutput);
            foreach (var logEvent in found.RootElement.GetProperty("events").EnumerateArray())
            {
                var n = int.Parse(logEvent.GetProperty("message").GetString()!.Trim().Split(' ')[^1]);
                var at = DateTimeOffset.FromUnixTimeMilliseconds(logEvent.GetProperty("timestamp").GetInt64());
                seen[n] = seen.TryGetValue(n, out var earlier) && earlier > at ? earlier : at;
            }
        }

        Assert.Equal(Enumerable.Range(0, Events), seen.Keys.Order());
        // At-least-once across the crash: whatever finished before the kill may run again, but the events that had not
        // finished can only have run on the restarted server.
        Assert.Contains(seen.Values, at => at >= restartedAt);
    }
}
