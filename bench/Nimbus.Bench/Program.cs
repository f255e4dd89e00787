using Nimbus.Bench;

// One command, one small table: see bench/README.md. `bench/run <suite> …` picks another suite than Lambda invoke.
switch (args.FirstOrDefault())
{
    case "apigw":
        await ApiGatewayBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
        return;
    case "ws":
        await WebSocketBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
        return;
    case "s3":
        await S3Benchmark.RunAsync(args[1..]);
        return;
    case "alarms":
        await AlarmsBenchmark.RunAsync(args[1..]);
        return;
    case "observability":
        await ObservabilityBenchmark.RunAsync(args[1..]);
        return;
    case "observability-server":
        await ObservabilityServer.RunAsync(args[1..]);
        return;
    case "observability-cost":
        await ObservabilityCostBenchmark.RunAsync(args[1..]);
        return;
    case "log-append":
        await LogAppendBenchmark.RunAsync(args[1..]);
        return;
    case "streams":
        await StreamMappingBenchmark.RunAsync(args[1..]);
        return;
    case "s3-events":
        await S3EventBenchmark.RunAsync(args[1..]);
        return;
}
if (args is ["--only", "s3-events", .. var eventOptions])
{
    await S3EventBenchmark.RunAsync(eventOptions);
    return;
}
if (args is ["--only", "s3", .. var s3Options])
{
    await S3Benchmark.RunAsync(s3Options);
    return;
}
var options = BenchOptions.Parse(args);
if (options.Only is null or "http")
{
    await InvokeBenchmark.RunAsync(options);
}
if (options.Only is null or "engine")
{
    await EngineBenchmark.RunAsync(options);
}
