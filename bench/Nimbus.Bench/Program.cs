using Nimbus.Bench;

// One command, one small table: see bench/README.md. `bench/run apigw …` measures an HTTP API in front of a function.
if (args.Length > 0 && args[0] == "apigw")
{
    await ApiGatewayBenchmark.RunAsync(BenchOptions.Parse(args[1..]));
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
