using Nimbus.EndToEnd.Tests.Infrastructure;

namespace Nimbus.EndToEnd.Tests;

/// <summary>
/// Reserved concurrency under a burst, against the real server process and real sandboxed runtimes: 50 concurrent
/// invokes of a function with reserved concurrency 5 get exactly 45 AWS throttles, and once the burst is over and
/// the environments idle out, none of the processes it started is left.
/// </summary>
public sealed class ThrottleBurstTests : IDisposable
{
    // Holds each environment long enough for the whole burst to arrive while the first five still run.
    private const string Handler = """
        import time

        def handler(event, context):
            time.sleep(event["hold"])
            return {"held": event["hold"]}
        """;

    private readonly TempDataDirectory _data = new("nimbus-burst");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task FiftyConcurrentInvokes_ReservedFive_ExactlyFortyFiveThrottles_AndNoProcessLeft()
    {
        await using var server = await ServerProcess.StartAsync(_data.Path, "--idle-timeout", "2");
        var name = FunctionPackage.UniqueName("burst");
        var zip = FunctionPackage.WriteZip(("app.py", Handler));
        await server.Cli.JsonAsync("lambda", "create-function", "--function-name", name, "--runtime", "python3.12", "--handler", "app.handler",
            "--role", "arn:aws:iam::000000000000:role/r", "--zip-file", "fileb://" + zip, "--timeout", "60");
        await server.Cli.JsonAsync("lambda", "wait", "function-active-v2", "--function-name", name);
        await server.Cli.JsonAsync("lambda", "put-function-concurrency", "--function-name", name, "--reserved-concurrent-executions", "5");
        // Warm up once, so whatever the engine keeps regardless of this burst (pre-started runtimes) is in the baseline.
        await server.Cli.JsonAsync("lambda", "invoke", "--function-name", name, "--payload", """{"hold":0}""", Path.GetTempFileName());
        var baseline = server.Descendants().Count;

        var result = await server.Boto3.RunAsync($$"""
            from concurrent.futures import ThreadPoolExecutor
            # No client retries: every throttle the server answers is counted once.
            lam = boto3.client("lambda", endpoint_url=os.environ["NIMBUS_ENDPOINT"],
                               config=Config(retries={"mode": "standard", "total_max_attempts": 1}, max_pool_connections=64, read_timeout=120))
            def call(_):
                try:
                    r = lam.invoke(FunctionName="{{name}}", Payload=b'{"hold": 15}')
                    return {"status": r["StatusCode"], "error": r.get("FunctionError")}
                except botocore.exceptions.ClientError as e:
                    return {"status": e.response["ResponseMetadata"]["HTTPStatusCode"], "code": error_code(e), "reason": e.response.get("Reason")}
            with ThreadPoolExecutor(max_workers=50) as pool:
                print(json.dumps(list(pool.map(call, range(50)))))
            """);

        var outcomes = result.EnumerateArray().ToList();
        Assert.Equal(50, outcomes.Count);
        var ran = outcomes.Where(o => o.GetProperty("status").GetInt32() == 200).ToList();
        var throttled = outcomes.Where(o => o.GetProperty("status").GetInt32() == 429).ToList();
        Assert.Equal(5, ran.Count);
        Assert.All(ran, o => Assert.Equal(System.Text.Json.JsonValueKind.Null, o.GetProperty("error").ValueKind));
        Assert.Equal(45, throttled.Count);
        Assert.All(throttled, o =>
        {
            Assert.Equal("TooManyRequestsException", o.GetProperty("code").GetString());
            Assert.Equal("ReservedFunctionConcurrentInvocationLimitExceeded", o.GetProperty("reason").GetString());
        });

        // The burst's environments idle out (--idle-timeout 2) and take their processes with them.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (server.Descendants().Count > baseline)
        {
            if (DateTime.UtcNow > deadline)
            {
                var left = string.Join("\n", server.Descendants().Select(pid => pid + ": " + ServerProcess.CommandLine(pid)));
                Assert.Fail($"{server.Descendants().Count} processes left under the server (baseline {baseline}) a minute after the burst:\n{left}");
            }
            await Task.Delay(500);
        }
    }
}
